import * as pulumi from "@pulumi/pulumi";
import { isSecretValue } from "../secrets";

/**
 * A resource passed as an input (a remote component's `serviceRole`) arrives rehydrated as a
 * Resource object; it is recorded as `{ resourceRef: "<type>::<name>" }`, which tests can compare
 * and plan.json can print.
 */
export function resourceReferences(value: unknown): unknown {
  if (pulumi.Resource.isInstance(value)) {
    const resource = value as unknown as { __pulumiType: string; __name: string };
    return { resourceRef: `${resource.__pulumiType}::${resource.__name}` };
  }
  if (isSecretValue(value) || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(resourceReferences);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resourceReferences(v)]));
}
