import * as pulumi from "@pulumi/pulumi";
import type { AlarmSeverity, AlarmThresholds } from "../../model/observability/settings";
import { targetGroupAlarmKeys } from "../../model/observability/alarm-keys";

/**
 * The seeds' alarms as data: what to watch, for how long, and against which threshold. The
 * component turns each spec into a CloudWatch alarm and the dashboard into widgets, so both
 * always show the same metrics. Durations are the seeds' and cited where they are defined.
 */

export interface Metric {
  /** CloudWatch namespace, e.g. `AWS/ECS`. */
  readonly namespace: string;
  /** The metric's name in its namespace. */
  readonly metricName: string;
  /** The dimensions that pick the resource. */
  readonly dimensions: Readonly<Record<string, pulumi.Input<string>>>;
  /** `Average`, `Sum`, `Maximum`, `Minimum`, or a percentile such as `p95`. */
  readonly stat: Statistic;
}

/** A CloudWatch statistic, or an extended (percentile) one. */
export type Statistic = "Average" | "Sum" | "Maximum" | "Minimum" | `p${number}`;

export interface AlarmSpec {
  /** Stable key: the alarm's logical and physical name suffix, e.g. `service-cpu-api`. */
  readonly key: string;
  /** Dashboard row the metric belongs to. */
  readonly group: "services" | "load-balancers" | "database" | "cache" | "jobs" | "backup";
  /** The alarm's description and the graph's title: what breaches, and for how long. */
  readonly description: string;
  /** One metric, or several combined by `expression` (MAX/SUM over cache nodes). */
  readonly metrics: readonly Metric[];
  /** Metric math over `m0`, `m1`, ...; the single metric itself when omitted. */
  readonly expression?: string;
  /** Length of one datapoint. */
  readonly periodSeconds: number;
  /** Datapoints looked at. */
  readonly evaluationPeriods: number;
  /** Breaching datapoints among them that raise the alarm. */
  readonly datapointsToAlarm: number;
  /** Above or below `threshold`. */
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold";
  /** In the metric's unit (percent, seconds, count, bytes). */
  readonly threshold: pulumi.Input<number>;
  /** A quiet metric (no traffic, no jobs run) is not a problem unless said otherwise. */
  readonly treatMissingData: "missing" | "notBreaching" | "breaching";
}

/**
 * An ECS service. EKS workloads are watched by seed 004's Prometheus and Alertmanager in the
 * cluster (the EKS tier runs no CloudWatch Container Insights agent, so there is no metric here).
 */
export interface ServiceTarget {
  /** The service's name: its alarms' key. */
  readonly key: string;
  /** The ECS cluster's name (a metric dimension). */
  readonly clusterName: pulumi.Input<string>;
  /** The ECS service's name (a metric dimension). */
  readonly serviceName: pulumi.Input<string>;
}

/** A load balancer of the edge tier and its target groups. */
export interface LoadBalancerTarget {
  /** The alarms' key prefix. */
  readonly key: "alb" | "nlb";
  /** Application (5xx, latency and unhealthy hosts) or network (unhealthy hosts only). */
  readonly kind: "application" | "network";
  /** `app/<name>/<id>` (the part of the ARN after `loadbalancer/`). */
  readonly arnSuffix: pulumi.Input<string>;
  /** Target groups by service, with their `targetgroup/<name>/<id>` ARN suffixes. */
  readonly targetGroups: readonly {
    /** The service's name. */
    readonly key: string;
    /** `targetgroup/<name>/<id>`. */
    readonly arnSuffix: pulumi.Input<string>;
    /**
     * The alternate group of a service whose traffic ECS shifts (blue-green, canary, linear). ECS
     * swaps the two after each deployment and the new revision serves from whichever is not
     * production, so every alarm watches both: sums for counts, the larger for p95 and unhealthy.
     */
    readonly alternateArnSuffix?: pulumi.Input<string>;
  }[];
}

