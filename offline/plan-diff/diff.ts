import { unwrapSecrets } from "../secrets";
import { isUnder, Leaf, leaves, topLevel } from "./fields";
import { remoteComponentTypes, replacementRuleFor, ReplacementRule } from "./replacement-rules";
import type { DiffOptions, FieldChange, PlanDiff, PlanResource, ProtectedChange, Refusal, ReplaceReason, Replacement, ResourceRef, Update } from "./types";
import { refusalsOf } from "./update-rules";

/**
 * What `pulumi up` would do to go from the `before` plan to the `after` plan, resource by resource
 * (matched by URN): created, updated in place (which fields), replaced (and the field and provider
 * rule that force it), deleted; the updates the provider refuses; and the protected resources
 * replaced or deleted, an error unless the new config acknowledges them.
 *
 * As in a preview, a replaced resource's id and computed attributes (ARN, endpoint) are unknown
 * until it is replaced: an input of another resource that holds one of them changes too, and
 * replaces that resource when the provider forces a new one on it (a replaced KMS key replaces
 * what is encrypted with it).
 *
 * Our own component resources (`platform:*`) own no cloud state: only their children are compared.
 * Provider configuration changes are listed as updates; what a new region or account would
 * replace is not modelled.
 */
export function diffPlans(before: readonly PlanResource[], after: readonly PlanResource[], options: DiffOptions = {}): PlanDiff {
  const compared = (r: PlanResource) => r.custom || remoteComponentTypes.includes(r.type);
  const old = new Map(before.filter(compared).map((r) => [r.urn, r]));
  const now = new Map(after.filter(compared).map((r) => [r.urn, r]));

  const created = [...now.values()].filter((r) => !old.has(r.urn)).map(ref);
  const deleted = [...old.values()].filter((r) => !now.has(r.urn)).map(ref);

  // Changed fields of each resource in both plans, then replacements to a fixed point: a
  // replacement can make another resource's input unknown, which can replace that one in turn.
  const changes = new Map<string, FieldChange[]>();
  for (const [urn, next] of now) {
    const previous = old.get(urn);
    if (previous) changes.set(urn, changedFields(previous, next));
  }
  const reasons = new Map<string, ReplaceReason[]>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [urn, fields] of changes) {
      const next = now.get(urn) as PlanResource;
      const previous = old.get(urn) as PlanResource;
      const cascaded = unknownAfterReplacement(previous, next, fields, reasons, old);
      if (cascaded.length > 0) fields.push(...cascaded);
      if (!reasons.has(urn) && next.custom && !isProvider(next)) {
        const because = replacementReasons(replacementRuleFor(next.type), fields, previous, next);
        if (because.length > 0) {
          reasons.set(urn, because);
          grew = true;
        }
      }
      if (cascaded.length > 0) grew = true;
    }
  }

  const updated: Update[] = [];
  const replaced: Replacement[] = [];
  const refused: Refusal[] = [];
  for (const [urn, fields] of changes) {
    if (fields.length === 0) continue;
    const next = now.get(urn) as PlanResource;
    const previous = old.get(urn) as PlanResource;
    const because = reasons.get(urn);
    if (because) {
      replaced.push({ ...ref(previous), fields, because, deleteBeforeReplace: next.options.deleteBeforeReplace ?? false });
      continue;
    }
    updated.push({ ...ref(previous), fields, ...(next.custom ? {} : { component: true }) });
    for (const refusal of refusalsOf(next.type, fields, plainInputs(next), plainInputs(previous))) {
      refused.push({ urn, type: next.type, name: next.name, ...refusal });
    }
  }

  const protectedChanges = protectedChangesOf(replaced, deleted, options.acknowledged ?? []);
  const errors = [
    ...refused.map((r) => `${r.type} ${r.name}: ${r.refusedBy} refuses this update of ${r.field}: ${r.message}`),
    ...protectedChanges.filter((c) => !c.acknowledged).map(protectionError),
    ...acknowledgementErrors(options.acknowledged ?? [], before, protectedChanges),
  ];
  return { created, updated, replaced, deleted, refused, protectedChanges, errors };
}

function ref(r: PlanResource): ResourceRef {
  return { urn: r.urn, type: r.type, name: r.name, protect: r.options.protect };
}

function isProvider(r: PlanResource): boolean {
  return r.type.startsWith("pulumi:providers:");
}

/** The inputs with secrets unwrapped, for rules that read values. */
function plainInputs(r: PlanResource): Record<string, unknown> {
  return unwrapSecrets(r.inputs);
}

/** Leaves that differ, less those the new registration ignores (`ignoreChanges`). */
function changedFields(previous: PlanResource, next: PlanResource): FieldChange[] {
  const [was, is] = [leaves(previous.inputs), leaves(next.inputs)];
  const paths = [...new Set([...was.keys(), ...is.keys()])];
  return paths
    .filter((path) => was.get(path)?.compared !== is.get(path)?.compared)
    .filter((path) => !ignored(next, path))
    .map((path) => ({ path, before: was.get(path)?.shown, after: is.get(path)?.shown }));
}

