import { strict as assert } from "assert";
import type { SuppressedViolation } from "../../../automation/plan/policy-engine";
import { staleSuppressions, suppressionLines, suppressionMarkdown } from "../../../automation/plan/suppressions";
import type { CapturedResource } from "../../../offline";

const reason = "Accepted by the design review of 2026-12";
const rules = ["secret-rotation", "public-entry-waf"];

function captured(name: string, tags: Record<string, string>): CapturedResource {
  return {
    urn: `urn:pulumi:prod::aws-platform::aws:secretsmanager/secret:Secret::${name}`,
    type: "aws:secretsmanager/secret:Secret",
    name,
    parent: undefined,
    custom: true,
    id: name,
    region: "ap-northeast-2",
    inputs: { tags },
    state: { tags },
    options: { protect: false, ignoreChanges: [], retainOnDelete: false, deleteBeforeReplace: false, dependsOn: [], additionalSecretOutputs: [], propertyDependencies: {} },
  };
}

const used: SuppressedViolation = {
  rule: "secret-rotation",
  level: "mandatory",
  message: "secret db never rotates",
  urn: captured("db", {}).urn,
  resourceType: "aws:secretsmanager/secret:Secret",
  resourceName: "db",
  suppression: { rule: "secret-rotation", resource: "db", reason, source: "tag" },
};

describe("plan: suppressions", () => {
  it("reports a valid config or tag suppression that suppressed nothing, and not one that did or cannot apply", () => {
    const resources = [captured("db", { "policy-suppress:secret-rotation": reason }), captured("cache", { "policy-suppress:secret-rotation": reason })];
    const configured = [
      { rule: "public-entry-waf", resource: "cdn", reason },
      { rule: "public-entry-waf", resource: "old", reason, expires: "2000-01-01" },
      { rule: "no-such-rule", resource: "x", reason },
    ];
    assert.deepEqual(staleSuppressions(configured, resources, [used], rules, "2026-12-04"), [
      "suppression of public-entry-waf for cdn (platform:policy) suppressed no violation: remove it",
      "tag suppression of secret-rotation on aws:secretsmanager/secret:Secret cache suppressed no violation: remove the tag",
    ]);
  });

  it("lists what each suppression kept out, for the console and report.md", () => {
    assert.deepEqual(suppressionLines([used]), [
      "",
      "  suppressions applied (1):",
      `    - secret-rotation on aws:secretsmanager/secret:Secret db (tag on the resource): ${reason}`,
      "      kept out: secret db never rotates",
    ]);
    assert.equal(suppressionMarkdown([]), "**Suppressions applied**: none.");
    assert.match(suppressionMarkdown([used]), /\| secret-rotation \| aws:secretsmanager\/secret:Secret db \| tag on the resource \| Accepted by the design review of 2026-12 \| secret db never rotates \|/);
  });
});
