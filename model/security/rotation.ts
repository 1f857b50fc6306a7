import type { ComputeSettings } from "../compute/settings";
import { parseServiceSecretRef } from "./settings";

/** An ECS service, by cluster and service name. */
export interface ServiceName {
  readonly cluster: string;
  readonly service: string;
}

/**
 * The ECS services that read each secret reference (`database`, `cache`, an app secret key), by
 * the names ECS knows them under (`<namePrefix>-cluster`, the service's name). ECS injects a
 * secret into a container when the task starts ("Pass sensitive data to an Amazon ECS
 * container", Amazon ECS Developer Guide): after a rotation only new tasks read the new value, so
 * these services are restarted. EKS pods read their copies at start too, and are not listed: the
 * cluster's workloads are not restarted by the rotation (docs/tiers.md says so).
 */
export function servicesReadingSecrets(compute: ComputeSettings | undefined, namePrefix: string): Record<string, ServiceName[]> {
  const readers: Record<string, ServiceName[]> = {};
  if (compute?.engine !== "ecs") return readers;
  for (const service of compute.services) {
    const refs = new Set(Object.values(service.secrets).map((text) => parseServiceSecretRef(text).ref));
    for (const ref of refs) (readers[ref] ??= []).push({ cluster: `${namePrefix}-cluster`, service: service.name });
  }
  return readers;
}
