import { strict as assert } from "assert";
import { costReference } from "../config/sections/cost";
import { estimateCost } from "../automation/cost/engine";
import { compareWithReference, tolerance } from "../automation/cost/reference";
import { codemateStack, codemateUsage } from "./fixtures/codemate-synthetic";
import { seed001Dev, seed001Prod } from "./fixtures/seed-001-cost";

/** Given seed 001's resources registered as the tiers register them, when priced in Seoul... */
describe("cost estimate against seed 001's line items", () => {
  const cases = { dev: seed001Dev, prod: seed001Prod } as const;

  for (const env of ["dev", "prod"] as const) {
    describe(env, () => {
      const reference = costReference.parse(cases[env]);
      const estimate = estimateCost(codemateStack(env).resources, { region: "ap-northeast-2", usage: codemateUsage(env) });
      const comparison = compareWithReference(estimate, reference);
      const row = (name: RegExp) => {
        const found = comparison.rows.find((r) => name.test(r.name));
        assert.ok(found, `no seed row ${name}`);
        return found;
      };

      it("reproduces every seed figure that is a list price within 2 %", () => {
        const listPriced = comparison.rows.filter((r) => r.note === undefined);
        assert.ok(listPriced.length >= 8, `only ${listPriced.length} list-price rows`);
        for (const r of listPriced) {
          assert.ok(r.estimateUsd !== undefined);
          assert.ok(r.withinTolerance, `${r.name}: seed ${r.seedUsd}, estimate ${r.estimateUsd?.toFixed(2)}`);
        }
      });

      it("prices one NAT gateway at $43.07 and its data at $0.059/GB", () => {
        const gateways = row(/^NAT Gateway \d gateway/);
        assert.equal(gateways.lines.length, 1, "alike gateways merge into one line");
        assert.equal(gateways.lines[0].resources.length, env === "prod" ? 2 : 1);
        assert.ok(Math.abs((gateways.estimateUsd as number) - 43.07 * gateways.lines[0].resources.length) < 0.01);
        assert.ok(Math.abs((row(/^NAT Gateway \d+ GB/).estimateUsd as number) - (env === "prod" ? 2.95 : 0.59)) < 0.005);
      });

      it("gives a reason wherever the seed's figure is not the list price, and only there", () => {
        assert.deepEqual(comparison.unexplained, []);
        for (const r of comparison.rows.filter((x) => x.note !== undefined && x.estimateUsd !== undefined)) {
          // A note on a row that matches anyway would hide a stale explanation.
          assert.ok(!r.withinTolerance, `${r.name} is within ${tolerance * 100} % of the seed but carries a note: drop it`);
        }
      });

      it("prices the Fargate tasks from the task definition's vCPU and memory at Seoul's rates", () => {
        const frontend = row(/^ECS Fargate frontend/);
        const tasks = env === "prod" ? 2 : 1;
        assert.ok(Math.abs((frontend.estimateUsd as number) - tasks * 730 * (0.5 * 0.04656 + 1 * 0.00511)) < 1e-6);
        // The seed's $25.11 per task is 21 % above that: recorded, not reproduced.
        assert.ok((frontend.estimateUsd as number) / tasks < 25.11 * 0.85);
      });

      it("doubles instance and storage for a Multi-AZ database", () => {
        const instance = row(/^RDS PostgreSQL/);
        const storage = row(/^RDS storage/);
        const copies = env === "prod" ? 2 : 1;
        const hourly = env === "prod" ? 0.051 : 0.025;
        assert.ok(Math.abs((instance.estimateUsd as number) - copies * hourly * 730) < 1e-6);
        assert.ok(Math.abs((storage.estimateUsd as number) - copies * (env === "prod" ? 50 : 20) * 0.131) < 1e-6);
      });

      it("explains the whole difference between the totals", () => {
        const onItems = comparison.rows.reduce((sum, r) => sum + (r.estimateUsd === undefined ? 0 : r.estimateUsd - r.seedUsd), 0);
        const explained = onItems + comparison.extraUsd - comparison.outsideUsd;
        assert.ok(Math.abs(comparison.estimateTotalUsd - comparison.seedTotalUsd - explained) < 1e-6);
        // What the seed leaves out is named line by line: public IPv4 addresses of the NAT gateway(s) and the ALB.
        assert.deepEqual(
          comparison.extra.map((l) => `${l.service}: ${l.item}`).sort(),
          ["VPC: codemate-alb: 2 public IPv4 addresses", "VPC: public IPv4 address (Elastic IP)"],
        );
      });
    });
  }

  it("has totals that add up to the seed's own ($198.10 dev, $674.56 prod)", () => {
    assert.ok(costReference.safeParse(seed001Dev).success);
    assert.ok(costReference.safeParse(seed001Prod).success);
  });
});
