import { z } from "zod";
import {
  DatabaseEngine,
  describeInstanceClasses,
  engineVersionRules,
  instanceClassFits,
  logExportTypes,
  reservedDatabaseNames,
  reservedUsernames,
  validInsightsRetention,
} from "../../model/data/engines";
import { cacheModes } from "../../model/data/settings";
import { dailyWindowFormat, parseDailyWindow, parseWeeklyWindow, weeklyWindowFormat } from "../../model/data/windows";

/** Stable key of a replica or reader: it becomes part of the instance's identifier. */
const memberName = z.string().regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, "must be 2-20 characters of a-z, 0-9 and '-', starting with a letter");

const dailyWindow = z.string().refine((w) => parseDailyWindow(w) !== undefined, { message: `must be ${dailyWindowFormat}` });
const weeklyWindow = z.string().refine((w) => parseWeeklyWindow(w) !== undefined, { message: `must be ${weeklyWindowFormat}` });

const instanceClass = (engine: DatabaseEngine) =>
  z.string().refine((c) => instanceClassFits(engine, c), { message: `does not fit ${engine} (allowed: ${describeInstanceClasses(engine)})` });

const engineVersion = (engine: DatabaseEngine) =>
  z.string().refine((v) => engineVersionRules[engine].pattern.test(v), { message: `must be ${engineVersionRules[engine].allowed}` });

/** Settings every engine shares. */
const common = (engine: DatabaseEngine) => ({
  engineVersion: engineVersion(engine),
  /** Database created with the instance/cluster (seed 001: DATABASE_NAME). */
  databaseName: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, "must start with a letter; letters, digits and '_', at most 63")
    .refine((n) => !reservedDatabaseNames[engine].includes(n.toLowerCase()), {
      message: `is reserved by ${engine} (reserved: ${reservedDatabaseNames[engine].join(", ")})`,
    }),
  /** Master user; its password is generated and kept in Secrets Manager, never in config. */
  masterUsername: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/, "must start with a letter; letters, digits and '_', at most 16")
    .refine((n) => !reservedUsernames.includes(n.toLowerCase()), { message: `is reserved by RDS (reserved: ${reservedUsernames.join(", ")})` })
    .default("dbadmin"),
  /** Automated backups, 1-35 days (seed 001: dev 3, prod 7). Zero would switch backups off. */
  backupRetentionDays: z.number().int().min(1, "0 would turn automated backups off").max(35, "RDS keeps at most 35 days"),
  /** Daily backup window, UTC (seed 003: 03:00-04:00). */
  backupWindow: dailyWindow,
  /** Weekly maintenance window, UTC (seed 003: mon:04:00-mon:05:00); must not overlap the backup window. */
  maintenanceWindow: weeklyWindow,
  /** Performance Insights (seed 003), encrypted with the data key. */
  performanceInsights: z.boolean().default(false),
  /** 7 (free) or a multiple of 31 up to 731. */
  performanceInsightsRetentionDays: z
    .number()
    .int()
    .refine(validInsightsRetention, { message: "must be 7 or a multiple of 31 up to 731 (Performance Insights retention)" })
    .default(7),
  /** Logs exported to CloudWatch Logs (seed 003: postgresql, upgrade); groups get the stack's retention. */
  logExports: z.array(z.enum(logExportTypes[engine] as unknown as [string, ...string[]])).default([]),
  /**
   * Extra engine parameters (seed 003's max_connections, work_mem, ...). The TLS parameter is
   * the platform's and cannot be set here.
   */
  parameters: z.record(z.string()).default({}),
});

export const postgresDatabase = z
  .object({
    engine: z.literal("postgres"),
    ...common("postgres"),
    /** e.g. db.t4g.micro (seed 001 dev), db.t4g.small (001 prod), db.r6g.large (002). */
    instanceClass: instanceClass("postgres"),
    /** gp3 storage at creation (seed 001: dev 20, prod 50). */
    storageGb: z.number().int().min(20, "the gp3 minimum").max(65536, "the gp3 maximum"),
    /** Storage autoscaling ceiling (seed 001 prod: 100); omitted = no autoscaling. */
    maxStorageGb: z.number().int().max(65536, "the gp3 maximum").optional(),
    /** A synchronous standby in a second zone (seed 001 prod, 002, 003). */
    multiAz: z.boolean(),
    /** Read replicas by stable name (seed 002: one, db.r6g.medium). */
    readReplicas: z.array(z.object({ name: memberName, instanceClass: instanceClass("postgres") }).strict()).max(5, "RDS allows 5 read replicas").default([]),
  })
  .strict();

