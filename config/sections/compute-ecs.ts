import { z } from "zod";

const percent = z.number().int("must be a whole percent").min(0).max(100).describe("Whole percent, 0-100.");

export const ecsServiceSettings = z
  .object({
    spotPercent: percent.optional().describe("Overrides the stack's `spotPercent` for this service."),
    onDemandBaseTasks: z.number().int().min(0).optional().describe("Overrides the stack's `onDemandBaseTasks` for this service."),
    containerHealthCheck: z.boolean().default(true).describe("Container health check `curl -f http://localhost:<port><healthCheckPath>` (seed 003's task definition). Turn off for images without curl; the load balancer still checks the path."),
  })
  .strict()
  .describe("ECS-only settings of one service, keyed by the service's name in `compute.ecs.services`.");

export const ecsSection = z
  .object({
    containerInsights: z.enum(["enabled", "enhanced", "disabled"]).default("enabled").describe("CloudWatch Container Insights on the cluster; `enhanced` adds task- and container-level metrics."),
    spotPercent: percent.default(0).describe("Percent of each service's tasks (above the on-demand base) on FARGATE_SPOT. Seed 000: 80 in prod, 100 in staging. Default 0: on-demand only."),
    onDemandBaseTasks: z.number().int().min(0).default(0).describe("Tasks of each service that always run on on-demand FARGATE, before the Spot split."),
    healthCheckGracePeriodSeconds: z.number().int().min(0).max(7200).default(60).describe("Seconds a new task may fail load-balancer health checks while it starts (seed 003: 60)."),
    deployment: z
      .object({
        minimumHealthyPercent: z.number().int().min(0).max(100).default(100).describe("Share of the desired tasks that must stay healthy during a deployment (Onno: 100 %)."),
        maximumPercent: z.number().int().min(100).max(200).default(200).describe("Share of the desired tasks that may run during a deployment, old and new together (Onno: 200 %)."),
      })
      .strict()
      .default({})
      .describe("Rolling deployment bounds (seed 003: 100 % healthy, up to 200 %)."),
    services: z.record(z.string(), ecsServiceSettings).default({}).describe("Per-service overrides, keyed by service name."),
  })
  .strict()
  .describe("`platform:compute.ecs`: settings only the ECS Fargate variant has.");

export type EcsConfig = z.infer<typeof ecsSection>;

/** The settings used when `compute.ecs` is omitted. */
export const ecsDefaults: EcsConfig = ecsSection.parse({});
