import type { ServiceSettings } from "../compute/settings";
import { drState } from "../dr/settings";
import type { PlatformSettings } from "../platform";
import { planRouting, RoutingPlan } from "./routing";

/**
 * Decisions the edge, compute and security tiers share about how the services are reached: their
 * routing plan, the NLB's listeners and the health URL the rollout probes. Pure functions of the
 * settings (the security groups' own plan is model/security/workload-groups.ts).
 */

/** The routing plan of a service list (the config checks report its problems; the edge registers its rules). */
export function planServiceRouting(services: readonly ServiceSettings[]): RoutingPlan {
  return planRouting(services.map((s) => ({ name: s.name, port: s.port, loadBalancer: s.routing.loadBalancer, paths: s.routing.paths, default: s.routing.default })));
}

/** The stack's routing plan. */
export function routingPlan(config: Pick<PlatformSettings, "compute">): RoutingPlan {
  return planServiceRouting(config.compute?.services ?? []);
}

/** A service's TLS listener port on the NLB: its own, else 443. */
export function nlbListenerPort(config: Pick<PlatformSettings, "edge">, service: string): number {
  return config.edge?.nlb?.listenerPorts[service] ?? 443;
}

/** Seed 001: WebSocket connections stay open up to an hour; otherwise the ALB's default minute. */
export function albIdleTimeoutSeconds(configured: number | undefined, services: readonly { readonly websocket: boolean }[]): number {
  return configured ?? (services.some((s) => s.websocket) ? 3600 : 60);
}

/** The path the public health check probes: the ALB's default service's (seed 001 checks `/api/health`). */
export function healthPath(config: Pick<PlatformSettings, "compute">): string | undefined {
  const routing = routingPlan(config);
  const services = config.compute?.services ?? [];
  const service = services.find((s) => s.name === routing.defaultService) ?? services.find((s) => routing.albServices.includes(s.name));
  return service?.healthCheckPath;
}

/** The name the ALB answers by itself: the origin name behind CloudFront, else the edge's name. */
export function albHostName(config: Pick<PlatformSettings, "edge">): string | undefined {
  return config.edge?.cloudFront ? config.edge.originDomainName : config.edge?.domainName;
}

/**
 * The stack's own health URL, through its load balancer's own name (the ALB's name behind
 * CloudFront), the ECS variant's ALB or the EKS variant's Ingress ALB: what the rollout probes
 * after `up`, and what a standby's failover health check probes on its primary. A standby that runs no task while standing by
 * publishes none, so the rollout skips it visibly instead of failing on a pilot light.
 */
export function healthUrl(config: Pick<PlatformSettings, "compute" | "edge" | "role" | "dr">): string | undefined {
  const edge = config.edge;
  const path = healthPath(config);
  // Under EKS, the Ingress ALB's own name (a primary's failover health check probes it).
  if (!edge || (config.compute?.engine !== "ecs" && config.compute?.engine !== "eks") || path === undefined) return undefined;
  if (config.role === "standby" && drState(config) === "standby" && (config.dr?.standby?.tasksPerService ?? 0) === 0) return undefined;
  return `https://${albHostName(config)}${path}`;
}
