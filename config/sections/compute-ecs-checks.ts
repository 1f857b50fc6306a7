import { z } from "zod";
import { describeMemoryOptions, fargateCpuUnits, isFargatePair } from "../../model/compute/fargate";
import type { ComputeConfig } from "./compute";
import { ecsDefaults } from "./compute-ecs";
import { checkDelivery, DeliveryObservability } from "./compute-delivery-checks";

/** Rules of the ECS variant: Fargate sizes, and overrides that name real services. */
export function checkEcs(compute: ComputeConfig, observability: DeliveryObservability, ctx: z.RefinementCtx): void {
  if (compute.engine !== "ecs") {
    if (compute.ecs !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compute", "ecs"], message: `applies only when engine is ecs (engine is ${compute.engine})` });
    }
    return;
  }
  compute.services.forEach((service, index) => {
    if (!fargateCpuUnits.includes(service.cpuUnits)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["compute", "services", index, "cpuUnits"],
        message: `is not a Fargate task size (allowed: ${fargateCpuUnits.join(", ")})`,
      });
    } else if (!isFargatePair(service.cpuUnits, service.memoryMb)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["compute", "services", index, "memoryMb"],
        message: `does not pair with ${service.cpuUnits} CPU units on Fargate (allowed: ${describeMemoryOptions(service.cpuUnits)} MiB)`,
      });
    }
  });
  const names = compute.services.map((s) => s.name);
  const ecs = compute.ecs ?? ecsDefaults;
  for (const key of Object.keys(ecs.services)) {
    if (!names.includes(key)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["compute", "ecs", "services", key],
        message: `names no service (services: ${names.join(", ")})`,
      });
    }
  }
  checkDelivery(compute, ecs, observability, ctx);
  if (ecs.deployment.minimumHealthyPercent >= ecs.deployment.maximumPercent) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["compute", "ecs", "deployment", "maximumPercent"],
      message: `must be above minimumHealthyPercent (${ecs.deployment.minimumHealthyPercent}) or a deployment cannot start a new task`,
    });
  }
}
