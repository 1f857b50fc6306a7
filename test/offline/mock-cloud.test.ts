import { strict as assert } from "assert";
import { renderProgram } from "../../offline";
import { renderStack } from "../helpers/stacks";
import { fixturePath } from "../helpers/paths";

describe("mock cloud", () => {
  it("answers a remote awsx component's outputs from its inputs", async () => {
    const result = await renderProgram({
      project: "fixture",
      stack: "fixture",
      config: { "aws:region": "ap-northeast-2" },
      programPath: fixturePath("awsx-vpc"),
    });
    const [component] = result.resources.filter((r) => r.type === "awsx:ec2:Vpc");
    assert.equal(component.custom, false);
    assert.equal(result.resources.length, 1, "its children are not registered under mocks");
    assert.match(String(result.outputs.vpcId), /^vpc-[0-9a-f]{17}$/);
    assert.equal((result.outputs.publicSubnetIds as string[]).length, 2);
    assert.equal((result.outputs.isolatedSubnetIds as string[]).length, 2);
    assert.deepEqual(result.outputs.privateSubnetIds, []);
  });

  it("gives ids and ARNs in AWS's formats for the stack's region and account", async () => {
    const { resources } = await renderStack("prod-dr");
    const key = resources.find((r) => r.type === "aws:kms/key:Key");
    assert.match(String(key?.state.arn), /^arn:aws:kms:ap-northeast-1:123456789012:key\/[0-9a-f-]{36}$/);
    const vpc = resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
    assert.match(String(vpc?.id), /^vpc-[0-9a-f]{17}$/);
    const group = resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
    assert.equal(group?.state.arn, `arn:aws:logs:ap-northeast-1:123456789012:log-group:${group?.id}`);
  });

  it("fails a render that uses a type it has no model for", async () => {
    await assert.rejects(
      renderProgram({ project: "fixture", stack: "unknown", config: { "aws:region": "ap-northeast-2" }, programPath: fixturePath("unknown-type") }),
      /mock cloud has no model for resource type aws:sfn\/stateMachine:StateMachine/,
    );
  });

  it("renders the same ids twice", async () => {
    const config = { "aws:region": "ap-northeast-2" };
    const programPath = fixturePath("awsx-vpc");
    const [a, b] = [await renderProgram({ project: "f", stack: "f", config, programPath }), await renderProgram({ project: "f", stack: "f", config, programPath })];
    assert.deepEqual(a.outputs, b.outputs);
  });
});

describe("mock cloud refusals", () => {
  it("fails the render when a model refuses a request, as AWS would", async () => {
    await assert.rejects(
      renderProgram({ project: "fixture", stack: "refused", config: { "aws:region": "ap-northeast-2" }, programPath: fixturePath("refused-request") }),
      /aws:cloudfront\/distribution:Distribution \(fixture\): .*us-east-1/,
    );
  });
});
