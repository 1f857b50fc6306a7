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
import { rotationDays } from "./rotation";
import { dailyWindowFormat, parseDailyWindow, parseWeeklyWindow, weeklyWindowFormat } from "../../model/data/windows";

const memberName = z.string().regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, "must be 2-20 characters of a-z, 0-9 and '-', starting with a letter").describe("Stable key of a replica or reader: it becomes part of the instance's identifier.");

const dailyWindow = z.string().refine((w) => parseDailyWindow(w) !== undefined, { message: `must be ${dailyWindowFormat}` });
const weeklyWindow = z.string().refine((w) => parseWeeklyWindow(w) !== undefined, { message: `must be ${weeklyWindowFormat}` });

const instanceClass = (engine: DatabaseEngine) =>
  z.string().refine((c) => instanceClassFits(engine, c), { message: `does not fit ${engine} (allowed: ${describeInstanceClasses(engine)})` });

const engineVersion = (engine: DatabaseEngine) =>
  z.string().refine((v) => engineVersionRules[engine].pattern.test(v), { message: `must be ${engineVersionRules[engine].allowed}` });

/** Settings every engine shares. */
const common = (engine: DatabaseEngine) => ({
  engineVersion: engineVersion(engine).describe("Engine version, e.g. `16.4` (PostgreSQL) or `8.0.mysql_aurora.3.08.0` (Aurora MySQL)."),
  databaseName: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, "must start with a letter; letters, digits and '_', at most 63")
    .refine((n) => !reservedDatabaseNames[engine].includes(n.toLowerCase()), {
      message: `is reserved by ${engine} (reserved: ${reservedDatabaseNames[engine].join(", ")})`,
    })
    .describe("Database created with the instance/cluster (seed 001: DATABASE_NAME)."),
  masterUsername: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/, "must start with a letter; letters, digits and '_', at most 16")
    .refine((n) => !reservedUsernames.includes(n.toLowerCase()), { message: `is reserved by RDS (reserved: ${reservedUsernames.join(", ")})` })
    .default("dbadmin")
    .describe("Master user; its password is generated and kept in Secrets Manager, never in config."),
  backupRetentionDays: z.number().int().min(1, "0 would turn automated backups off").max(35, "RDS keeps at most 35 days").describe("Automated backups, 1-35 days (seed 001: dev 3, prod 7). Zero would switch backups off."),
  backupWindow: dailyWindow.describe("Daily backup window, UTC (seed 003: 03:00-04:00)."),
  maintenanceWindow: weeklyWindow.describe("Weekly maintenance window, UTC (seed 003: mon:04:00-mon:05:00); must not overlap the backup window."),
  performanceInsights: z.boolean().default(false).describe("Performance Insights (seed 003), encrypted with the data key."),
  performanceInsightsRetentionDays: z
    .number()
    .int()
    .refine(validInsightsRetention, { message: "must be 7 or a multiple of 31 up to 731 (Performance Insights retention)" })
    .default(7)
    .describe("7 (free) or a multiple of 31 up to 731."),
  logExports: z.array(z.enum(logExportTypes[engine] as unknown as [string, ...string[]])).default([]).describe("Logs exported to CloudWatch Logs (seed 003: postgresql, upgrade); groups get the stack's retention."),
  rotationDays: rotationDays("the master password (RDS ModifyDBInstance / ModifyDBCluster through the rotation function; replicas follow by replication)", 30),
  parameters: z.record(z.string()).default({}).describe("Extra engine parameters (seed 003's max_connections, work_mem, ...). The TLS parameter is the platform's and cannot be set here."),
});

export const postgresDatabase = z
  .object({
    engine: z.literal("postgres").describe("`postgres`: PostgreSQL on an RDS instance (CodeMate, NewsForge, Onno)."),
    ...common("postgres"),
    instanceClass: instanceClass("postgres").describe("e.g. db.t4g.micro (seed 001 dev), db.t4g.small (001 prod), db.r6g.large (002)."),
    storageGb: z.number().int().min(20, "the gp3 minimum").max(65536, "the gp3 maximum").describe("gp3 storage at creation (seed 001: dev 20, prod 50)."),
    maxStorageGb: z.number().int().max(65536, "the gp3 maximum").optional().describe("Storage autoscaling ceiling (seed 001 prod: 100); omitted = no autoscaling."),
    multiAz: z.boolean().describe("A synchronous standby in a second zone (seed 001 prod, 002, 003)."),
    readReplicas: z
      .array(
        z
          .object({
            name: memberName.describe("Stable key of the replica: part of its identifier."),
            instanceClass: instanceClass("postgres").describe("Class of the replica (NewsForge: db.r6g.medium)."),
          })
          .strict(),
      )
      .max(5, "RDS allows 5 read replicas").default([]).describe("Read replicas by stable name (seed 002: one, db.r6g.medium)."),
  })
  .strict();

