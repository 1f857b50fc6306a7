/**
 * What each database engine accepts and implies: instance classes, ports, parameter-group
 * families, the parameter that forces TLS, and the log types RDS can export. Pure data and
 * functions (no Pulumi), shared by the config schema and the Database component.
 */

export const databaseEngines = ["postgres", "aurora-postgresql", "aurora-mysql"] as const;
export type DatabaseEngine = (typeof databaseEngines)[number];

export function isAurora(engine: DatabaseEngine): engine is "aurora-postgresql" | "aurora-mysql" {
  return engine !== "postgres";
}

/** RDS's current CA (RSA 2048, valid to 2061); clients verify the server against its bundle. */
export const rdsCaCertificate = "rds-ca-rsa2048-g1";

/** The port clients and the database security group use. */
export function enginePort(engine: DatabaseEngine): number {
  return engine === "aurora-mysql" ? 3306 : 5432;
}

const largeSizes = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];

interface ClassRule {
  readonly families: readonly string[];
  readonly sizes: readonly string[];
}

/**
 * Instance classes per engine, from the RDS and Aurora instance-class tables (2026-11). Aurora
 * offers no micro/small burstable classes and no general-purpose (m) classes; RDS for
 * PostgreSQL offers both.
 */
const classRules: Record<DatabaseEngine, readonly ClassRule[]> = {
  postgres: [
    { families: ["t3", "t4g"], sizes: ["micro", "small", "medium", "large", "xlarge", "2xlarge"] },
    { families: ["m5", "m6g", "m6i", "m7g", "m7i", "m8g", "r5", "r6g", "r6i", "r7g", "r7i", "r8g"], sizes: largeSizes },
  ],
  "aurora-postgresql": [
    { families: ["t3", "t4g"], sizes: ["medium", "large"] },
    { families: ["r5", "r6g", "r6i", "r7g", "r7i", "r8g", "x2g"], sizes: largeSizes },
  ],
  "aurora-mysql": [
    { families: ["t3", "t4g"], sizes: ["medium", "large"] },
    { families: ["r5", "r6g", "r6i", "r7g", "r7i", "r8g", "x2g"], sizes: largeSizes },
  ],
};

export function instanceClassFits(engine: DatabaseEngine, instanceClass: string): boolean {
  const match = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  if (!match) return false;
  return classRules[engine].some((rule) => rule.families.includes(match[1]) && rule.sizes.includes(match[2]));
}

/** `db.{t3,t4g}.{medium,large}, db.{r5,...}.{large,...}`: what an error message lists. */
export function describeInstanceClasses(engine: DatabaseEngine): string {
  return classRules[engine].map((rule) => `db.{${rule.families.join(",")}}.{${rule.sizes.join(",")}}`).join(" or ");
}

export function isBurstable(instanceClass: string): boolean {
  return /^db\.t\d+g?\./.test(instanceClass);
}

/** Engine versions the schema accepts, and the text an error shows. */
export const engineVersionRules: Record<DatabaseEngine, { readonly pattern: RegExp; readonly allowed: string }> = {
  // A major alone lets RDS apply minor upgrades without Pulumi seeing drift (the provider
  // compares the prefix); Aurora clusters need the full version.
  postgres: { pattern: /^1[3-7](\.\d+)?$/, allowed: "a PostgreSQL major 13-17, optionally with the minor (16 or 16.4)" },
  "aurora-postgresql": { pattern: /^1[3-7]\.\d+$/, allowed: "an Aurora PostgreSQL version major.minor, 13.x-17.x (e.g. 16.6)" },
  "aurora-mysql": { pattern: /^8\.0\.mysql_aurora\.3\.\d{2}\.\d+$/, allowed: "an Aurora MySQL 3 version such as 8.0.mysql_aurora.3.08.2" },
};

/** The parameter-group family of an engine version: postgres16, aurora-postgresql16, aurora-mysql8.0. */
export function parameterFamily(engine: DatabaseEngine, engineVersion: string): string {
  if (engine === "aurora-mysql") return "aurora-mysql8.0";
  return `${engine}${engineVersion.split(".")[0]}`;
}

/** The parameter that makes the server refuse unencrypted connections. */
export function tlsParameter(engine: DatabaseEngine): { readonly name: string; readonly value: string } {
  return engine === "aurora-mysql" ? { name: "require_secure_transport", value: "ON" } : { name: "rds.force_ssl", value: "1" };
}

/** Log types RDS can export to CloudWatch Logs, per engine. */
export const logExportTypes = {
  postgres: ["postgresql", "upgrade"],
  "aurora-postgresql": ["postgresql"],
  "aurora-mysql": ["audit", "error", "general", "slowquery"],
} as const satisfies Record<DatabaseEngine, readonly string[]>;

/**
 * Aurora MySQL writes the audit, general and slow-query logs only when their server switches
 * are on; exporting a log that is never written would be an empty promise.
 */
export function logSwitches(engine: DatabaseEngine, exports: readonly string[]): Record<string, string> {
  if (engine !== "aurora-mysql") return {};
  const switches: Record<string, string> = {};
  if (exports.includes("audit")) {
    switches.server_audit_logging = "1";
    // Connections, grants and schema changes: the security trail without logging every query.
    switches.server_audit_events = "CONNECT,QUERY_DCL,QUERY_DDL";
  }
  if (exports.includes("general")) switches.general_log = "1";
  if (exports.includes("slowquery")) switches.slow_query_log = "1";
  return switches;
}

/** Names the engines reserve for themselves. */
export const reservedDatabaseNames: Record<DatabaseEngine, readonly string[]> = {
  postgres: ["postgres", "template0", "template1", "rdsadmin"],
  "aurora-postgresql": ["postgres", "template0", "template1", "rdsadmin"],
  "aurora-mysql": ["mysql", "sys", "information_schema", "performance_schema"],
};

export const reservedUsernames = ["rdsadmin", "rdsrepladmin", "rds_superuser", "admin_rds"];

/** Performance Insights keeps 7 days free, or whole months (31-day steps) up to 2 years. */
export function validInsightsRetention(days: number): boolean {
  return days === 7 || (days % 31 === 0 && days >= 31 && days <= 731);
}

/** Physical names of the data stores: `<project>-<environment>-db` and `-cache`. */
export function dataIdentifiers(project: string, environment: string): { readonly database: string; readonly cache: string } {
  return { database: `${project}-${environment}-db`, cache: `${project}-${environment}-cache` };
}

/** RDS instance and cluster identifiers: letters, digits, single hyphens, start with a letter. */
export function rdsIdentifierProblem(identifier: string): string | undefined {
  if (identifier.length > 63) return `'${identifier}' is ${identifier.length} characters; RDS allows 63`;
  if (identifier.includes("--")) return `'${identifier}' contains '--', which RDS rejects`;
  return undefined;
}

/** ElastiCache replication group ids are at most 40 characters. */
export function replicationGroupIdProblem(id: string): string | undefined {
  if (id.length > 40) return `replication group id '${id}' is ${id.length} characters; ElastiCache allows 40 (shorten project or environment)`;
  if (id.includes("--")) return `replication group id '${id}' contains '--', which ElastiCache rejects`;
  return undefined;
}
