import * as pulumi from "@pulumi/pulumi";
import type { AlarmThresholds } from "../../../model/observability/settings";
import { above, AlarmSpec, fiveMinutes, Metric, perFiveMinutes, Statistic } from "./spec";

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
