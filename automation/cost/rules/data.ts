import { list, num, PlannedResource, record, str } from "../graph";
import { CostLine, resourceLine, ResourceRule, RuleContext, usageLine, withNote } from "../model";

export const types = {
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
} as const;

/** RDS engines by price list: MariaDB and the commercial engines are not in the table. */
function rdsFamily(engine: string): "postgres" | "mysql" | undefined {
  if (engine === "postgres") return "postgres";
  if (engine === "mysql") return "mysql";
  return undefined;
}

const rdsInstance: ResourceRule = (db, ctx) => {
  const engine = str(db.inputs, "engine") ?? "";
  const instanceClass = str(db.inputs, "instanceClass") ?? "";
  const family = rdsFamily(engine);
  // A Multi-AZ DB instance runs one standby of the same class and stores its data twice.
  const copies = db.inputs.multiAz === true ? 2 : 1;
  const deployment = copies === 2 ? "Multi-AZ" : "Single-AZ";
  const role = db.inputs.replicateSourceDb ? "read replica" : "instance";
  const lines: CostLine[] = [];
  const hourly = family ? ctx.prices.rds.instanceHour[family][instanceClass] : undefined;
  if (hourly) {
    // Office hours stop the instance, not its storage: only the instance-hours shrink.
    const running = ctx.runningHours(db);
    lines.push(
      resourceLine(db, ctx, {
        service: "RDS",
        item: withNote(`${db.name}: ${engine} ${role} ${instanceClass} ${deployment}`, running),
        quantity: running.hours,
        price: hourly,
        factor: copies,
      }),
    );
  } else {
    ctx.missing(`RDS ${engine || "(no engine)"} instance class ${instanceClass || "(none)"} (${db.name})`);
  }
  const storageType = str(db.inputs, "storageType") ?? "gp2";
  const storage = storageType === "gp3" || storageType === "gp2" ? ctx.prices.rds.storageGbMonth[storageType] : undefined;
  const gb = num(db.inputs, "allocatedStorage") ?? sourceStorageGb(db, ctx) ?? 20;
  if (storage) {
    lines.push(resourceLine(db, ctx, { service: "RDS", item: `${db.name}: ${gb} GB ${storageType} storage ${deployment}`, quantity: gb, price: storage, factor: copies }));
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

const clusterInstance: ResourceRule = (member, ctx) => {
  const instanceClass = str(member.inputs, "instanceClass") ?? "";
  const cluster = ctx.index.find(member.inputs.clusterIdentifier, types.rdsCluster);
  const hourly = ctx.prices.aurora.instanceHour[instanceClass];
  if (!hourly) {
    ctx.missing(`Aurora instance class ${instanceClass || "(none)"} (${member.name})`);
    return [];
  }
  const optimized = ioOptimized(cluster);
  const running = ctx.runningHours(member);
  return [
    resourceLine(member, ctx, {
      service: "Aurora",
      item: withNote(`${member.name}: ${str(member.inputs, "engine") ?? "aurora"} ${instanceClass}${optimized ? " I/O-Optimized" : ""}`, running),
      quantity: running.hours,
      price: hourly,
      factor: optimized ? ctx.prices.aurora.ioOptimizedInstanceFactor.usd : 1,
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

function cacheNodes(resource: PlannedResource, ctx: RuleContext, nodes: number): CostLine[] {
  const nodeType = str(resource.inputs, "nodeType") ?? "";
  const hourly = ctx.prices.elasticache.nodeHour[nodeType];
  if (!hourly) {
    ctx.missing(`ElastiCache node type ${nodeType || "(none)"} (${resource.name})`);
    return [];
  }
  return [
    resourceLine(resource, ctx, {
      service: "ElastiCache",
      item: `${resource.name}: ${nodes} x ${nodeType}`,
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
