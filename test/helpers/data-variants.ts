import { editSection } from "./config";
import { StackName } from "./stacks";

/** Seed 004's database: Aurora MySQL 8.0, writer + 1 reader, 7 days of backups. */
export const auroraMysql = {
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
export const auroraPostgresGlobal = {
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
export function withDatabase(stack: StackName, database: Record<string, unknown>): Record<string, string> {
  return editSection(stack, "data", (data) => {
    data.database = database;
  });
}
