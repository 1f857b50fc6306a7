import { apNortheast1 } from "./ap-northeast-1";
import { apNortheast2 } from "./ap-northeast-2";
import { priceSources, PriceSource, SourceId } from "./sources";
import type { Price, PriceTable } from "./types";

export type { AuroraEngine, CacheEngine, Deployment, Price, PriceTable, PriceUnit, RdsEngine } from "./types";
export type { PriceSource, SourceId, SourceKind } from "./sources";
export { priceSources };

/** Regions with a price table. A stack in any other region gets no estimate, and says why. */
export const priceTables: Readonly<Record<string, PriceTable>> = {
  "ap-northeast-2": apNortheast2,
  "ap-northeast-1": apNortheast1,
};

export class PriceTableError extends Error {}

export function priceTableFor(region: string): PriceTable {
  const table = priceTables[region];
  if (!table) {
    throw new PriceTableError(
      `no price table for region '${region}' (tables exist for ${Object.keys(priceTables).join(", ")}): ` +
        `add automation/cost/prices/${region || "<region>"}.ts with that region's list prices to get an estimate`,
    );
  }
  return table;
}

/** Every price of a table with its path, e.g. `rds.instanceHour.postgres.Multi-AZ.db.t4g.micro`. */
export function pricesOf(node: unknown, path = ""): [string, Price][] {
  if (node && typeof node === "object" && "usd" in node && "source" in node) return [[path, node as Price]];
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => pricesOf(value, path ? `${path}.${key}` : key));
}

/** The sources a table's prices name, each once, newest data first. */
export function sourcesOf(table: PriceTable): { id: SourceId; source: PriceSource }[] {
  const ids = new Set(pricesOf(table).map(([, p]) => p.source));
  return [...ids].map((id) => ({ id, source: priceSources[id] })).sort((a, b) => b.source.date.localeCompare(a.source.date) || a.id.localeCompare(b.id));
}
