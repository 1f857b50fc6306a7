import { isSecretValue, redactSecrets, unwrapSecrets } from "../secrets";

/** A leaf of a resource's inputs: its path, its value as printed (secrets redacted) and as compared. */
export interface Leaf {
  readonly path: string;
  readonly shown: unknown;
  /** JSON of the unwrapped value: two leaves are equal when this is. */
  readonly compared: string;
}

/**
 * The leaves of an input map: objects by `.key`, lists by `[i]`. A secret is one leaf, shown as
 * `[secret]` (as the renderer redacts it) and compared by what it holds, so a changed secret is
 * a changed field whose values are never printed. An empty object or list is a leaf of its own.
 */
export function leaves(inputs: Readonly<Record<string, unknown>>): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (value: unknown, path: string) => {
    if (isSecretValue(value) || value === null || typeof value !== "object" || isEmpty(value)) {
      out.set(path, { path, shown: redactSecrets(value), compared: JSON.stringify(unwrapSecrets(value)) ?? "undefined" });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else for (const [key, item] of Object.entries(value)) if (item !== undefined) walk(item, path ? `${path}.${key}` : key);
  };
  walk(inputs, "");
  out.delete("");
  return out;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** A path's segments without list indexes: `a[0].b` -> `["a", "b"]`. */
export function segments(path: string): string[] {
  return path
    .replace(/\[[^\]]*\]/g, "")
    .split(".")
    .filter((s) => s !== "");
}

/**
 * One segment as rules name it: nested block names come from the provider's snake_case schema,
 * Pulumi pluralises list blocks (`encryption_configuration` -> `encryptionConfigurations`), so
 * the comparison ignores case and a trailing `s`.
 */
function comparable(segment: string): string {
  return segment.toLowerCase().replace(/ies$/, "y").replace(/sses$/, "ss").replace(/s$/, "");
}

/** True when `path` is `prefix` or lies under it (list indexes and a pluralising `s` ignored). */
export function isUnder(path: string, prefix: string): boolean {
  const [p, q] = [segments(path).map(comparable), segments(prefix).map(comparable)];
  return q.length <= p.length && q.every((s, i) => s === p[i]);
}

/** The top-level input a leaf path belongs to. */
export function topLevel(path: string): string {
  return segments(path)[0] ?? path;
}
