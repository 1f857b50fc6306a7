import { z } from "zod";
import { dataIdentifiers, isBurstable, rdsIdentifierProblem, replicationGroupIdProblem, tlsParameter } from "../../model/data/engines";
import { accountIdStandIn, bucketName, bucketNameProblems } from "../../model/storage/naming";
import { lifecycleRuleProblems } from "../../model/storage/lifecycle";
import { checkCacheTopology, checkWindows } from "./data-checks";
import type { DrConfig } from "./dr";
import type { EdgeConfig } from "./edge";
import { storageKeyPattern } from "./storage";

/** What the standby checks read besides `platform:dr`. */
export interface StandbyCheckInput {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
  readonly role: "primary" | "standby";
  readonly network: { readonly availabilityZones: readonly string[] };
  readonly dr?: DrConfig;
  readonly edge?: EdgeConfig;
  readonly compute?: {
    readonly engine: string;
    readonly services: readonly { readonly routing: { readonly loadBalancer: string } }[];
    readonly eks?: { readonly nodeGroups: Readonly<Record<string, { readonly maxSize: number }>> };
  };
  readonly storage: { readonly buckets: readonly { readonly name: string }[] };
}

/** The engines each database promotion builds on. */
const promotionEngines = { "rds-replica": ["postgres"], "aurora-global": ["aurora-postgresql", "aurora-mysql"], none: [] } as const;

/**
 * Rules of a standby stack's DR tier that the field schema cannot state: the replicas' settings
 * match the promotions and the standby's size its compute (the failover name: failover-checks.ts).
 * Rules between the standby and its primary need both stack files
 * and live in components/dr/strategy.ts.
 */
export function checkStandby(config: StandbyCheckInput, ctx: z.RefinementCtx): void {
  const { dr } = config;
  if (config.role !== "standby" || !dr?.promote) return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", ...path], message });
  const { promote } = dr;
  const replica = dr.replica;

  if (dr.standby?.mode === "backup-restore") {
    // Only the vault: the copies are restored by hand (docs/dr-runbook.md), nothing is promoted.
    if (promote.database !== "none") issue(["promote", "database"], "must be none for standby.mode backup-restore: the database is restored from its backup copies (replica.databaseBackups)");
    if (promote.cache !== "none") issue(["promote", "cache"], "must be none for standby.mode backup-restore: a cache is rebuilt after a restore");
    if (config.compute) issue(["standby", "mode"], "is backup-restore, which runs no compute: remove platform:compute, or use mode pilot-light");
  }
  checkStandbySize(config, issue);
  if (replica?.databaseBackups && promote.database !== "none") {
    issue(["replica", "databaseBackups"], `applies with promote.database none only: ${promote.database} keeps a live copy already`);
  }

  if (promote.cache === "global-datastore") {
    issue(["promote", "cache"], "global-datastore is not built by the dr tier: use warm-empty (the standby's own cache, warmed from the database after a failover)");
  }

  const database = replica?.database;
  if (promote.database === "none") {
    if (database) issue(["replica", "database"], "is set, but promote.database is none: remove it, or promote a replica");
  } else if (!database) {
    issue(["replica", "database"], `is required with promote.database ${promote.database}: the replica's engine, version and class`);
  } else {
    const engines: readonly string[] = promotionEngines[promote.database];
    if (!engines.includes(database.engine)) {
      issue(["replica", "database", "engine"], `does not fit promote.database ${promote.database} (allowed: ${engines.join(", ")})`);
    }
    const ids = dataIdentifiers(config.project, config.environment);
    const idProblem = rdsIdentifierProblem(ids.database);
    if (idProblem) issue(["replica", "database"], `identifier ${idProblem}: shorten project or environment`);
    checkWindows(issue, ["replica", "database"], database.backupWindow, "backupWindow", database.maintenanceWindow, 30);
    const tls = tlsParameter(database.engine);
    if (tls.name in database.parameters) issue(["replica", "database", "parameters", tls.name], `is set by the platform to ${tls.value} (TLS is always required)`);
    if (database.engine !== "postgres") {
      if (isBurstable(database.instanceClass)) issue(["replica", "database", "instanceClass"], "is burstable: an Aurora global database needs db.r* or db.x2g classes");
      const zones = config.network.availabilityZones;
      const names = database.readers.map((r) => r.name);
      database.readers.forEach((reader, index) => {
        const at = ["replica", "database", "readers", index];
        if (names.indexOf(reader.name) !== index) issue([...at, "name"], "is used twice");
        if (reader.instanceClass && isBurstable(reader.instanceClass)) issue([...at, "instanceClass"], "is burstable: an Aurora global database needs db.r* or db.x2g classes");
        if (reader.availabilityZone !== undefined && !zones.includes(reader.availabilityZone)) issue([...at, "availabilityZone"], `is not one of the stack's zones (allowed: ${zones.join(", ")})`);
      });
    }
  }

  const cache = replica?.cache;
  if (promote.cache === "warm-empty" && !cache) {
    issue(["replica", "cache"], "is required with promote.cache warm-empty: the node type and topology of the standby's own cache");
  } else if (promote.cache !== "warm-empty" && cache) {
    issue(["replica", "cache"], `is set, but promote.cache is ${promote.cache}: only warm-empty builds a cache of its own`);
  } else if (cache) {
    const groupProblem = replicationGroupIdProblem(dataIdentifiers(config.project, config.environment).cache);
    if (groupProblem) issue(["replica", "cache"], groupProblem);
    checkWindows(issue, ["replica", "cache"], cache.snapshotWindow, "snapshotWindow", cache.maintenanceWindow, 60);
    checkCacheTopology(issue, ["replica", "cache"], cache);
  }

  const ownBuckets = config.storage.buckets.map((b) => b.name);
  const replicaNames = (replica?.buckets ?? []).map((b) => b.name);
  (replica?.buckets ?? []).forEach((bucket, index) => {
    const at = ["replica", "buckets", index];
    if (replicaNames.indexOf(bucket.name) !== index) issue([...at, "name"], "is listed twice");
    if (bucket.via === "backup-copy" && bucket.lifecycle.length > 0) issue([...at, "lifecycle"], "applies to a replica bucket only: backup copies follow the primary's plan's retention");
    if (ownBuckets.includes(bucket.name)) issue([...at, "name"], "is also a bucket of storage.buckets: the replica would take its name");
    checkReplicateBack(bucket, at, issue);
    const physical = bucketName(`${config.project}-${config.environment}`, bucket.name, accountIdStandIn, config.region);
    // A key the schema already rejected would only repeat its problem here.
    if (storageKeyPattern.test(bucket.name)) bucketNameProblems(physical).forEach((problem) => issue([...at, "name"], `gives bucket name ${physical.replace(accountIdStandIn, "<account-id>")}, which ${problem}`));
    bucket.lifecycle.forEach((rule, ruleIndex) => {
      if (bucket.lifecycle.findIndex((r) => r.id === rule.id) !== ruleIndex) issue([...at, "lifecycle", ruleIndex, "id"], "is used twice in this bucket");
      lifecycleRuleProblems(rule).forEach((problem) => issue([...at, "lifecycle", ruleIndex, ...problem.path], problem.message));
    });
  });

}

