import { strict as assert } from "assert";
import { priceSources, priceTables } from "../../../automation/cost/prices";
import type { Price, PriceTable } from "../../../automation/cost/prices";

/** Every price of a table with its path, e.g. `rds.instanceHour.postgres.db.t4g.micro`. */
function pricesOf(node: unknown, path = ""): [string, Price][] {
  if (node && typeof node === "object" && "usd" in node && "source" in node) return [[path, node as Price]];
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => pricesOf(value, path ? `${path}.${key}` : key));
}

describe("price tables", () => {
  const regions = Object.keys(priceTables);

  it("cover the platform's primary and standby regions", () => {
    assert.deepEqual(regions.sort(), ["ap-northeast-1", "ap-northeast-2"]);
    for (const region of regions) assert.equal(priceTables[region].region, region);
  });

  for (const region of regions) {
    it(`${region}: every price is positive and names a source with its read date`, () => {
      const prices = pricesOf(priceTables[region]);
      assert.ok(prices.length > 100, `only ${prices.length} prices`);
      for (const [path, price] of prices) {
        assert.ok(price.usd > 0, `${path} is ${price.usd}`);
        const source = priceSources[price.source];
        assert.ok(source, `${path} names unknown source ${price.source}`);
        assert.match(source.read, /^\d{4}-\d{2}-\d{2}/);
      }
    });
  }

  it("price the same items in both regions, so a standby stack is priced like its primary", () => {
    const [a, b] = regions.map((r) => pricesOf(priceTables[r]).map(([path]) => path).sort());
    assert.deepEqual(a, b);
  });

  it("agree with seed 001's figures where the seed quotes Seoul's list price", () => {
    const seoul: PriceTable = priceTables["ap-northeast-2"];
    // seed 001 예상 비용: NAT $0.059/h and $0.59 for 10 GB; LCU $0.0240 for 3; S3 $0.25 for 10 GB;
    // ECR $0.50 for 5 GB; 5 secrets $2.00; 1 dashboard $3.00; 10 alarms $1.00; 1 zone $0.50.
    assert.equal(seoul.natGateway.hour.usd, 0.059);
    assert.equal(seoul.natGateway.processedGb.usd * 10, 0.59);
    assert.equal(seoul.elb.albLcuHour.usd * 3, 0.024);
    assert.equal(seoul.s3.standardGbMonth.usd * 10, 0.25);
    assert.equal(seoul.ecr.storageGbMonth.usd * 5, 0.5);
    assert.equal(seoul.secretsManager.secretMonth.usd * 5, 2);
    assert.equal(seoul.cloudwatch.dashboardMonth.usd, 3);
    assert.ok(Math.abs(seoul.cloudwatch.alarmStandardMetricMonth.usd * 10 - 1) < 1e-9);
    assert.equal(seoul.route53.hostedZoneMonth.usd, 0.5);
  });

  it("quote the Seoul bill where it confirms an RDS figure", () => {
    const rds = priceTables["ap-northeast-2"].rds;
    assert.equal(rds.instanceHour.mysql["db.t3.micro"].source, "seoulBill");
    assert.equal(rds.instanceHour.mysql["db.t3.micro"].usd, 0.026);
    assert.equal(rds.storageGbMonth.gp2.usd, 0.131);
  });
});