/** The database: an RDS instance with its replicas, or an Aurora cluster. */
export type DatabaseTarget =
  | {
      /** An RDS instance and its read replicas, each alarmed on its own. */
      readonly kind: "instance";
      /** The primary and any read replicas, by stable key. */
      readonly instances: readonly {
        /** `primary`, or the replica's name. */
        readonly key: string;
        /** The instance identifier (a metric dimension). */
        readonly identifier: pulumi.Input<string>;
      }[];
      /** The instance class's max_connections (or the configured one): the connections alarm's 100 %. */
      readonly maxConnections: pulumi.Input<number>;
      /** Storage at creation: the free-storage alarm's 100 %. */
      readonly allocatedStorageGb: pulumi.Input<number>;
    }
  | {
      /** An Aurora cluster, alarmed by role (writer, readers). */
      readonly kind: "cluster";
      /** The Aurora cluster's identifier (a metric dimension with its role). */
      readonly clusterIdentifier: pulumi.Input<string>;
      /** Configured readers; the reader-role alarms exist only when there is one. */
      readonly readerCount: number;
      /** The writer class's max_connections (or the configured one): the connections alarm's 100 %. */
      readonly maxConnections: pulumi.Input<number>;
    };

/** The cache's replication group. */
export interface CacheTarget {
  /** The replication group's id: members are `<id>-<suffix>`. */
  readonly replicationGroupId: pulumi.Input<string>;
  /** Member cluster suffixes: `001`, `002` (cluster mode off) or `0001-001` (cluster mode on). */
  readonly memberSuffixes: readonly string[];
}

/** A job of the jobs tier. */
export interface JobTarget {
  /** The job's key: its alarms' key suffix. */
  readonly key: string;
  /** The Lambda function's name (errors and throttles). */
  readonly functionName: pulumi.Input<string>;
  /** The dead-letter queue's name (a message there raises the alarm). */
  readonly deadLetterQueueName: pulumi.Input<string>;
  /** The job's EventBridge rules by trigger key, with their bus (failed invocations). */
  readonly eventRules: readonly {
    /** The trigger's key. */
    readonly key: string;
    /** The rule's name (a metric dimension). */
    readonly name: pulumi.Input<string>;
    /** The rule's bus; `default` adds no bus dimension. */
    readonly bus: string;
  }[];
}

/**
 * Alarms that warn rather than page (Onno, section 7-2, which splits onno-critical-alerts from
 * onno-warnings): load and latency that may pass on their own. Everything else is critical: users
 * get errors, a store is filling or losing data, a job or backup failed.
 */
const warningPrefixes = ["service-cpu-", "service-memory-", "response-time-", "cache-cpu", "cache-memory", "job-throttles-"] as const;

/** The severity of one of the platform's alarms, by its key. */
export function alarmSeverity(key: string): AlarmSeverity {
  return warningPrefixes.some((prefix) => key.startsWith(prefix)) ? "warning" : "critical";
}

