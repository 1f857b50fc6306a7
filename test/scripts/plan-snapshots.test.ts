import { strict as assert } from "assert";
import { outputDifferences, planDifferences } from "../../scripts/plan-snapshots";

const resource = (name: string, inputs: Record<string, unknown> = {}, parent: string | null = "urn:parent") => ({
  type: "aws:s3/bucket:Bucket",
  name,
  urn: `urn:pulumi:prod::aws-platform::aws:s3/bucket:Bucket::${name}`,
  parent,
  inputs,
});
const plan = (...resources: ReturnType<typeof resource>[]) => ({ stack: "prod", region: "ap-northeast-2", resources });

describe("plan snapshots (the refactor check)", () => {
  it("finds nothing between two equal plans", () => {
    assert.deepEqual(planDifferences(plan(resource("a", { x: 1 })), plan(resource("a", { x: 1 }))), []);
  });

  it("names a removed, an added and a changed resource with the field that changed", () => {
    const before = plan(resource("a", { x: 1 }), resource("b"));
    const after = plan(resource("a", { x: 2 }), resource("c"));
    assert.deepEqual(planDifferences(before, after), [
      "~ urn:pulumi:prod::aws-platform::aws:s3/bucket:Bucket::a: inputs.x differs",
      "- removed urn:pulumi:prod::aws-platform::aws:s3/bucket:Bucket::b",
      "+ added urn:pulumi:prod::aws-platform::aws:s3/bucket:Bucket::c",
    ]);
  });

  it("reports a new parent, and a plan whose registration order alone changed", () => {
    assert.deepEqual(planDifferences(plan(resource("a")), plan(resource("a", {}, "urn:other"))), ["~ urn:pulumi:prod::aws-platform::aws:s3/bucket:Bucket::a: parent differs"]);
    assert.deepEqual(planDifferences(plan(resource("a"), resource("b")), plan(resource("b"), resource("a"))), [
      "resources are the same but their order or the stack header differs",
    ]);
  });

  it("compares outputs key by key", () => {
    assert.deepEqual(outputDifferences({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 2 } }), []);
    assert.deepEqual(outputDifferences({ a: 1, b: 2 }, { b: 3, c: 4 }), ["- output a removed", "~ output b differs", "+ output c added"]);
  });
});
