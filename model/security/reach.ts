import { envRefProblem, envRefs } from "../compute/env-refs";
import { parseServiceSecretRef } from "./settings";

/**
 * What each workload may open a connection to, as the stack config declares it: the data stores
 * (by role) and, for services, other services. The security tier turns a declaration into exactly
 * those group-to-group rules, nothing more; the policy pack reads it back from the workload's
 * tags to check that no other rule lets the workload in.
 */

/** The data tier's stores a workload can connect to, each behind its own security group. */
export const dataStores = ["database", "cache"] as const;
export type DataStore = (typeof dataStores)[number];

/** A service's declaration (`platform:compute.services[].reaches`). */
export interface ServiceReach {
  /** Data stores the service connects to: its group gets a rule on each store's group, on the store's port. */
  readonly stores: readonly DataStore[];
  /** Other services it calls directly, task to task: its group gets a rule on each one's group, on that service's port. */
  readonly services: readonly string[];
}

/**
 * Tag keys that carry a workload's declaration on the resource that runs it (the ECS service, the
 * Lambda function): the policy pack has no access to the stack config, so it judges the rules
 * against these. policies/rules/workload-reach.ts names the same keys (the pack imports nothing
 * of the program; a test holds the two equal).
 */
export const reachTagKeys = { stores: "ReachesStores", services: "ReachesServices" } as const;

/** The tags that record a declaration: space-separated names, sorted; empty when none. */
export function reachTags(reach: { readonly stores: readonly string[]; readonly services?: readonly string[] }): Record<string, string> {
  const tags: Record<string, string> = { [reachTagKeys.stores]: [...reach.stores].sort().join(" ") };
  if (reach.services) tags[reachTagKeys.services] = [...reach.services].sort().join(" ");
  return tags;
}

/**
 * The stores a service's own config points at: `${database.host}`-style environment references and
 * `database` / `cache` secrets. A service that reads a store's address or credentials but does
 * not declare it would deploy and then fail to connect, so the config checks refuse it.
 */
export function referencedStores(service: { readonly environment: Readonly<Record<string, string>>; readonly secrets: Readonly<Record<string, string>> }): DataStore[] {
  const found = new Set<DataStore>();
  for (const value of Object.values(service.environment)) {
    for (const ref of envRefs(value)) {
      // Only references that resolve (`${database.host}`); a malformed one is reported as such.
      const store = ref.split(".")[0];
      if (isDataStore(store) && envRefProblem(ref) === undefined) found.add(store);
    }
  }
  for (const reference of Object.values(service.secrets)) {
    const { ref } = parseServiceSecretRef(reference);
    if (isDataStore(ref)) found.add(ref);
  }
  return dataStores.filter((store) => found.has(store));
}

/**
 * Under EKS every pod carries the cluster security group (security groups for pods need node types
 * with trunk interfaces, which the seeds' t3 nodes are not), so the stores open to the cluster
 * group are those any service declares: the union, in the stores' order.
 */
export function storesOfAny(services: readonly { readonly reaches: ServiceReach }[]): DataStore[] {
  return dataStores.filter((store) => services.some((s) => s.reaches.stores.includes(store)));
}

export function isDataStore(name: string): name is DataStore {
  return (dataStores as readonly string[]).includes(name);
}
