import { existsSync, readFileSync } from "fs";
import * as path from "path";
import type { Price, PriceListApiSource, PriceTable, PriceUnit } from "./types";

/**
 * What `prices refresh` writes per region (`automation/cost/prices/refreshed/<region>.json`): only
 * the figures it read from the Price List API, by their path in the table. The hand-checked
 * tables stay as they are; a refreshed figure replaces its entry when the table is loaded and keeps
 * the figure it replaced, with that figure's source, in `checked`. Why an overlay and not a
 * rewrite of the TypeScript tables: the tables carry notes, cross-checks and unverified items
 * the API cannot give, a generated JSON diff is easy to review, and deleting the file returns to
 * the hand-checked figures.
 */
export interface RefreshedEntry {
  /** The keys to the entry in the table, e.g. `["rds", "instanceHour", "postgres", "Single-AZ", "db.t4g.micro"]`. */
  readonly path: readonly string[];
  readonly usd: number;
  readonly unit: PriceUnit;
  readonly source: PriceListApiSource;
}

export interface RefreshedPrices {
  readonly region: string;
  readonly retrieved: string;
  readonly entries: readonly RefreshedEntry[];
  /** Entries the refresh could not read, with why: their hand-checked figure stays. */
  readonly kept: readonly { readonly path: readonly string[]; readonly reason: string }[];
}

/** The folder refreshed prices live in, in the repository (found from this file, compiled or not). */
export function refreshedDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(from, "refreshed");
    dir = parent;
  }
  return path.join(dir, "automation", "cost", "prices", "refreshed");
}

export function readRefreshed(region: string, dir = refreshedDir()): RefreshedPrices | undefined {
  const file = path.join(dir, `${region}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RefreshedPrices) : undefined;
}

/** `table` with the refreshed figures in place; every other entry as it was. */
export function applyRefreshed(table: PriceTable, refreshed: RefreshedPrices | undefined): PriceTable {
  if (!refreshed) return table;
  const copy = structuredClone(table) as unknown as Record<string, unknown>;
  for (const entry of refreshed.entries) {
    const keys = entry.path;
    const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((node, key) => node?.[key] as Record<string, unknown> | undefined, copy);
    const last = keys[keys.length - 1];
    const old = parent?.[last] as Price | undefined;
    if (!parent || !old) throw new Error(`refreshed prices for ${table.region}: no entry ${keys.join(" > ")} in the table`);
    const replaced: Price = {
      usd: entry.usd,
      unit: old.unit,
      source: "awsPriceListApi",
      listApi: entry.source,
      checked: [{ source: old.source, usd: old.usd }],
      ...(old.note ? { note: old.note } : {}),
      ...(old.firstFree !== undefined ? { firstFree: old.firstFree } : {}),
    };
    parent[last] = replaced;
  }
  return copy as unknown as PriceTable;
}
