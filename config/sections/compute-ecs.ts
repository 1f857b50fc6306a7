import { z } from "zod";

/** Whole percent, 0-100. */
const percent = z.number().int("must be a whole percent").min(0).max(100);

/** ECS-only settings of one service, keyed by the service's name in `compute.ecs.services`. */
export const ecsServiceSettings = z
  .object({
    /** Overrides the stack's `spotPercent` for this service. */
    spotPercent: percent.optional(),
    /** Overrides the stack's `onDemandBaseTasks` for this service. */
    onDemandBaseTasks: z.number().int().min(0).optional(),
    /**
     * Container health check `curl -f http://localhost:<port><healthCheckPath>` (seed 003's task
     * definition). Turn off for images without curl; the load balancer still checks the path.
     */
    containerHealthCheck: z.boolean().default(true),
  })
  .strict();

/** `platform:compute.ecs`: settings only the ECS Fargate variant has. */
export const ecsSection = z
  .object({
    /** CloudWatch Container Insights on the cluster; `enhanced` adds task- and container-level metrics. */
    containerInsights: z.enum(["enabled", "enhanced", "disabled"]).default("enabled"),
    /**
     * Percent of each service's tasks (above the on-demand base) on FARGATE_SPOT. Seed 000: 80 in
     * prod, 100 in staging. Default 0: on-demand only.
     */
    spotPercent: percent.default(0),
    /** Tasks of each service that always run on on-demand FARGATE, before the Spot split. */
    onDemandBaseTasks: z.number().int().min(0).default(0),
    /** Seconds a new task may fail load-balancer health checks while it starts (seed 003: 60). */
    healthCheckGracePeriodSeconds: z.number().int().min(0).max(7200).default(60),
    /** Rolling deployment bounds (seed 003: 100 % healthy, up to 200 %). */
    deployment: z
      .object({
        minimumHealthyPercent: z.number().int().min(0).max(100).default(100),
        maximumPercent: z.number().int().min(100).max(200).default(200),
      })
      .strict()
      .default({}),
    /** Per-service overrides, keyed by service name. */
    services: z.record(z.string(), ecsServiceSettings).default({}),
  })
  .strict();

export type EcsConfig = z.infer<typeof ecsSection>;

/** The settings used when `compute.ecs` is omitted. */
export const ecsDefaults: EcsConfig = ecsSection.parse({});
