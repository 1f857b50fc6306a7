import { strict as assert } from "assert";
import { loadPlatformConfig } from "../config";
import { estimateCost } from "../automation/cost/engine";
import { buildDiagram } from "../automation/diagram/build";
import { renderConfig, renderStack, stackConfig, stackNames } from "./helpers/stacks";
import type { RenderResult } from "./mockcloud/render";

const priced = (result: RenderResult, raw: Record<string, string>) =>
  estimateCost(result.resources, { region: result.region, usage: loadPlatformConfig(raw).cost.usage });

/** Types the diagram must show one node for, each: services and data stores. */
const drawn = [
  "aws:ecs/service:Service",
  "kubernetes:apps/v1:Deployment",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:s3/bucket:Bucket",
  "aws:lambda/function:Function",
];

describe("cost and diagram of the rendered stacks", () => {
  for (const stack of stackNames) {
    describe(stack, () => {
      it("prices every registration: no missing price, no unpriced type, no warning", async () => {
        const estimate = priced(await renderStack(stack), stackConfig(stack));
        assert.deepEqual(estimate.missingPrices, []);
        assert.deepEqual(estimate.unpriced, []);
        assert.deepEqual(estimate.warnings, []);
        assert.ok(estimate.totalMonthlyUsd > 0);
      });

      it("draws every service, data store and job of the stack", async () => {
        const { resources, region } = await renderStack(stack);
        const diagram = buildDiagram(resources, region);
        const expected = resources.filter((r) => drawn.includes(r.type));
        for (const resource of expected) {
          assert.ok(diagram.nodes.some((n) => n.resources.includes(resource.name)), `${resource.type} ${resource.name} is not drawn`);
        }
      });
    });
  }

  it("prices the prod database as the config sizes it: Multi-AZ doubles instance and storage", async () => {
    const raw = stackConfig("prod");
    const { data } = loadPlatformConfig(raw);
    assert.ok(data?.database);
    const estimate = priced(await renderStack("prod"), raw);
    const rds = estimate.lines.filter((l) => l.service === "RDS");
    const instance = rds.find((l) => / instance /.test(l.item));
    assert.ok(instance, rds.map((l) => l.item).join("; "));
    assert.match(instance.item, new RegExp(`${data.database.instanceClass.replace(/\./g, "\\.")} Multi-AZ$`));
    assert.equal(instance.unitUsd, 2 * 0.051);
  });

  it("costs more when the dev database moves to a larger class", async () => {
    const raw = stackConfig("dev");
    const bigger = { ...raw };
    const data = JSON.parse(raw["platform:data"]);
    data.database.instanceClass = "db.t4g.medium";
    bigger["platform:data"] = JSON.stringify(data);
    const [small, large] = [priced(await renderStack("dev"), raw), priced(await renderConfig(bigger, "dev"), bigger)];
    assert.ok(Math.abs(large.totalMonthlyUsd - small.totalMonthlyUsd - (0.102 - 0.025) * 730) < 1e-6);
  });
});
