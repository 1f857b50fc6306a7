import { list, num, PlannedResource, record } from "../graph";
import { CostLine, resourceLine, ResourceRule, RuleContext, usageLine, UsageRule } from "../model";
import { xrayDaemonName } from "../../../components/compute/ecs/tracing";

export const types = {
  key: "aws:kms/key:Key",
  replicaKey: "aws:kms/replicaKey:ReplicaKey",
  secret: "aws:secretsmanager/secret:Secret",
  secretRotation: "aws:secretsmanager/secretRotation:SecretRotation",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  repository: "aws:ecr/repository:Repository",
  backupPlan: "aws:backup/plan:Plan",
  backupVault: "aws:backup/vault:Vault",
  detector: "aws:guardduty/detector:Detector",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
} as const;

/** A task definition with the X-Ray daemon beside its application (components/compute/ecs/tracing.ts). */
function traced(task: PlannedResource): boolean {
  const definitions = task.inputs.containerDefinitions;
  if (typeof definitions !== "string") return false;
  const containers: unknown = JSON.parse(definitions);
  return Array.isArray(containers) && containers.some((c) => record(c).name === xrayDaemonName);
}

const key: ResourceRule = (k, ctx) => [resourceLine(k, ctx, { service: "KMS", item: "customer-managed key", quantity: 1, price: ctx.prices.kms.keyMonth })];

const secret: ResourceRule = (s, ctx) => {
  const copies = 1 + list(s.inputs, "replicas").length;
  return [resourceLine(s, ctx, { service: "Secrets Manager", item: copies > 1 ? "secret with replicas" : "secret", quantity: copies, price: ctx.prices.secretsManager.secretMonth })];
};

/**
 * What a rotation schedule costs: Secrets Manager invokes its function once per step (4 steps a
 * rotation: createSecret, setSecret, testSecret, finishSecret), and the function makes about 12
 * Secrets Manager API calls a rotation (DescribeSecret per step, GetSecretValue, PutSecretValue,
 * UpdateSecretVersionStage). Assumed: 15 s an invocation on average (testSecret waits for RDS to
 * apply the password, the other steps take well under a second) at the function's 128 MB arm64.
 */
export const rotationUsage = { invocationsPerRotation: 4, apiCallsPerRotation: 12, averageSeconds: 15, memoryGb: 128 / 1024 } as const;

const secretRotation: ResourceRule = (r, ctx) => {
  const days = num(record(r.inputs.rotationRules), "automaticallyAfterDays");
  if (days === undefined) {
    ctx.warn(`${r.name}: no automaticallyAfterDays, the rotation is not priced`);
    return [];
  }
  const rotations = ctx.hours / 24 / days;
  const invocations = rotations * rotationUsage.invocationsPerRotation;
  const lambda = ctx.prices.lambda;
  const every = `every ${days} d`;
  return [
    resourceLine(r, ctx, { service: "Lambda", item: `${r.name}: rotation requests (${every})`, quantity: invocations / 1e6, price: lambda.requestsMillion }),
    resourceLine(r, ctx, {
      service: "Lambda",
      item: `${r.name}: rotation 128 MB arm64 x ${rotationUsage.averageSeconds} s`,
      quantity: invocations * rotationUsage.averageSeconds * rotationUsage.memoryGb,
      price: lambda.arm64GbSecond,
    }),
    resourceLine(r, ctx, { service: "Secrets Manager", item: `${r.name}: rotation API calls`, quantity: (rotations * rotationUsage.apiCallsPerRotation) / 1e4, price: ctx.prices.secretsManager.apiCalls10k }),
  ];
};

/**
 * What an alarm is billed as: the metrics it evaluates (a metric-math alarm pays for each metric,
 * an anomaly-detection alarm for three) at the standard or high-resolution rate.
 */
export function alarmMetrics(inputs: Readonly<Record<string, unknown>>): { metrics: number; highResolution: boolean } {
  const queries = list(inputs, "metricQueries").map(record);
  const metricStats = queries.map((q) => record(q.metric)).filter((m) => Object.keys(m).length > 0);
  const periods = [num(inputs, "period"), ...metricStats.map((m) => num(m, "period"))].filter((p): p is number => p !== undefined);
  const highResolution = periods.some((p) => p < 60);
  const metrics = inputs.thresholdMetricId ? 3 : Math.max(metricStats.length, 1);
  return { metrics, highResolution };
}

