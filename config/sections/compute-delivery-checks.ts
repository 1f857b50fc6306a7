import { z } from "zod";
import { shiftsTraffic } from "../../model/compute/delivery";
import type { ComputeConfig } from "./compute";
import type { EcsConfig } from "./compute-ecs";

/** What the rollback alarms need from the observability section. */
export interface DeliveryObservability {
  /** Whether `platform:observability` is set (the alarms are its). */
  readonly present: boolean;
  /** Whether `alarms.target5xxRate` is set (the 5xx-rate alarm exists only then). */
  readonly target5xxRate: boolean;
}

/**
 * Progressive delivery against the rest of the stack: ECS's traffic-shifting strategies move the
 * weights of one production listener rule between two target groups (ECS API Reference,
 * AdvancedConfiguration.productionListenerRule), so the service needs the ALB and exactly one route
 * there; and a rollback alarm must be one the observability tier builds.
 */
export function checkDelivery(compute: ComputeConfig, ecs: EcsConfig, observability: DeliveryObservability, ctx: z.RefinementCtx): void {
  for (const [name, overrides] of Object.entries(ecs.services)) {
    const delivery = overrides.delivery;
    const service = compute.services.find((s) => s.name === name);
    if (!delivery || !service) continue;
    const at = ["compute", "ecs", "services", name, "delivery"];
    const { loadBalancer, paths } = service.routing;
    if (shiftsTraffic(delivery.strategy)) {
      const routes = paths.length + (service.routing.default ? 1 : 0);
      if (loadBalancer !== "alb") {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...at, "strategy"], message: `${delivery.strategy} needs the service behind the ALB (it uses ${loadBalancer}): ECS shifts traffic between two target groups of one listener rule` });
      } else if (routes !== 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [...at, "strategy"],
          message: `${delivery.strategy}: ECS shifts one production listener rule, so the service needs one route (one path, or default: true), not ${routes} (${[...paths, ...(service.routing.default ? ["default"] : [])].join(", ")}); use rolling for it`,
        });
      }
    }
    delivery.rollbackOn.forEach((signal, index) => {
      const path = [...at, "rollbackOn", index];
      if (!observability.present) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `${signal} is an alarm of platform:observability, which this stack does not set` });
      } else if (loadBalancer !== "alb") {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `${signal} watches the service's ALB target groups; the service uses ${loadBalancer}` });
      } else if (signal === "5xx-rate" && !observability.target5xxRate) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: "needs platform:observability.alarms.target5xxRate (the error-rate alarm exists only with its threshold)" });
      }
    });
  }
}
