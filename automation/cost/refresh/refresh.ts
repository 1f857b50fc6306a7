import { GetProductsCommand, type PricingClient } from "@aws-sdk/client-pricing";
import { pricesOf, type Price, type PriceTable } from "../prices";
import type { RefreshedEntry, RefreshedPrices } from "../prices/refreshed";
import { onDemandRate, type OnDemandRate } from "./price-list";
import { refreshSpecs, type RefreshSpec } from "./specs";

/** A refresh that cannot run at all (no credentials, access denied): one line, exit 2. */
export class RefreshError extends Error {
  override name = "RefreshError";
}

export interface RegionRefresh {
  readonly refreshed: RefreshedPrices;
  /** What changed, what was kept and why, for the console. */
  readonly lines: readonly string[];
}

/** Every page of one GetProducts query, following NextToken until AWS returns none. */
async function products(client: PricingClient, spec: RefreshSpec, region: string): Promise<OnDemandRate[]> {
  const filters = Object.entries({ regionCode: region, ...spec.filters }).map(([Field, Value]) => ({ Type: "TERM_MATCH" as const, Field, Value }));
  const rates: OnDemandRate[] = [];
  let NextToken: string | undefined;
  do {
    const page = await send(client, new GetProductsCommand({ ServiceCode: spec.serviceCode, Filters: filters, FormatVersion: "aws_v1", MaxResults: 100, NextToken }));
    for (const item of page.PriceList ?? []) {
      const rate = onDemandRate(item);
      if (rate) rates.push(rate);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return rates;
}

async function send(client: PricingClient, command: GetProductsCommand) {
  try {
    return await client.send(command);
  } catch (error) {
    const name = (error as Error).name;
    // The SDK's credential chain found nothing (@smithy/property-provider CredentialsProviderError).
    if (name === "CredentialsProviderError") {
      throw new RefreshError("no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) to an identity allowed pricing:GetProducts; nothing written");
    }
    if (name === "AccessDeniedException" || name === "UnrecognizedClientException" || name === "ExpiredTokenException") {
      throw new RefreshError(`the Price List API refused the credentials (${name}): the identity needs pricing:GetProducts; nothing written`);
    }
    throw error;
  }
}

const usdText = (usd: number) => `$${Number(usd.toPrecision(6))}`;

/**
 * Reads the region's refreshable figures from the Price List API. A figure with no product, or
 * with products that disagree, keeps its hand-checked value and source, and the result says
 * which and why; nothing is guessed.
 */
export async function refreshRegion(client: PricingClient, table: PriceTable, retrieved: string): Promise<RegionRefresh> {
  const current = new Map(pricesOf(table).map(([path, p]) => [path, p] as [string, Price]));
  const entries: RefreshedEntry[] = [];
  const kept: { path: string[]; reason: string }[] = [];
  const changed: string[] = [];
  for (const spec of refreshSpecs(table)) {
    const key = spec.path.join(".");
    const old = current.get(key);
    if (!old) continue;
    const rates = await products(client, spec, table.region);
    const usds = [...new Set(rates.map((r) => r.usd * (spec.scale ?? 1)))];
    if (rates.length === 0) {
      kept.push({ path: [...spec.path], reason: `no ${spec.serviceCode} product matches ${describe(spec)}` });
    } else if (usds.length > 1) {
      kept.push({ path: [...spec.path], reason: `${rates.length} ${spec.serviceCode} products match ${describe(spec)} at different rates (${usds.map(usdText).join(", ")})` });
    } else if (usds[0] <= 0) {
      kept.push({ path: [...spec.path], reason: `${spec.serviceCode} lists ${describe(spec)} at $0` });
    } else {
      const usd = Number(usds[0].toPrecision(10));
      const { sku, publicationDate } = rates[0];
      entries.push({
        path: [...spec.path],
        usd,
        unit: old.unit,
        source: { dataset: "AWS Price List API", retrieved, serviceCode: spec.serviceCode, sku, ...(publicationDate ? { publicationDate } : {}) },
      });
      if (usd !== old.usd) changed.push(`  ${key}: ${usdText(old.usd)} -> ${usdText(usd)} (was ${old.source})`);
    }
  }
  const notRefreshable = current.size - entries.length - kept.length;
  const lines = [
    `${table.region}: ${entries.length} prices read from the Price List API (${changed.length} changed), ${kept.length} kept for want of a product, ${notRefreshable} not refreshable (kept with their sources)`,
    ...changed,
    ...kept.map((k) => `  kept ${k.path.join(".")}: ${k.reason}`),
  ];
  return { refreshed: { region: table.region, retrieved, entries, kept }, lines };
}

function describe(spec: RefreshSpec): string {
  return Object.entries(spec.filters)
    .map(([field, value]) => `${field}=${value}`)
    .join(", ");
}
