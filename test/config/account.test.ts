import { strict as assert } from "assert";
import { readStackFile } from "../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../config";
import { expectIssue, issuesOf } from "../helpers/config-issues";
import { openMarketBlueprint } from "../helpers/eks";
import { stackConfig, StackName } from "../helpers/stacks";

/** A stack's config with `platform:account` changed by `edit` (given a copy), or removed when `edit` returns undefined. */
function withAccount(stack: StackName, edit: (account: Record<string, unknown>) => Record<string, unknown> | undefined): Record<string, string> {
  const config = stackConfig(stack);
  const next = edit(JSON.parse(config["platform:account"] ?? "{}") as Record<string, unknown>);
  if (next === undefined) delete config["platform:account"];
  else config["platform:account"] = JSON.stringify(next);
  return config;
}

describe("platform:account", () => {
  it("is read from the stack files: every provider is to be held to the account named there", () => {
    const prod = loadPlatformConfig(stackConfig("prod"));
    assert.equal(prod.account?.id, "123456789012");
    assert.equal(prod.account?.role?.arn, "arn:aws:iam::123456789012:role/platform-deployer");
    assert.equal(loadPlatformConfig(stackConfig("dev")).account?.id, "111122223333");
  });

  it("is required where data is protected: prod must name the only account it deploys into", () => {
    expectIssue(withAccount("prod", () => undefined), "platform:account", /is required where data is protected/);
    // A disposable stack may run on whatever account the ambient credentials reach (seed 003 1-2: a developer's own account).
    assert.equal(loadPlatformConfig(withAccount("dev", () => undefined)).account, undefined);
  });

  it("takes a quoted 12-digit id, and says why an unquoted one is wrong", () => {
    expectIssue(withAccount("prod", (a) => ({ ...a, id: 123456789012 })), "platform:account.id", /in quotes.*YAML reads a number and drops leading zeros/);
    expectIssue(withAccount("prod", (a) => ({ ...a, id: "12345" })), "platform:account.id", /12-digit AWS account id/);
  });

  it("takes a role of the stack's own account and partition only", () => {
    expectIssue(
      withAccount("prod", (a) => ({ ...a, role: { arn: "arn:aws:iam::444455556666:role/platform-deployer" } })),
      "platform:account.role.arn",
      /is a role of account 444455556666, not of the stack's account 123456789012/,
    );
    expectIssue(withAccount("prod", (a) => ({ ...a, role: { arn: "arn:aws-cn:iam::123456789012:role/deployer" } })), "platform:account.role.arn", /partition aws-cn, but ap-northeast-2 is in aws/);
    expectIssue(withAccount("prod", (a) => ({ ...a, role: { arn: "arn:aws:iam::123456789012:user/deployer" } })), "platform:account.role.arn", /must be an IAM role ARN/);
  });

  it("checks a session name and an external id as STS does, and a profile name", () => {
    const role = { arn: "arn:aws:iam::123456789012:role/platform-deployer" };
    expectIssue(withAccount("prod", (a) => ({ ...a, role: { ...role, sessionName: "ci run #42" } })), "platform:account.role.sessionName", /STS RoleSessionName/);
    expectIssue(withAccount("prod", (a) => ({ ...a, role: { ...role, externalId: "x" } })), "platform:account.role.externalId", /STS ExternalId/);
    expectIssue(withAccount("prod", (a) => ({ ...a, profile: "my profile" })), "platform:account.profile", /profile name/);
    assert.doesNotThrow(() => loadPlatformConfig(withAccount("prod", (a) => ({ ...a, role: { ...role, sessionName: "ci-42", externalId: "platform:ci" }, profile: "prod-admin" }))));
  });

  it("refuses an external id on an EKS stack: the kubeconfig's `aws eks get-token --role-arn` cannot pass one", () => {
    const config = { ...readStackFile(openMarketBlueprint("prod")).config };
    const account = JSON.parse(config["platform:account"]) as { role: Record<string, string> };
    account.role.externalId = "platform-ci";
    config["platform:account"] = JSON.stringify(account);
    expectIssue(config, "platform:account.role.externalId", /cannot be used with compute engine eks/);
  });

  it("replicates a registry into other regions only, one rule per region", () => {
    const rule = { region: "ap-northeast-2", repositoryPrefixes: ["platform-prod/"] };
    expectIssue(
      withAccount("prod", (a) => ({ ...a, baseline: { cloudTrail: true, guardDuty: true, registryReplication: [rule] } })),
      "platform:account.baseline.registryReplication[0].region",
      /is this stack's own region/,
    );
    const tokyo = { region: "ap-northeast-1" };
    expectIssue(
      withAccount("prod", (a) => ({ ...a, baseline: { cloudTrail: true, guardDuty: true, registryReplication: [tokyo, tokyo] } })),
      "platform:account.baseline.registryReplication[1].region",
      /is listed twice/,
    );
    expectIssue(
      withAccount("prod", (a) => ({ ...a, baseline: { cloudTrail: true, guardDuty: true, registryReplication: [{ ...tokyo, repositoryPrefixes: ["Platform/"] }] } })),
      "platform:account.baseline.registryReplication[0].repositoryPrefixes[0]",
      /start of an ECR repository name/,
    );
  });

  it("says where the trail and the detector went: from platform:security to the account baseline", () => {
    const config = stackConfig("prod");
    config["platform:security"] = JSON.stringify({ ...JSON.parse(config["platform:security"]), guardDuty: true, cloudTrail: true });
    expectIssue(config, "platform:security.guardDuty", /has moved to platform:account.baseline.guardDuty/);
    expectIssue(config, "platform:security.cloudTrail", /has moved to platform:account.baseline.cloudTrail/);
  });

  it("refuses aws: settings other than the region: explicit providers never read them", () => {
    const config = {
      ...stackConfig("prod"),
      "aws:profile": "prod",
      "aws:assumeRoles": JSON.stringify([{ roleArn: "arn:aws:iam::123456789012:role/x" }]),
      "aws:allowedAccountIds": JSON.stringify(["123456789012"]),
      "aws:skipMetadataApiCheck": "false",
    };
    const issues = issuesOf(config);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    assert.match(byPath["aws:profile"], /is not read: every AWS provider of this program is explicit.*set platform:account.profile/);
    assert.match(byPath["aws:assumeRoles"], /set platform:account.role/);
    assert.match(byPath["aws:allowedAccountIds"], /set platform:account.id/);
    assert.match(byPath["aws:skipMetadataApiCheck"], /is not read/);
    assert.equal(byPath["aws:region"], undefined);
  });
});
