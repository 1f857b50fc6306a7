import type { DataSettings } from "../data/settings";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy, DrSettings } from "./settings";
import type { EdgeSettings } from "../edge/settings";
import type { StorageSettings } from "../storage/settings";
import type { BackupSettings } from "../backup/settings";
import { recoveryPointProblems } from "./recovery-point";

/**
 * Which standby each of the primary's data stores allows. Pure: the drill and the rollout check a
 * standby stack's `platform:dr.promote` against its primary's `platform:data` with it, offline,
 * and the DR tier builds the standby it names.
 */
export function databaseStrategies(primaryData: DataSettings | undefined): DatabaseStandbyStrategy[] {
  const database = primaryData?.database;
  if (!database) return ["none"];
  if (database.engine === "postgres") return ["rds-replica"];
  // An Aurora cluster joins a standby region only as the primary of a global database.
  return database.globalDatabase ? ["aurora-global"] : [];
}

/** Global datastores need node types large and above; burstable t3/t4g nodes are refused by AWS. */
export function cacheStrategies(primaryData: DataSettings | undefined): CacheStandbyStrategy[] {
  const cache = primaryData?.cache;
  if (!cache) return ["none"];
  return /^cache\.(t3|t4g)\./.test(cache.nodeType) ? ["warm-empty"] : ["global-datastore", "warm-empty"];
}

interface Named {
  readonly name: string;
  readonly config: {
    readonly project: string;
    readonly environment: string;
    readonly region: string;
    readonly data?: DataSettings;
    readonly backup?: BackupSettings;
    readonly dr?: DrSettings;
    readonly storage: Pick<StorageSettings, "buckets" | "repositories" | "repositoryNamespace">;
    readonly edge?: EdgeSettings;
    /** The compute engine: an EKS primary serves the failover name itself. */
    readonly compute?: { readonly engine: string };
  };
}

/**
 * Problems of a standby against its primary, one sentence each: the promotions fit the primary's
 * data stores, the replicas copy what the primary has (engine and version, the buckets it marks
 * `replicate`, its repositories under the same names), and the failover name fits both edges.
 * The rollout and the drill check this from the two stack files before anything changes.
 */
export function checkStandbyPromotions(primary: Named, standby: Named): string[] {
  const promote = standby.config.dr?.promote;
  if (!promote) return [];
  const problems: string[] = [];
  // A backup-and-restore standby promotes nothing: its stores are restored from the vault's copies.
  const restoresOnly = standby.config.dr?.standby?.mode === "backup-restore";
  const databases = restoresOnly ? ["none" as const] : databaseStrategies(primary.config.data);
  if (!databases.includes(promote.database)) {
    const engine = primary.config.data?.database.engine ?? "no database";
    problems.push(
      databases.length === 0
        ? `${standby.name}'s platform:dr.promote.database is ${promote.database}, but ${primary.name}'s ${engine} cluster is not a global database (set platform:data.database.globalDatabase on ${primary.name})`
        : `${standby.name}'s platform:dr.promote.database is ${promote.database}, but ${primary.name} has ${engine} (allowed: ${databases.join(", ")})`,
    );
  }
  const caches = restoresOnly ? ["none" as const] : cacheStrategies(primary.config.data);
  if (!caches.includes(promote.cache)) {
    const node = primary.config.data?.cache.nodeType ?? "no cache";
    problems.push(`${standby.name}'s platform:dr.promote.cache is ${promote.cache}, but ${primary.name} has ${node} (allowed: ${caches.join(", ")})`);
  }
  problems.push(...replicaProblems(primary, standby), ...failoverProblems(primary, standby), ...recoveryPointProblems(primary, standby));
  return problems;
}

/** `16.4` -> `16`: RDS replicates within a PostgreSQL major; Aurora global members run one exact version. */
const major = (version: string) => version.split(".")[0];

