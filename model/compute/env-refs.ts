/**
 * References inside plain environment values, resolved to other tiers' outputs at deploy time:
 * `DATABASE_HOST: ${database.host}` (seed 001's environment block). Values are never secrets;
 * credentials go through `secrets` instead.
 */
const refPattern = /\$\{([^}]*)\}/g;

/** The reference kinds a value may use; `bucket.<key>` names a storage bucket. */
export const envRefKinds = ["region", "database.host", "database.port", "cache.host", "cache.port", "bucket.<key>"] as const;

/** Every `${...}` reference in a value, in order. */
export function envRefs(value: string): string[] {
  return [...value.matchAll(refPattern)].map((m) => m[1]);
}

/** Why a reference is not one the platform can resolve, or undefined. */
export function envRefProblem(ref: string): string | undefined {
  if (["region", "database.host", "database.port", "cache.host", "cache.port"].includes(ref)) return undefined;
  if (/^bucket\.[a-z][a-z0-9-]*$/.test(ref)) return undefined;
  return `\${${ref}} is not a known reference (allowed: ${envRefKinds.map((k) => `\${${k}}`).join(", ")})`;
}

/**
 * A value cut into its literal text and its references, in order, literals included even when
 * empty: `a${region}b` -> ["a", { ref: "region" }, "b"]. The wiring joins them with the outputs.
 */
export function envValueParts(value: string): (string | { readonly ref: string })[] {
  const refs = envRefs(value);
  const literals = value.split(refPattern).filter((_, index) => index % 2 === 0);
  const parts: (string | { ref: string })[] = [];
  literals.forEach((literal, index) => {
    parts.push(literal);
    if (index < refs.length) parts.push({ ref: refs[index] });
  });
  return parts;
}
