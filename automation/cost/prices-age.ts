import { priceDate, priceSources } from "./prices";
import type { Price } from "./prices";

/** Past this many days, `plan` warns that the prices it used may no longer be AWS's. */
export const stalePriceDays = 90;

export interface PricesAge {
  /** The oldest date among the prices used (ISO day). */
  readonly oldest: string;
  /** Whole days from `oldest` to `today`. */
  readonly days: number;
  /** The sources whose data is that old, by id (or `awsPriceListApi` for a refreshed entry). */
  readonly oldestSources: readonly string[];
  readonly stale: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;

/** How old the prices an estimate used are; undefined when it used none. */
export function pricesAge(used: readonly Price[], today: Date = new Date()): PricesAge | undefined {
  if (used.length === 0) return undefined;
  const oldest = used.map(priceDate).reduce((a, b) => (b < a ? b : a));
  const oldestSources = [...new Set(used.filter((p) => priceDate(p) === oldest).map((p) => p.source))].sort();
  const days = Math.floor((Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Date.parse(`${oldest}T00:00:00Z`)) / dayMs);
  return { oldest, days, oldestSources, stale: days > stalePriceDays };
}

/** The line `plan` prints under the cost table: how old the prices are, a WARNING past 90 days. */
export function pricesAgeLine(used: readonly Price[], today: Date = new Date()): string | undefined {
  const age = pricesAge(used, today);
  if (!age) return undefined;
  const from = age.oldestSources.map((id) => (id in priceSources ? priceSources[id as keyof typeof priceSources].dataset : id)).join(", ");
  const text = `prices used are up to ${age.days} days old (oldest data ${age.oldest}: ${from})`;
  return age.stale ? `WARNING: ${text}, past ${stalePriceDays} days: run \`npm run prices -- refresh\` with AWS credentials (docs/cost-model.md, "Refreshing the prices")` : text;
}
