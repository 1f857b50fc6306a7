import { strict as assert } from "assert";
import { editSection, SectionInput } from "./config";
import { StackName } from "./stacks";

/** `platform:data.database` as a stack file holds it, one type per engine. */
export type DatabaseInput = SectionInput<"data">["database"];
export type PostgresInput = Extract<DatabaseInput, { engine: "postgres" }>;
export type AuroraMysqlInput = Extract<DatabaseInput, { engine: "aurora-mysql" }>;
export type AuroraPostgresInput = Extract<DatabaseInput, { engine: "aurora-postgresql" }>;

/** A database the test expects to be RDS PostgreSQL, as every stack file's is. */
export function postgres(database: DatabaseInput): PostgresInput {
  if (database.engine !== "postgres") throw new assert.AssertionError({ message: `the database engine is ${database.engine}, not postgres` });
  return database;
}

/** Seed 004's database: Aurora MySQL 8.0, writer + 1 reader, 7 days of backups. */
export const auroraMysql: AuroraMysqlInput = {
  engine: "aurora-mysql",
  engineVersion: "8.0.mysql_aurora.3.08.2",
  instanceClass: "db.t4g.medium",
  readers: [{ name: "replica" }],
  databaseName: "openmarket",
  backupRetentionDays: 7,
  backupWindow: "03:00-04:00",
  maintenanceWindow: "mon:04:00-mon:05:00",
  logExports: ["audit", "error", "slowquery"],
};

/** Seed 003's year-3 plan: Aurora PostgreSQL as a global database (Seoul primary, Tokyo later). */
export const auroraPostgresGlobal: AuroraPostgresInput = {
  engine: "aurora-postgresql",
  engineVersion: "16.6",
  instanceClass: "db.r6g.large",
  readers: [{ name: "replica" }],
  readerAutoscaling: { minReaders: 1, maxReaders: 4, cpuTargetPercent: 60 },
  globalDatabase: true,
  databaseName: "onno",
  backupRetentionDays: 7,
  backupWindow: "03:00-04:00",
  maintenanceWindow: "mon:04:00-mon:05:00",
  performanceInsights: true,
  logExports: ["postgresql"],
};

/** A stack's config with `platform:data.database` replaced. */
export function withDatabase(stack: StackName, database: DatabaseInput): Record<string, string> {
  return editSection(stack, "data", (data) => {
    data.database = database;
  });
}
