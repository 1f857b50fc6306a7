import type { LifecycleRule, StorageClass } from "./settings";

/**
 * S3's transition waterfall: objects only ever move down this list (S3 User Guide, "Supported
 * lifecycle transitions"), with one gap: One Zone-IA cannot move to Glacier Instant Retrieval.
 */
export const storageClassOrder: readonly StorageClass[] = ["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"];

const infrequentAccess: readonly StorageClass[] = ["STANDARD_IA", "ONEZONE_IA"];

/** S3's 30-day minimums around the infrequent-access classes. */
export const infrequentAccessMinimumDays = 30;

export interface RuleProblem {
  /** Path inside the rule, e.g. `["transitions", 1, "days"]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Everything S3 would reject in one lifecycle rule, or silently do differently than written:
 * transitions out of order in time or going back up the waterfall, transitions to an
 * infrequent-access class before day 30 or leaving one within 30 days, an expiration before the
 * last transition, and a rule that does nothing.
 */
export function lifecycleRuleProblems(rule: LifecycleRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rule.transitions.forEach((transition, index) => {
    if (infrequentAccess.includes(transition.storageClass) && transition.days < infrequentAccessMinimumDays) {
      problems.push({
        path: ["transitions", index, "days"],
        message: `S3 moves objects to ${transition.storageClass} no earlier than day ${infrequentAccessMinimumDays}`,
      });
    }
    if (index === 0) return;
    const previous = rule.transitions[index - 1];
    const backwards = transition.days <= previous.days;
    if (backwards) {
      problems.push({
        path: ["transitions", index, "days"],
        message: `goes backwards: must be later than the previous transition (day ${previous.days})`,
      });
    }
    const from = storageClassOrder.indexOf(previous.storageClass);
    const to = storageClassOrder.indexOf(transition.storageClass);
    if (to <= from || (previous.storageClass === "ONEZONE_IA" && transition.storageClass === "GLACIER_IR")) {
      problems.push({
        path: ["transitions", index, "storageClass"],
        message: `cannot follow ${previous.storageClass}: S3 only moves objects down ${storageClassOrder.join(" > ")} (and not ONEZONE_IA > GLACIER_IR)`,
      });
    }
    if (!backwards && infrequentAccess.includes(previous.storageClass) && transition.days - previous.days < infrequentAccessMinimumDays) {
      problems.push({
        path: ["transitions", index, "days"],
        message: `must be at least ${infrequentAccessMinimumDays} days after the ${previous.storageClass} transition (day ${previous.days}): S3's minimum stay`,
      });
    }
  });
  const last = rule.transitions[rule.transitions.length - 1];
  if (rule.expirationDays !== undefined && last && rule.expirationDays <= last.days) {
    problems.push({ path: ["expirationDays"], message: `must be later than the last transition (day ${last.days})` });
  }
  if (rule.transitions.length === 0 && rule.expirationDays === undefined && rule.noncurrentExpirationDays === undefined) {
    problems.push({ path: [], message: "does nothing: give transitions, expirationDays or noncurrentExpirationDays" });
  }
  return problems;
}