/** Generic in the engine, so that each variant's `engine` is its own literal, not both. */
const auroraFields = <Engine extends "aurora-postgresql" | "aurora-mysql">(engine: Engine) => ({
  engine: z.literal(engine).describe("`aurora-postgresql` or `aurora-mysql`: an Aurora cluster, a writer and named readers (OpenMarket: Aurora MySQL 8.0)."),
  ...common(engine),
  instanceClass: instanceClass(engine).describe("Class of the writer, and of readers that name none (seed 004: db.t3.medium)."),
  readers: z
    .array(
      z
        .object({
          name: memberName.describe("Stable key of the reader: part of its identifier."),
          instanceClass: instanceClass(engine).optional().describe("Defaults to the writer's class, so a failover does not shrink the writer."),
          availabilityZone: z.string().optional().describe("Zone of the reader; default: the data zones in turn, starting after the writer's."),
        })
        .strict(),
    )
    .max(15, "Aurora allows 15 readers")
    .default([])
    .describe("Readers by stable name (seed 004: writer + 1 reader)."),
  readerAutoscaling: z
    .object({
      minReaders: z.number().int().min(1, "reader CPU is only measured when a reader exists").max(15).describe("Fewest readers the autoscaler keeps (at least 1: reader CPU is only measured when a reader exists)."),
      maxReaders: z.number().int().min(1).max(15, "Aurora allows 15 readers").describe("Most readers the autoscaler adds, up to Aurora's 15."),
      cpuTargetPercent: z.number().min(10).max(90).default(70).describe("Average reader CPU the autoscaler holds (OpenMarket: 70 %)."),
    })
    .strict()
    .optional()
    .describe("Application Auto Scaling of extra readers on reader CPU (seed 004: 0-15 replicas)."),
  globalDatabase: z.boolean().default(false).describe("Makes the cluster the primary of an Aurora global database a standby region can join."),
});

export const auroraPostgresDatabase = z.object(auroraFields("aurora-postgresql")).strict();
export const auroraMysqlDatabase = z.object(auroraFields("aurora-mysql")).strict();

export const databaseSchema = z.discriminatedUnion("engine", [postgresDatabase, auroraPostgresDatabase, auroraMysqlDatabase]);

export const cacheSchema = z
  .object({
    engineVersion: z.enum(["7.0", "7.1"]).default("7.1").describe("Redis OSS 7 (seed 001: Redis 7)."),
    nodeType: z
      .string()
      .regex(
        /^cache\.((t3|t4g)\.(micro|small|medium)|(m5|m6g|m7g|r5|r6g|r7g)\.(large|xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge))$/,
        "must be a current-generation ElastiCache node type, e.g. cache.t4g.micro or cache.r7g.large",
      )
      .describe("e.g. cache.t4g.micro (seed 001 dev), cache.t4g.small (001 prod), cache.r6g.large (002)."),
    mode: z.enum(cacheModes).describe("single-node: one node (seed 001 dev). replicated: a primary and replicas, failover and Multi-AZ (seed 002's 3 nodes). cluster: cluster mode, shards x (1 + replicas) (seed 001 prod)."),
    shards: z.number().int().min(1).max(500).default(1).describe("Shards (node groups); more than 1 only in cluster mode."),
    replicasPerShard: z.number().int().min(0).max(5, "ElastiCache allows 5 replicas per shard").default(0).describe("Replicas per shard, 0-5."),
    snapshotRetentionDays: z.number().int().min(0).max(35, "ElastiCache keeps at most 35 days").describe("Daily snapshots kept, 0-35 (seed 001: dev 1, prod 5)."),
    snapshotWindow: dailyWindow.describe("Daily snapshot window, UTC, at least 60 minutes (seed 003: 03:00-05:00)."),
    maintenanceWindow: weeklyWindow.describe("Weekly maintenance window, UTC, at least 60 minutes (seed 003: mon:05:00-mon:06:00)."),
    maxmemoryPolicy: z
      .enum(["volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl", "noeviction"])
      .default("volatile-lru")
      .describe("Eviction policy; BullMQ queues (seed 003) need noeviction. ElastiCache's default is volatile-lru."),
    logDelivery: z
      .array(z.enum(["slow-log", "engine-log"]))
      .max(2)
      .refine((types) => new Set(types).size === types.length, "lists a log type twice")
      .default([])
      .describe("Redis logs ElastiCache delivers to CloudWatch Logs, each to `/aws/elasticache/<group>/<type>` with the stack's retention and logs key (CodeMate, section 10: `/aws/elasticache/codemate-redis`). `slow-log`: commands over the slowlog threshold; `engine-log`: the engine's own log. None by default."),
    rotationDays: rotationDays("the AUTH token (ModifyReplicationGroup, strategy ROTATE: the old token stays valid until the next rotation)", 30),
  })
  .strict();

export const dataSection = z
  .object({
    database: databaseSchema.describe("The relational database, by engine."),
    cache: cacheSchema.describe("The Redis cache (ElastiCache replication group, TLS and AUTH always on)."),
  })
  .strict()
  .describe("`platform:data`. Optional: a standby stack has no data section of its own, because its database is the DR tier's cross-region replica (or Aurora secondary) of the primary's.");

export type DataConfig = z.infer<typeof dataSection>;
export type CacheConfig = z.infer<typeof cacheSchema>;
