import { z } from "zod";
import { auroraMysqlDatabase, auroraPostgresDatabase, cacheSchema, postgresDatabase } from "./data";
import { domainName } from "./edge";
import { lifecycleRuleSchema, storageKeyPattern } from "./storage";
import { cacheStandbyStrategies, databaseStandbyStrategies, drStates, standbyModes } from "../../model/dr/settings";
import { readinessScheduleProblem } from "../../model/dr/readiness-schedule";

/**
 * `platform:dr`: the disaster-recovery pairing of a primary stack and its standby stack, the
 * recovery targets a drill is judged against, and which side currently serves traffic.
 *
 * On a primary stack it holds the targets and its `state`. On a standby stack (`role: standby`) it
 * also names the primary it stands by for, the standby posture (pilot light or warm, and its
 * size) and which data stores the drill promotes. The drill (automation/drill) reads this section
 * from the stack files, so its plan and pre-checks work offline.
 */

export const drTargetsSchema = z
  .object({
    rtoMinutes: z.number().int().min(1).max(1440).describe("Recovery time objective: fence of the primary to the first healthy response through DNS."),
    rpoMinutes: z.number().min(0).max(1440).describe("Recovery point objective: the database replication lag when the primary is fenced."),
    filesRpoMinutes: z
      .number()
      .min(0)
      .max(1440)
      .optional()
      .describe("Recovery point objective of the files (the buckets the standby copies), when it differs from rpoMinutes: S3 Replication Time Control's SLA is 15 minutes, so no bucket copy meets less. Default: rpoMinutes."),
  })
  .strict()
  .describe("Recovery objectives. Both are required: a drill without targets cannot pass or fail.");

const stackName = z.string().regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, "must be a stack name: 2-40 characters of a-z, 0-9 and '-'");
const qualifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "must be 1-100 characters of letters, digits, '_', '.' and '-'");

/** Settings of the replica that every engine shares; the rest (storage, name, user) follows the source. */
const replicaCommon = {
  engine: true,
  engineVersion: true,
  instanceClass: true,
  backupRetentionDays: true,
  backupWindow: true,
  maintenanceWindow: true,
  performanceInsights: true,
  performanceInsightsRetentionDays: true,
  logExports: true,
  parameters: true,
} as const;

export const replicaDatabaseSchema = z.discriminatedUnion("engine", [
  postgresDatabase.pick({ ...replicaCommon, maxStorageGb: true, multiAz: true }).strict(),
  auroraPostgresDatabase.pick({ ...replicaCommon, readers: true }).strict(),
  auroraMysqlDatabase.pick({ ...replicaCommon, readers: true }).strict(),
])
.describe("The standby's database, a copy of the primary's: an RDS cross-region read replica (postgres) or the secondary cluster of an Aurora global database. Engine and version must be the primary's. An Aurora secondary runs a `primary` instance (the writer once promoted) and the named readers.");

export const replicaBucketSchema = z
  .object({
    name: z.string().regex(storageKeyPattern, "must be a bucket key of the primary's platform:storage.buckets").describe("The primary's bucket key; the replica is `<project>-<environment>-<name>-<account>-<region>`."),
    lifecycle: z.array(lifecycleRuleSchema).default([]).describe("The replica's own lifecycle (replicated deletes only add delete markers: expire old versions here)."),
    via: z
      .enum(["replication", "backup-copy"])
      .default("replication")
      .describe("How the bucket reaches this region: `replication` (a replica bucket, S3 Replication Time Control: 15 min; the primary marks it `replicate`) or `backup-copy` (the primary's AWS Backup copies in this stack's vault, as often as its plan runs; the primary marks it `backup`)."),
    replicateBack: z
      .boolean()
      .optional()
      .describe(
        "With via replication: the replica replicates back into the primary's bucket (a rule on the replica, RTC 15 min, replica modification sync on both rules), so files written here while this stack serves reach the primary before a failback. Default true; false needs replicateBackOffReason, and the failback then leaves this bucket's new files in this region (docs/dr-runbook.md).",
      ),
    replicateBackOffReason: z
      .string()
      .min(10)
      .optional()
      .describe("Why replicateBack is false (at least 10 characters, e.g. files the application regenerates after a failback): kept with the config for review."),
  })
  .strict()
  .describe("A bucket of the primary's the standby copies: its replica's lifecycle, or its backup copies.");