// Seeds 000/001: "> 80 % for 5 minutes": five one-minute datapoints, all breaching.
const fiveMinutes = { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } as const;
// Seeds 000/001: counts "per 5 minutes": one five-minute sum.
const perFiveMinutes = { periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;

export function serviceAlarms(services: readonly ServiceTarget[], t: AlarmThresholds): AlarmSpec[] {
  return services.flatMap((service) => {
    const metric = (metricName: string): Metric => ({ namespace: "AWS/ECS", metricName, dimensions: { ClusterName: service.clusterName, ServiceName: service.serviceName }, stat: "Average" });
    return [
      above(`service-cpu-${service.key}`, "services", `${service.key}: CPU above ${t.serviceCpuPercent} % for 5 minutes`, [metric("CPUUtilization")], fiveMinutes, t.serviceCpuPercent, "missing"),
      above(`service-memory-${service.key}`, "services", `${service.key}: memory above ${t.serviceMemoryPercent} % for 5 minutes`, [metric("MemoryUtilization")], fiveMinutes, t.serviceMemoryPercent, "missing"),
    ];
  });
}

export function loadBalancerAlarms(balancers: readonly LoadBalancerTarget[], t: AlarmThresholds): AlarmSpec[] {
  return balancers.flatMap((lb) =>
    lb.targetGroups.flatMap((tg) => {
      const namespace = lb.kind === "application" ? "AWS/ApplicationELB" : "AWS/NetworkELB";
      const groups = [tg.arnSuffix, ...(tg.alternateArnSuffix === undefined ? [] : [tg.alternateArnSuffix])];
      /** The metric on every group of the service, and the math that joins them (`m0` alone for one group). */
      const across = (metricName: string, stat: Statistic, join: "SUM" | "MAX", offset = 0) => ({
        metrics: groups.map((group): Metric => ({ namespace, metricName, dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: group }, stat })),
        expression: groups.length > 1 ? `${join}([${groups.map((_, i) => `m${i + offset}`).join(",")}])` : undefined,
      });
      const key = `${lb.key}-${tg.key}`;
      const unhealthy: AlarmSpec = {
        key: targetGroupAlarmKeys.unhealthyHosts(lb.key, tg.key),
        group: "load-balancers",
        description: `${key}: unhealthy targets for 2 minutes`,
        ...across("UnHealthyHostCount", "Maximum", "MAX"),
        // Seed 001: UnHealthyHostCount > 0 for 2 minutes.
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparison: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
      };
      if (lb.kind === "network") return [unhealthy];
      const window = t.target5xxWindowMinutes;
      const specs: AlarmSpec[] = [
        {
          key: targetGroupAlarmKeys.responseTime(lb.key, tg.key),
          group: "load-balancers",
          description: `${key}: p95 target response time above ${t.responseTimeP95Seconds} s`,
          ...across("TargetResponseTime", "p95", "MAX"),
          ...perFiveMinutes,
          comparison: "GreaterThanThreshold",
          threshold: t.responseTimeP95Seconds,
          treatMissingData: "notBreaching",
        },
        {
          key: targetGroupAlarmKeys.target5xx(lb.key, tg.key),
          group: "load-balancers",
          description: `${key}: more than ${t.target5xxPer5Minutes} target 5xx responses in ${window === 1 ? "1 minute" : `${window} minutes`}`,
          ...across("HTTPCode_Target_5XX_Count", "Sum", "SUM"),
          // Seed 000: per 5 minutes; CodeMate (section 10): > 10 within 1 minute. One datapoint of the window.
          periodSeconds: window * 60,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          comparison: "GreaterThanThreshold",
          threshold: t.target5xxPer5Minutes,
          treatMissingData: "notBreaching",
        },
      ];
      if (t.target5xxRate) specs.push(errorRateAlarm(key, targetGroupAlarmKeys.target5xxRate(lb.key, tg.key), t.target5xxRate, across));
      return [...specs, unhealthy];
    }),
  );
}

/**
 * The share of requests answered 5xx, by metric math (NewsForge: error rate > 5 %; Onno, section 7-2:
 * > 5 % for two consecutive 5-minute periods): 5xx responses over requests, across the service's
 * target groups. A period without requests is 0 %, not a breach.
 */