/**
 * The reverse rule (replica -> primary's bucket) is on by default: it is what lets a failback
 * bring the files written while the standby served. Turning it off is allowed only with a reason,
 * and only where there is a replica bucket to put it on.
 */
function checkReplicateBack(
  bucket: { readonly via: string; readonly replicateBack?: boolean; readonly replicateBackOffReason?: string },
  at: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (bucket.via === "backup-copy") {
    if (bucket.replicateBack !== undefined) issue([...at, "replicateBack"], "applies to via replication only: backup copies have no replica bucket to replicate back from");
    if (bucket.replicateBackOffReason !== undefined) issue([...at, "replicateBackOffReason"], "applies to via replication only");
    return;
  }
  if (bucket.replicateBack === false && bucket.replicateBackOffReason === undefined) {
    issue([...at, "replicateBackOffReason"], "is required when replicateBack is false: say why files written in this region while it serves need not reach the primary");
  }
  if (bucket.replicateBack !== false && bucket.replicateBackOffReason !== undefined) issue([...at, "replicateBackOffReason"], "is set, but replicateBack is not false: remove it");
}

/**
 * The standby size on the compute engine it runs on. Under EKS the services scale with
 * HorizontalPodAutoscalers, whose minReplicas is at least 1 (Kubernetes API reference,
 * HorizontalPodAutoscalerSpec: 0 only behind the alpha HPAScaleToZero feature gate), so the workloads
 * wait at a pod each; the node groups at `nodesPerGroup`, which must fit each group's maxSize.
 */
function checkStandbySize(config: StandbyCheckInput, issue: (path: (string | number)[], message: string) => void): void {
  const standby = config.dr?.standby;
  const compute = config.compute;
  if (!standby || !compute) return;
  if (compute.engine !== "eks") {
    if (standby.nodesPerGroup !== undefined) issue(["standby", "nodesPerGroup"], `applies with compute.engine eks only (its node groups), not ${compute.engine}`);
    return;
  }
  if (standby.tasksPerService === 0) {
    issue(["standby", "tasksPerService"], "is 0, but compute.engine eks scales with HorizontalPodAutoscalers, whose minReplicas is at least 1: use mode warm with 1");
  }
  const nodes = standby.nodesPerGroup;
  if (nodes === undefined) return;
  for (const [key, group] of Object.entries(compute.eks?.nodeGroups ?? {})) {
    if (nodes > group.maxSize) issue(["standby", "nodesPerGroup"], `is ${nodes}, above node group ${key}'s maxSize ${group.maxSize}`);
  }
}
