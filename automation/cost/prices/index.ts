import { apNortheast1 } from "./ap-northeast-1";
import { apNortheast2 } from "./ap-northeast-2";
import { applyRefreshed, readRefreshed } from "./refreshed";
import { savingsTable } from "./savings";
import { priceSources, PriceSource, SourceId } from "./sources";
import type { Price, PriceTable, PricingModel } from "./types";

export type { AuroraEngine, CacheEngine, Deployment, Price, PriceTable, PriceUnit, PricingModel, RdsEngine } from "./types";
export { pricingModels } from "./types";
export type { PriceSource, SourceId, SourceKind } from "./sources";
export { priceSources };

/**
 * Regions with a price table: the hand-checked on-demand tables, with what `prices refresh` read
 * from the Price List API in place (`refreshed.ts`). A stack in any other region gets no estimate,
 * and says why.
 */
export const priceTables: Readonly<Record<string, PriceTable>> = {
  "ap-northeast-2": applyRefreshed(apNortheast2, readRefreshed("ap-northeast-2")),
  "ap-northeast-1": applyRefreshed(apNortheast1, readRefreshed("ap-northeast-1")),
};

/** The hand-checked tables alone, as `prices/<region>.ts` write them: what a refresh starts from. */
export const handCheckedTables: Readonly<Record<string, PriceTable>> = {
  "ap-northeast-2": apNortheast2,
  "ap-northeast-1": apNortheast1,
};

export class PriceTableError extends Error {}

/** The region's table for the pricing model (`platform:cost.pricingModel`), on-demand by default. */
export function priceTableFor(region: string, model: PricingModel = "on-demand"): PriceTable {
  const table = priceTables[region];
  if (!table) {
    throw new PriceTableError(
      `no price table for region '${region}' (tables exist for ${Object.keys(priceTables).join(", ")}): ` +
        `add automation/cost/prices/${region || "<region>"}.ts with that region's list prices to get an estimate`,
    );
  }
  return model === "on-demand" ? table : savingsTable(table);
}

/** Every price of a table with its path, e.g. `rds.instanceHour.postgres.Multi-AZ.db.t4g.micro`. */
export function pricesOf(node: unknown, path = ""): [string, Price][] {
  if (node && typeof node === "object" && "usd" in node && "source" in node) return [[path, node as Price]];
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => pricesOf(value, path ? `${path}.${key}` : key));
}

/** The date of a price's data: the day `prices refresh` read it, else its source's date. */
export function priceDate(p: Price): string {
  return p.listApi?.retrieved ?? priceSources[p.source].date;
}

/** The sources a table's prices name, each once, newest data first. */
export function sourcesOf(table: PriceTable): { id: SourceId; source: PriceSource }[] {
  const ids = new Set(pricesOf(table).map(([, p]) => p.source));
  return [...ids].map((id) => ({ id, source: priceSources[id] })).sort((a, b) => b.source.date.localeCompare(a.source.date) || a.id.localeCompare(b.id));
}
