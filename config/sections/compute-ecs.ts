import { z } from "zod";
import { deliveryProblems, maxBakeMinutes } from "../../model/compute/delivery";

const percent = z.number().int("must be a whole percent").min(0).max(100).describe("Whole percent, 0-100.");

/** ECS's bounds of a container health check (HealthCheck in the ECS API reference, docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html). */
const seconds = (min: number, max: number) => z.number().int().min(min, `ECS allows ${min}-${max} seconds`).max(max, `ECS allows ${min}-${max} seconds`);

/**
 * A container health check is opt-in, with the user's own command: the platform cannot know what
 * an image contains (alpine and distroless images have no curl, and an essential container whose
 * check cannot run is UNHEALTHY, so ECS replaces its tasks forever). The load balancer's target
 * group already probes `healthCheckPath` from outside.
 */
export const containerHealthCheckSchema = z
  .object({
    command: z
      .array(z.string())
      .describe("`[CMD, <executable>, <args>...]` runs the executable directly; `[CMD-SHELL, <command>]` runs one command with the image's shell. Exit 0 is healthy. It runs inside the container: use a tool the image has (seed 003's node:22-alpine: `[CMD, node, -e, <script>]`)."),
    interval: seconds(5, 300).optional().describe("Seconds between checks, 5-300 (ECS default 30)."),
    timeout: seconds(2, 60).optional().describe("Seconds one check may take before it counts as failed, 2-60 (ECS default 5)."),
    retries: z.number().int().min(1, "ECS allows 1-10").max(10, "ECS allows 1-10").optional().describe("Consecutive failures before the container is UNHEALTHY, 1-10 (ECS default 3)."),
    startPeriod: seconds(0, 300).optional().describe("Seconds after the container starts during which failures do not count, 0-300 (ECS default: none)."),
  })
  .strict()
  .superRefine((check, ctx) => {
    for (const problem of healthCheckCommandProblems(check.command)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["command", ...problem.path], message: problem.message });
  });

/** What ECS refuses, or cannot run, in a health check command; each problem with its index in the array. */
export function healthCheckCommandProblems(command: readonly string[]): { path: number[]; message: string }[] {
  const [form, ...rest] = command;
  if (form !== "CMD" && form !== "CMD-SHELL") {
    return [{ path: [0], message: `must be CMD (run an executable) or CMD-SHELL (run with the image's shell), not ${form === undefined ? "missing" : JSON.stringify(form)}` }];
  }
  if (rest.length === 0) return [{ path: [], message: `${form} needs ${form === "CMD" ? "an executable to run" : "the shell command to run"}` }];
  if (form === "CMD-SHELL" && rest.length > 1) return [{ path: [], message: "CMD-SHELL takes one shell command string after it (join the words into one string)" }];
  return rest.flatMap((part, i) => (part.trim() === "" ? [{ path: [i + 1], message: "is empty" }] : []));
}

/** A bake time: ECS takes 0-1440 minutes (DeploymentConfiguration.bakeTimeInMinutes, CanaryConfiguration, LinearConfiguration in the ECS API Reference). */
const bakeMinutes = z
  .number()
  .int()
  .min(0, `ECS allows 0-${maxBakeMinutes} minutes`)
  .max(maxBakeMinutes, `ECS allows 0-${maxBakeMinutes} minutes`);

/** How a new revision takes over from the running one (model/compute/delivery.ts says what ECS runs). */
export const deliverySchema = z
  .object({
    strategy: z
      .enum(["rolling", "blue-green", "canary", "linear"])
      .describe("`rolling` replaces tasks in batches (`deployment` bounds); `blue-green` starts the new revision beside the old and moves all traffic at once; `canary` moves one share, waits, then the rest; `linear` moves equal shares with a wait between them. The last three are ECS's own (no CodeDeploy) and need the service behind the ALB with one route."),
    trafficSteps: z
      .array(z.number())
      .min(1)
      .max(34)
      .optional()
      .describe("Percent of production traffic on the new revision after each step, increasing, ending at 100. `canary`: `[<percent>, 100]` (ECS has one canary step); `linear`: equal steps, 3 % or more (`[10, 20, ..., 100]`)."),
    stepBakeMinutes: bakeMinutes.optional().describe("Minutes each step is watched before the next, 0-1440 (`canary`: ECS default 10; `linear`: 6)."),
    bakeMinutes: bakeMinutes.optional().describe("Minutes the old revision is kept after all traffic moved, 0-1440, so a rollback is a switch back (`blue-green`, `canary`, `linear`; ECS default when omitted)."),
    rollbackOn: z
      .array(z.enum(["5xx-count", "5xx-rate", "p95-latency"]))
      .default([])
      .describe("The observability tier's alarms on the service's target groups that roll a deployment back when one fires during it: `5xx-count` (`alarms.target5xxPer5Minutes`), `5xx-rate` (`alarms.target5xxRate`), `p95-latency` (`alarms.responseTimeP95Seconds`). The circuit breaker rolls back failed task starts either way."),
  })
  .strict()
  .superRefine((delivery, ctx) => {
    for (const problem of deliveryProblems(delivery)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...problem.path], message: problem.message });
  });

export const ecsServiceSettings = z
  .object({
    spotPercent: percent.optional().describe("Overrides the stack's `spotPercent` for this service."),
    onDemandBaseTasks: z.number().int().min(0).optional().describe("Overrides the stack's `onDemandBaseTasks` for this service."),
    containerHealthCheck: containerHealthCheckSchema
      .optional()
      .describe("Opt-in container health check with a command the image can run. None by default: the load balancer's target group checks `healthCheckPath`, and a check the image cannot run (curl in an alpine image) marks the essential container UNHEALTHY and replaces its tasks forever."),
    delivery: deliverySchema.optional().describe("How a new revision takes over (strategy, traffic steps, bake times) and which alarms roll it back. Rolling with the circuit breaker when omitted."),
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
