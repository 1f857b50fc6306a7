import type { LoadBalancerKind } from "../compute/settings";
import { nlbListenerPort } from "../edge/service-routing";
import type { PlatformSettings } from "../platform";
import { DataStore, ServiceReach, storesOfAny } from "./reach";

/** An ECS service's own security group: who it is reached by, and what it reaches. */
export interface ServiceGroupPlan {
  readonly name: string;
  /** The container port its load balancer and the services that declare it are let in on. */
  readonly port: number;
  readonly loadBalancer: LoadBalancerKind;
  readonly reaches: ServiceReach;
}

/** The workload groups of a stack, decided from its settings alone. */
export interface WorkloadGroupsPlan {
  /** One group per ECS service; none under EKS, whose pods carry the cluster group. */
  readonly services: readonly ServiceGroupPlan[];
  /** One group per job that runs in the VPC, with the stores it declares. */
  readonly jobs: readonly { readonly name: string; readonly stores: readonly DataStore[] }[];
  /** The NLB's TLS listener ports, when a service is behind it (its group exists only then). */
  readonly nlbListenerPorts?: readonly number[];
  /** Under EKS: the stores the cluster group is let into (those any service declares). */
  readonly podStores: readonly DataStore[];
}

/**
 * Which workloads get a group of their own and what each is let into: every ECS service and
 * every VPC job, each with exactly its declaration. Under EKS the pods share the cluster group
 * (see storesOfAny), so the services get no group here and the cluster group gets the union.
 */
export function workloadGroups(config: Pick<PlatformSettings, "compute" | "edge" | "jobs">): WorkloadGroupsPlan {
  const services = config.compute?.services ?? [];
  const nlb = services.filter((s) => s.routing.loadBalancer === "nlb");
  const ecs = config.compute?.engine === "ecs";
  return {
    services: ecs ? services.map((s) => ({ name: s.name, port: s.port, loadBalancer: s.routing.loadBalancer, reaches: s.reaches })) : [],
    jobs: config.jobs.functions.filter((job) => job.vpc).map((job) => ({ name: job.name, stores: job.reaches })),
    nlbListenerPorts: nlb.length > 0 ? nlb.map((s) => nlbListenerPort(config, s.name)) : undefined,
    podStores: config.compute?.engine === "eks" ? storesOfAny(services) : [],
  };
}
