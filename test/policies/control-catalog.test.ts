import { strict as assert } from "assert";
import { controlCatalog, Framework } from "../../policies/lib/control-catalog";
import type { ControlRefs } from "../../policies/lib/rule";
import { allRules } from "../../policies/rules";

const refKeys: Record<Framework, keyof ControlRefs> = { "cdk-nag": "cdkNag", checkov: "checkov", cis: "cis", awsguard: "awsguard" };

/** Control key -> the rules that name it. */
function coverage(): Map<string, string[]> {
  const covered = new Map<string, string[]>();
  for (const rule of allRules) {
    for (const [framework, key] of Object.entries(refKeys)) {
      for (const id of rule.controls[key] ?? []) covered.set(`${framework} ${id}`, [...(covered.get(`${framework} ${id}`) ?? []), rule.name]);
    }
  }
  return covered;
}

describe("policy pack: traceability", () => {
  it("lists each control once, every cdk-nag AwsSolutions rule, every CIS v3.0.0 recommendation and every awsguard policy", () => {
    const keys = controlCatalog.map((c) => `${c.framework} ${c.id}`);
    assert.equal(new Set(keys).size, keys.length);
    const count = (f: Framework) => controlCatalog.filter((c) => c.framework === f).length;
    assert.deepEqual([count("cdk-nag"), count("cis"), count("awsguard")], [131, 62, 28]);
    assert.ok(count("checkov") > 150, `${count("checkov")} Checkov checks`);
  });

  it("knows every control a rule names, and says why of every control no rule covers", () => {
    const covered = coverage();
    const catalog = new Set(controlCatalog.map((c) => `${c.framework} ${c.id}`));
    assert.deepEqual([...covered.keys()].filter((k) => !catalog.has(k)), [], "controls named by rules but missing from the catalog");
    for (const c of controlCatalog) {
      const by = covered.get(`${c.framework} ${c.id}`);
      if (by) {
        assert.equal(c.reason, undefined, `${c.framework} ${c.id} is covered by ${by.join(", ")} yet gives a reason`);
      } else {
        assert.ok(c.reason && c.reason.length > 20, `${c.framework} ${c.id} (${c.title}): no rule covers it and no reason says why`);
        assert.equal(c.note, undefined, `${c.framework} ${c.id}: a note on a control no rule covers`);
      }
    }
  });

  it("maps the new rules to the controls the issue names", () => {
    const byRule = Object.fromEntries(allRules.map((r) => [r.name, r.controls]));
    assert.deepEqual(byRule["kms-key-rotation"], { cdkNag: ["AwsSolutions-KMS5"], checkov: ["CKV_AWS_7"], cis: ["3.6"], awsguard: ["cmk-backing-key-rotation-enabled"] });
    assert.deepEqual(byRule["imdsv2-required"], { checkov: ["CKV_AWS_79", "CKV_AWS_341"], cis: ["5.6"] });
    assert.deepEqual([byRule["ecr-immutable-tags"].checkov, byRule["ecr-scan-on-push"].checkov], [["CKV_AWS_51"], ["CKV_AWS_163"]]);
    assert.deepEqual(byRule["secret-rotation"].cdkNag, ["AwsSolutions-SMG4"]);
    assert.deepEqual(byRule["audit-bucket-access-logs"].cis, ["3.4"]);
  });
});
