import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  DescribeGlobalReplicationGroupsCommand,
  DescribeReplicationGroupsCommand,
  DisassociateGlobalReplicationGroupCommand,
  ElastiCacheClient,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import { DescribeDBInstancesCommand, DescribeGlobalClustersCommand, FailoverGlobalClusterCommand, PromoteReadReplicaCommand, RDSClient, SwitchoverGlobalClusterCommand } from "@aws-sdk/client-rds";
import type { DrillMode, PromotionBackups, StoreState } from "../cloud";
import type { CacheTargets, DatabaseTargets, DrillTargets, SideName } from "../targets";

/**
 * Engine by engine: how the database and the cache are read and promoted. Reads go to the standby
 * region, which stays reachable when the primary region is the one that failed.
 */

type Regional<C> = (region: string) => C;


export async function databaseState(rds: Regional<RDSClient>, targets: DrillTargets): Promise<StoreState> {
  const db = targets.database;
  const client = rds(targets.standby.region);
  switch (db.strategy) {
    case "aurora-global": {
      const out = await client.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: db.globalClusterIdentifier }));
      const cluster = out.GlobalClusters?.[0];
      if (!cluster) return { writer: "unknown", available: false, detail: `global cluster ${db.globalClusterIdentifier} not found` };
      const members = cluster.GlobalClusterMembers ?? [];
      const writerArn = members.find((member) => member.IsWriter)?.DBClusterArn;
      const sideOf = (arn: string | undefined) => (arn === db.primary.clusterArn ? "primary" : arn === db.standby.clusterArn ? "standby" : undefined);
      const writer = sideOf(writerArn) ?? "unknown";
      // A member that is not the writer is a secondary: it follows the writer (DescribeGlobalClusters, GlobalClusterMember.IsWriter).
      const followers = members.filter((m) => !m.IsWriter).flatMap((m) => sideOf(m.DBClusterArn) ?? []);
      // FailoverState is set while a switchover or failover is in flight and empty afterwards.
      const moving = cluster.FailoverState?.Status;
      const following = followers.length > 0 ? `, secondary ${followers.map((f) => db[f].clusterIdentifier).join(", ")}` : ", no secondary";
      return { writer, followers, available: cluster.Status === "available" && !moving, detail: `global cluster ${cluster.Status}${moving ? `, ${moving}` : ""}, writer ${writerArn ?? "none"}${following}` };
    }
    case "rds-replica": {
      const out = await client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: db.standby.instanceIdentifier }));
      const instance = out.DBInstances?.[0];
      if (!instance) return { writer: "unknown", available: false, detail: `instance ${db.standby.instanceIdentifier} not found` };
      // A read replica names its source; once promoted it stands alone and takes writes.
      const source = instance.ReadReplicaSourceDBInstanceIdentifier;
      return { writer: source ? "primary" : "standby", available: instance.DBInstanceStatus === "available", detail: `${instance.DBInstanceIdentifier} ${instance.DBInstanceStatus}${source ? `, replica of ${source}` : ", standalone"}` };
    }
    case "none":
      return { writer: "unknown", available: true, detail: "no replicated database" };
  }
}

export async function promoteDatabase(rds: Regional<RDSClient>, targets: DrillTargets, to: SideName, mode: DrillMode, backups?: PromotionBackups): Promise<void> {
  const db = targets.database;
  const client = rds(targets[to].region);
  switch (db.strategy) {
    case "aurora-global": {
      const input = { GlobalClusterIdentifier: db.globalClusterIdentifier, TargetDbClusterIdentifier: db[to].clusterArn };
      // Switchover waits for the secondary to catch up (no data loss); failover does not wait.
      await client.send(mode === "planned" ? new SwitchoverGlobalClusterCommand(input) : new FailoverGlobalClusterCommand({ ...input, AllowDataLoss: true }));
      return;
    }
    case "rds-replica":
      // Towards the primary: the follower `npm run reseed` made of the standby's instance. The
      // promotion turns its backups on (PromoteReadReplica, BackupRetentionPeriod and
      // PreferredBackupWindow), as the primary's program declares them.
      await client.send(
        new PromoteReadReplicaCommand({ DBInstanceIdentifier: db[to].instanceIdentifier, ...(backups ? { BackupRetentionPeriod: backups.retentionDays, PreferredBackupWindow: backups.window } : {}) }),
      );
      return;
    case "none":
      return;
  }
}

/**
 * Latest replication lag of the follower in seconds: AuroraGlobalDBReplicationLag (milliseconds,
 * on the secondary cluster) or ReplicaLag (seconds, on the read replica).
 */
