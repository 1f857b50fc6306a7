import { z } from "zod";
import { albHostedZoneId } from "../../model/edge/alb-zones";
import { isInZone } from "../../model/edge/settings";

/** What the failover-name checks read of the whole config. */
export interface FailoverCheckInput {
  readonly region: string;
  readonly role: "primary" | "standby";
  readonly dr?: {
    readonly failover?: { readonly domainName: string };
    readonly standby?: { readonly mode: string };
    readonly promote?: unknown;
  };
  readonly edge?: {
    readonly zone: { readonly name: string };
    readonly domainName: string;
    readonly originDomainName?: string;
    readonly nlb?: { readonly domainName: string };
  };
  readonly compute?: { readonly engine: string; readonly services: readonly { readonly routing: { readonly loadBalancer: string } }[] };
}

/**
 * `platform:dr.failover`: the name Route 53 fails over between the pair's load balancers.
 *
 * On a standby (ECS or EKS) it holds the failover records; on an EKS primary it names what its
 * Ingress must serve as the PRIMARY: the load balancer controller owns an Ingress ALB's listener
 * certificates (it keeps exactly the Ingress's `certificate-arn` list), so the name's certificate
 * goes on that list in the primary's own stack. An ECS primary needs nothing: the standby's dr tier
 * attaches the certificate to its listener (components/dr/failover.ts).
 *
 * Each side answers with its own ALB: the ECS variant's (services on the ALB) or the Ingress's
 * (services routed through it), in a region whose ALB hosted zone is known (the alias's zone id).
 */
export function checkFailoverName(config: FailoverCheckInput, ctx: z.RefinementCtx): void {
  const { dr, compute } = config;
  const failover = dr?.failover;
  const standbySide = config.role === "standby" && dr?.promote !== undefined && dr.standby?.mode !== "backup-restore";
  const primarySide = config.role === "primary" && failover !== undefined && compute?.engine === "eks";
  if (!standbySide && !primarySide) return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

  const albServices = (compute?.services ?? []).filter((s) => s.routing.loadBalancer === "alb");
  if (compute?.engine === "eks") {
    if (!config.edge || albServices.length === 0) {
      // The record answers with the Ingress ALB, which exists only with services routed through it.
      issue(["dr", "failover"], "needs this stack's Ingress ALB: services routed through the ALB (routing.loadBalancer alb) and platform:edge");
      return;
    }
  } else if (!config.edge || compute?.engine !== "ecs" || albServices.length === 0) {
    // The SECONDARY record answers with this stack's ALB, which the ECS variant builds for its ALB services.
    issue(["dr", "failover"], "needs this stack's own ALB: platform:edge and ECS services routed through the ALB (compute.engine ecs)");
    return;
  }
  if (!failover) return;
  if (compute.engine === "eks" && albHostedZoneId(config.region) === undefined) {
    issue(
      ["region"],
      `is ${config.region}, whose Application Load Balancer hosted zone the platform does not know (model/edge/alb-zones.ts, from AWS's table in "Elastic Load Balancing endpoints and quotas"): the failover record's alias needs it`,
    );
  }
  const { edge } = config;
  if (!isInZone(failover.domainName, edge.zone.name)) {
    issue(["dr", "failover", "domainName"], `is not in the hosted zone ${edge.zone.name} (platform:edge.zone), where the failover records go`);
  }
  const own = [edge.domainName, edge.originDomainName, edge.nlb?.domainName].filter((name): name is string => name !== undefined);
  if (own.includes(failover.domainName)) {
    issue(["dr", "failover", "domainName"], "is one of this stack's own edge names: the failover name needs records of its own");
  }
}