function replicaProblems(primary: Named, standby: Named): string[] {
  const problems: string[] = [];
  const replica = standby.config.dr?.replica;
  const source = primary.config.data?.database;
  const copy = replica?.database;
  const at = `${standby.name}'s platform:dr.replica`;
  if (copy && source) {
    if (copy.engine !== source.engine) {
      problems.push(`${at}.database.engine is ${copy.engine}, but ${primary.name}'s database is ${source.engine}`);
    } else if (copy.engine === "postgres" ? major(copy.engineVersion) !== major(source.engineVersion) : copy.engineVersion !== source.engineVersion) {
      problems.push(`${at}.database.engineVersion is ${copy.engineVersion}, but ${primary.name} runs ${source.engineVersion} (a replica runs its source's ${copy.engine === "postgres" ? "major version" : "exact version"})`);
    }
  }
  const replicated = primary.config.storage.buckets.filter((b) => b.replicate).map((b) => b.name);
  // Buckets copied by backup are the primary's `backup` ones (model/dr/recovery-point.ts).
  const copied = (replica?.buckets ?? []).filter((b) => b.via !== "backup-copy").map((b) => b.name);
  const missing = replicated.filter((name) => !copied.includes(name));
  const extra = copied.filter((name) => !replicated.includes(name));
  if (missing.length > 0) problems.push(`${primary.name} marks bucket${missing.length > 1 ? "s" : ""} ${missing.join(", ")} replicate, but ${at}.buckets has no entry for ${missing.length > 1 ? "them" : "it"}`);
  if (extra.length > 0) problems.push(`${at}.buckets lists ${extra.join(", ")}, which ${primary.name} does not mark replicate (platform:storage.buckets)`);

  // ECR replication keeps repository names: the standby must hold the same ones, under the primary's namespace.
  const namespaceOf = (n: Named) => n.config.storage.repositoryNamespace ?? `${n.config.project}-${n.config.environment}`;
  const sourceRepositories = primary.config.storage.repositories.map((r) => r.name);
  if (sourceRepositories.length > 0) {
    if (namespaceOf(standby) !== namespaceOf(primary)) {
      problems.push(`${standby.name}'s platform:storage.repositoryNamespace is ${namespaceOf(standby)}, but ECR replication keeps ${primary.name}'s names (${namespaceOf(primary)}/...): set it to ${namespaceOf(primary)}`);
    }
    const own = standby.config.storage.repositories.map((r) => r.name);
    const absent = sourceRepositories.filter((name) => !own.includes(name));
    if (absent.length > 0) problems.push(`${standby.name}'s platform:storage.repositories lacks ${absent.join(", ")}: ${primary.name}'s images replicate into repositories of the same name`);
  }
  return problems;
}

function failoverProblems(primary: Named, standby: Named): string[] {
  const failover = standby.config.dr?.failover;
  const primaryEdge = primary.config.edge;
  const standbyEdge = standby.config.edge;
  if (!failover) return [];
  if (!primaryEdge) return [`${primary.name} has no platform:edge: the failover record's PRIMARY answers with its load balancer`];
  const problems: string[] = [];
  if (standbyEdge && primaryEdge.zone.name !== standbyEdge.zone.name) {
    problems.push(`${primary.name} and ${standby.name} use different hosted zones (${primaryEdge.zone.name}, ${standbyEdge.zone.name}): the failover records need one zone for both`);
  }
  // An EKS primary's Ingress serves the name's certificate, which its own stack issues: it names the same failover name.
  const served = primary.config.dr?.failover?.domainName;
  if (primary.config.compute?.engine === "eks" && served !== failover.domainName) {
    problems.push(
      `${standby.name}'s platform:dr.failover.domainName is ${failover.domainName}, but ${primary.name}'s Ingress serves ${served ?? "no failover name"} (set ${primary.name}'s platform:dr.failover.domainName to ${failover.domainName})`,
    );
  }
  const names = [primaryEdge.domainName, primaryEdge.originDomainName, primaryEdge.nlb?.domainName];
  if (names.includes(failover.domainName)) {
    problems.push(`${standby.name}'s platform:dr.failover.domainName ${failover.domainName} is one of ${primary.name}'s own names: the failover name needs records of its own`);
  }
  return problems;
}
