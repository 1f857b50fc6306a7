import { strict as assert } from "assert";
import { ConfigError, loadPlatformConfig } from "../../config";
import { stackPackConfig } from "../../automation/plan/policy-gate";
import { readStackFile } from "../../automation/plan/stack-file";
import { openMarketBlueprint } from "../helpers/eks";
import { stackConfig, stackNames } from "../helpers/stacks";

function issues(overrides: Record<string, string>): string[] {
  try {
    loadPlatformConfig({ ...stackConfig("dev"), ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.value} ${i.message}`);
    throw error;
  }
  return [];
}

describe("platform:policy config", () => {
  it("is mandatory in prod and prod-dr and advisory in dev and staging, as data in the stack files", () => {
    const levels = Object.fromEntries(stackNames.map((s) => [s, loadPlatformConfig(stackConfig(s)).policy.enforcement]));
    assert.deepEqual(levels, { dev: "advisory", staging: "advisory", prod: "mandatory", "prod-dr": "mandatory" });
  });

  it("defaults to mandatory when a stack file has no platform:policy section (fail closed)", () => {
    const config = stackConfig("dev");
    delete config["platform:policy"];
    assert.deepEqual(loadPlatformConfig(config).policy, { enforcement: "mandatory", trustedAccountIds: [], suppressions: [] });
  });

  it("rejects an unknown enforcement, naming the allowed values", () => {
    assert.deepEqual(issues({ "platform:policy": JSON.stringify({ enforcement: "strict" }) }), [
      "platform:policy.enforcement: \"strict\" is not allowed (allowed: mandatory, advisory)",
    ]);
  });

  it("rejects account ids that are not 12 digits and unknown keys", () => {
    const found = issues({ "platform:policy": JSON.stringify({ enforcement: "advisory", trustedAccountIds: ["1234"], level: "x" }) });
    assert.ok(found.includes("platform:policy.trustedAccountIds[0]: \"1234\" must be a 12-digit AWS account id"), found.join("\n"));
    assert.ok(found.some((f) => f.startsWith("platform:policy.level:")), found.join("\n"));
  });

  it("rejects a bucket contents class other than user-data or derived (the DataClass tag s3-versioning reads)", () => {
    const storage = JSON.parse(stackConfig("dev")["platform:storage"]);
    storage.buckets[0].contents = "cache";
    assert.deepEqual(issues({ "platform:storage": JSON.stringify(storage) }), [
      `platform:storage.buckets[0].contents: "cache" is not allowed (allowed: user-data, derived)`,
    ]);
  });

  it("takes suppressions with a rule, a resource, a reason of 10 characters or more and an optional expiry date", () => {
    const ok = { rule: "public-entry-waf", resource: "platform-dev-cdn-*", reason: "The design has no WAF here: seed 001", expires: "2027-06-30" };
    assert.deepEqual(issues({ "platform:policy": JSON.stringify({ enforcement: "advisory", suppressions: [ok] }) }), []);
    assert.deepEqual(
      issues({
        "platform:policy": JSON.stringify({
          enforcement: "advisory",
          suppressions: [
            { rule: "public-entry-waf", resource: "x" },
            { rule: "Public Entry", resource: "", reason: "too short", expires: "2027-02-30" },
          ],
        }),
      }),
      [
        "platform:policy.suppressions[0].reason: undefined is required (string)",
        'platform:policy.suppressions[1].rule: "Public Entry" must be a rule name such as public-entry-waf (docs/policy-rules.md)',
        'platform:policy.suppressions[1].resource: "" must be at least 1',
        'platform:policy.suppressions[1].reason: "too short" must say why in 10 characters or more (cdk-nag\'s minimum)',
        'platform:policy.suppressions[1].expires: "2027-02-30" must be a date YYYY-MM-DD',
      ],
    );
  });

  it("turns the section into the pack config the CLI takes", () => {
    const config = loadPlatformConfig({ ...stackConfig("prod"), "platform:policy": JSON.stringify({ enforcement: "advisory", trustedAccountIds: ["123456789012"] }) });
    const pack = stackPackConfig({ config });
    assert.deepEqual(pack["multi-az"], { enforcementLevel: "advisory" });
    assert.deepEqual(pack["iam-trust-scoped"], { trustedAccountIds: ["123456789012"] });
    assert.equal(pack["iam-no-wildcard-actions"], undefined);
  });

  it("hands an EKS stack's deployer ranges to eks-endpoint-private, and none to a stack without EKS", () => {
    const openMarket = loadPlatformConfig(readStackFile(openMarketBlueprint("prod")).config);
    assert.deepEqual(stackPackConfig({ config: openMarket })["eks-endpoint-private"], { enforcementLevel: "mandatory", deployerCidrs: ["203.0.113.10/32", "203.0.113.11/32"] });
    assert.deepEqual(stackPackConfig({ config: loadPlatformConfig(stackConfig("prod")) })["eks-endpoint-private"], { enforcementLevel: "mandatory" });
  });
});
