import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../../config";
import { estimateCost } from "../../../automation/cost/engine";
import { priceSources } from "../../../automation/cost/prices/sources";
import { apNortheast1 } from "../../../automation/cost/prices/ap-northeast-1";
import { apNortheast2 } from "../../../automation/cost/prices/ap-northeast-2";
import { readStackFile, stackFilePath } from "../../../automation/plan/stack-file";
import { blueprintFile } from "../../helpers/blueprints";
import { renderStackFile } from "../../helpers/stacks";

async function estimate(file: string) {
  const result = await renderStackFile(file);
  const config = loadPlatformConfig(readStackFile(file).config);
  return estimateCost(result.resources, { region: result.region, usage: config.cost.usage, officeHours: config.officeHours });
}

describe("cost: SES mail and SNS SMS", () => {
  it("prices SES at $0.10 per 1,000 mails in both regions, from AWS's price data with its date", () => {
    for (const table of [apNortheast2, apNortheast1]) {
      assert.equal(table.ses.emails1k.usd, 0.1, table.region);
      assert.equal(table.ses.emails1k.unit, "1k emails");
      const source = priceSources[table.ses.emails1k.source];
      assert.equal(source.kind, "price-list");
      assert.match(source.file, /ses\.json.*Email sent to an external recipient/);
      assert.equal(source.date, "2025-11-03");
    }
  });

  it("bills Onno prod's 1,000 mails a month (seed 003 2-2: $0.10) to the messaging tier, and nothing for the set", async () => {
    const { lines } = await estimate(blueprintFile("onno", "prod"));
    const ses = lines.filter((l) => l.service === "SES");
    assert.deepEqual(
      ses.map((l) => [l.tier, l.item, l.quantity, l.unitUsd, l.monthlyUsd, l.basis]),
      [["messaging", "e-mails sent (usage.mail.emailsPerMonth)", 1, 0.1, 0.1, "usage"]],
    );
  });

  it("bills OpenMarket prod's 250,000 order mails at $25.00", async () => {
    const ses = (await estimate(blueprintFile("openmarket", "prod"))).lines.filter((l) => l.service === "SES");
    assert.deepEqual(ses.map((l) => l.monthlyUsd), [25]);
  });

  it("carries the account's SMS at its monthly spend limit in the stack that sets it, and nowhere else", async () => {
    const sms = (await estimate(stackFilePath("prod"))).lines.filter((l) => l.service === "SNS");
    assert.deepEqual(sms.map((l) => [l.tier, l.quantity, l.unit, l.unitUsd, l.monthlyUsd]), [["messaging", 1, "month", 1, 1]]);
    assert.deepEqual((await estimate(blueprintFile("openmarket", "prod"))).lines.filter((l) => l.service === "SNS"), []);
  });
});
