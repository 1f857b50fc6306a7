import { list, num, PlannedResource, record, str } from "../graph";
import { CostLine, resourceLine, ResourceRule, RuleContext, usageLine, withNote } from "../model";
import type { AuroraEngine, CacheEngine, Deployment, RdsEngine } from "../prices/types";

export const types = {
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
} as const;

/** RDS engines by price list: MariaDB and the commercial engines are not in the table. */
function rdsEngine(engine: string): RdsEngine | undefined {
  return engine === "postgres" || engine === "mysql" ? engine : undefined;
}

const rdsInstance: ResourceRule = (db, ctx) => {
  const engine = str(db.inputs, "engine") ?? "";
  const instanceClass = str(db.inputs, "instanceClass") ?? "";
  const family = rdsEngine(engine);
  // A Multi-AZ DB instance (one standby) is priced at AWS's listed Multi-AZ rates, instance and
  // storage alike: the list is not twice Single-AZ everywhere (Seoul's gp2 is 0.276 against 0.131).
  const deployment: Deployment = db.inputs.multiAz === true ? "Multi-AZ" : "Single-AZ";
  const role = db.inputs.replicateSourceDb ? "read replica" : "instance";
  const lines: CostLine[] = [];
  const hourly = family ? ctx.prices.rds.instanceHour[family][deployment][instanceClass] : undefined;
  if (hourly) {
    // Office hours stop the instance, not its storage: only the instance-hours shrink.
    const running = ctx.runningHours(db);
    lines.push(
      resourceLine(db, ctx, {
        service: "RDS",
        item: withNote(`${db.name}: ${engine} ${role} ${instanceClass} ${deployment}`, running),
        quantity: running.hours,
        price: hourly,
      }),
    );
  } else {
    ctx.missing(`RDS ${engine || "(no engine)"} ${deployment} instance class ${instanceClass || "(none)"} (${db.name})`);
  }
  const storageType = str(db.inputs, "storageType") ?? "gp2";
  const rates = ctx.prices.rds.storageGbMonth[deployment];
  const storage = storageType === "gp3" || storageType === "gp2" ? rates[storageType] : undefined;
  const gb = num(db.inputs, "allocatedStorage") ?? sourceStorageGb(db, ctx) ?? 20;
  if (storage) {
    lines.push(resourceLine(db, ctx, { service: "RDS", item: `${db.name}: ${gb} GB ${storageType} storage ${deployment}`, quantity: gb, price: storage }));
  } else {
    ctx.missing(`RDS storage type ${storageType} (${db.name})`);
  }
  return lines;
};

/**
 * A read replica that states no storage is created with its source's allocated storage (RDS copies
 * the volume); a source outside the registrations (another region's stack) leaves RDS's 20 GB floor.
 */
function sourceStorageGb(db: PlannedResource, ctx: RuleContext): number | undefined {
  if (!db.inputs.replicateSourceDb) return undefined;
  const source = ctx.index.find(db.inputs.replicateSourceDb, types.rdsInstance);
  return source ? num(source.inputs, "allocatedStorage") : undefined;
}

function isAurora(cluster: PlannedResource): boolean {
  return (str(cluster.inputs, "engine") ?? "").startsWith("aurora");
}

function ioOptimized(cluster: PlannedResource | undefined): boolean {
  return cluster !== undefined && str(cluster.inputs, "storageType") === "aurora-iopt1";
}

function auroraEngine(engine: string | undefined): AuroraEngine | undefined {
  return engine === "aurora-mysql" || engine === "aurora-postgresql" ? engine : undefined;
}

const clusterInstance: ResourceRule = (member, ctx) => {
  const instanceClass = str(member.inputs, "instanceClass") ?? "";
  const cluster = ctx.index.find(member.inputs.clusterIdentifier, types.rdsCluster);
  const engine = auroraEngine(str(member.inputs, "engine") ?? (cluster ? str(cluster.inputs, "engine") : undefined));
  const optimized = ioOptimized(cluster);
  // AWS lists I/O-Optimized instances at prices of their own: read them, never a factor on Standard.
  const byClass = engine ? (optimized ? ctx.prices.aurora.ioOptimizedInstanceHour : ctx.prices.aurora.instanceHour)[engine] : undefined;
  const hourly = byClass?.[instanceClass];
  if (!hourly) {
    ctx.missing(`Aurora ${engine ?? "(no engine)"}${optimized ? " I/O-Optimized" : ""} instance class ${instanceClass || "(none)"} (${member.name})`);
    return [];
  }
  const running = ctx.runningHours(member);
  return [
    resourceLine(member, ctx, {
      service: "Aurora",
      item: withNote(`${member.name}: ${engine} ${instanceClass}${optimized ? " I/O-Optimized" : ""}`, running),
      quantity: running.hours,
      price: hourly,
    }),
  ];
};

