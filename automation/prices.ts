import { PricingClient } from "@aws-sdk/client-pricing";
import { Command } from "commander";
import * as path from "path";
import { handCheckedTables } from "./cost/prices";
import { refreshedDir } from "./cost/prices/refreshed";
import { priceListEndpointRegion, refreshPrices, RefreshError } from "./cost/refresh";

const program = new Command().name("prices").description("The cost estimate's price tables");
program
  .command("refresh")
  .description("Re-read the refreshable prices from the AWS Price List API (needs AWS credentials allowed pricing:GetProducts) into automation/cost/prices/refreshed/<region>.json")
  .option("--regions <list>", "comma-separated regions", Object.keys(handCheckedTables).join(","))
  .option("--out <dir>", "where to write <region>.json", refreshedDir())
  .action(async (options: { regions: string; out: string }) => {
    try {
      await refreshPrices({
        regions: options.regions.split(",").map((r) => r.trim()).filter(Boolean),
        out: path.resolve(options.out),
        client: new PricingClient({ region: priceListEndpointRegion }),
        today: new Date().toISOString().slice(0, 10),
        log: (line) => console.log(line),
      });
    } catch (error) {
      if (error instanceof RefreshError) {
        console.error(`prices refresh: ${error.message}`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });
void program.parseAsync(process.argv);