export async function replicationLagSeconds(cloudwatch: Regional<CloudWatchClient>, targets: DrillTargets, follower: SideName, now: number): Promise<number | undefined> {
  const db: DatabaseTargets = targets.database;
  let metric: { name: string; dimension: string; value: string; toSeconds: number };
  switch (db.strategy) {
    case "aurora-global":
      metric = { name: "AuroraGlobalDBReplicationLag", dimension: "DBClusterIdentifier", value: db[follower].clusterIdentifier, toSeconds: 1 / 1000 };
      break;
    case "rds-replica":
      metric = { name: "ReplicaLag", dimension: "DBInstanceIdentifier", value: db[follower].instanceIdentifier, toSeconds: 1 };
      break;
    case "none":
      return undefined;
  }
  const out = await cloudwatch(targets[follower].region).send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 10 * 60_000),
      EndTime: new Date(now),
      ScanBy: "TimestampDescending",
      MetricDataQueries: [
        { Id: "lag", MetricStat: { Metric: { Namespace: "AWS/RDS", MetricName: metric.name, Dimensions: [{ Name: metric.dimension, Value: metric.value }] }, Period: 60, Stat: "Maximum" } },
      ],
    }),
  );
  const latest = out.MetricDataResults?.[0]?.Values?.[0];
  return latest === undefined ? undefined : latest * metric.toSeconds;
}

export async function cacheState(elasticache: Regional<ElastiCacheClient>, targets: DrillTargets): Promise<StoreState> {
  const cache: CacheTargets = targets.cache;
  if (cache.strategy !== "global-datastore") return { writer: "unknown", available: true, detail: `cache strategy ${cache.strategy}: each side has its own` };
  const client = elasticache(targets.standby.region);
  const out = await client.send(new DescribeGlobalReplicationGroupsCommand({ GlobalReplicationGroupId: cache.globalReplicationGroupId, ShowMemberInfo: true }));
  const group = out.GlobalReplicationGroups?.[0];
  if (!group) return { writer: "unknown", available: false, detail: `global datastore ${cache.globalReplicationGroupId} not found` };
  const members = group.Members ?? [];
  const standbyMember = members.find((m) => m.ReplicationGroupId === cache.standby.replicationGroupId);
  if (!standbyMember) {
    // Disassociated (unplanned failover): the standby group stands alone and takes writes.
    const own = await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: cache.standby.replicationGroupId }));
    const status = own.ReplicationGroups?.[0]?.Status;
    return { writer: "standby", available: status === "available", detail: `${cache.standby.replicationGroupId} left the global datastore, ${status}` };
  }
  const primary = members.find((m) => m.Role === "PRIMARY")?.ReplicationGroupId;
  const writer = primary === cache.primary.replicationGroupId ? "primary" : primary === cache.standby.replicationGroupId ? "standby" : "unknown";
  return { writer, available: group.Status === "available" && members.every((m) => m.Status === "associated"), detail: `global datastore ${group.Status}, primary ${primary ?? "none"}` };
}

export async function promoteCache(elasticache: Regional<ElastiCacheClient>, targets: DrillTargets, to: SideName, mode: DrillMode): Promise<void> {
  const cache = targets.cache;
  if (cache.strategy !== "global-datastore") return;
  const client = elasticache(targets[to].region);
  if (mode === "planned") {
    // Names the new primary: the cluster in `to`'s region.
    await client.send(
      new FailoverGlobalReplicationGroupCommand({ GlobalReplicationGroupId: cache.globalReplicationGroupId, PrimaryRegion: targets[to].region, PrimaryReplicationGroupId: cache[to].replicationGroupId }),
    );
  } else {
    // With the primary region gone a failover cannot reach it; the secondary leaves the datastore
    // and becomes a standalone primary. The datastore is re-formed before a failback.
    await client.send(
      new DisassociateGlobalReplicationGroupCommand({ GlobalReplicationGroupId: cache.globalReplicationGroupId, ReplicationGroupId: cache[to].replicationGroupId, ReplicationGroupRegion: targets[to].region }),
    );
  }
}

export async function cacheAvailable(elasticache: Regional<ElastiCacheClient>, targets: DrillTargets, side: SideName): Promise<boolean> {
  const cache = targets.cache;
  if (cache.strategy === "none") return true;
  const out = await elasticache(targets[side].region).send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: cache[side].replicationGroupId }));
  return out.ReplicationGroups?.[0]?.Status === "available";
}
