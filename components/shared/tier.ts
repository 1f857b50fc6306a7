import * as pulumi from "@pulumi/pulumi";

export type TierName =
  | "network"
  | "security"
  | "data"
  | "storage"
  | "compute"
  | "edge"
  | "jobs"
  | "messaging"
  | "observability"
  | "backup"
  | "dr";

/**
 * Base of every tier component: type token `platform:<tier>:<Name>`, and a `Tier` tag on every
 * taggable child. Project, Environment and ManagedBy come from the provider's defaultTags.
 */
export abstract class TierComponent extends pulumi.ComponentResource {
  protected constructor(readonly tier: TierName, typeName: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(`platform:${tier}:${typeName}`, name, {}, { ...opts, transformations: [...(opts?.transformations ?? []), tierTag(tier)] });
  }
}

const taggableByType = new Map<string, boolean>();

/**
 * True when the resource class copies a `tags` argument into its inputs. The generated classes of
 * every Pulumi provider do so exactly for the types whose schema has `tags`, so this follows the
 * provider version instead of a hand-kept list.
 */
export function isTaggable(resource: pulumi.Resource, type: string): boolean {
  let known = taggableByType.get(type);
  if (known === undefined) {
    known = resource.constructor.toString().includes('resourceInputs["tags"] = args');
    taggableByType.set(type, known);
  }
  return known;
}

/** Adds `Tier` to a taggable child's tags unless an inner tier already set it. */
export function tierTag(tier: TierName): pulumi.ResourceTransformation {
  return (args) => {
    if (!(args.resource instanceof pulumi.CustomResource) || !isTaggable(args.resource, args.type)) {
      return undefined;
    }
    // The resource's own inputs, as the SDK hands them over (untyped): a map, an Output of one, or nothing.
    const tags: unknown = args.props.tags;
    if (tags === undefined || (typeof tags === "object" && !pulumi.Output.isInstance(tags))) {
      const plain = (tags ?? {}) as Record<string, unknown>;
      return plain.Tier ? undefined : { props: { ...args.props, tags: { Tier: tier, ...plain } }, opts: args.opts };
    }
    return {
      props: { ...args.props, tags: pulumi.output(tags as pulumi.Input<Record<string, string>>).apply((t) => ({ Tier: tier, ...t })) },
      opts: args.opts,
    };
  };
}
