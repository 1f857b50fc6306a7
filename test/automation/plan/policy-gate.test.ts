import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../../automation/plan/index";
import { LocalWorkspaceDriver } from "../../../automation/driver/local";
import { policyGateStep, stackPackConfig, writeStackPolicyConfig } from "../../../automation/plan/policy-gate";
import { runRules } from "../../../automation/plan/policy-engine";
import { PlanContext } from "../../../automation/plan/step";
import { stackFilePath } from "../../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../../config";
import { allRules } from "../../../policies/rules";
import { renderPolicyFixture } from "../../helpers/policy";
import { readStackFile } from "../../../automation/plan/stack-file";
import { renderStack, renderStackFile, stackConfig, stackNames } from "../../helpers/stacks";
import { blueprintFiles } from "../../helpers/blueprints";
import { replaceSelectStack } from "../../helpers/fake-workspace";


describe("policy gate in npm run plan", () => {
  for (const stack of stackNames) {
    it(`${stack}: no mandatory violation, nothing left unjudged, no rule crash`, async () => {
      const { resources } = await renderStack(stack);
      const config = loadPlatformConfig(stackConfig(stack));
      const result = await runRules(allRules, resources, stackPackConfig({ config }));
      assert.deepEqual(result.violations.filter((v) => v.level === "mandatory"), []);
      assert.deepEqual([result.notJudged, result.errors], [[], []]);
      assert.equal(result.resourceCount, resources.filter((r) => !r.type.startsWith("pulumi:providers:")).length);
    });
  }

  // Every blueprint (blueprints/<product>/Pulumi.<env>.yaml, found on disk), gated like the stacks.
  for (const { file, relative } of blueprintFiles()) {
    it(`blueprint ${relative}: no mandatory violation, nothing left unjudged, no rule crash`, async () => {
      const stackFile = readStackFile(file);
      const { resources } = await renderStackFile(file);
      const result = await runRules(allRules, resources, stackPackConfig({ config: loadPlatformConfig(stackFile.config, stackFile.secretKeys) }));
      assert.deepEqual(result.violations.filter((v) => v.level === "mandatory"), []);
      assert.deepEqual([result.notJudged, result.errors], [[], []]);
    });
  }

  it("prints violations grouped by rule with the resource and the fix, and fails on a mandatory one", async () => {
    const rendered = await renderPolicyFixture();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    const config = loadPlatformConfig(stackConfig("staging"));
    const context: PlanContext = { stack: "staging", region: "ap-northeast-2", config, rawConfig: {}, resources: rendered.resources, outputs: {}, outDir };
    const outcome = await policyGateStep.run(context);
    assert.equal(outcome.failed, true);
    const text = outcome.lines.join("\n");
    assert.match(text, /51 rules over the \d+ resources and \d+ components, per-environment rules advisory \(platform:policy\): 37 mandatory violations, 15 advisory, 0 suppressed/);
    assert.match(text, /\[mandatory\] database-encrypted \(encryption, 1\): Databases and caches encrypt their storage at rest\.\n {4}- aws:rds\/instance:Instance database-encrypted-bad: storage is not encrypted: set storageEncrypted: true\n {4}fix: RDS\/Aurora: storageEncrypted: true/);
    assert.match(text, /\[advisory\] multi-az \(data-protection, 1\)/);
    // Mandatory groups come before advisory ones.
    assert.ok(text.lastIndexOf("[mandatory]") < text.indexOf("[advisory]"));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(outDir, "policy-config.json"), "utf8"))["multi-az"], { enforcementLevel: "advisory" });
    assert.equal(JSON.parse(fs.readFileSync(path.join(outDir, "policy.json"), "utf8")).violations.length, 52);
    assert.match(outcome.markdown ?? "", /\| mandatory \| iam-no-wildcard-actions \| aws:iam\/rolePolicy:RolePolicy iam-no-wildcard-actions-bad \|/);
  });

  it("lists every suppression it applied (config and tag) in its output and report, and fails on one that suppressed nothing", async () => {
    const rendered = await renderPolicyFixture();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    const reason = "Accepted by the fixture's design review";
    const base = loadPlatformConfig(stackConfig("staging"));
    const withSuppressions = (suppressions: { rule: string; resource: string; reason: string; expires?: string }[]): PlanContext => ({
      stack: "staging",
      region: "ap-northeast-2",
      config: { ...base, policy: { ...base.policy, suppressions } },
      rawConfig: {},
      resources: rendered.resources,
      outputs: {},
      outDir,
    });
    const applied = await policyGateStep.run(withSuppressions([{ rule: "messaging-encrypted", resource: "messaging-*-bad", reason, expires: "2999-12-31" }]));
    const text = applied.lines.join("\n");
    assert.match(text, /36 mandatory violations, 15 advisory, 1 suppressed/);
    assert.match(text, /suppressions applied \(1\):\n {4}- messaging-encrypted on aws:sqs\/queue:Queue messaging-encrypted-bad \(platform:policy, until 2999-12-31\): Accepted by the fixture's design review\n {6}kept out: queue is not encrypted/);
    assert.doesNotMatch(text, /\[error\] suppression/);
    assert.match(applied.markdown ?? "", /\*\*Suppressions applied\*\*: 1\.[\s\S]*\| messaging-encrypted \| aws:sqs\/queue:Queue messaging-encrypted-bad \| platform:policy, until 2999-12-31 \| Accepted by the fixture's design review \| queue is not encrypted/);
    const policyJson = JSON.parse(fs.readFileSync(path.join(outDir, "policy.json"), "utf8"));
    assert.equal(policyJson.suppressed[0].suppression.source, "config");

    // A suppression whose resource passes the rule accepts nothing: stale, and the plan fails on it.
    const stale = await policyGateStep.run(withSuppressions([{ rule: "multi-az", resource: "database-kms-key-bad", reason }]));
    assert.equal(stale.failed, true);
    assert.ok(stale.lines.includes("  [error] suppression of multi-az for database-kms-key-bad (platform:policy) suppressed no violation: remove it"), stale.lines.join("\n"));
    assert.match(stale.markdown ?? "", /\*\*Stale suppressions\*\* \(the plan fails\)/);

    // An expired one no longer applies: the violation is back, and policy-suppressions reports it.
    const expired = await policyGateStep.run(withSuppressions([{ rule: "messaging-encrypted", resource: "messaging-encrypted-bad", reason, expires: "2000-01-01" }]));
    assert.match(expired.lines.join("\n"), /\[mandatory\] messaging-encrypted[\s\S]*\[mandatory\] policy-suppressions[^\n]*\n {4}- stack: suppression of messaging-encrypted for messaging-encrypted-bad expired on 2000-01-01/);
  });

  it("runs as a plan step: npm run plan -- prod exits 0 and writes the stack's pack config", async () => {
    const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    const lines: string[] = [];
    const run = await runPlan({ file: stackFilePath("prod"), outRoot, log: (line) => lines.push(line) });
    assert.equal(run.exitCode, 0, lines.join("\n"));
    assert.ok(lines.includes("== Policy gate (CrossGuard pack policies/, offline)"));
    assert.ok(lines.some((l) => /0 mandatory violations, 0 advisory/.test(l)), lines.join("\n"));
    const config = JSON.parse(fs.readFileSync(path.join(outRoot, "prod", "policy-config.json"), "utf8"));
    assert.deepEqual(config["deletion-protection"], { enforcementLevel: "mandatory" });
  });
});

