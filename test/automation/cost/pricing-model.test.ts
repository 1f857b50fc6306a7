import { strict as assert } from "assert";
import { costUsageSchema } from "../../../config/sections/cost";
import { estimateCost } from "../../../automation/cost/engine";
import { priceSources, priceTableFor, priceTables, pricesOf } from "../../../automation/cost/prices";
import { computeSavingsPlanDiscount } from "../../../automation/cost/prices/savings";
import { codemateStack, codemateUsage } from "../../fixtures/codemate-synthetic";

const usage = costUsageSchema.parse({});

describe("pricing models", () => {
  for (const region of ["ap-northeast-2", "ap-northeast-1"]) {
    describe(region, () => {
      const onDemand = priceTables[region];
      const savings = priceTableFor(region, "savings-1y-no-upfront");

      it("says its model, and keeps every entry of the on-demand table with a source and a date", () => {
        assert.equal(savings.pricingModel, "savings-1y-no-upfront");
        assert.equal(priceTableFor(region).pricingModel, "on-demand");
        assert.deepEqual(pricesOf(savings).map(([path]) => path), pricesOf(onDemand).map(([path]) => path));
        for (const [path, p] of pricesOf(savings)) {
          assert.ok(p.usd > 0, path);
          assert.match(priceSources[p.source].date, /^\d{4}-\d{2}-\d{2}$/, path);
        }
      });

      it("prices RDS instances and Redis OSS / Memcached nodes at reserved 1-year no-upfront rates from AWS's price data", () => {
        const pg = savings.rds.instanceHour.postgres;
        assert.equal(pg["Multi-AZ"]["db.t4g.small"].source, "ec2shopRdsReserved");
        assert.equal(savings.elasticache.nodeHour.redis["cache.t4g.micro"].source, "ec2shopElastiCacheReserved");
        assert.equal(savings.elasticache.nodeHour.memcached["cache.t4g.micro"].source, "ec2shopElastiCacheReserved");
        for (const [path, p] of [...pricesOf(savings.rds.instanceHour), ...pricesOf(savings.elasticache.nodeHour.redis)]) {
          const before = pricesOf(path.startsWith("cache") ? onDemand.elasticache.nodeHour.redis : onDemand.rds.instanceHour).find(([q]) => q === path)?.[1];
          assert.ok(before && p.usd < before.usd && p.usd > before.usd * 0.5, `${path}: ${p.usd} against on-demand ${before?.usd}`);
        }
        if (region === "ap-northeast-2") {
          // The Seoul rows of the stored Price List extract: "PostgreSQL ... db t4g.small ... Multi-AZ 1 year No Upfront" and "cache t4g.micro ... 1 year No Upfront".
          assert.equal(pg["Multi-AZ"]["db.t4g.small"].usd, 0.0792);
          assert.equal(pg["Single-AZ"]["db.t4g.micro"].usd, 0.0198);
          assert.equal(savings.elasticache.nodeHour.redis["cache.t4g.micro"].usd, 0.016);
        }
      });

      it("prices Fargate, EC2 and Lambda duration at Compute Savings Plans rates, marked as estimates; Spot, Valkey and storage unchanged", () => {
        const estimateSource = priceSources[savings.fargate.x86.vcpuHour.source];
        assert.equal(estimateSource.kind, "estimate");
        assert.ok(Math.abs(savings.fargate.x86.vcpuHour.usd - onDemand.fargate.x86.vcpuHour.usd * (1 - computeSavingsPlanDiscount.fargate)) < 1e-9);
        assert.ok(Math.abs(savings.ec2.instanceHour["t4g.nano"].usd - onDemand.ec2.instanceHour["t4g.nano"].usd * (1 - computeSavingsPlanDiscount.ec2)) < 1e-9);
        assert.ok(Math.abs(savings.lambda.x86GbSecond.usd - onDemand.lambda.x86GbSecond.usd * (1 - computeSavingsPlanDiscount.lambdaDuration)) < 1e-10);
        assert.equal(savings.lambda.requestsMillion, onDemand.lambda.requestsMillion);
        assert.equal(savings.fargate.spotX86, onDemand.fargate.spotX86);
        assert.equal(savings.elasticache.nodeHour.valkey, onDemand.elasticache.nodeHour.valkey);
        assert.equal(savings.rds.storageGbMonth, onDemand.rds.storageGbMonth);
        assert.equal(savings.natGateway, onDemand.natGateway);
      });
    });
  }

  it("lowers the estimate of the same stack, and says which model it used", () => {
    const resources = codemateStack("prod").resources;
    const onDemand = estimateCost(resources, { region: "ap-northeast-2", usage: codemateUsage("prod") });
    const savings = estimateCost(resources, { region: "ap-northeast-2", usage: codemateUsage("prod"), pricingModel: "savings-1y-no-upfront" });
    assert.equal(onDemand.pricingModel, "on-demand");
    assert.equal(savings.pricingModel, "savings-1y-no-upfront");
    assert.ok(savings.totalMonthlyUsd < onDemand.totalMonthlyUsd);
    const nat = (e: typeof onDemand) => e.lines.filter((l) => l.service === "NAT Gateway").reduce((s, l) => s + l.monthlyUsd, 0);
    assert.equal(nat(savings), nat(onDemand), "NAT has no commitment to buy");
    assert.deepEqual(estimateCost(resources, { region: "ap-northeast-2", usage }).missingPrices, []);
  });
});
