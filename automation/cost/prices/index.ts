import { apNortheast1 } from "./ap-northeast-1";
import { apNortheast2 } from "./ap-northeast-2";
import type { PriceTable } from "./types";

export type { Price, PriceTable, PriceUnit } from "./types";
export { priceSources } from "./sources";

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