describe("policy gate in the rollout and the drill", () => {
  it("writes each stack's pack config from its stack file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "policy-root-"));
    for (const stack of ["dev", "prod"]) fs.copyFileSync(stackFilePath(stack), path.join(root, `Pulumi.${stack}.yaml`));
    const dev = JSON.parse(fs.readFileSync(writeStackPolicyConfig("dev", root), "utf8"));
    const prod = JSON.parse(fs.readFileSync(writeStackPolicyConfig("prod", root), "utf8"));
    assert.deepEqual([dev["multi-az"], prod["multi-az"]], [{ enforcementLevel: "advisory" }, { enforcementLevel: "mandatory" }]);
    assert.ok(fs.existsSync(path.join(root, "out", "dev", "policy-config.json")));
  });

  it("passes the stack's pack config with the pack to every preview and update", async () => {
    const calls: Record<string, unknown>[] = [];
    const restore = replaceSelectStack(() =>
      Promise.resolve({
        preview: (options: Record<string, unknown>) => {
          calls.push(options);
          return Promise.resolve({ changeSummary: {} });
        },
        up: (options: Record<string, unknown>) => {
          calls.push(options);
          return Promise.resolve({ summary: { resourceChanges: {} }, outputs: {} });
        },
      }),
    );
    try {
      const driver = new LocalWorkspaceDriver({ workDir: "/repo", policyPackPath: "/repo/policies", policyConfigFor: (stack) => `/repo/out/${stack}/policy-config.json` });
      await driver.preview("staging");
      await driver.up("staging");
    } finally {
      restore();
    }
    assert.deepEqual(
      calls.map((c) => [c.policyPacks, c.policyPackConfigs]),
      [
        [["/repo/policies"], ["/repo/out/staging/policy-config.json"]],
        [["/repo/policies"], ["/repo/out/staging/policy-config.json"]],
      ],
    );
  });
});
