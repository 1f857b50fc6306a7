import { strict as assert } from "assert";
import { renderProgram } from "../../offline";
import { chartVersionProblem } from "../../offline/mock-cloud/helm-repositories";
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
  it("installs a Helm chart only at a version its repository's index publishes, as helm install does", async () => {
    await assert.rejects(
      renderProgram({ project: "fixture", stack: "charts", config: { "aws:region": "ap-northeast-2" }, programPath: fixturePath("unpublished-chart") }),
      (error: Error) => {
        assert.match(error.message, /kubernetes:helm\.sh\/v3:Release \(unpublished\): chart "aws-for-fluent-bit" version "0\.2\.1" not found in https:\/\/aws\.github\.io\/eks-charts repository/);
        assert.doesNotMatch(error.message, /\(published\)/, "0.2.0 is in the index");
        return true;
      },
    );
  });

  it("says when a chart version is outside what its index snapshot records, rather than guessing", () => {
    assert.equal(chartVersionProblem("https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.13.0"), undefined, "a trailing slash names the same repository");
    assert.match(String(chartVersionProblem("https://charts.external-secrets.io", "external-secrets", "0.9.20")), /predates the versions recorded from 0\.18\.0 .*extend offline\/mock-cloud\/helm-repositories\.ts/);
    assert.match(String(chartVersionProblem("https://charts.external-secrets.io", "external-secrets", "2.10.0")), /not found in https:\/\/charts\.external-secrets\.io repository \(.*: 0\.18\.0 to 2\.9\.0\)/);
    assert.match(String(chartVersionProblem("https://aws.github.io/eks-charts", "aws-vpc-cni", "1.0.0")), /index of https:\/\/aws\.github\.io\/eks-charts does not record chart "aws-vpc-cni"/);
    assert.match(String(chartVersionProblem("https://example.com/charts", "x", "1.0.0")), /no index of the Helm repository https:\/\/example\.com\/charts/);
  });

  it("fails the render when a model refuses a request, as AWS would", async () => {
    await assert.rejects(
      renderProgram({ project: "fixture", stack: "refused", config: { "aws:region": "ap-northeast-2" }, programPath: fixturePath("refused-request") }),
      /aws:cloudfront\/distribution:Distribution \(fixture\): .*us-east-1/,
    );
  });
});