function errorRateAlarm(
  key: string,
  alarmKey: string,
  rate: NonNullable<AlarmThresholds["target5xxRate"]>,
  across: (metricName: string, stat: Statistic, join: "SUM" | "MAX", offset?: number) => { metrics: Metric[]; expression?: string },
): AlarmSpec {
  const errors = across("HTTPCode_Target_5XX_Count", "Sum", "SUM");
  const requests = across("RequestCount", "Sum", "SUM", errors.metrics.length);
  const total = (ids: readonly number[]) => (ids.length > 1 ? `(${ids.map((i) => `FILL(m${i},0)`).join("+")})` : `FILL(m${ids[0]},0)`);
  const errorSum = total(errors.metrics.map((_, i) => i));
  const requestSum = total(requests.metrics.map((_, i) => i + errors.metrics.length));
  return {
    key: alarmKey,
    group: "load-balancers",
    description: `${key}: more than ${rate.percent} % of requests answered 5xx for ${rate.periods} x ${rate.periodMinutes} minutes`,
    metrics: [...errors.metrics, ...requests.metrics],
    // An empty group (the alternate between deployments) counts 0; a period without requests is 0 %.
    expression: `IF(${requestSum}>0,100*${errorSum}/${requestSum},0)`,
    periodSeconds: rate.periodMinutes * 60,
    evaluationPeriods: rate.periods,
    datapointsToAlarm: rate.periods,
    comparison: "GreaterThanThreshold",
    threshold: rate.percent,
    treatMissingData: "notBreaching",
  };
}

export function databaseAlarms(db: DatabaseTarget, t: AlarmThresholds): AlarmSpec[] {
  const maxConnections = pulumi.output(db.maxConnections).apply((max) => Math.floor((max * t.databaseConnectionsPercent) / 100));
  // Seed 003: database CPU > 80 % for two consecutive 5-minute periods.
  const cpuWindow = { periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2 } as const;
  const members: { key: string; dimensions: Record<string, pulumi.Input<string>> }[] =
    db.kind === "instance"
      ? db.instances.map((i) => ({ key: i.key, dimensions: { DBInstanceIdentifier: i.identifier } }))
      : [
          { key: "writer", dimensions: { DBClusterIdentifier: db.clusterIdentifier, Role: "WRITER" } },
          ...(db.readerCount > 0 ? [{ key: "readers", dimensions: { DBClusterIdentifier: db.clusterIdentifier, Role: "READER" } }] : []),
        ];
  const specs = members.flatMap((m) => [
    above(`database-cpu-${m.key}`, "database", `database ${m.key}: CPU above ${t.databaseCpuPercent} % for 10 minutes`, [{ namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: m.dimensions, stat: "Average" }], cpuWindow, t.databaseCpuPercent, "missing"),
    above(
      `database-connections-${m.key}`,
      "database",
      `database ${m.key}: connections above ${t.databaseConnectionsPercent} % of max_connections for 5 minutes`,
      [{ namespace: "AWS/RDS", metricName: "DatabaseConnections", dimensions: m.dimensions, stat: "Maximum" }],
      fiveMinutes,
      maxConnections,
      "missing",
    ),
  ]);
  if (db.kind === "instance") {
    const freeBytes = pulumi.output(db.allocatedStorageGb).apply((gb) => Math.floor(gb * 1024 ** 3 * (t.databaseFreeStoragePercent / 100)));
    for (const m of members) {
      specs.push({
        key: `database-free-storage-${m.key}`,
        group: "database",
        description: `database ${m.key}: free storage below ${t.databaseFreeStoragePercent} % of the allocated storage`,
        metrics: [{ namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: m.dimensions, stat: "Minimum" }],
        ...perFiveMinutes,
        comparison: "LessThanThreshold",
        threshold: freeBytes,
        treatMissingData: "missing",
      });
    }
  }
  return specs;
}

