import type { DatabaseEngine } from "./engines";

/** Settings every database engine shares. */
export interface DatabaseCommonSettings {
  readonly engine: DatabaseEngine;
  readonly engineVersion: string;
  /** Database created with the instance or cluster. */
  readonly databaseName: string;
  /** Master user; its password is generated into Secrets Manager. */
  readonly masterUsername: string;
  /** Automated backups kept, 1-35 days. */
  readonly backupRetentionDays: number;
  /** Daily backup window, `hh24:mi-hh24:mi` UTC. */
  readonly backupWindow: string;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC. */
  readonly maintenanceWindow: string;
  readonly performanceInsights: boolean;
  /** 7 (free) or a multiple of 31 up to 731. */
  readonly performanceInsightsRetentionDays: number;
  /** Logs exported to CloudWatch Logs. */
  readonly logExports: readonly string[];
  /** Extra engine parameters; the TLS parameter is the platform's. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Days between rotations of the master password (1-365). */
  readonly rotationDays: number;
}

/** PostgreSQL on an RDS instance. */
export interface PostgresSettings extends DatabaseCommonSettings {
  readonly engine: "postgres";
  readonly instanceClass: string;
  /** gp3 storage at creation. */
  readonly storageGb: number;
  /** Storage autoscaling ceiling; no autoscaling when absent. */
  readonly maxStorageGb?: number;
  /** A synchronous standby in a second zone. */
  readonly multiAz: boolean;
  /** Read replicas by stable name. */
  readonly readReplicas: readonly { readonly name: string; readonly instanceClass: string }[];
}

/** An Aurora reader: class defaults to the writer's, zone to the data zones in turn. */
export interface AuroraReaderSettings {
  readonly name: string;
  readonly instanceClass?: string;
  readonly availabilityZone?: string;
}

/** An Aurora PostgreSQL or MySQL cluster: a writer and named readers. */
export interface AuroraSettings extends DatabaseCommonSettings {
  readonly engine: "aurora-postgresql" | "aurora-mysql";
  /** Class of the writer, and of readers that name none. */
  readonly instanceClass: string;
  readonly readers: readonly AuroraReaderSettings[];
  /** Application Auto Scaling of extra readers on reader CPU. */
  readonly readerAutoscaling?: { readonly minReaders: number; readonly maxReaders: number; readonly cpuTargetPercent: number };
  /** The cluster is the primary of an Aurora global database a standby region can join. */
  readonly globalDatabase: boolean;
}

export type DatabaseSettings = PostgresSettings | AuroraSettings;

export const cacheModes = ["single-node", "replicated", "cluster"] as const;
/** single-node: one node; replicated: a primary and replicas; cluster: cluster mode, shards x (1 + replicas). */
export type CacheMode = (typeof cacheModes)[number];

/** An ElastiCache Redis OSS replication group. */
export interface CacheSettings {
  readonly engineVersion: "7.0" | "7.1";
  readonly nodeType: string;
  readonly mode: CacheMode;
  /** Shards (node groups); more than 1 only in cluster mode. */
  readonly shards: number;
  readonly replicasPerShard: number;
  /** Daily snapshots kept, 0-35. */
  readonly snapshotRetentionDays: number;
  /** Daily snapshot window, UTC. */
  readonly snapshotWindow: string;
  /** Weekly maintenance window, UTC. */
  readonly maintenanceWindow: string;
  readonly maxmemoryPolicy: string;
  /** Redis logs delivered to CloudWatch Logs, one group each. */
  readonly logDelivery: readonly ("slow-log" | "engine-log")[];
  /** Days between rotations of the AUTH token (1-365). */
  readonly rotationDays: number;
}

/** `platform:data`: the database and the cache. */
export interface DataSettings {
  readonly database: DatabaseSettings;
  readonly cache: CacheSettings;
}