const alarm: ResourceRule = (a, ctx) => {
  const { metrics, highResolution } = alarmMetrics(a.inputs);
  const cw = ctx.prices.cloudwatch;
  return [
    resourceLine(a, ctx, {
      service: "CloudWatch",
      item: `alarms${highResolution ? " (high resolution)" : ""}`,
      quantity: metrics,
      price: highResolution ? cw.alarmHighResolutionMetricMonth : cw.alarmStandardMetricMonth,
    }),
  ];
};

/** A metric filter publishes one custom metric (CloudWatch pricing: metrics from log filters are billed as custom metrics). */
const metricFilter: ResourceRule = (f, ctx) => [resourceLine(f, ctx, { service: "CloudWatch", item: "log metric filter's custom metric", quantity: 1, price: ctx.prices.cloudwatch.metricMonth })];

const compositeAlarm: ResourceRule = (a, ctx) => [resourceLine(a, ctx, { service: "CloudWatch", item: "composite alarms", quantity: 1, price: ctx.prices.cloudwatch.compositeAlarmMonth })];

const dashboard: ResourceRule = (d, ctx) => [resourceLine(d, ctx, { service: "CloudWatch", item: "dashboard", quantity: 1, price: ctx.prices.cloudwatch.dashboardMonth })];

export const operationsRules: Readonly<Record<string, ResourceRule>> = {
  [types.key]: key,
  [types.replicaKey]: key,
  [types.secret]: secret,
  [types.secretRotation]: secretRotation,
  [types.alarm]: alarm,
  [types.compositeAlarm]: compositeAlarm,
  [types.metricFilter]: metricFilter,
  [types.dashboard]: dashboard,
};

