/**
 * Governance of the pack itself: a suppression that cannot apply is an error, not a silent gap.
 * The rules apply suppressions (policies/lib/rule.ts); this rule reports the ones they skipped.
 */
import type { RuleSuppression } from "../lib/enforcement";
import { builtRules, PlatformRule, rule } from "../lib/rule";
import { invalidReason, matchesResource, suppressionsRuleName, tagSuppressions } from "../lib/suppressions";

export const policySuppressions = rule<{ suppressions: readonly RuleSuppression[] }>({
  name: suppressionsRuleName,
  description:
    "Every suppression (platform:policy.suppressions, or a policy-suppress:<rule> tag) names a rule of the pack, says why in 10 characters or more, has not expired, and matches a resource the rule judges.",
  theme: "governance",
  scope: "mandatory",
  fix: "Write the reason, renew an expired suppression with a new reason and date or fix the violation, correct the rule name or the resource pattern, or remove the suppression.",
  defaults: { suppressions: [] },
  checkStack(stack, c) {
    const rules = builtRules();
    for (const s of c.config.suppressions) {
      const where = `suppression of ${String(s.rule)} for ${String(s.resource)}`;
      const types = rules.get(s.rule);
      if (!types) {
        c.report(`${where}: the pack has no rule ${String(s.rule)}`);
        continue;
      }
      const problem = invalidReason(s);
      if (problem) c.report(`${where} ${problem}`);
      // A resource rule can only suppress on the types it judges; a stack rule on any resource.
      const candidates = types.length > 0 ? stack.ofType(...types) : stack.resources;
      if (typeof s.resource !== "string" || !candidates.some((r) => matchesResource(s.resource, r))) {
        c.report(`${where} matches no resource ${types.length > 0 ? `the rule judges (${types.length === 1 ? types[0] : `${types.length} types`})` : "of the stack"}`);
      }
    }
    for (const resource of stack.resources) {
      for (const s of tagSuppressions(resource.name, resource.props.tags)) {
        const where = `tag suppression of ${s.rule}`;
        if (!rules.has(s.rule)) c.report(`${where}: the pack has no rule ${s.rule}`, resource.urn);
        const problem = invalidReason(s);
        if (problem) c.report(`${where} ${problem}`, resource.urn);
      }
    }
  },
});

export const governanceRules: readonly PlatformRule[] = [policySuppressions];
