/** Data protection: stores that survive mistakes (deletion protection, snapshots, backups, Multi-AZ, versioning) and secrets kept out of plain settings. */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { buckets, loadBalancers, T } from "../lib/types";
import { containsUnknown, isUnknown } from "../lib/unknown";
import { list, parseJson, present, text } from "../lib/values";

/** What the backup-retention check reads of an AWS Backup plan rule (`rules[]`, `copyActions[]`). */
interface Lifecycle {
  readonly deleteAfter?: unknown;
}
interface BackupPlanRule {
  readonly ruleName?: unknown;
  readonly lifecycle?: Lifecycle;
  readonly copyActions?: unknown;
}

/** Read replicas and Aurora global secondaries follow their source; they are judged once promoted. */
export function isReplica(r: { type: string; props: Record<string, unknown> }): boolean {
  const p = r.props;
  if (r.type === T.rdsInstance) return present(p.replicateSourceDb);
  if (r.type === T.rdsCluster) {
    return present(p.replicationSourceIdentifier) || (present(p.globalClusterIdentifier) && !present(p.masterUsername) && p.manageMasterUserPassword !== true && !present(p.snapshotIdentifier));
  }
  return false;
}

export const deletionProtection = rule({
  name: "deletion-protection",
  description: "Data stores and load balancers cannot be deleted by accident: deletion protection, Pulumi protect, no force-destroy.",
  theme: "data-protection",
  scope: "per-environment",
  fix: "Databases: deletionProtection: true and the `protect` resource option; load balancers: enableDeletionProtection; buckets, registries and vaults: no forceDestroy/forceDelete; secrets: a recovery window (platform:dataProtection protected does all of this).",
  controls: { cdkNag: ["AwsSolutions-RDS10"], checkov: ["CKV_AWS_139",  "CKV_AWS_150",  "CKV_AWS_293"], awsguard: ["elb-deletion-protection-enabled"] },
  types: [T.rdsInstance, T.rdsCluster, ...loadBalancers, T.awsxAlb, T.awsxNlb, ...buckets, T.ecrRepository, T.backupVault, T.secret],
  checkResource(r, c) {
    const p = r.props;
    switch (r.type) {
      case T.rdsInstance:
      case T.rdsCluster:
        if (!c.unknown(p.deletionProtection, "deletionProtection") && p.deletionProtection !== true) c.report("deletionProtection is off");
        if (!r.opts.protect) c.report("the `protect` resource option is off: `pulumi destroy` or a replacement would delete the database");
        return;
      case T.loadBalancer:
      case T.albLoadBalancer:
      case T.awsxAlb:
      case T.awsxNlb:
        if (!c.unknown(p.enableDeletionProtection, "enableDeletionProtection") && p.enableDeletionProtection !== true) c.report("enableDeletionProtection is off");
        return;
      case T.ecrRepository:
        if (p.forceDelete === true) c.report("forceDelete lets destroy delete the repository with its images");
        return;
      case T.secret:
        if (p.recoveryWindowInDays === 0) c.report("recoveryWindowInDays 0 deletes the secret without a recovery window");
        return;
      default:
        if (p.forceDestroy === true) c.report("forceDestroy lets destroy delete the contents");
    }
  },
});

export const finalSnapshot = rule({
  name: "final-snapshot",
  description: "Databases and caches take a final snapshot when deleted.",
  theme: "data-protection",
  scope: "per-environment",
  fix: "skipFinalSnapshot: false with finalSnapshotIdentifier (RDS/Aurora); finalSnapshotIdentifier (ElastiCache).",
  types: [T.rdsInstance, T.rdsCluster, T.cacheReplicationGroup],
  checkResource(r, c) {
    const p = r.props;
    if (isReplica(r)) return;
    if (r.type !== T.cacheReplicationGroup && p.skipFinalSnapshot === true) c.report("skipFinalSnapshot is on: deleting it loses the data");
    else if (!present(p.finalSnapshotIdentifier)) c.report("no finalSnapshotIdentifier: set one so deletion leaves a snapshot");
  },
});

