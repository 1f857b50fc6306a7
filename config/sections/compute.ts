import { z } from "zod";
import { dataStores } from "../../model/security/reach";
import { ecsSection } from "./compute-ecs";
import { eksSection } from "./compute-eks";

/**
 * The service list shared by both compute variants (`engine: ecs` and `engine: eks`): one entry
 * per container service, sized and scaled per environment. Engine-specific settings live in
 * `compute.ecs` / `compute.eks` (their own modules).
 */
export const serviceName = z.string().regex(/^[a-z][a-z0-9-]{0,27}[a-z0-9]$/, "must be 2-29 characters of a-z, 0-9 and '-'");

export const scheduleSchema = z
  .object({
    name: serviceName.describe("Stable key, e.g. `office-hours`."),
    cron: z.string().describe("EventBridge/Application Auto Scaling cron, 6 fields, evaluated in `timezone`."),
    timezone: z.string().default("Asia/Seoul").describe("IANA zone; the seeds are Korean products, so KST by default."),
    minCapacity: z.number().int().min(0).describe("Fewest tasks while the schedule holds (Onno: 4 on weekdays 09-18 KST)."),
    maxCapacity: z.number().int().min(0).optional().describe("Most tasks while the schedule holds; the service's max when absent."),
  })
  .strict();

export const serviceSchema = z
  .object({
    name: serviceName.describe("Stable key of the service: part of its resources' names and of the routes, secrets and alarms that name it."),
    port: z.number().int().min(1024, "must be 1024-65535 (containers run as non-root)").max(65535, "must be 1024-65535").describe("Container port (seed 001: frontend 3000, backend 3001)."),
    image: z.union([
      z
        .object({
          repository: z.string().describe("A key of storage.repositories: the stack's own ECR repository."),
          tag: z.string().default("latest").describe("The image tag to run."),
        })
        .strict(),
      z.object({ uri: z.string().min(1).describe("A full image URI, e.g. public.ecr.aws/<alias>/<image>:<tag>.") }).strict(),
    ])
    .describe("Image: a key of `storage.repositories` (the stack's ECR) with a tag, or a full image URI."),
    cpuUnits: z.number().int().positive().describe("Task/pod CPU in ECS units (1024 = 1 vCPU); seed 001 frontend 512, backend 1024."),
    memoryMb: z.number().int().positive().describe("Task/pod memory in MiB; seed 001 frontend 1024, backend 2048."),
    healthCheckPath: z.string().regex(/^\//, "must start with /").describe("HTTP path the load balancer and the container health check probe."),
    environment: z.record(z.string()).default({}).describe("Plain environment variables; never secrets."),
    secrets: z.record(z.string()).default({}).describe("Environment variable -> secret reference, injected from Secrets Manager by ARN."),
    scaling: z
      .object({
        min: z.number().int().min(0).describe("Fewest tasks (pods on EKS) the autoscaler keeps."),
        desired: z.number().int().min(0).describe("Tasks the service starts with; between min and max."),
        max: z.number().int().min(1).describe("Most tasks the autoscaler scales to."),
        cpuTargetPercent: z.number().min(10).max(95).default(70).describe("Target-tracking CPU % (seeds 001, 003: 70)."),
        memoryTargetPercent: z.number().min(10).max(95).optional().describe("Target-tracking memory % (seed 001 backend: 80); omitted = CPU only."),
        scaleInCooldownSeconds: z.number().int().min(0).default(300).describe("Seed 003: scale in after 300 s, out after 60 s."),
        scaleOutCooldownSeconds: z.number().int().min(0).default(60).describe("Seconds after a scale-out before the next one (Onno: 60)."),
        schedules: z.array(scheduleSchema).default([]).describe("Scheduled capacity (seed 003: weekdays 09-18 KST minimum 4)."),
      })
      .strict()
      .describe("Task counts, target tracking and scheduled capacity."),
    routing: z
      .object({
        loadBalancer: z.enum(["alb", "nlb", "none"]).default("alb").describe("`alb`: HTTP(S) through the ALB; `nlb`: TLS through the Network Load Balancer (Onno's WebSocket server); `none`: not reachable from outside."),
        paths: z.array(z.string()).default([]).describe("ALB path patterns (seed 001 backend: /api/*, /socket.io/*)."),
        default: z.boolean().default(false).describe("Receives the ALB's default rule (seed 001: frontend)."),
      })
      .strict()
      .default({})
      .describe("How traffic reaches the service."),
    websocket: z.boolean().default(false).describe("Long-lived connections: stickiness and a 3600 s idle timeout (seed 001 backend, 003 ws)."),
    readOnlyRootFilesystem: z.boolean().default(true).describe("Read-only root filesystem unless the image must write outside /tmp."),
    permissions: z
      .object({
        buckets: z
          .array(
            z
              .object({
                bucket: z.string().describe("Key of storage.buckets."),
                access: z.enum(["read", "readwrite"]).describe("`read`: get and list; `readwrite`: also put and delete."),
              })
              .strict(),
          )
          .default([])
          .describe("Buckets the service's task role may use, and how."),
      })
      .strict()
      .default({})
      .describe("AWS permissions of the service's own role: bucket keys of `storage.buckets`."),
    reaches: z
      .object({
        stores: z
          .array(z.enum(dataStores))
          .default([])
          .describe("Data stores the service connects to (`database`, `cache`): its group gets a rule on each store's group, on the store's port. Required for every store whose address or secret the service reads."),
        services: z
          .array(z.string())
          .default([])
          .describe("Services of `compute.services` it calls task to task (not through a load balancer): a rule on each one's group, on that service's port. ECS only: under EKS every pod shares the cluster group."),
      })
      .strict()
      .default({})
      .describe("What the service's own security group may open connections to; nothing but the load balancer's traffic in and HTTPS out when omitted (seed 002: the API tier reaches the database and Redis, the web tier neither)."),
  })
  .strict();

export const computeSection = z
  .object({
    engine: z.enum(["ecs", "eks"]).describe("Which compute variant runs the services; nothing else in the program changes with it."),
    services: z.array(serviceSchema).min(1, "needs at least one service").describe("One entry per container service, sized and scaled per environment; both compute variants run the same list."),
    ecs: ecsSection.optional().describe("ECS-only settings (Container Insights, Spot share, deployment bounds); see compute-ecs.ts."),
    eks: eksSection.optional().describe("Kubernetes settings (cluster, node groups, add-ons, monitoring, pod sizes); engine `eks` only."),
  })
  .strict()
  .describe("`platform:compute`. The ECS variant adds `ecs`, the EKS variant `eks`.");

export type ComputeConfig = z.infer<typeof computeSection>;