/** One alarm per signal across all cache nodes (MAX for CPU and memory, SUM for evictions). */
export function cacheAlarms(cache: CacheTarget, t: AlarmThresholds): AlarmSpec[] {
  const nodes = (metricName: string, stat: Statistic): Metric[] =>
    cache.memberSuffixes.map((suffix) => ({
      namespace: "AWS/ElastiCache",
      metricName,
      dimensions: { CacheClusterId: pulumi.interpolate`${cache.replicationGroupId}-${suffix}` },
      stat,
    }));
  const ids = cache.memberSuffixes.map((_, i) => `m${i}`).join(",");
  return [
    { key: "cache-cpu", group: "cache", description: `cache: engine CPU above ${t.cacheCpuPercent} % on a node for 5 minutes`, metrics: nodes("EngineCPUUtilization", "Average"), expression: `MAX([${ids}])`, ...fiveMinutes, comparison: "GreaterThanThreshold", threshold: t.cacheCpuPercent, treatMissingData: "missing" },
    { key: "cache-memory", group: "cache", description: `cache: memory above ${t.cacheMemoryPercent} % on a node for 5 minutes`, metrics: nodes("DatabaseMemoryUsagePercentage", "Average"), expression: `MAX([${ids}])`, ...fiveMinutes, comparison: "GreaterThanThreshold", threshold: t.cacheMemoryPercent, treatMissingData: "missing" },
    { key: "cache-evictions", group: "cache", description: `cache: more than ${t.cacheEvictionsPer5Minutes} keys evicted in 5 minutes`, metrics: nodes("Evictions", "Sum"), expression: `SUM([${ids}])`, ...perFiveMinutes, comparison: "GreaterThanThreshold", threshold: t.cacheEvictionsPer5Minutes, treatMissingData: "notBreaching" },
  ];
}

export function jobAlarms(jobs: readonly JobTarget[], t: AlarmThresholds): AlarmSpec[] {
  return jobs.flatMap((job) => {
    const fn = { FunctionName: job.functionName };
    return [
      above(`job-errors-${job.key}`, "jobs", `${job.key}: more than ${t.lambdaErrorsPer5Minutes} errors in 5 minutes`, [{ namespace: "AWS/Lambda", metricName: "Errors", dimensions: fn, stat: "Sum" }], perFiveMinutes, t.lambdaErrorsPer5Minutes, "notBreaching"),
      above(`job-throttles-${job.key}`, "jobs", `${job.key}: more than ${t.lambdaThrottlesPer5Minutes} throttles in 5 minutes`, [{ namespace: "AWS/Lambda", metricName: "Throttles", dimensions: fn, stat: "Sum" }], perFiveMinutes, t.lambdaThrottlesPer5Minutes, "notBreaching"),
      // A dead letter is an event the job gave up on: any one of them needs a person.
      above(`job-dead-letters-${job.key}`, "jobs", `${job.key}: the dead-letter queue is not empty`, [{ namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: job.deadLetterQueueName }, stat: "Maximum" }], perFiveMinutes, 0, "notBreaching"),
      ...job.eventRules.map((rule) =>
        above(
          `job-delivery-${job.key}-${rule.key}`,
          "jobs",
          `${job.key}: EventBridge could not deliver ${rule.key} events`,
          [{ namespace: "AWS/Events", metricName: "FailedInvocations", dimensions: rule.bus === "default" ? { RuleName: rule.name } : { RuleName: rule.name, EventBusName: rule.bus }, stat: "Sum" }],
          perFiveMinutes,
          0,
          "notBreaching",
        ),
      ),
    ];
  });
}

/** Failed backup and copy jobs of the vault (AWS Backup publishes them per vault). */
export function backupAlarms(vaultName: pulumi.Input<string>, copies: boolean): AlarmSpec[] {
  const metric = (metricName: string): Metric => ({ namespace: "AWS/Backup", metricName, dimensions: { BackupVaultName: vaultName }, stat: "Sum" });
  const window = { periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;
  return [
    above("backup-jobs-failed", "backup", "a backup job failed", [metric("NumberOfBackupJobsFailed")], window, 0, "notBreaching"),
    ...(copies ? [above("backup-copies-failed", "backup", "a copy to the standby region failed", [metric("NumberOfCopyJobsFailed")], window, 0, "notBreaching")] : []),
  ];
}

function above(
  key: string,
  group: AlarmSpec["group"],
  description: string,
  metrics: Metric[],
  window: { periodSeconds: number; evaluationPeriods: number; datapointsToAlarm: number },
  threshold: pulumi.Input<number>,
  treatMissingData: AlarmSpec["treatMissingData"],
): AlarmSpec {
  return { key, group, description, metrics, ...window, comparison: "GreaterThanThreshold", threshold, treatMissingData };
}
