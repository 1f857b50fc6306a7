import * as pulumi from "@pulumi/pulumi";

/**
 * Secret values as the mock monitor hands them over: wrapped in the engine's secret signature.
 * Captured inputs keep them wrapped so a test can tell a secret input from a plain one.
 */
export function isSecretValue(value: unknown): boolean {
  return pulumi.runtime.isRpcSecret(value);
}

/** Replaces secret values with `[secret]`, recursively. */
export function redactSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v)]));
  }
  return value;
}

/**
 * Replaces secret values with what they hold, recursively: what a model or a policy reads. A
 * resource's inputs (a property map, which is never itself a secret) stay a property map.
 */
export function unwrapSecrets(value: Readonly<Record<string, unknown>>): Record<string, unknown>;
export function unwrapSecrets(value: unknown): unknown;
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets(pulumi.runtime.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}
