import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../../config";
import { estimateCost } from "../../../automation/cost/engine";
import { firehoseIngestionGap } from "../../../automation/cost/rules/log-archive";
import { readStackFile } from "../../../automation/plan/stack-file";
import { renderStackFile } from "../../helpers/stacks";

const file = "blueprints/codemate/Pulumi.prod.yaml";

describe("cost of the log archive (CodeMate prod)", () => {
  async function estimate() {
    const config = loadPlatformConfig(readStackFile(file).config);
    const { resources, region } = await renderStackFile(file);
    return estimateCost(resources, { region, usage: config.cost.usage, officeHours: config.officeHours });
  }

  it("prices the archive's storage per class from usage.logArchive at Seoul's S3 list prices", async () => {
    const lines = (await estimate()).lines.filter((l) => l.item.includes("(usage.logArchive)"));
    assert.deepEqual(
      lines.map((l) => [l.item, l.quantity, l.unitUsd]),
      [
        ["log archive in S3 Standard (usage.logArchive)", 60, 0.025],
        ["log archive in S3 Glacier Flexible Retrieval (usage.logArchive)", 180, 0.0045],
      ],
    );
  });

  it("prices each stream's objects: one PUT per 300 s buffer and its later move to Glacier", async () => {
    const lines = (await estimate()).lines.filter((l) => l.item.startsWith("codemate-prod-log-archive-service-backend:"));
    // 730 h x 3,600 s / 300 s = 8,760 objects a month.
    assert.deepEqual(
      lines.map((l) => [l.item.split(": ")[1], l.quantity, l.unitUsd]).sort(),
      [
        ["archive objects moved to Glacier", 8.76, 0.03258],
        ["archive objects written, one per 300 s", 8.76, 0.0045],
      ],
    );
  });

  it("reports Firehose ingestion as a missing price instead of inventing one", async () => {
    const { missingPrices, lines } = await estimate();
    assert.equal(missingPrices.filter((m) => m.includes(firehoseIngestionGap)).length, 1);
    assert.equal(lines.some((l) => /Firehose/.test(l.service)), false);
  });
});
