import * as pulumi from "@pulumi/pulumi";

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

/** Replaces each reference through `lookup`; a value without references stays a plain string. */
export function resolveEnvValue(value: string, lookup: (ref: string) => pulumi.Input<string | number>): pulumi.Input<string> {
  const refs = envRefs(value);
  if (refs.length === 0) return value;
  const literals = value.split(refPattern).filter((_, index) => index % 2 === 0);
  const parts: pulumi.Input<string | number>[] = [];
  literals.forEach((literal, index) => {
    parts.push(literal);
    if (index < refs.length) parts.push(lookup(refs[index]));
  });
  return pulumi.concat(...parts);
}
