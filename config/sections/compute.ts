import { z } from "zod";
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
    /** Stable key, e.g. `office-hours`. */
    name: serviceName,
    /** EventBridge/Application Auto Scaling cron, 6 fields, evaluated in `timezone`. */
    cron: z.string(),
    /** IANA zone; the seeds are Korean products, so KST by default. */
    timezone: z.string().default("Asia/Seoul"),
    minCapacity: z.number().int().min(0),
    maxCapacity: z.number().int().min(0).optional(),
  })
  .strict();

export const serviceSchema = z
  .object({
    name: serviceName,
    /** Container port (seed 001: frontend 3000, backend 3001). */
    port: z.number().int().min(1024, "must be 1024-65535 (containers run as non-root)").max(65535, "must be 1024-65535"),
    /** Image: a key of `storage.repositories` (the stack's ECR) with a tag, or a full image URI. */
    image: z.union([
      z.object({ repository: z.string(), tag: z.string().default("latest") }).strict(),
      z.object({ uri: z.string().min(1) }).strict(),
    ]),
    /** Task/pod CPU in ECS units (1024 = 1 vCPU); seed 001 frontend 512, backend 1024. */
    cpuUnits: z.number().int().positive(),
    /** Task/pod memory in MiB; seed 001 frontend 1024, backend 2048. */
    memoryMb: z.number().int().positive(),
    /** HTTP path the load balancer and the container health check probe. */
    healthCheckPath: z.string().regex(/^\//, "must start with /"),
    /** Plain environment variables; never secrets. */
    environment: z.record(z.string()).default({}),
    /** Environment variable -> secret reference, injected from Secrets Manager by ARN. */
    secrets: z.record(z.string()).default({}),
    scaling: z
      .object({
        min: z.number().int().min(0),
        desired: z.number().int().min(0),
        max: z.number().int().min(1),
        /** Target-tracking CPU % (seeds 001, 003: 70). */
        cpuTargetPercent: z.number().min(10).max(95).default(70),
        /** Target-tracking memory % (seed 001 backend: 80); omitted = CPU only. */
        memoryTargetPercent: z.number().min(10).max(95).optional(),
        /** Seed 003: scale in after 300 s, out after 60 s. */
        scaleInCooldownSeconds: z.number().int().min(0).default(300),
        scaleOutCooldownSeconds: z.number().int().min(0).default(60),
        /** Scheduled capacity (seed 003: weekdays 09-18 KST minimum 4). */
        schedules: z.array(scheduleSchema).default([]),
      })
      .strict(),
    /** How traffic reaches the service. */
    routing: z
      .object({
        loadBalancer: z.enum(["alb", "nlb", "none"]).default("alb"),
        /** ALB path patterns (seed 001 backend: /api/*, /socket.io/*). */
        paths: z.array(z.string()).default([]),
        /** Receives the ALB's default rule (seed 001: frontend). */
        default: z.boolean().default(false),
      })
      .strict()
      .default({}),
    /** Long-lived connections: stickiness and a 3600 s idle timeout (seed 001 backend, 003 ws). */
    websocket: z.boolean().default(false),
    /** Read-only root filesystem unless the image must write outside /tmp. */
    readOnlyRootFilesystem: z.boolean().default(true),
    /** AWS permissions of the service's own role: bucket keys of `storage.buckets`. */
    permissions: z
      .object({
        buckets: z.array(z.object({ bucket: z.string(), access: z.enum(["read", "readwrite"]) }).strict()).default([]),
      })
      .strict()
      .default({}),
  })
  .strict();

export type ServiceConfig = z.infer<typeof serviceSchema>;

/** `platform:compute`. The ECS variant adds `ecs`, the EKS variant `eks`. */
export const computeSection = z
  .object({
    /** Which compute variant runs the services; nothing else in the program changes with it. */
    engine: z.enum(["ecs", "eks"]),
    services: z.array(serviceSchema).min(1, "needs at least one service"),
    /** ECS-only settings (Container Insights, Spot share, deployment bounds); see compute-ecs.ts. */
    ecs: ecsSection.optional(),
    /** Kubernetes settings (cluster, node groups, add-ons, monitoring, pod sizes); engine `eks` only. */
    eks: eksSection.optional(),
  })
  .strict();

export type ComputeConfig = z.infer<typeof computeSection>;
