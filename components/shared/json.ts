import * as pulumi from "@pulumi/pulumi";

/**
 * `value` as JSON text, resolving the Outputs (and promises) anywhere inside it: what
 * `pulumi.jsonStringify` returns (secret if any of them is, unknown in a preview while any of them
 * is, depending on the resources of all of them), for less of the SDK's promise machinery.
 * `jsonStringify` turns every object and list on the way to an Output into an Output of its own
 * (a promised object, a copy of the resources' set, the SDK's debug wrappers); this collects the
 * Outputs once, waits on them with one `pulumi.all`, and writes them into a copy of `value`.
 * Policy documents and dashboards are most of the JSON a stack builds: the 20x plan spends about a
 * tenth less CPU (scripts/bench.ts).
 */
export function jsonText(value: unknown): pulumi.Output<string> {
  const leaves: unknown[] = [];
  collect(value, leaves);
  if (leaves.length === 0) return pulumi.output(JSON.stringify(value));
  // `all` lifts an Output a leaf resolves to, as jsonStringify does.
  return pulumi.all(leaves).apply((resolved) => JSON.stringify(substitute(value, resolved, { next: 0 })));
}

/** What the SDK resolves: an Output, a promise, and a bare unknown (which makes the text unknown). */
function isLeaf(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise || pulumi.isUnknown(value);
}

/** Objects and lists are walked; a Resource is left as it is, as `pulumi.output` leaves it. */
function isWalked(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null && !pulumi.Resource.isInstance(value);
}

function collect(value: unknown, leaves: unknown[]): void {
  if (isLeaf(value)) leaves.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collect(item, leaves));
  else if (isWalked(value)) Object.values(value).forEach((item) => collect(item, leaves));
}

/** A copy of `value` with its leaves replaced, in the order `collect` found them. */
function substitute(value: unknown, resolved: readonly unknown[], cursor: { next: number }): unknown {
  if (isLeaf(value)) return resolved[cursor.next++];
  if (Array.isArray(value)) return value.map((item) => substitute(item, resolved, cursor));
  if (isWalked(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, resolved, cursor)]));
  return value;
}