/** The cluster volume is usage: `usage.aurora` per cluster (a global secondary stores a full copy). */
const rdsCluster: ResourceRule = (cluster, ctx) => {
  if (!isAurora(cluster)) {
    ctx.missing(`RDS Multi-AZ DB cluster ${str(cluster.inputs, "dbClusterInstanceClass") ?? ""} (${cluster.name})`);
    return [];
  }
  const { storageGb, ioRequestsMillions } = ctx.usage.aurora;
  const aurora = ctx.prices.aurora;
  const optimized = ioOptimized(cluster);
  const tier = ctx.tierOf(cluster);
  const lines = [
    usageLine(tier, [cluster], {
      service: "Aurora",
      item: `${cluster.name}: cluster volume${optimized ? " I/O-Optimized" : ""}`,
      quantity: storageGb,
      price: optimized ? aurora.ioOptimizedStorageGbMonth : aurora.storageGbMonth,
    }),
  ];
  if (!optimized && ioRequestsMillions > 0) {
    lines.push(usageLine(tier, [cluster], { service: "Aurora", item: `${cluster.name}: I/O requests`, quantity: ioRequestsMillions, price: aurora.ioRequestsMillion }));
  }
  return lines;
};

/** Nodes of a replication group: shards x (1 + replicas), or the cluster-mode-disabled count. */
export function replicationGroupNodes(inputs: Readonly<Record<string, unknown>>): number {
  const shards = num(inputs, "numNodeGroups");
  if (shards !== undefined) return shards * (1 + (num(inputs, "replicasPerNodeGroup") ?? 0));
  const groups = list(inputs, "nodeGroupConfigurations").map(record);
  if (groups.length > 0) return groups.reduce((sum, g) => sum + 1 + (num(g, "replicaCount") ?? 0), 0);
  return num(inputs, "numCacheClusters") ?? 1;
}

/** ElastiCache engines by price list; a group that names none runs Redis OSS, the API's default. */
function cacheEngine(inputs: Readonly<Record<string, unknown>>): CacheEngine | undefined {
  const engine = str(inputs, "engine") ?? "redis";
  return engine === "redis" || engine === "valkey" || engine === "memcached" ? engine : undefined;
}

const engineNames: Readonly<Record<CacheEngine, string>> = { redis: "Redis OSS", valkey: "Valkey", memcached: "Memcached" };

function cacheNodes(resource: PlannedResource, ctx: RuleContext, nodes: number): CostLine[] {
  const nodeType = str(resource.inputs, "nodeType") ?? "";
  const engine = cacheEngine(resource.inputs);
  const hourly = engine ? ctx.prices.elasticache.nodeHour[engine][nodeType] : undefined;
  if (!engine || !hourly) {
    ctx.missing(`ElastiCache ${engine ? engineNames[engine] : (str(resource.inputs, "engine") ?? "")} node type ${nodeType || "(none)"} (${resource.name})`);
    return [];
  }
  return [
    resourceLine(resource, ctx, {
      service: "ElastiCache",
      item: `${resource.name}: ${nodes} x ${nodeType} ${engineNames[engine]}`,
      quantity: nodes * ctx.hours,
      price: hourly,
    }),
  ];
}

const replicationGroup: ResourceRule = (group, ctx) => cacheNodes(group, ctx, replicationGroupNodes(group.inputs));

const cacheCluster: ResourceRule = (cluster, ctx) =>
  // A member of a replication group is priced with its group.
  cluster.inputs.replicationGroupId ? [] : cacheNodes(cluster, ctx, num(cluster.inputs, "numCacheNodes") ?? 1);

const serverlessCache: ResourceRule = (cache, ctx) => {
  ctx.missing(`ElastiCache Serverless (${cache.name}): priced by stored GB and ECPUs, which the usage config does not model`);
  return [];
};

export const dataRules: Readonly<Record<string, ResourceRule>> = {
  [types.rdsInstance]: rdsInstance,
  [types.clusterInstance]: clusterInstance,
  [types.rdsCluster]: rdsCluster,
  [types.replicationGroup]: replicationGroup,
  [types.cacheCluster]: cacheCluster,
  [types.serverlessCache]: serverlessCache,
};
