import { strict as assert } from "assert";
import * as path from "path";
import { readStackFile } from "../../../automation/plan/stack-file";
import { repositoryStackFiles } from "../../../automation/stacks/accounts";
import { loadPlatformConfig } from "../../../config";
import { renderProgram } from "../../../offline";
import { repoRoot } from "../../helpers/paths";
import { renderConfig, renderStack, renderStackFile, stackConfig } from "../../helpers/stacks";

const files = repositoryStackFiles(repoRoot);

describe("every aws provider is held to the stack's account", () => {
  for (const file of files) {
    const name = path.relative(repoRoot, file);
    describe(name, () => {
      const stackFile = readStackFile(file);
      const settings = loadPlatformConfig(stackFile.config);
      const account = settings.account;

      it("declares its account and role, and lets no resource fall back on the default provider", () => {
        assert.ok(account, "names its account");
        assert.ok(account.role, "names the role its providers assume");
        assert.deepEqual(JSON.parse(stackFile.config["pulumi:disable-default-providers"] ?? "[]"), ["aws"]);
      });

      it("builds every aws provider with allowedAccountIds [its account] and its role", async () => {
        const { resources } = await renderStackFile(file);
        const providers = resources.filter((r) => r.type === "pulumi:providers:aws");
        assert.ok(providers.length > 0);
        for (const provider of providers) {
          // Provider inputs reach the engine (and the mock) as JSON text.
          assert.deepEqual(JSON.parse(String(provider.inputs.allowedAccountIds)), [account?.id], `${provider.name}: allowedAccountIds`);
          const [role] = JSON.parse(String(provider.inputs.assumeRoles)) as { roleArn: string; sessionName: string }[];
          assert.equal(role.roleArn, account?.role?.arn, `${provider.name}: assumeRoles`);
          assert.equal(role.sessionName, `pulumi-${settings.project}-${settings.environment}`);
        }
      });

      it("registers every aws resource, data source and remote component through one of those providers", async () => {
        const { resources, calls } = await renderStackFile(file);
        const providerUrns = resources.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.urn);
        const through = (ref: string | undefined) => ref !== undefined && providerUrns.some((urn) => ref.startsWith(`${urn}::`));
        const custom = resources.filter((r) => r.custom && r.type.startsWith("aws:"));
        assert.deepEqual(custom.filter((r) => !through(r.options.provider)).map((r) => `${r.type} ${r.name}`), []);
        assert.deepEqual(calls.filter((c) => c.token.startsWith("aws:") && !through(c.provider)).map((c) => c.token), []);
        const remote = resources.filter((r) => !r.custom && !r.type.startsWith("platform:") && !r.type.startsWith("pulumi:"));
        assert.deepEqual(remote.filter((r) => !through(r.options.providers?.aws)).map((r) => `${r.type} ${r.name}`), [], "remote components get the aws provider explicitly");
      });

      it("looks its account up through the role: ARNs carry that account", async () => {
        const { calls, outputs } = await renderStackFile(file);
        assert.ok(calls.some((c) => c.token === "aws:index/getCallerIdentity:getCallerIdentity"));
        assert.equal(outputs.accountId, account?.id);
      });

      if (settings.compute?.engine === "eks") {
        it("has the kubeconfig get its token as the role that created the cluster", async () => {
          const { resources } = await renderStackFile(file);
          const cluster = resources.find((r) => r.type === "eks:index:Cluster");
          assert.deepEqual(cluster?.inputs.providerCredentialOpts, { roleArn: account?.role?.arn });
        });
      }
    });
  }
});

describe("prod refuses to deploy into any account but its own", () => {
  it("fails when the credentials reach another account and no role takes it to its own", async () => {
    const config = stackConfig("prod");
    const account = JSON.parse(config["platform:account"]) as { id: string; role?: unknown; profile?: string };
    delete account.role;
    account.profile = "prod";
    config["platform:account"] = JSON.stringify(account);
    await assert.rejects(
      renderProgram({ project: "aws-platform", stack: "prod", config, accountId: "444455556666" }),
      /provider platform: AWS account ID not allowed: 444455556666; allowedAccountIds is \[123456789012\]/,
    );
  });

  it("deploys into its own account from another account's credentials by assuming its role there", async () => {
    const { outputs } = await renderProgram({ project: "aws-platform", stack: "prod", config: stackConfig("prod"), accountId: "444455556666" });
    assert.equal(outputs.accountId, "123456789012");
  });

  it("a standby in another account than its primary fails, naming both accounts", async () => {
    const prod = await renderStack("prod");
    const config = stackConfig("prod-dr");
    config["platform:account"] = JSON.stringify({ id: "444455556666", role: { arn: "arn:aws:iam::444455556666:role/platform-deployer" } });
    await assert.rejects(renderConfig(config, "prod-dr", { prod: prod.asReferenced }), /prod is in account 123456789012, this standby in 444455556666: a standby deploys into its primary's account/);
  });
});
