import type { AuroraSettings, CacheSettings, DatabaseCommonSettings, PostgresSettings } from "../data/settings";
import type { LifecycleRule } from "../storage/settings";
import type { StackRole } from "../stack";

/** Recovery objectives a drill is judged against. */
export interface DrTargets {
  /** Recovery time objective: fence of the primary to the first healthy response through DNS. */
  readonly rtoMinutes: number;
  /** Recovery point objective: the database replication lag when the primary is fenced. */
  readonly rpoMinutes: number;
  /** Recovery point objective of the files (the buckets the standby copies); rpoMinutes when absent. */
  readonly filesRpoMinutes?: number;
}

export const standbyModes = ["pilot-light", "warm", "backup-restore"] as const;
/**
 * `pilot-light`: data replicates, compute runs 0 tasks. `warm`: compute runs a minimum.
 * `backup-restore`: only the primary's backup copies are here, restored by hand (seed 001's
 * "cross-region backup if needed").
 */
export type StandbyMode = (typeof standbyModes)[number];

/** How the standby's database follows the primary's; chosen by the data tier's engine. */
export const databaseStandbyStrategies = ["aurora-global", "rds-replica", "none"] as const;
export type DatabaseStandbyStrategy = (typeof databaseStandbyStrategies)[number];

/**
 * How the standby's Redis follows the primary's: an ElastiCache global datastore secondary (node
 * types large and above only), or an empty cache that warms from the database after a failover.
 */
export const cacheStandbyStrategies = ["global-datastore", "warm-empty", "none"] as const;
export type CacheStandbyStrategy = (typeof cacheStandbyStrategies)[number];

/** `serving`: the stack takes traffic and its stores are writers. `standby`: it follows. */
export const drStates = ["serving", "standby"] as const;
export type DrState = (typeof drStates)[number];

/** What the replica shares with every engine; the rest (storage, name, user) follows the source. */
type ReplicaCommon = Pick<
  DatabaseCommonSettings,
  | "engineVersion"
  | "backupRetentionDays"
  | "backupWindow"
  | "maintenanceWindow"
  | "performanceInsights"
  | "performanceInsightsRetentionDays"
  | "logExports"
  | "parameters"
>;

/** An RDS cross-region read replica of a PostgreSQL primary. */
export type PostgresReplicaSettings = ReplicaCommon & Pick<PostgresSettings, "engine" | "instanceClass" | "maxStorageGb" | "multiAz">;
/** The secondary cluster of an Aurora global database: a `primary` instance and the named readers. */
export type AuroraReplicaSettings = ReplicaCommon & Pick<AuroraSettings, "engine" | "instanceClass" | "readers">;
/** The standby's database, a copy of the primary's. */
export type ReplicaDatabaseSettings = PostgresReplicaSettings | AuroraReplicaSettings;

/** A bucket of the primary's marked `replicate`, and the lifecycle of its replica. */
export interface ReplicaBucketSettings {
  /** The primary's bucket key. */
  readonly name: string;
  readonly lifecycle: readonly LifecycleRule[];
  /** `replication` (a replica bucket, S3 RTC) or `backup-copy` (the primary's AWS Backup copies in the vault). */
  readonly via: "replication" | "backup-copy";
  /** With `replication`: the replica replicates back into the primary's bucket (default true). */
  readonly replicateBack?: boolean;
  /** Why `replicateBack` is false. */
  readonly replicateBackOffReason?: string;
}

/** Whether a replicated bucket's replica replicates back into the primary's bucket (on unless turned off with a reason). */
export function replicatesBack(bucket: Pick<ReplicaBucketSettings, "via" | "replicateBack">): boolean {
  return bucket.via === "replication" && bucket.replicateBack !== false;
}

/** `platform:dr`: the pairing of a primary and its standby, the targets, and which side serves. */
export interface DrSettings {
  readonly targets: DrTargets;
  /** Which side serves traffic now; the role's default when absent (see `drState`). */
  readonly state?: DrState;
  /** Standby only: the stack this one stands by for. */
  readonly primaryStack?: string;
  /** Standby only: the primary's organization; this stack's when absent. */
  readonly primaryOrganization?: string;
  /** Standby only: the primary's project; this stack's when absent. */
  readonly primaryProject?: string;
  /** Standby only: the posture and its size while not serving. */
  readonly standby?: {
    readonly mode: StandbyMode;
    readonly tasksPerService: number;
    /** EKS: nodes per node group while standing by (min and desired); the configured sizes when absent. */
    readonly nodesPerGroup?: number;
  };
  /** Standby only: which data stores the drill promotes, and how. */
  readonly promote?: { readonly database: DatabaseStandbyStrategy; readonly cache: CacheStandbyStrategy };
  /** Standby only: the copies the DR tier keeps of the primary's stores. */
  readonly replica?: {
    readonly database?: ReplicaDatabaseSettings;
    readonly cache?: CacheSettings;
    readonly buckets: readonly ReplicaBucketSettings[];
    /** With promote.database none: the primary's database arrives as AWS Backup copies in the vault. */
    readonly databaseBackups: boolean;
  };
  /** Standby only: the name Route 53 fails over from the primary's load balancer to this stack's. */
  readonly failover?: { readonly domainName: string };
  /** Standby only: the readiness checks on a schedule in this region (components/dr/readiness.ts); off when absent. */
  readonly readiness?: { readonly schedule: string };
}

/** The stack's current DR state: the recorded one, or the default of its role. */
export function drState(config: { readonly role: StackRole; readonly dr?: Pick<DrSettings, "state"> }): DrState {
  return config.dr?.state ?? (config.role === "standby" ? "standby" : "serving");
}
