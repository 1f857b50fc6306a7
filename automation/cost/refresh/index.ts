import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import type { PricingClient } from "@aws-sdk/client-pricing";
import { handCheckedTables } from "../prices";
import { refreshRegion, RefreshError } from "./refresh";

export { RefreshError } from "./refresh";

/**
 * The Price List API answers in us-east-1 and ap-south-1 only, for every region's prices
 * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html).
 */
export const priceListEndpointRegion = "us-east-1";

export interface RefreshOptions {
  readonly regions: readonly string[];
  readonly out: string;
  readonly client: PricingClient;
  readonly today: string;
  readonly log: (line: string) => void;
}

/** Reads every region first and writes only when all were read: a failed refresh writes nothing. */
export async function refreshPrices(options: RefreshOptions): Promise<string[]> {
  const unknown = options.regions.filter((r) => !handCheckedTables[r]);
  if (unknown.length > 0) {
    throw new RefreshError(`--regions: no price table for ${unknown.join(", ")} (tables exist for ${Object.keys(handCheckedTables).join(", ")})`);
  }
  const results = [];
  for (const region of options.regions) results.push(await refreshRegion(options.client, handCheckedTables[region], options.today));
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  for (const { refreshed, lines } of results) {
    const file = path.join(options.out, `${refreshed.region}.json`);
    writeFileSync(file, `${JSON.stringify(refreshed, null, 2)}\n`);
    lines.forEach((line) => options.log(line));
    options.log(`  wrote ${path.relative(process.cwd(), file) || file}`);
    written.push(file);
  }
  return written;
}

