/**
 * Capacities the alarms are a share of: a database's max_connections (seed 001 pages at 80 % of
 * it) and the member clusters of a Redis replication group (ElastiCache publishes per node).
 * Pure functions, no Pulumi.
 */
import type { DatabaseEngine } from "../data/engines";

const gib = 1024 ** 3;

/** Memory (GiB) of `db.<family>.<size>`; undefined for a class this table does not know. */
export function instanceMemoryGib(instanceClass: string): number | undefined {
  const match = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  if (!match) return undefined;
  const [, family, size] = match;
  if (/^t\d+g?$/.test(family)) {
    const burstable: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 };
    return burstable[size];
  }
  // Memory of the `large` size per family kind; each size step up doubles it (12x, 24x: x1.5).
  const large = /^m\d/.test(family) ? 8 : /^r\d/.test(family) ? 16 : /^x2g$/.test(family) ? 32 : undefined;
  const multiplier: Record<string, number> = { large: 1, xlarge: 2, "2xlarge": 4, "4xlarge": 8, "8xlarge": 16, "12xlarge": 24, "16xlarge": 32, "24xlarge": 48, "32xlarge": 64 };
  return large === undefined || multiplier[size] === undefined ? undefined : large * multiplier[size];
}

/**
 * The engine's default max_connections (RDS parameter-group formulas, on the class's memory as
 * AWS's own tables compute it), or the value the parameter group sets. Undefined when neither is
 * known, so the caller can refuse instead of guessing.
 */
export function maxConnections(engine: DatabaseEngine, instanceClass: string, parameters: Readonly<Record<string, string>> = {}): number | undefined {
  const configured = parameters.max_connections;
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured);
  const memoryGib = instanceMemoryGib(instanceClass);
  if (memoryGib === undefined) return undefined;
  const bytes = memoryGib * gib;
  if (engine === "aurora-mysql") return auroraMysqlMaxConnections(instanceClass, bytes);
  // PostgreSQL and Aurora PostgreSQL: LEAST({DBInstanceClassMemory/9531392}, 5000).
  return Math.min(Math.floor(bytes / 9531392), 5000);
}

/**
 * Aurora MySQL's default is GREATEST({log(DBInstanceClassMemory/805306368)*45},
 * {log(DBInstanceClassMemory/8187281408)*1000}) (log base 2) on memory net of what RDS reserves;
 * AWS publishes the results per class, and the burstable ones fall well short of the formula on
 * nominal memory (db.t3.medium: 90, not 108), so those come from AWS's table.
 */
function auroraMysqlMaxConnections(instanceClass: string, bytes: number): number {
  const published: Record<string, number> = { small: 45, medium: 90, large: 135 };
  const burstable = /^db\.t\d+g?\.(\w+)$/.exec(instanceClass);
  if (burstable && published[burstable[1]] !== undefined) return published[burstable[1]];
  // Memory-optimised classes: the table is 1000 per step (large 1000, xlarge 2000, ...), which the
  // formula's second term gives on nominal memory less RDS's share; floor to the published step.
  return Math.max(Math.floor(Math.max(Math.log2(bytes / 805306368) * 45, Math.log2(bytes / 8187281408) * 1000) / 1000) * 1000, 1000);
}

/**
 * Member cluster id suffixes of a replication group: `001`, `002`, ... without cluster mode,
 * `0001-001`, `0001-002`, `0002-001`, ... with it (shard, then node).
 */
export function cacheMemberSuffixes(mode: "single-node" | "replicated" | "cluster", shards: number, replicasPerShard: number): string[] {
  const perShard = 1 + replicasPerShard;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  if (mode !== "cluster") return Array.from({ length: mode === "single-node" ? 1 : perShard }, (_, i) => pad(i + 1, 3));
  return Array.from({ length: shards }, (_, s) => Array.from({ length: perShard }, (_, n) => `${pad(s + 1, 4)}-${pad(n + 1, 3)}`)).flat();
}
