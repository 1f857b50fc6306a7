/**
 * A service's secret reference (the values of `compute.services[].secrets`), as the EKS variant
 * reads it:
 *
 *   arn:aws:secretsmanager:<region>:<account>:secret:<name>   the whole secret string
 *   arn:...:secret:<name>#<jsonKey>                           one key of a JSON secret
 *   <store>#<jsonKey>                                         a secret the platform generated,
 *                                                             e.g. `database#password`
 *
 * `#` cannot occur in a Secrets Manager name, so the split is unambiguous. Pure logic.
 */

export interface SecretRef {
  /** A Secrets Manager ARN, or the name of a platform store (`database`, `cache`). */
  readonly source: { readonly arn: string } | { readonly store: string };
  /** JSON key inside the secret string; the whole string when undefined. */
  readonly jsonKey?: string;
}

const arnPattern = /^arn:aws(?:-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const storePattern = /^[a-z][a-z0-9-]*$/;
const keyPattern = /^[A-Za-z0-9_.-]+$/;

/** Parses a reference; throws a message naming what is allowed. */
export function parseSecretRef(text: string, stores: readonly string[]): SecretRef {
  const [head, jsonKey, ...rest] = text.split("#");
  if (rest.length > 0 || (jsonKey !== undefined && !keyPattern.test(jsonKey))) {
    throw new Error("has a bad #jsonKey (one key of letters, digits, _ . -)");
  }
  if (arnPattern.test(head)) return { source: { arn: head }, jsonKey };
  if (storePattern.test(head) && stores.includes(head)) {
    if (jsonKey === undefined) throw new Error(`names the ${head} secret without a #jsonKey (e.g. ${head}#password)`);
    return { source: { store: head }, jsonKey };
  }
  const storeList = stores.length > 0 ? stores.map((s) => `${s}#<key>`).join(", ") : "none in this stack";
  throw new Error(`must be a Secrets Manager secret ARN (optionally #jsonKey) or a platform secret (${storeList})`);
}
