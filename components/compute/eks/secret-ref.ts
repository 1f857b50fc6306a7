/**
 * A service's secret reference (the values of `compute.services[].secrets`), in the syntax both
 * compute variants share: `<store>` for a whole secret string or `<store>:<jsonKey>` for one key
 * of a JSON secret, where a store is a secret the platform made (the data tier's `database` and
 * `cache`). Secrets are never named by ARN in config: the platform creates them and resolves
 * the ARN. Pure logic.
 */

export interface SecretRef {
  /** The platform store, e.g. `database`. */
  readonly store: string;
  /** JSON key inside the secret string; the whole string when undefined. */
  readonly jsonKey?: string;
}

const keyPattern = /^[A-Za-z0-9_.-]+$/;

/** Parses a reference; throws a message naming what is allowed. */
export function parseSecretRef(text: string, stores: readonly string[]): SecretRef {
  const colon = text.indexOf(":");
  const store = colon < 0 ? text : text.slice(0, colon);
  const jsonKey = colon < 0 ? undefined : text.slice(colon + 1);
  if (!stores.includes(store)) {
    throw new Error(`names no secret of this stack (allowed: ${stores.length > 0 ? stores.map((s) => `${s}[:<jsonKey>]`).join(", ") : "none"})`);
  }
  if (jsonKey !== undefined && !keyPattern.test(jsonKey)) throw new Error("has a bad JSON key after ':' (letters, digits, _ . -)");
  return { store, jsonKey };
}
