import { z } from "zod";

/**
 * The identifiers a drill acts on, published by the standby stack as its `drill` output. The
 * standby stack reads the primary's outputs through its StackReference and re-publishes what the
 * drill needs about both sides, so a drill needs only the standby's state: it still works when the
 * primary region is down.
 */
export const drillOutputName = "drill";

const https = z.string().regex(/^https:\/\/[^/\s]+\/\S*$/, "must be an https URL with a path, e.g. https://app.example.com/healthz");
const id = z.string().min(1);

/**
 * An EKS side: what the drill needs to reach its Kubernetes API (the public endpoint, reached from
 * CI's ranges, the cluster's `deployerCidrs`; the cluster CA, base64 PEM as EKS publishes it) and the
 * objects it scales: each service's Deployment and its HorizontalPodAutoscaler, in one namespace.
 */
const eksSchema = z
  .object({
    clusterName: id,
    endpoint: z.string().regex(/^https:\/\/[^/\s]+\/?$/, "must be the cluster's https endpoint, e.g. https://ABC123.gr7.ap-northeast-2.eks.amazonaws.com"),
    certificateAuthority: z.string().regex(/^[A-Za-z0-9+/=]+$/, "must be the cluster CA as EKS gives it (base64)"),
    namespace: id,
    workloads: z.array(z.object({ deployment: id, hpa: id }).strict()).min(1, "needs at least one workload"),
  })
  .strict();

const sideSchema = z
  .object({
    stack: id,
    region: id,
    /** Health URL of this side's own load balancer, bypassing the failover record. */
    healthUrl: https,
    /** The load balancer's DNS name: what the failover record answers for this side. */
    loadBalancerDnsName: id,
    /** The compute: ECS services or EKS workloads, exactly one (the pair's `platform:compute.engine`). */
    ecs: z.object({ clusterName: id, serviceNames: z.array(id).min(1, "needs at least one service") }).strict().optional(),
    eks: eksSchema.optional(),
  })
  .strict()
  .superRefine((side, ctx) => {
    if (Boolean(side.ecs) === Boolean(side.eks)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "needs exactly one of ecs (ECS services) or eks (EKS workloads)" });
  });

const auroraMember = z.object({ clusterIdentifier: id, clusterArn: z.string().regex(/^arn:aws[a-z-]*:rds:/, "must be an RDS cluster ARN") }).strict();

const databaseSchema = z.discriminatedUnion("strategy", [
  z.object({ strategy: z.literal("aurora-global"), globalClusterIdentifier: id, primary: auroraMember, standby: auroraMember }).strict(),
  z.object({ strategy: z.literal("rds-replica"), primary: z.object({ instanceIdentifier: id }).strict(), standby: z.object({ instanceIdentifier: id }).strict() }).strict(),
  z.object({ strategy: z.literal("none") }).strict(),
]);

const cacheGroup = z.object({ replicationGroupId: id }).strict();

const cacheSchema = z.discriminatedUnion("strategy", [
  z.object({ strategy: z.literal("global-datastore"), globalReplicationGroupId: id, primary: cacheGroup, standby: cacheGroup }).strict(),
  z.object({ strategy: z.literal("warm-empty"), primary: cacheGroup, standby: cacheGroup }).strict(),
  z.object({ strategy: z.literal("none") }).strict(),
]);

/**
 * A bucket of the primary replicated into the standby: what S3's replication metrics are keyed by
 * (AWS/S3 ReplicationLatency and OperationsPendingReplication, dimensions SourceBucket,
 * DestinationBucket and RuleId; Amazon S3 User Guide, "Metrics and dimensions", replication metrics).
 */
const replicatedBucket = z
  .object({
    key: id,
    sourceBucket: id,
    replicaBucket: id,
    ruleId: id,
    /** The reverse rule on the replica, into the source bucket (replicateBack); absent when off, or in outputs from before it. */
    reverseRuleId: id.optional(),
  })
  .strict();

export const drillTargetsSchema = z
  .object({
    /** The public health URL, resolved through the failover record: what users reach. */
    publicUrl: https,
    dns: z.object({ hostedZoneId: id, recordName: id, primaryHealthCheckId: id }).strict(),
    primary: sideSchema,
    standby: sideSchema,
    database: databaseSchema,
    cache: cacheSchema,
    /** The primary's buckets replicated into the standby; none in outputs from before files counted. */
    files: z.array(replicatedBucket).default([]),
  })
  .strict()
  .superRefine((targets, ctx) => {
    if (Boolean(targets.primary.eks) !== Boolean(targets.standby.eks)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["standby"], message: "both sides run the same compute engine (ecs or eks)" });
  });

export type DrillTargets = z.infer<typeof drillTargetsSchema>;
export type SideTargets = z.infer<typeof sideSchema>;
export type EksTargets = z.infer<typeof eksSchema>;
export type ComputeEngine = "ecs" | "eks";

/** The side's compute engine, from its targets. */
export const engineOf = (side: SideTargets): ComputeEngine => (side.eks ? "eks" : "ecs");

/** The side's ECS cluster and services; an error names the side when it runs EKS. */
export function ecsOf(side: SideTargets): NonNullable<SideTargets["ecs"]> {
  if (!side.ecs) throw new Error(`${side.stack} runs on EKS: it has no ECS services`);
  return side.ecs;
}

/** The side's EKS cluster and workloads; an error names the side when it runs ECS. */
export function eksOf(side: SideTargets): EksTargets {
  if (!side.eks) throw new Error(`${side.stack} runs on ECS: it has no EKS workloads`);
  return side.eks;
}

/** The names of the side's services (ECS services, or EKS Deployments). */
export const serviceNamesOf = (side: SideTargets): string[] => (side.eks ? side.eks.workloads.map((w) => w.deployment) : ecsOf(side).serviceNames);
export type DatabaseTargets = z.infer<typeof databaseSchema>;
export type CacheTargets = z.infer<typeof cacheSchema>;
export type ReplicatedBucketTargets = z.infer<typeof replicatedBucket>;
export type SideName = "primary" | "standby";

export const otherSide = (side: SideName): SideName => (side === "primary" ? "standby" : "primary");

/** Reads the `drill` output; every problem listed with its path. */
export function parseDrillTargets(outputs: Readonly<Record<string, unknown>>, stack: string): DrillTargets {
  const value = outputs[drillOutputName];
  if (value === undefined) {
    throw new Error(`stack ${stack} has no '${drillOutputName}' output: deploy its dr tier first (npm run rollout -- --stacks ${stack})`);
  }
  const parsed = drillTargetsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${[drillOutputName, ...issue.path].join(".")}: ${issue.message}`);
    throw new Error(`stack ${stack}'s '${drillOutputName}' output is not what the drill needs:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
