/** Dotted engine versions (`7.1`, `16.4`, `8.0.mysql_aurora.3.05.2`) compared part by part, numerically where both parts are numbers. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.-]/);
  const right = b.split(/[.-]/);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [x, y] = [left[i] ?? "0", right[i] ?? "0"];
    const [nx, ny] = [Number(x), Number(y)];
    const order = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

/** True when `after` is an older version than `before` (both strings). */
export function isVersionDowngrade(before: unknown, after: unknown): boolean {
  return typeof before === "string" && typeof after === "string" && compareVersions(after, before) < 0;
}

/**
 * The major version of an engine version as RDS counts it: the first part from PostgreSQL 10 on
 * (`16.4` -> `16`), the first two parts before (`9.6.22` -> `9.6`) and for MySQL (`8.0.39` -> `8.0`).
 */
export function majorVersion(engine: string, version: string): string {
  const parts = version.split(".");
  const firstTwo = parts.slice(0, 2).join(".");
  if (engine.includes("postgres")) return Number(parts[0]) >= 10 ? parts[0] : firstTwo;
  return firstTwo;
}

/** True when an engine version change crosses a major version. */
export function isMajorVersionChange(engine: string, before: unknown, after: unknown): boolean {
  return typeof before === "string" && typeof after === "string" && majorVersion(engine, before) !== majorVersion(engine, after);
}
