import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { Datapoint, FilesReading } from "../cloud";
import type { DatabaseTargets, DrillTargets, SideName } from "../targets";

/**
 * The RPO's inputs from CloudWatch, taken at the fence. Every metric read here is published at
 * 1-minute resolution: RDS's ReplicaLag and AuroraGlobalDBReplicationLag (Amazon RDS User Guide,
 * "Amazon CloudWatch metrics for Amazon RDS"; Aurora User Guide, "Amazon CloudWatch metrics for
 * Amazon Aurora") and S3's replication metrics, which S3 Replication Time Control's metrics turn on
 * (Amazon S3 User Guide, "Metrics and dimensions": ReplicationLatency, OperationsPendingReplication,
 * by SourceBucket, DestinationBucket and RuleId, in the source bucket's region). So a query asks for
 * 60 s periods with the Maximum statistic, and "at the fence" is the datapoint whose period contains
 * the fence (or, if CloudWatch has not published that one, the first after it): the worst value of
 * that minute, never a datapoint from before the fence.
 */
export const metricPeriodSeconds = 60;
const periodMs = metricPeriodSeconds * 1000;
const alignDown = (ms: number) => Math.floor(ms / periodMs) * periodMs;

type Regional<C> = (region: string) => C;

interface Query {
  readonly id: string;
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: readonly { readonly name: string; readonly value: string }[];
}

/** The first datapoint of each query from the period containing `since` on, or undefined. */
async function firstSince(client: CloudWatchClient, queries: readonly Query[], since: number, now: number): Promise<Map<string, Datapoint>> {
  const start = alignDown(since);
  const out = await client.send(
    new GetMetricDataCommand({
      StartTime: new Date(start),
      // The end of the period that contains now: a query never ends before it starts.
      EndTime: new Date(Math.max(alignDown(now), start) + periodMs),
      ScanBy: "TimestampAscending",
      MetricDataQueries: queries.map((q) => ({
        Id: q.id,
        MetricStat: { Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) }, Period: metricPeriodSeconds, Stat: "Maximum" },
      })),
    }),
  );
  const found = new Map<string, Datapoint>();
  for (const result of out.MetricDataResults ?? []) {
    const value = result.Values?.[0];
    const at = result.Timestamps?.[0];
    if (result.Id && value !== undefined && at !== undefined && at.getTime() >= start) found.set(result.Id, { value, at: at.getTime(), periodSeconds: metricPeriodSeconds });
  }
  return found;
}

/** The database follower's lag metric, in the follower's region, with its unit's conversion to seconds. */
export function lagMetric(db: DatabaseTargets, follower: SideName): { query: Query; toSeconds: number } | undefined {
  switch (db.strategy) {
    case "aurora-global":
      return { query: { id: "lag", namespace: "AWS/RDS", metric: "AuroraGlobalDBReplicationLag", dimensions: [{ name: "DBClusterIdentifier", value: db[follower].clusterIdentifier }] }, toSeconds: 1 / 1000 };
    case "rds-replica":
      return { query: { id: "lag", namespace: "AWS/RDS", metric: "ReplicaLag", dimensions: [{ name: "DBInstanceIdentifier", value: db[follower].instanceIdentifier }] }, toSeconds: 1 };
    case "none":
      return undefined;
  }
}

/** The database's replication lag in seconds at or after `since` (see above). */
export async function lagSince(cloudwatch: Regional<CloudWatchClient>, targets: DrillTargets, follower: SideName, since: number, now: number): Promise<Datapoint | undefined> {
  const lag = lagMetric(targets.database, follower);
  if (!lag) return undefined;
  const point = (await firstSince(cloudwatch(targets[follower].region), [lag.query], since, now)).get("lag");
  return point && { ...point, value: point.value * lag.toSeconds };
}

/**
 * Each replicated bucket's ReplicationLatency (seconds the destination is behind the source) and
 * OperationsPendingReplication at or after `since`, from the source bucket's region, where S3
 * publishes them. `from` is the side whose writes are fenced: a drill reads the forward rules (the
 * primary's buckets into the replicas, in the primary's region); a failback reads the reverse rules
 * (the replicas back into the primary's buckets, in the standby's region). A bucket without a
 * reverse rule has no reading in a failback.
 */
export async function filesSince(cloudwatch: Regional<CloudWatchClient>, targets: DrillTargets, from: SideName, since: number, now: number): Promise<FilesReading[]> {
  const rules = targets.files.flatMap((bucket) => {
    if (from === "primary") return [{ key: bucket.key, source: bucket.sourceBucket, destination: bucket.replicaBucket, ruleId: bucket.ruleId }];
    return bucket.reverseRuleId ? [{ key: bucket.key, source: bucket.replicaBucket, destination: bucket.sourceBucket, ruleId: bucket.reverseRuleId }] : [];
  });
  if (rules.length === 0) return [];
  const queries = rules.flatMap((rule, i) => {
    const dimensions = [
      { name: "SourceBucket", value: rule.source },
      { name: "DestinationBucket", value: rule.destination },
      { name: "RuleId", value: rule.ruleId },
    ];
    return [
      { id: `latency${i}`, namespace: "AWS/S3", metric: "ReplicationLatency", dimensions },
      { id: `pending${i}`, namespace: "AWS/S3", metric: "OperationsPendingReplication", dimensions },
    ];
  });
  const found = await firstSince(cloudwatch(targets[from].region), queries, since, now);
  return rules.map((rule, i) => ({ key: rule.key, latency: found.get(`latency${i}`), pending: found.get(`pending${i}`) }));
}