export const backupRetention = rule({
  name: "backup-retention",
  description: "Databases and backup plans keep backups at least 7 days; caches keep snapshots (seed 001 keeps Redis snapshots 5 days).",
  theme: "data-protection",
  scope: "per-environment",
  fix: "backupRetentionPeriod >= 7 (RDS/Aurora), lifecycle.deleteAfter >= 7 (Backup rules), snapshotRetentionLimit >= 1 (ElastiCache).",
  controls: { cdkNag: ["AwsSolutions-RDS13"], checkov: ["CKV_AWS_133"], awsguard: ["rds-instance-backup-enabled"] },
  types: [T.rdsInstance, T.rdsCluster, T.cacheReplicationGroup, T.backupPlan],
  configSchema: {
    properties: {
      minDays: { type: "integer", minimum: 1, default: 7, description: "Minimum backup retention of databases and backup plans, in days." },
      cacheMinDays: { type: "integer", minimum: 1, default: 1, description: "Minimum snapshot retention of caches, in days." },
    },
  },
  defaults: { minDays: 7, cacheMinDays: 1 },
  checkResource(r, c) {
    const p = r.props;
    const { minDays, cacheMinDays } = c.config;
    if (r.type === T.backupPlan) {
      for (const item of list<BackupPlanRule | undefined>(p.rules)) {
        const lifecycles = [{ where: `rule ${text(item?.ruleName)}`, days: item?.lifecycle?.deleteAfter }, ...list<{ lifecycle?: Lifecycle } | undefined>(item?.copyActions).map((a) => ({ where: `copy of rule ${text(item?.ruleName)}`, days: a?.lifecycle?.deleteAfter }))];
        for (const { where, days } of lifecycles) {
          if (present(days) && !c.unknown(days, `${where}.lifecycle.deleteAfter`) && Number(days) < minDays) c.report(`${where} deletes recovery points after ${text(days)} days (minimum ${minDays})`);
        }
      }
      return;
    }
    if (isReplica(r)) return;
    const [key, min] = r.type === T.cacheReplicationGroup ? ["snapshotRetentionLimit", cacheMinDays] : ["backupRetentionPeriod", minDays];
    const days = p[key];
    if (c.unknown(days, key)) return;
    if (!present(days) || Number(days) < min) c.report(`${key} ${text(days ?? "unset (AWS default)")}: keep at least ${min} days`);
  },
});

/** Aurora clusters get their second zone from a reader: count the cluster's instances. */
function auroraInstances(stack: StackView, cluster: StackResource): { count: number; unknown: boolean } {
  const { sources, unknown } = stack.linkedTo(cluster, [T.rdsClusterInstance], "clusterIdentifier");
  return { count: sources.length, unknown: unknown.length > 0 };
}

export const multiAz = rule({
  name: "multi-az",
  description: "Data stores survive the loss of an availability zone: Multi-AZ RDS, Aurora with a reader, Redis with a replica and automatic failover.",
  theme: "data-protection",
  scope: "per-environment",
  fix: "RDS: multiAz: true; Aurora: a writer and at least one reader; ElastiCache: a replica per shard with multiAzEnabled and automaticFailoverEnabled.",
  controls: { cdkNag: ["AwsSolutions-RDS3",  "AwsSolutions-AEC4"], checkov: ["CKV_AWS_157",  "CKV2_AWS_50"], awsguard: ["rds-instance-multi-az-enabled"] },
  types: [T.rdsInstance, T.cacheReplicationGroup],
  checkResource(r, c) {
    const p = r.props;
    if (r.type === T.rdsInstance) {
      if (!isReplica(r) && !c.unknown(p.multiAz, "multiAz") && p.multiAz !== true) c.report("single-AZ database: set multiAz: true");
      return;
    }
    if (c.unknown(p.multiAzEnabled, "multiAzEnabled") || c.unknown(p.automaticFailoverEnabled, "automaticFailoverEnabled")) return;
    if (p.multiAzEnabled !== true || p.automaticFailoverEnabled !== true) c.report("cache without Multi-AZ automatic failover: set multiAzEnabled and automaticFailoverEnabled");
    const nodes = present(p.numCacheClusters) ? Number(p.numCacheClusters) : undefined;
    const replicas = present(p.replicasPerNodeGroup) ? Number(p.replicasPerNodeGroup) : undefined;
    if ((nodes ?? 0) < 2 && (replicas ?? 0) < 1) c.report("no replica to fail over to: numCacheClusters >= 2 or replicasPerNodeGroup >= 1");
  },
  checkStack(stack, c) {
    for (const cluster of stack.ofType(T.rdsCluster)) {
      if (isReplica(cluster) || cluster.props.engineMode === "serverless") continue;
      const { count, unknown } = auroraInstances(stack, cluster);
      if (count >= 2) continue;
      if (unknown) c.undecided(`${cluster.name}: its instances`);
      else c.report(`Aurora cluster ${cluster.name} has ${count} instance(s): add a reader in another zone`, cluster.urn);
    }
  },
});

/** Buckets that receive logs from a service (they hold no user data): targets of access logs, trails and flow logs. */
function logBuckets(stack: StackView): Set<StackResource> {
  const found = new Set<StackResource>();
  const add = (from: StackResource, property: string, path = property) => {
    const link = stack.link(from, property, buckets, path);
    if (link.known) link.targets.forEach((b) => found.add(b));
  };
  stack.ofType(T.bucketLogging, T.bucketLoggingV2).forEach((r) => add(r, "targetBucket"));
  stack.ofType(...loadBalancers, T.awsxAlb, T.awsxNlb).forEach((r) => add(r, "accessLogs", "accessLogs.bucket"));
  stack.ofType(T.distribution).forEach((r) => add(r, "loggingConfig", "loggingConfig.bucket"));
  stack.ofType(T.trail).forEach((r) => add(r, "s3BucketName"));
  stack.ofType(T.flowLog).forEach((r) => add(r, "logDestination"));
  stack.ofType(T.logDeliveryDestination).forEach((r) => add(r, "deliveryDestinationConfiguration", "deliveryDestinationConfiguration.destinationResourceArn"));
  return found;
}

