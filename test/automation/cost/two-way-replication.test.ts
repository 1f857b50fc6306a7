import { strict as assert } from "assert";
import { estimateCost } from "../../../automation/cost/engine";
import { readStackFile } from "../../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../../config";
import { blueprintFile } from "../../helpers/blueprints";
import { renderStackFile } from "../../helpers/stacks";

/**
 * A standby's replica replicates back into its primary's bucket (issue 16, item 5): two rules, but
 * the reverse one carries traffic only while the standby serves, so the standby's usage
 * (usage.s3.replicatedGb: what crosses regions while it stands by) is priced once, not per rule.
 */
describe("cost: two-way replication is priced once, at the standby's usage", () => {
  it("HookLabs prod-dr: two replication rules, one transfer line of its 5 GB", async function () {
    this.timeout(120_000);
    const file = blueprintFile("hooklabs", "prod-dr");
    const config = loadPlatformConfig(readStackFile(file).config);
    const { resources, region } = await renderStackFile(file);
    const rules = resources.filter((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    assert.deepEqual(rules.map((r) => r.region).sort(), ["ap-northeast-1", "ap-northeast-2"], "the forward rule in Seoul, the reverse one in Tokyo");
    const estimate = estimateCost(resources, { region, usage: config.cost.usage, officeHours: config.officeHours });
    const lines = estimate.lines.filter((l) => l.item.startsWith("S3 replication to another region"));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].quantity, 5);
    assert.equal(lines[0].resources.length, 2);
  });
});
