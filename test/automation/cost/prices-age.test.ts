import { strict as assert } from "assert";
import { estimateCost } from "../../../automation/cost/engine";
import { costHeader, costMarkdown } from "../../../automation/cost/format";
import { priceTables, pricesOf } from "../../../automation/cost/prices";
import { pricesAge, pricesAgeLine, stalePriceDays } from "../../../automation/cost/prices-age";
import { price } from "../../../automation/cost/prices/types";
import { codemateStack, codemateUsage } from "../../fixtures/codemate-synthetic";

const seoul = priceTables["ap-northeast-2"];

describe("the age of the prices an estimate used", () => {
  const estimate = estimateCost(codemateStack("prod").resources, { region: "ap-northeast-2", usage: codemateUsage("prod") });

  it("records exactly the prices the rules read: Fargate and RDS yes, Aurora and EC2 instances (none in the stack) no", () => {
    const used = new Set(estimate.pricesUsed);
    assert.ok(used.has(seoul.fargate.x86.vcpuHour) && used.has(seoul.fargate.x86.gbHour));
    assert.ok(used.has(seoul.natGateway.hour));
    assert.ok(used.has(seoul.rds.instanceHour.postgres["Multi-AZ"]["db.t4g.small"]));
    for (const [path, p] of [...pricesOf(seoul.aurora), ...pricesOf(seoul.ec2.instanceHour)]) assert.ok(!used.has(p), `${path} was not used`);
  });

  it("is the oldest date among them, with the sources that hold it", () => {
    const age = pricesAge(estimate.pricesUsed, new Date("2026-12-05T08:00:00Z"));
    assert.ok(age);
    assert.ok(estimate.pricesUsed.length > 10, `${estimate.pricesUsed.length} prices used`);
    // RDS storage (yeo/ec2.shop, data of 2024-09-28) is the oldest price a CodeMate prod stack uses; Aurora's 2021 data is not used.
    assert.equal(age.oldest, "2024-09-28");
    assert.deepEqual(age.oldestSources, ["ec2shopRdsStorage"]);
    assert.equal(age.days, 798);
    assert.equal(age.stale, true);
  });

  it("warns past 90 days and names the command to refresh them; says the age plainly within them", () => {
    const fresh = [price(0.1, "hour", "awsPriceListApi", {}), price(0.2, "hour", "awsPriceFargate")].map((p, i) =>
      i === 0 ? { ...p, listApi: { dataset: "AWS Price List API" as const, retrieved: "2026-12-01", serviceCode: "AmazonEC2", sku: "ABC" } } : p,
    );
    assert.equal(pricesAgeLine([fresh[0]], new Date("2026-12-05")), "prices used are up to 4 days old (oldest data 2026-12-01: AWS Price List API)");
    assert.equal(pricesAgeLine([fresh[0]], new Date(Date.parse("2026-12-01") + stalePriceDays * 86_400_000))?.startsWith("prices used"), true);
    const stale = pricesAgeLine([fresh[0]], new Date(Date.parse("2026-12-01") + (stalePriceDays + 1) * 86_400_000));
    assert.match(stale ?? "", /^WARNING: prices used are up to 91 days old .* past 90 days: run `npm run prices -- refresh`/);
    assert.match(pricesAgeLine(fresh, new Date("2026-12-05")) ?? "", /^WARNING: prices used are up to 404 days old \(oldest data 2025-10-27: lamngockhuong\/aws-price\)/);
    assert.equal(pricesAgeLine([], new Date()), undefined);
  });

  it("heads plan's cost table with the pricing model and, under it, the age warning; the report says the same", () => {
    const [head, age] = costHeader(estimate, new Date("2026-12-05T08:00:00Z"));
    assert.equal(head, "On-demand list prices for ap-northeast-2, 730 h/month; usage from platform:cost.usage");
    assert.match(age, /^WARNING: prices used are up to 798 days old \(oldest data 2024-09-28: yeo\/ec2.shop\), past 90 days/);
    const savings = estimateCost(codemateStack("prod").resources, { region: "ap-northeast-2", usage: codemateUsage("prod"), pricingModel: "savings-1y-no-upfront" });
    assert.match(costHeader(savings)[0], /^Savings Plans and reserved prices \(platform:cost.pricingModel savings-1y-no-upfront: /);
    const markdown = costMarkdown(savings);
    assert.match(markdown, /^Savings Plans and reserved prices/);
    assert.match(markdown, /WARNING: prices used are up to \d+ days old/);
    assert.match(markdown, /estimate: AWS Compute Savings Plans pricing page/);
    assert.match(markdown, /yeo\/ec2.shop, data\/rds\/.*1 year No Upfront/);
  });
});
