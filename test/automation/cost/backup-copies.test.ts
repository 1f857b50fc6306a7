import { strict as assert } from "assert";
import { estimateCost } from "../../../automation/cost/engine";
import { readStackFile } from "../../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../../config";
import { blueprintFile } from "../../helpers/blueprints";
import { renderStackFile } from "../../helpers/stacks";

/**
 * A backup-and-restore standby holds its primary's copies in a vault of its own, with no plan of
 * its own: the vault's storage is that stack's bill (AWS Backup charges the vault's region).
 */
describe("cost: backup copies held in a standby's vault", () => {
  it("prices CodeMate prod-dr's vault storage (usage.backup.storageGb) on the vault", async function () {
    this.timeout(120_000);
    const file = blueprintFile("codemate", "prod-dr");
    const config = loadPlatformConfig(readStackFile(file).config);
    const { resources, region } = await renderStackFile(file);
    const estimate = estimateCost(resources, { region, usage: config.cost.usage, officeHours: config.officeHours });
    const line = estimate.lines.find((l) => l.service === "AWS Backup");
    assert.ok(line, estimate.lines.map((l) => `${l.service}: ${l.item}`).join("\n"));
    assert.equal(line.tier, "dr");
    assert.equal(line.quantity, 100);
    assert.ok(line.resources.some((name) => name.endsWith("-vault")), line.resources.join(", "));
  });
});