/** Usage of a kind goes to the tier that owns most of the resources it belongs to. */
function mainTier(resources: readonly PlannedResource[], ctx: RuleContext): string {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(ctx.tierOf(resource), (counts.get(ctx.tierOf(resource)) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0][0];
}

export const operationsUsageRules: readonly UsageRule[] = [
  (ctx) => {
    const groups = ctx.index.ofType(types.logGroup);
    if (groups.length === 0) return [];
    const cw = ctx.prices.cloudwatch;
    const tier = mainTier(groups, ctx);
    const lines: CostLine[] = [];
    if (ctx.usage.logIngestedGb > 0) lines.push(usageLine(tier, groups, { service: "CloudWatch", item: "logs ingested (usage.logIngestedGb)", quantity: ctx.usage.logIngestedGb, price: cw.logsIngestedGb }));
    if (ctx.usage.logStoredGb > 0) lines.push(usageLine(tier, groups, { service: "CloudWatch", item: "logs stored (usage.logStoredGb)", quantity: ctx.usage.logStoredGb, price: cw.logsStoredGbMonth }));
    return lines;
  },
  (ctx) =>
    ctx.usage.customMetrics === 0
      ? []
      : [usageLine("observability", [], { service: "CloudWatch", item: "custom metrics (usage.customMetrics)", quantity: ctx.usage.customMetrics, price: ctx.prices.cloudwatch.metricMonth })],
  (ctx) => {
    const buckets = ctx.index.ofType(types.bucket, types.bucketV2);
    if (buckets.length === 0) return [];
    const { s3 } = ctx.usage;
    const prices = ctx.prices.s3;
    const tier = mainTier(buckets, ctx);
    const classes = [
      ["S3 Standard", s3.standardGb, prices.standardGbMonth],
      ["S3 Standard-IA", s3.standardIaGb, prices.standardIaGbMonth],
      ["S3 Glacier Instant Retrieval", s3.glacierInstantGb, prices.glacierInstantGbMonth],
      ["S3 Glacier Deep Archive", s3.deepArchiveGb, prices.deepArchiveGbMonth],
      ["PUT/COPY/POST/LIST requests", s3.putRequestsThousands, prices.putRequests1k],
      ["GET requests", s3.getRequestsThousands, prices.getRequests1k],
    ] as const;
    return classes.filter(([, amount]) => amount > 0).map(([item, amount, rate]) => usageLine(tier, buckets, { service: "S3", item: `${item} (usage.s3)`, quantity: amount, price: rate }));
  },
  (ctx) => {
    // One line for all of a stack's rules: a standby's reverse rule (replica -> primary's bucket)
    // carries objects only while the standby serves, so the usage (what crosses while it stands
    // by) is counted once, whatever the number of rules.
    const rules = ctx.index.ofType(types.replication);
    if (rules.length === 0 || ctx.usage.s3.replicatedGb === 0) return [];
    return [usageLine(mainTier(rules, ctx), rules, { service: "Data transfer", item: "S3 replication to another region (usage.s3.replicatedGb)", quantity: ctx.usage.s3.replicatedGb, price: ctx.prices.dataTransfer.interRegionOutGb })];
  },
  (ctx) => {
    const repositories = ctx.index.ofType(types.repository);
    if (repositories.length === 0 || ctx.usage.ecrStorageGb === 0) return [];
    return [usageLine(mainTier(repositories, ctx), repositories, { service: "ECR", item: "image storage (usage.ecrStorageGb)", quantity: ctx.usage.ecrStorageGb, price: ctx.prices.ecr.storageGbMonth })];
  },
  (ctx) => {
    const plans = ctx.index.ofType(types.backupPlan);
    const { storageGb, crossRegionCopyGb } = ctx.usage.backup;
    if (plans.length === 0) {
      // A vault without a plan of its own holds another region's copies (a backup-and-restore
      // standby's): AWS Backup bills their storage to the vault's region, so to this stack.
      const vaults = ctx.index.ofType(types.backupVault);
      if (vaults.length === 0 || storageGb === 0) return [];
      return [usageLine(mainTier(vaults, ctx), vaults, { service: "AWS Backup", item: "copies held in the vault (usage.backup.storageGb)", quantity: storageGb, price: ctx.prices.backup.storageGbMonth })];
    }
    const tier = mainTier(plans, ctx);
    const lines: CostLine[] = [];
    if (storageGb > 0) lines.push(usageLine(tier, plans, { service: "AWS Backup", item: "backup storage (usage.backup.storageGb)", quantity: storageGb, price: ctx.prices.backup.storageGbMonth }));
    if (crossRegionCopyGb > 0) {
      lines.push(usageLine(tier, plans, { service: "Data transfer", item: "backup copies to another region (usage.backup.crossRegionCopyGb)", quantity: crossRegionCopyGb, price: ctx.prices.dataTransfer.interRegionOutGb }));
    }
    return lines;
  },
  (ctx) => {
    // X-Ray bills the traces the daemons record, however many tasks send them.
    const tasks = ctx.index.ofType(types.taskDefinition).filter(traced);
    if (tasks.length === 0 || ctx.usage.xrayTracesMillions === 0) return [];
    const rate = ctx.prices.xray.tracesRecordedMillion;
    const free = rate.firstFree ?? 0;
    const billed = Math.max(0, ctx.usage.xrayTracesMillions - free);
    return [usageLine(mainTier(tasks, ctx), tasks, { service: "X-Ray", item: `traces recorded beyond the first ${free} million free (usage.xrayTracesMillions)`, quantity: billed, price: rate })];
  },
  (ctx) => {
    const detectors = ctx.index.ofType(types.detector);
    if (detectors.length === 0) return [];
    const { cloudTrailEventsMillions, flowAndDnsLogsGb } = ctx.usage.guardDuty;
    const tier = mainTier(detectors, ctx);
    return [
      usageLine(tier, detectors, { service: "GuardDuty", item: "CloudTrail events analysed (usage.guardDuty)", quantity: cloudTrailEventsMillions, price: ctx.prices.guardDuty.cloudTrailEventsMillion }),
      usageLine(tier, detectors, { service: "GuardDuty", item: "flow and DNS logs analysed (usage.guardDuty)", quantity: flowAndDnsLogsGb, price: ctx.prices.guardDuty.flowAndDnsLogsGb }),
    ].filter((line) => line.quantity > 0);
  },
];