const auroraFields = (engine: "aurora-postgresql" | "aurora-mysql") => ({
  engine: z.literal(engine),
  ...common(engine),
  /** Class of the writer, and of readers that name none (seed 004: db.t3.medium). */
  instanceClass: instanceClass(engine),
  /** Readers by stable name (seed 004: writer + 1 reader). */
  readers: z
    .array(
      z
        .object({
          name: memberName,
          /** Defaults to the writer's class, so a failover does not shrink the writer. */
          instanceClass: instanceClass(engine).optional(),
          /** Zone of the reader; default: the data zones in turn, starting after the writer's. */
          availabilityZone: z.string().optional(),
        })
        .strict(),
    )
    .max(15, "Aurora allows 15 readers")
    .default([]),
  /** Application Auto Scaling of extra readers on reader CPU (seed 004: 0-15 replicas). */
  readerAutoscaling: z
    .object({
      minReaders: z.number().int().min(1, "reader CPU is only measured when a reader exists").max(15),
      maxReaders: z.number().int().min(1).max(15, "Aurora allows 15 readers"),
      cpuTargetPercent: z.number().min(10).max(90).default(70),
    })
    .strict()
    .optional(),
  /** Makes the cluster the primary of an Aurora global database a standby region can join. */
  globalDatabase: z.boolean().default(false),
});

export const auroraPostgresDatabase = z.object(auroraFields("aurora-postgresql")).strict();
export const auroraMysqlDatabase = z.object(auroraFields("aurora-mysql")).strict();

export const databaseSchema = z.discriminatedUnion("engine", [postgresDatabase, auroraPostgresDatabase, auroraMysqlDatabase]);

export const cacheSchema = z
  .object({
    /** Redis OSS 7 (seed 001: Redis 7). */
    engineVersion: z.enum(["7.0", "7.1"]).default("7.1"),
    /** e.g. cache.t4g.micro (seed 001 dev), cache.t4g.small (001 prod), cache.r6g.large (002). */
    nodeType: z
      .string()
      .regex(
        /^cache\.((t3|t4g)\.(micro|small|medium)|(m5|m6g|m7g|r5|r6g|r7g)\.(large|xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge))$/,
        "must be a current-generation ElastiCache node type, e.g. cache.t4g.micro or cache.r7g.large",
      ),
    /**
     * single-node: one node (seed 001 dev). replicated: a primary and replicas, failover and
     * Multi-AZ (seed 002's 3 nodes). cluster: cluster mode, shards x (1 + replicas) (seed 001 prod).
     */
    mode: z.enum(cacheModes),
    /** Shards (node groups); more than 1 only in cluster mode. */
    shards: z.number().int().min(1).max(500).default(1),
    /** Replicas per shard, 0-5. */
    replicasPerShard: z.number().int().min(0).max(5, "ElastiCache allows 5 replicas per shard").default(0),
    /** Daily snapshots kept, 0-35 (seed 001: dev 1, prod 5). */
    snapshotRetentionDays: z.number().int().min(0).max(35, "ElastiCache keeps at most 35 days"),
    /** Daily snapshot window, UTC, at least 60 minutes (seed 003: 03:00-05:00). */
    snapshotWindow: dailyWindow,
    /** Weekly maintenance window, UTC, at least 60 minutes (seed 003: mon:05:00-mon:06:00). */
    maintenanceWindow: weeklyWindow,
    /** Eviction policy; BullMQ queues (seed 003) need noeviction. ElastiCache's default is volatile-lru. */
    maxmemoryPolicy: z
      .enum(["volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl", "noeviction"])
      .default("volatile-lru"),
  })
  .strict();

/**
 * `platform:data`. Optional: a standby stack has no data section of its own, because its
 * database is the DR tier's cross-region replica (or Aurora secondary) of the primary's.
 */
export const dataSection = z
  .object({
    database: databaseSchema,
    cache: cacheSchema,
  })
  .strict();

export type DataConfig = z.infer<typeof dataSection>;
export type DatabaseConfig = z.infer<typeof databaseSchema>;
export type PostgresDatabaseConfig = z.infer<typeof postgresDatabase>;
export type AuroraDatabaseConfig = z.infer<typeof auroraPostgresDatabase> | z.infer<typeof auroraMysqlDatabase>;
export type CacheConfig = z.infer<typeof cacheSchema>;