function ignored(r: PlanResource, path: string): boolean {
  return r.options.ignoreChanges.some((pattern) => isUnder(path, pattern.replace(/\[\*\]/g, "")));
}

/**
 * Inputs of `next` that hold an id or computed attribute of a resource being replaced: unknown
 * until that replacement, so changed. Only inputs that depend on the replaced resource (the
 * registration's property dependencies) are looked at.
 */
function unknownAfterReplacement(
  previous: PlanResource,
  next: PlanResource,
  fields: readonly FieldChange[],
  replacing: ReadonlyMap<string, unknown>,
  old: ReadonlyMap<string, PlanResource>,
): FieldChange[] {
  const dependencies = next.options.propertyDependencies ?? {};
  const out: FieldChange[] = [];
  const seen = new Set(fields.map((f) => f.path));
  for (const [key, urns] of Object.entries(dependencies)) {
    for (const urn of urns.filter((u) => replacing.has(u))) {
      const values = computedValues(old.get(urn));
      if (values.length === 0) continue;
      for (const leaf of leaves(next.inputs).values()) {
        if (topLevel(leaf.path) !== key || seen.has(leaf.path) || ignored(next, leaf.path)) continue;
        if (holdsAny(leaf, values)) {
          seen.add(leaf.path);
          out.push({ path: leaf.path, before: leaves(previous.inputs).get(leaf.path)?.shown, after: "[unknown until replaced]", unknownAfter: urn });
        }
      }
    }
  }
  return out;
}

/** The id and the attributes the cloud computed (not set as inputs): what a replacement gives anew. */
function computedValues(r: PlanResource | undefined): string[] {
  if (!r) return [];
  const computed = Object.entries(r.state ?? {})
    .filter(([key]) => !(key in r.inputs))
    .map(([, value]) => value);
  // Short values (a port, "true") would match by accident; ids and ARNs are long.
  return [r.id, ...computed].filter((v): v is string => typeof v === "string" && v.length >= 8);
}

function holdsAny(leaf: Leaf, values: readonly string[]): boolean {
  return values.some((v) => leaf.compared.includes(v));
}

/** The fields, among those changed, whose change makes the provider create a new resource. */
function replacementReasons(rule: ReplacementRule, fields: readonly FieldChange[], previous: PlanResource, next: PlanResource): ReplaceReason[] {
  const where = `${rule.provider ?? "hashicorp/terraform-provider-aws v6.58.0"} ${rule.source}`;
  const reasons: ReplaceReason[] = [];
  for (const field of rule.replaceOn) {
    const hit = fields.find((f) => isUnder(f.path, field));
    if (hit) reasons.push({ field: hit.path, rule: `${field} forces a new resource (${where})` });
  }
  const inputs = plainInputs(next);
  for (const condition of rule.conditional ?? []) {
    const hit = fields.find((f) => isUnder(f.path, condition.field));
    if (!hit) continue;
    const [b, a] = [valueAt(previous, condition.field), valueAt(next, condition.field)];
    if (hit.unknownAfter !== undefined || condition.replaces(b, a, inputs)) reasons.push({ field: hit.path, rule: `${condition.reason} (${where})` });
  }
  return reasons;
}

/** The unwrapped value at a dotted path of a resource's inputs (undefined when absent). */
function valueAt(r: PlanResource, path: string): unknown {
  let value: unknown = plainInputs(r);
  for (const key of path.split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(value) && value.length === 1) value = value[0];
  }
  return value;
}

function protectedChangesOf(replaced: readonly Replacement[], deleted: readonly ResourceRef[], acknowledged: readonly string[]): ProtectedChange[] {
  const isAcknowledged = (r: ResourceRef) => acknowledged.some((a) => a === r.name || a === `${r.type}::${r.name}`);
  return [
    ...replaced.filter((r) => r.protect).map((r) => ({ urn: r.urn, type: r.type, name: r.name, change: "replace" as const, acknowledged: isAcknowledged(r) })),
    ...deleted.filter((r) => r.protect).map((r) => ({ urn: r.urn, type: r.type, name: r.name, change: "delete" as const, acknowledged: isAcknowledged(r) })),
  ];
}

function protectionError(change: ProtectedChange): string {
  const verb = change.change === "replace" ? "replaces" : "deletes";
  return `${change.type} ${change.name} is protected and this change ${verb} it: name it in platform:acknowledgedReplacements to accept that (${change.urn})`;
}

/** An acknowledgement must name a protected resource this change replaces or deletes. */
function acknowledgementErrors(acknowledged: readonly string[], before: readonly PlanResource[], changes: readonly ProtectedChange[]): string[] {
  return acknowledged.flatMap((entry) => {
    const matches = (r: { type: string; name: string }) => entry === r.name || entry === `${r.type}::${r.name}`;
    if (changes.some(matches)) return [];
    const known = before.some((r) => r.options.protect && matches(r));
    return [
      known
        ? `platform:acknowledgedReplacements names ${entry}, which this change neither replaces nor deletes: remove it (an acknowledged resource is not protected)`
        : `platform:acknowledgedReplacements names ${entry}, which is no protected resource of the stack`,
    ];
  });
}
