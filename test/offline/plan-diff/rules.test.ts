import { strict as assert } from "assert";
import { remoteComponentTypes, replacementRules, updateRules } from "../../../offline/plan-diff";
import { resourceModels } from "../../../offline/mock-cloud/registry";

describe("plan diff: replacement rules", () => {
  it("has the provider's replacement rules for every resource type the mock cloud models", () => {
    const missing = Object.keys(resourceModels).filter((type) => !(type in replacementRules) && !remoteComponentTypes.includes(type));
    assert.deepEqual(missing, [], "add each type's ForceNew attributes (from the provider source) to offline/plan-diff/replacement-rules.ts");
  });

  it("names a source for every rule, and only types the mock cloud models", () => {
    for (const [type, rule] of Object.entries(replacementRules)) {
      assert.ok(rule.source.length > 0, `${type} has no source`);
      assert.ok(type in resourceModels, `${type} has a rule but no mock-cloud model: remove it or add the model`);
    }
    for (const type of Object.keys(updateRules)) assert.ok(type in resourceModels, `${type}: update rule for a type the mock cloud does not model`);
  });

  it("reads ForceNew attributes under their Pulumi names", () => {
    assert.deepEqual(replacementRules["aws:ecs/service:Service"].replaceOn, ["cluster", "iamRole", "launchType", "name", "schedulingStrategy"]);
    assert.ok(replacementRules["aws:rds/instance:Instance"].replaceOn.includes("kmsKeyId"));
    assert.ok(replacementRules["aws:s3/bucket:Bucket"].replaceOn.includes("bucket"));
    assert.ok(!replacementRules["aws:rds/instance:Instance"].replaceOn.includes("engineVersion"), "RDS upgrades an engine in place");
  });
});
