import type { DataConfig } from "../../config/sections/data";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy, DrConfig } from "../../config/sections/dr";

/**
 * Which standby each of the primary's data stores allows. Pure: the drill and the rollout check a
 * standby stack's `platform:dr.promote` against its primary's `platform:data` with it, offline,
 * and the DR tier builds the standby it names.
 */
export function databaseStrategies(primaryData: DataConfig | undefined): DatabaseStandbyStrategy[] {
  const database = primaryData?.database;
  if (!database) return ["none"];
  if (database.engine === "postgres") return ["rds-replica"];
  // An Aurora cluster joins a standby region only as the primary of a global database.
  return database.globalDatabase ? ["aurora-global"] : [];
}

/** Global datastores need node types large and above; burstable t3/t4g nodes are refused by AWS. */
export function cacheStrategies(primaryData: DataConfig | undefined): CacheStandbyStrategy[] {
  const cache = primaryData?.cache;
  if (!cache) return ["none"];
  return /^cache\.(t3|t4g)\./.test(cache.nodeType) ? ["warm-empty"] : ["global-datastore", "warm-empty"];
}

interface Named {
  readonly name: string;
  readonly config: { readonly data?: DataConfig; readonly dr?: DrConfig };
}

/** Problems of a standby's promotions given its primary's data stores, one sentence each. */
export function checkStandbyPromotions(primary: Named, standby: Named): string[] {
  const promote = standby.config.dr?.promote;
  if (!promote) return [];
  const problems: string[] = [];
  const databases = databaseStrategies(primary.config.data);
  if (!databases.includes(promote.database)) {
    const engine = primary.config.data?.database.engine ?? "no database";
    problems.push(
      databases.length === 0
        ? `${standby.name}'s platform:dr.promote.database is ${promote.database}, but ${primary.name}'s ${engine} cluster is not a global database (set platform:data.database.globalDatabase on ${primary.name})`
        : `${standby.name}'s platform:dr.promote.database is ${promote.database}, but ${primary.name} has ${engine} (allowed: ${databases.join(", ")})`,
    );
  }
  const caches = cacheStrategies(primary.config.data);
  if (!caches.includes(promote.cache)) {
    const node = primary.config.data?.cache.nodeType ?? "no cache";
    problems.push(`${standby.name}'s platform:dr.promote.cache is ${promote.cache}, but ${primary.name} has ${node} (allowed: ${caches.join(", ")})`);
  }
  return problems;
}
