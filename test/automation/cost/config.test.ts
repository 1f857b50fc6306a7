import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../../config";
import { stackConfig } from "../../helpers/stacks";
import { readStackFile } from "../../../automation/plan/stack-file";
import { blueprintFile } from "../../helpers/blueprints";
import { configIssueLines, SectionInput } from "../../helpers/config";

/** Seed 001's dev table as the CodeMate dev blueprint carries it. */
const seed001Dev = JSON.parse(readStackFile(blueprintFile("codemate", "dev")).config["platform:cost"]).reference;

/**
 * Loads dev with `platform:cost` replaced and without the AWS Budgets budget (the budget lives in
 * one place); returns the problems as `path: message` lines.
 */
function problems(cost: unknown): string[] {
  const observability = JSON.parse(stackConfig("dev")["platform:observability"]) as SectionInput<"observability">;
  delete observability.budget;
  const config = { ...stackConfig("dev"), "platform:cost": JSON.stringify(cost), "platform:observability": JSON.stringify(observability) };
  return configIssueLines(config);
}

describe("platform:cost config", () => {
  it("defaults every usage figure to seed 001's dev assumptions when the section is absent", () => {
    const config = stackConfig("dev");
    delete config["platform:cost"];
    const { cost } = loadPlatformConfig(config);
    assert.equal(cost.monthlyBudgetUsd, undefined);
    assert.equal(cost.usage.natProcessedGb, 10);
    assert.equal(cost.usage.logIngestedGb, 5);
    assert.equal(cost.usage.s3.standardGb, 10);
    assert.equal(cost.usage.ecrStorageGb, 5);
    assert.ok(Math.abs(cost.usage.albLcuPerHour * 730 * 0.008 - 1.84) < 0.01, "seed 001 dev: $1.84 of LCUs");
  });

  it("takes a pricing model per stack, on-demand by default, and names the field and the allowed models for any other", () => {
    assert.equal(loadPlatformConfig(stackConfig("dev")).cost.pricingModel, "on-demand");
    const observability = JSON.parse(stackConfig("dev")["platform:observability"]) as SectionInput<"observability">;
    delete observability.budget;
    const withModel = (pricingModel: string) => ({ ...stackConfig("dev"), "platform:cost": JSON.stringify({ pricingModel }), "platform:observability": JSON.stringify(observability) });
    assert.equal(loadPlatformConfig(withModel("savings-1y-no-upfront")).cost.pricingModel, "savings-1y-no-upfront");
    assert.deepEqual(problems({ pricingModel: "reserved-3y" }), [
      "platform:cost.pricingModel: unknown pricing model 'reserved-3y': must be one of on-demand, savings-1y-no-upfront",
    ]);
  });

  it("rejects negative usage, naming the field", () => {
    assert.deepEqual(problems({ usage: { natProcessedGb: -1 } }), ["platform:cost.usage.natProcessedGb: must be at least 0 (GB per month)"]);
    assert.deepEqual(problems({ usage: { s3: { standardGb: -5 } } }), ["platform:cost.usage.s3.standardGb: must be at least 0 (GB)"]);
  });

  it("rejects a Lambda duration beyond 15 minutes and a job key that is not a job name", () => {
    assert.deepEqual(problems({ usage: { lambda: { invocationsPerMonth: 10, averageDurationMs: 1_000_000 } } }), [
      "platform:cost.usage.lambda.averageDurationMs: must be at most 900000 (milliseconds: Lambda stops a function at 15 minutes)",
    ]);
    const bad = problems({ usage: { lambdaFunctions: { Report_Generator: { invocationsPerMonth: 1, averageDurationMs: 10 } } } });
    assert.deepEqual(bad, ["platform:cost.usage.lambdaFunctions.Report_Generator: function keys are job names: a-z, 0-9 and '-'"]);
  });

  it("rejects a budget of zero or less and a budget that is not a number", () => {
    assert.deepEqual(problems({ monthlyBudgetUsd: 0 }), ["platform:cost.monthlyBudgetUsd: must be more than 0 USD"]);
    assert.deepEqual(problems({ monthlyBudgetUsd: "lots" }), ["platform:cost.monthlyBudgetUsd: must be number, not string"]);
  });

  it("rejects unknown settings, listing the known ones", () => {
    const [problem] = problems({ budget: 100 });
    assert.match(problem, /^platform:cost\.budget: is not a known setting \(allowed: monthlyBudgetUsd, usage, reference, pricingModel\)$/);
  });

  describe("reference (the seed's own cost table)", () => {
    const item = { name: "NAT Gateway", usd: 43.07, match: "^NAT Gateway: gateway$" };

    it("accepts seed 001's dev table (the CodeMate dev blueprint's)", () => {
      assert.deepEqual(problems({ reference: seed001Dev }), []);
    });

    it("needs the items to add up to the seed's total", () => {
      assert.deepEqual(problems({ reference: { source: "seed 001", totalUsd: 100, items: [item] } }), [
        "platform:cost.reference.items: items must add up to totalUsd (within $0.05): the seed's table is copied in full",
      ]);
    });

    it("needs exactly one of match or outside per item", () => {
      const both = { name: "Claude", usd: 20, match: "x", outside: true };
      const neither = { name: "Claude", usd: 20 };
      for (const bad of [both, neither]) {
        assert.deepEqual(problems({ reference: { source: "seed 001", totalUsd: 20, items: [bad] } }), [
          "platform:cost.reference.items[0]: needs exactly one of 'match' (lines of the estimate) or 'outside: true'",
        ]);
      }
    });

    it("rejects a match that is not a regular expression", () => {
      assert.deepEqual(problems({ reference: { source: "seed 001", totalUsd: 43.07, items: [{ ...item, match: "NAT (" }] } }), [
        "platform:cost.reference.items[0].match: must be a valid regular expression",
      ]);
    });
  });
});
