/**
 * What `plan` says about suppressions: every one it applied (console and report.md), and the
 * valid ones that suppressed nothing, which fail the plan: a suppression outliving its violation
 * would silently accept the next one. Suppressions that cannot apply at all (unknown rule, no
 * reason, expired) are the policy-suppressions rule's violations, reported with the others.
 */
import type { PolicySuppression } from "../../model/policy/settings";
import { invalidReason, tagSuppressions, today } from "../../policies/lib/suppressions";
import type { CapturedResource } from "../../offline";
import type { SuppressedViolation } from "./policy-engine";

/** Where a suppressed violation's resource is, for a line: `aws:s3/bucket:Bucket name`. */
function where(v: SuppressedViolation): string {
  if (v.resourceName) return `${v.resourceType} ${v.resourceName}`;
  return v.urn ? v.urn.split("::").slice(-2).join(" ") : "stack";
}

function origin(v: SuppressedViolation): string {
  const source = v.suppression.source === "config" ? "platform:policy" : "tag on the resource";
  return v.suppression.expires ? `${source}, until ${v.suppression.expires}` : source;
}

/** The suppressions that are valid (known rule, a reason, not expired) and suppressed no violation. */
export function staleSuppressions(
  configured: readonly PolicySuppression[],
  resources: readonly CapturedResource[],
  suppressed: readonly SuppressedViolation[],
  ruleNames: readonly string[],
  on: string = today(),
): string[] {
  const known = new Set(ruleNames);
  const valid = (s: { rule: string; reason: string; expires?: string }) => known.has(s.rule) && invalidReason(s, on) === undefined;
  const stale: string[] = [];
  for (const s of configured.filter(valid)) {
    const used = suppressed.some(
      (v) => v.suppression.source === "config" && v.rule === s.rule && v.suppression.resource === s.resource && v.suppression.reason === s.reason && v.suppression.expires === s.expires,
    );
    if (!used) stale.push(`suppression of ${s.rule} for ${s.resource} (platform:policy) suppressed no violation: remove it`);
  }
  for (const r of resources) {
    for (const s of tagSuppressions(r.name, (r.inputs as { tags?: unknown }).tags).filter(valid)) {
      const used = suppressed.some((v) => v.suppression.source === "tag" && v.rule === s.rule && v.urn === r.urn);
      if (!used) stale.push(`tag suppression of ${s.rule} on ${r.type} ${r.name} suppressed no violation: remove the tag`);
    }
  }
  return stale;
}

/** Console lines: each applied suppression, what it kept out and why. */
export function suppressionLines(suppressed: readonly SuppressedViolation[]): string[] {
  if (suppressed.length === 0) return [];
  return [
    "",
    `  suppressions applied (${suppressed.length}):`,
    ...suppressed.flatMap((v) => [`    - ${v.rule} on ${where(v)} (${origin(v)}): ${v.suppression.reason}`, `      kept out: ${v.message}`]),
  ];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The report.md table of applied suppressions. */
export function suppressionMarkdown(suppressed: readonly SuppressedViolation[]): string {
  if (suppressed.length === 0) return "**Suppressions applied**: none.";
  const rows = suppressed.map((v) => `| ${v.rule} | ${cell(where(v))} | ${cell(origin(v))} | ${cell(v.suppression.reason)} | ${cell(v.message)} |`);
  return [`**Suppressions applied**: ${suppressed.length}.`, "", "| rule | resource | source | reason | violation kept out |", "|---|---|---|---|---|", ...rows].join("\n");
}
