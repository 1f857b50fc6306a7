/**
 * The stack as stack rules see it, and how they link one resource to another (a bucket to its
 * encryption configuration, a security group to what it is attached to). A link is found first
 * through the engine's property dependencies, which are known even during a preview when the ids
 * are not, then by value (id, ARN or name), so links hold in a preview, an update and offline.
 */
import type { PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import { isUnknown, unwrap } from "./unknown";

export interface StackResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Outputs as plain data (inputs plus what the provider computed). */
  readonly props: Record<string, unknown>;
  readonly opts: PolicyResourceOptions;
  readonly parentUrn?: string;
  /** Resource URNs each top-level property depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** Resolved targets of a link, or `unknown` when neither dependencies nor a known value decide it. */
export type Link = { readonly known: true; readonly targets: readonly StackResource[] } | { readonly known: false };

/** Properties that identify a resource when another one refers to it by value. */
const identityKeys = ["id", "arn", "name", "bucket", "bucketDomainName", "clusterIdentifier", "identifier", "keyId", "repositoryUrl"];

export class StackView {
  readonly resources: readonly StackResource[];
  private readonly byUrn: ReadonlyMap<string, StackResource>;

  constructor(resources: readonly PolicyResource[]) {
    this.resources = resources.map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: unwrap(r.props) ?? {},
      opts: r.opts,
      parentUrn: r.parent?.urn,
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([key, deps]) => [key, deps.map((d) => d.urn)])),
    }));
    this.byUrn = new Map(this.resources.map((r) => [r.urn, r]));
  }

  ofType(...types: readonly string[]): StackResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  get(urn: string): StackResource | undefined {
    return this.byUrn.get(urn);
  }

  /**
   * The resources of `types` that `from` refers to through `property` (top-level key); `path`
   * reaches a nested value (`accessLogs.bucket`) when the reference sits deeper.
   */
  link(from: StackResource, property: string, types: readonly string[], path: string = property): Link {
    const deps = (from.propertyDependencies[property] ?? []).map((urn) => this.byUrn.get(urn)).filter((r): r is StackResource => !!r && types.includes(r.type));
    if (deps.length > 0) return { known: true, targets: deps };
    const value = valueAt(from.props, path);
    if (value === undefined || value === null || value === "") return { known: true, targets: [] };
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null);
    if (values.some(isUnknown)) return { known: false };
    const wanted = new Set(values.map(String));
    return { known: true, targets: this.ofType(...types).filter((r) => identityKeys.some((key) => typeof r.props[key] === "string" && wanted.has(r.props[key]))) };
  }

  /** Resources of `types` whose `property` links to `target`, with whether any link was unknown. */
  linkedTo(target: StackResource, types: readonly string[], property: string, path: string = property): { readonly sources: StackResource[]; readonly unknown: StackResource[] } {
    const sources: StackResource[] = [];
    const unknown: StackResource[] = [];
    for (const candidate of this.ofType(...types)) {
      const link = this.link(candidate, property, [target.type], path);
      if (!link.known) unknown.push(candidate);
      else if (link.targets.includes(target)) sources.push(candidate);
    }
    return { sources, unknown };
  }

  /**
   * True when any property of `from` depends on `target` or holds its id or ARN at any depth
   * (also inside text, such as a Kubernetes annotation listing security groups).
   */
  references(from: StackResource, target: StackResource): boolean {
    if (Object.values(from.propertyDependencies).some((deps) => deps.includes(target.urn))) return true;
    const ids = new Set(["id", "arn"].map((key) => target.props[key]).filter((v): v is string => typeof v === "string" && v.length >= 8 && !isUnknown(v)));
    return ids.size > 0 && containsAny(from.props, ids);
  }
}

export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || isUnknown(node)) return isUnknown(node) ? node : undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function containsAny(value: unknown, ids: ReadonlySet<string>): boolean {
  if (typeof value === "string") return ids.has(value) || [...ids].some((id) => value.includes(id));
  if (Array.isArray(value)) return value.some((v) => containsAny(v, ids));
  if (value && typeof value === "object") return Object.values(value).some((v) => containsAny(v, ids));
  return false;
}
