/**
 * Whether an RDS or Aurora database refuses plaintext connections, from its parameter group's
 * settings and, where a setting is left at its default, from the engine's documented default:
 *
 * - RDS for PostgreSQL: `rds.force_ssl` defaults to 1 (on) from major version 15 and to 0 before
 *   ("Updating applications to connect to PostgreSQL DB instances using new SSL/TLS
 *   certificates", section "Determining whether applications are connecting to PostgreSQL DB
 *   instances using SSL", Amazon RDS User Guide).
 * - RDS for MySQL: `require_secure_transport` is 0 (OFF) by default for 8.4 and lower and 1 (ON)
 *   for 9.7 ("Requiring SSL/TLS for all connections to a MySQL DB instance on Amazon RDS").
 * - RDS for MariaDB: OFF for 11.4 and earlier, ON for 11.8 and later ("Requiring SSL/TLS for all
 *   connections to a MariaDB DB instance on Amazon RDS").
 * - Aurora MySQL: `require_secure_transport` is OFF by default ("Requiring an SSL/TLS connection
 *   to an Aurora MySQL DB cluster", Amazon Aurora User Guide).
 * - Aurora PostgreSQL: `rds.force_ssl` is 0 by default ("How do I connect to my Aurora
 *   PostgreSQL-Compatible DB cluster using SSL?", AWS re:Post Knowledge Center).
 *
 * A version between those the documentation names (MySQL 9.0-9.6) is taken as off: the gate
 * accepts only what a document says.
 */
import { list } from "./values";

/** The first version (major, minor) whose default forces TLS, per engine; absent: never by default. */
const forcedFrom: Readonly<Record<string, readonly [number, number]>> = {
  postgres: [15, 0],
  mysql: [9, 7],
  mariadb: [11, 8],
};

/** `postgres16` -> postgres 16.0; `aurora-mysql8.0` -> aurora-mysql 8.0; `mariadb11.8` -> mariadb 11.8. */
export function parseFamily(family: string): { engine: string; version: [number, number] } | undefined {
  const match = /^(aurora-postgresql|aurora-mysql|postgres|mysql|mariadb)(\d+)(?:\.(\d+))?$/.exec(family);
  if (!match) return undefined;
  return { engine: match[1], version: [Number(match[2]), Number(match[3] ?? 0)] };
}

/** `16.4` -> [16, 4]; `8.0.39` -> [8, 0]. */
export function parseVersion(version: string): [number, number] | undefined {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version);
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : undefined;
}

/** Whether the engine's default parameter group forces TLS at this version. */
export function defaultForcesTls(engine: string, version: readonly [number, number] | undefined): boolean {
  const from = forcedFrom[engine];
  if (!from || !version) return false;
  return version[0] > from[0] || (version[0] === from[0] && version[1] >= from[1]);
}

type Setting = "on" | "off" | "unset";

/** What a parameter list says about TLS: forced on, turned off, or left to the default. */
export function tlsSetting(parameters: unknown): Setting {
  for (const p of list<{ name?: unknown; value?: unknown } | undefined>(parameters)) {
    const value = String(p?.value).toLowerCase();
    if (p?.name === "rds.force_ssl") return value === "1" ? "on" : "off";
    if (p?.name === "require_secure_transport") return ["1", "on", "true"].includes(value) ? "on" : "off";
  }
  return "unset";
}

/** Whether a parameter group forces TLS: its own setting, else its family's default. */
export function groupForcesTls(group: { readonly parameters?: unknown; readonly family?: unknown }): boolean {
  const setting = tlsSetting(group.parameters);
  if (setting !== "unset") return setting === "on";
  const family = typeof group.family === "string" ? parseFamily(group.family) : undefined;
  return family ? defaultForcesTls(family.engine, family.version) : false;
}
