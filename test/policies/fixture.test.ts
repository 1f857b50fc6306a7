import { strict as assert } from "assert";
import { GateResult, runRules } from "../../automation/plan/policy-engine";
import { packConfig } from "../../policies/lib/enforcement";
import { allRules } from "../../policies/rules";
import { CapturedResource } from "../../offline";
import { renderPolicyFixture } from "../helpers/policy";

/** Each rule trips on its own `<rule>-bad` resource; a public EKS endpoint also trips eks-endpoint-private by design. */
const expected: Record<string, string[]> = Object.fromEntries(allRules.map((r) => [r.name, [`${r.name}-bad`]]));
expected["eks-endpoint-private"] = ["eks-endpoint-private-bad", "eks-endpoint-restricted-bad"];

describe("policy fixture: one misconfiguration per rule, rendered under the mock cloud", () => {
  let resources: readonly CapturedResource[];
  let result: GateResult;

  before(async () => {
    const rendered = await renderPolicyFixture();
    resources = rendered.resources;
    result = await runRules(allRules, resources, packConfig(allRules, "mandatory"));
  });

  it("renders one misconfigured resource per rule among resources that pass", () => {
    const bad = resources.filter((r) => (r.custom || r.type === "eks:index:Cluster") && r.name.endsWith("-bad")).map((r) => r.name);
    assert.deepEqual(bad.sort(), allRules.map((r) => `${r.name}-bad`).sort());
    assert.ok(resources.filter((r) => r.custom).length > 3 * bad.length, `${resources.length} resources`);
  });

  it("trips each rule exactly on its misconfigured resources", () => {
    const actual: Record<string, string[]> = Object.fromEntries(allRules.map((r) => [r.name, [] as string[]]));
    for (const v of result.violations) actual[v.rule].push(v.resourceName ?? v.urn ?? "stack");
    for (const names of Object.values(actual)) names.sort();
    assert.deepEqual(actual, expected);
  });

  it("judges everything (no unknowns offline) and no rule crashes", () => {
    assert.deepEqual(result.notJudged, []);
    assert.deepEqual(result.errors, []);
  });

  it("makes every violation mandatory under the mandatory config and only the per-environment ones advisory under advisory", async () => {
    assert.ok(result.violations.every((v) => v.level === "mandatory"));
    const advisory = await runRules(allRules, resources, packConfig(allRules, "advisory"));
    const perEnvironment = new Set(allRules.filter((r) => r.scope === "per-environment").map((r) => r.name));
    for (const v of advisory.violations) assert.equal(v.level, perEnvironment.has(v.rule) ? "advisory" : "mandatory", v.rule);
    assert.equal(advisory.violations.length, result.violations.length);
  });
});