export const drSection = z
  .object({
    targets: drTargetsSchema,
    state: z.enum(drStates).optional().describe("Which side serves traffic now. Defaults from `role` (primary: serving, standby: standby). Only the drill and failback commands change it, after they moved traffic through AWS APIs."),
    primaryStack: stackName.optional().describe("Standby stacks only: the stack this one stands by for (its StackReference target)."),
    primaryOrganization: qualifier.optional().describe("Standby stacks only: the primary's organization in the state backend; default: this stack's."),
    primaryProject: qualifier.optional().describe("Standby stacks only: the primary's Pulumi project; default: this stack's."),
    standby: z
      .object({
        mode: z.enum(standbyModes).describe("`pilot-light`: data replicates, compute runs 0 tasks. `warm`: compute runs a minimum. `backup-restore`: only the vault of the primary's backup copies, no compute or failover record: restored by hand (docs/dr-runbook.md)."),
        tasksPerService: z.number().int().min(0).describe("Tasks per service while standing by: 0 for pilot light, at least 1 for warm. Under EKS, pods per Deployment (an HPA keeps at least 1)."),
        nodesPerGroup: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("EKS only: nodes per node group while standing by (its minSize and desiredSize; maxSize stays, so the Cluster Autoscaler adds nodes once the workloads scale out). Default: the groups' configured sizes."),
      })
      .strict()
      .optional()
      .describe("Standby stacks only: the standby posture and its size while not serving."),
    promote: z
      .object({
        database: z.enum(databaseStandbyStrategies).describe("`rds-replica` (a PostgreSQL primary's cross-region read replica), `aurora-global` (the secondary of an Aurora global database) or `none`."),
        cache: z.enum(cacheStandbyStrategies).describe("`warm-empty` (the standby's own cache, warmed from the database after a failover), `global-datastore` (refused: the dr tier does not build it) or `none`."),
      })
      .strict()
      .optional()
      .describe("Standby stacks only: which data stores the drill promotes, and how."),
    replica: z
      .object({
        database: replicaDatabaseSchema.optional().describe("With promote.database rds-replica or aurora-global."),
        cache: cacheSchema.optional().describe("With promote.cache warm-empty: the standby's own (empty) cache, warmed after a failover."),
        buckets: z.array(replicaBucketSchema).default([]).describe("One entry per primary bucket marked `replicate` (seed 003: user files to ap-northeast-1), and any the standby expects as backup copies."),
        databaseBackups: z
          .boolean()
          .default(false)
          .describe("With promote.database none: the primary's database reaches this region as AWS Backup copies in this stack's vault (its platform:backup.copyToVaultArn), restored by hand."),
      })
      .strict()
      .optional()
      .describe("Standby stacks only: the settings of the copies the DR tier keeps of the primary's stores."),
    failover: z
      .object({
        domainName: domainName.describe("A name in the edge's zone, distinct from either stack's own names (seed 003 9-2: api.onno.app -> the new ALB)."),
      })
      .strict()
      .optional()
      .describe(
        "The name Route 53 fails over from the primary's load balancer to the standby's. Required on a standby stack (its records and health check). On a primary under compute.engine eks, the same name: its Ingress ALB serves the name's certificate (the load balancer controller keeps only the Ingress's certificates), so the primary's stack issues it; refused on an ECS primary, whose listener the standby's dr tier gives the certificate.",
      ),
    readiness: z
      .object({
        schedule: z
          .string()
          .superRefine((value, ctx) => {
            const problem = readinessScheduleProblem(value);
            if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
          })
          .describe("How often the check runs: `rate(<n> minutes|hours)`, every 5 minutes to 12 hours (its alarm watches two runs, and CloudWatch allows an alarm one day at most)."),
      })
      .strict()
      .optional()
      .describe("Standby stacks only: `npm run readiness`'s checks run on a schedule in this region (an EventBridge-scheduled Lambda); a missed target alarms through the alert topic (needs platform:observability). Off when absent."),
  })
  .strict();

export type DrConfig = z.infer<typeof drSection>;

/** The parts of the whole config the DR rules look at. */
interface DrContext {
  readonly role: "primary" | "standby";
  readonly dr?: DrConfig;
  readonly compute?: { readonly engine: string };
}

/** Required on a standby stack, refused on a primary. */
const standbyOnly = ["primaryStack", "standby", "promote", "failover"] as const;
/** Optional on a standby stack, refused on a primary. */
const standbyOptional = ["primaryOrganization", "primaryProject", "replica", "readiness"] as const;

/** Cross-field rules of `platform:dr`, reported through the schema's refinement context. */
export function checkDr(config: DrContext, ctx: z.RefinementCtx): void {
  const { role, dr } = config;
  if (!dr) {
    if (role === "standby") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["dr"],
        message: "is required on a standby stack (role: standby): targets, primaryStack, standby, promote and failover",
      });
    }
    return;
  }
  if (role === "standby") {
    const backupRestore = dr.standby?.mode === "backup-restore";
    for (const key of standbyOnly) {
      // A backup-and-restore standby has no load balancer for a failover record to answer with.
      if (key === "failover" && backupRestore) {
        if (dr.failover !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", "failover"], message: "is not set for standby.mode backup-restore: nothing serves in this region until a restore (use mode pilot-light for a failover record)" });
        continue;
      }
      if (dr[key] === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", key], message: `is required on a standby stack (role: standby)` });
      }
    }
  } else {
    for (const key of [...standbyOnly, ...standbyOptional]) {
      // An EKS primary names the failover name its Ingress serves (failover-checks.ts).
      if (key === "failover" && config.compute?.engine === "eks") continue;
      if (dr[key] !== undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", key], message: "is set only on a standby stack (role: standby)" });
      }
    }
  }
  if (dr.standby) {
    const { mode, tasksPerService } = dr.standby;
    if (mode === "pilot-light" && tasksPerService !== 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["dr", "standby", "tasksPerService"],
        message: "must be 0 for mode pilot-light (use mode: warm to keep tasks running)",
      });
    }
    if (mode === "backup-restore" && tasksPerService !== 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", "standby", "tasksPerService"], message: "must be 0 for mode backup-restore (no standby compute)" });
    }
    if (mode === "warm" && tasksPerService < 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", "standby", "tasksPerService"], message: "must be at least 1 for mode warm" });
    }
  }
}