/** The tag by which a bucket declares what it holds (components/storage sets it from config). */
export const dataClassTag = "DataClass";

export const s3Versioning = rule({
  name: "s3-versioning",
  description: "Buckets that hold user data keep object versions; log buckets and buckets declared `DataClass: derived` (rebuilt from source) are exempt.",
  theme: "data-protection",
  scope: "per-environment",
  fix: "Add an aws.s3.BucketVersioning with status Enabled (SecureBucket versioning: true), or tag a bucket of rebuildable content DataClass=derived (platform:storage contents: derived).",
  controls: { checkov: ["CKV_AWS_21"] },
  configSchema: {
    properties: {
      exemptDataClasses: { type: "array", items: { type: "string" }, description: "DataClass tag values of buckets that hold no user data." },
    },
  },
  defaults: { exemptDataClasses: ["derived", "logs"] },
  checkStack(stack, c) {
    const logs = logBuckets(stack);
    for (const bucket of stack.ofType(...buckets)) {
      const dataClass = (bucket.props.tags as Readonly<Record<string, unknown>> | undefined)?.[dataClassTag];
      if (isUnknown(bucket.props.tags) || isUnknown(dataClass)) {
        c.undecided(`${bucket.name}: its ${dataClassTag} tag`);
        continue;
      }
      if (logs.has(bucket) || (typeof dataClass === "string" && c.config.exemptDataClasses.includes(dataClass)) || (bucket.props.versioning as { enabled?: unknown } | undefined)?.enabled === true) continue;
      const { sources, unknown } = stack.linkedTo(bucket, [T.bucketVersioning, T.bucketVersioningV2], "bucket");
      if (sources.some((v) => (v.props.versioningConfiguration as { status?: unknown } | undefined)?.status === "Enabled")) continue;
      if (unknown.length > 0 || sources.some((v) => containsUnknown(v.props.versioningConfiguration))) c.undecided(`${bucket.name}: its versioning`);
      else c.report(`bucket ${bucket.name} holds data without versioning`, bucket.urn);
    }
  },
});

/** Names that say "this is a secret" (DB_PASSWORD, API_KEY, JWT_SECRET); a `_ARN` suffix is a reference. */
export function secretLikeName(name: string): boolean {
  return /(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i.test(name);
}

/** An environment entry of an ECS container definition or a Kubernetes container. */
interface EnvEntry {
  readonly name?: unknown;
  readonly value?: unknown;
}

function plaintextSecrets(env: readonly EnvEntry[], where: string, c: { report(m: string): void; undecided(w: string): void }) {
  for (const { name, value } of env) {
    if (typeof name !== "string" || !secretLikeName(name) || !present(value)) continue;
    if (isUnknown(value)) c.undecided(`${where} ${name}`);
    else if (!String(value).startsWith("arn:")) c.report(`${where} sets ${name} as a plain value: inject it from Secrets Manager by ARN`);
  }
}

export const noPlaintextSecrets = rule({
  name: "no-plaintext-secrets",
  description: "Secrets reach workloads from Secrets Manager by ARN, never as plain environment values.",
  theme: "data-protection",
  scope: "mandatory",
  fix: "ECS: containerDefinitions[].secrets with valueFrom <secret ARN>; Lambda: pass the secret's ARN and read it at start; Kubernetes: a Secret synced from Secrets Manager.",
  controls: { checkov: ["CKV_AWS_45"] },
  types: [T.lambdaFunction, T.ecsTaskDefinition, "kubernetes:apps/v1:Deployment"],
  checkResource(r, c) {
    const p = r.props;
    if (r.type === T.lambdaFunction) {
      const variables = (p.environment as { variables?: unknown } | undefined)?.variables;
      if (isUnknown(variables)) return c.undecided("environment.variables");
      plaintextSecrets(Object.entries((variables ?? {}) as Record<string, unknown>).map(([name, value]) => ({ name, value })), "environment", c);
      return;
    }
    if (r.type === T.ecsTaskDefinition) {
      const parsed = parseJson(p.containerDefinitions);
      if (!parsed.known) return c.undecided("containerDefinitions");
      for (const container of list<{ name?: unknown; environment?: unknown } | undefined>(parsed.value)) plaintextSecrets(list<EnvEntry>(container?.environment), `container ${text(container?.name)}`, c);
      return;
    }
    const containers = (p.spec as { template?: { spec?: { containers?: unknown } } } | undefined)?.template?.spec?.containers;
    if (containsUnknown(p.spec) && !Array.isArray(containers)) return c.undecided("spec.template.spec.containers");
    for (const container of list<{ name?: unknown; env?: unknown } | undefined>(containers)) plaintextSecrets(list<EnvEntry>(container?.env), `container ${text(container?.name)}`, c);
  },
});

export const dataProtectionRules: readonly PlatformRule[] = [deletionProtection, finalSnapshot, backupRetention, multiAz, s3Versioning, noPlaintextSecrets];
