import { z } from "zod";
import { envRefProblem, envRefs } from "../../model/compute/env-refs";
import { DataStore, referencedStores } from "../../model/security/reach";
import { parseServiceSecretRef } from "../../model/security/settings";
import type { ComputeConfig } from "./compute";

/** The data stores the stack has: its own data tier's, or on a standby the dr tier's copies. */
export interface ReachContext {
  readonly stores: readonly DataStore[];
}

/**
 * Rules on `compute.services[].reaches`, the declaration each service's security group is built
 * from: every name must be a store the stack has or another service, and a service that reads a
 * store's address or credentials must declare the store (otherwise it deploys and cannot connect).
 */
export function checkServiceReach(compute: ComputeConfig, context: ReachContext, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compute", "services", ...path], message });
  const names = compute.services.map((s) => s.name);
  compute.services.forEach((service, index) => {
    const at = (...rest: (string | number)[]) => [index, "reaches", ...rest];
    service.reaches.stores.forEach((store, i) => {
      if (service.reaches.stores.indexOf(store) !== i) issue(at("stores", i), "is listed twice");
      else if (!context.stores.includes(store)) {
        issue(at("stores", i), `names the ${store}, which this stack does not have (stores: ${context.stores.join(", ") || "none"}; platform:data, or on a standby the dr tier's replicas)`);
      }
    });
    service.reaches.services.forEach((target, i) => {
      if (service.reaches.services.indexOf(target) !== i) issue(at("services", i), "is listed twice");
      else if (target === service.name) issue(at("services", i), "names the service itself: no rule is built from a service's group to itself (its tasks do not call one another directly)");
      else if (!names.includes(target)) issue(at("services", i), `names no service (services: ${names.join(", ")})`);
    });
    if (compute.engine === "eks" && service.reaches.services.length > 0) {
      issue(at("services"), "must be empty under engine eks: every pod carries the cluster security group, which already lets pods reach one another, so no per-service rule can hold (use a Kubernetes NetworkPolicy)");
    }
    for (const store of referencedStores(service)) {
      if (service.reaches.stores.includes(store)) continue;
      issue(at("stores"), `must include ${store}: the service reads its address or credentials (${storeVariables(service, store).join(", ")}), but its security group would not be let in`);
    }
  });
}

/** The service's variables that point at a store, from its environment and its secrets. */
function storeVariables(service: ComputeConfig["services"][number], store: DataStore): string[] {
  const fromEnvironment = Object.entries(service.environment).filter(([, value]) => envRefs(value).some((ref) => ref.split(".")[0] === store && envRefProblem(ref) === undefined));
  const fromSecrets = Object.entries(service.secrets).filter(([, reference]) => parseServiceSecretRef(reference).ref === store);
  return [...fromEnvironment, ...fromSecrets].map(([variable]) => variable);
}
