import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../../config";
import { estimateCost } from "../../../automation/cost/engine";
import { firehoseIngestionGap } from "../../../automation/cost/rules/log-archive";
import { officeRunningHours } from "../../../automation/cost/office-hours";
import { buildDiagram } from "../../../automation/diagram/build";
import { readStackFile, stackFilePath } from "../../../automation/plan/stack-file";
import type { NodeKind } from "../../../automation/diagram/model";
import { blueprintFiles } from "../../helpers/blueprints";
import { renderConfig, renderStack, renderStackFile, stackConfig, stackNames } from "../../helpers/stacks";
import type { RenderResult } from "../../../offline";

const priced = (result: RenderResult, raw: Record<string, string>) => {
  const config = loadPlatformConfig(raw);
  return estimateCost(result.resources, { region: result.region, usage: config.cost.usage, officeHours: config.officeHours });
};

/** Types the diagram must draw, each resource on a node of this kind: services, data stores, jobs and the way in. */
const drawn: Record<string, NodeKind> = {
  "aws:ecs/service:Service": "service",
  "kubernetes:apps/v1:Deployment": "service",
  "aws:rds/instance:Instance": "database",
  "aws:rds/cluster:Cluster": "database",
  "aws:elasticache/replicationGroup:ReplicationGroup": "cache",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:ecr/repository:Repository": "registry",
  "aws:lambda/function:Function": "job",
  "aws:lb/loadBalancer:LoadBalancer": "loadBalancer",
  "aws:cloudfront/distribution:Distribution": "cdn",
};

/** The four stacks and every blueprint: each is priced and drawn the same way. */
const stackFiles = [
  ...stackNames.map((stack) => ({ title: stack, file: stackFilePath(stack) })),
  ...blueprintFiles().map((b) => ({ title: b.relative, file: b.file })),
];

describe("cost and diagram of the rendered stacks and blueprints", () => {
  for (const { title, file } of stackFiles) {
    describe(title, () => {
      it("prices every registration: no missing price, no unpriced type, no warning", async () => {
        const estimate = priced(await renderStackFile(file), readStackFile(file).config);
        // The one figure no stored price data holds (docs/cost-model.md): reported, never invented.
        assert.deepEqual(
          estimate.missingPrices.filter((m) => !m.includes(firehoseIngestionGap)),
          [],
        );
        assert.deepEqual(estimate.unpriced, []);
        assert.deepEqual(estimate.warnings, []);
        assert.ok(estimate.totalMonthlyUsd > 0);
      });

      it("draws every service, data store and job of the stack, each on a node of its own kind", async () => {
        const { resources, region } = await renderStackFile(file);
        const diagram = buildDiagram(resources, region);
        const expected = resources.filter((r) => r.type in drawn);
        assert.ok(expected.some((r) => r.type === "aws:s3/bucket:Bucket"), "every stack has buckets to draw");
        for (const resource of expected) {
          const node = diagram.nodes.find((n) => n.resources.includes(resource.name));
          assert.ok(node, `${resource.type} ${resource.name} is not drawn`);
          assert.equal(node.kind, drawn[resource.type], `${resource.type} ${resource.name} is drawn as a ${node.kind}`);
        }
      });
    });
  }

  it("prices the prod database as the config sizes it: Multi-AZ at Seoul's listed Multi-AZ rates", async () => {
    const raw = stackConfig("prod");
    const { data } = loadPlatformConfig(raw);
    assert.ok(data?.database);
    const estimate = priced(await renderStack("prod"), raw);
    const rds = estimate.lines.filter((l) => l.service === "RDS");
    const instance = rds.find((l) => / instance /.test(l.item));
    assert.ok(instance, rds.map((l) => l.item).join("; "));
    assert.match(instance.item, new RegExp(`${data.database.instanceClass.replace(/\./g, "\\.")} Multi-AZ$`));
    assert.equal(instance.unitUsd, 0.102, "Seoul lists Multi-AZ PostgreSQL db.t4g.small at $0.102");
    const storage = rds.find((l) => / storage /.test(l.item));
    assert.equal(storage?.unitUsd, 0.262, "and Multi-AZ gp3 at $0.262 per GB-month");
  });

  it("costs more when the dev database moves to a larger class", async () => {
    const raw = stackConfig("dev");
    const bigger = { ...raw };
    const data = JSON.parse(raw["platform:data"]);
    data.database.instanceClass = "db.t4g.medium";
    bigger["platform:data"] = JSON.stringify(data);
    const [small, large] = [priced(await renderStack("dev"), raw), priced(await renderConfig(bigger, "dev"), bigger)];
    // Dev stops the database outside office hours: the class is paid for its running hours only.
    const hours = officeRunningHours(loadPlatformConfig(raw).officeHours!).database.hours;
    assert.ok(Math.abs(large.totalMonthlyUsd - small.totalMonthlyUsd - (0.102 - 0.025) * hours) < 1e-6);
  });
});
