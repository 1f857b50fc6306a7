/**
 * Suppressions: a violation a person has judged and accepted, with the reason written down, as
 * cdk-nag's NagSuppressions and Checkov's `#checkov:skip=<id>:<reason>` comments do. Two places
 * hold them:
 *
 * - the stack's config (`platform:policy.suppressions`): rule, resource (its logical name, a glob
 *   such as `platform-prod-*-secret`, or its URN), reason, optional expiry; `plan` passes them to
 *   each rule in the pack config (`suppressions`), so `pulumi preview --policy-pack` applies them
 *   too;
 * - the resource itself, in code next to the design decision: a tag
 *   `policy-suppress:<rule>` = `<reason>` or `until YYYY-MM-DD: <reason>` (taggable types only).
 *
 * A suppression applies only with a reason of 10 characters or more (cdk-nag v2 refused shorter
 * ones: NagSuppressionHelper.getSuppressionFormatError) and only until its expiry date. The
 * `policy-suppressions` rule reports the ones that cannot apply (unknown rule, no reason, expired,
 * matching no resource: cdk-nag's addResourceSuppressionsByPath throws on a path that matches
 * nothing), and `plan` also fails on one that suppressed no violation.
 */

/** A suppression as the pack config carries it (config-sourced) or a tag declares it. */
export interface Suppression {
  readonly rule: string;
  /** Logical name, glob over logical names (`*`, `?`), or a URN. Tag suppressions name their own resource. */
  readonly resource: string;
  readonly reason: string;
  /** Last day it applies, `YYYY-MM-DD` (UTC); none: until removed. */
  readonly expires?: string;
  readonly source: "config" | "tag";
}

/** What the pack config holds per rule: the config suppressions of that rule. */
export interface SuppressionConfig {
  readonly resource: string;
  readonly reason: string;
  readonly expires?: string;
}

/** A violation a suppression kept out of the report, as the offline gate lists it. */
export interface SuppressedViolation {
  readonly rule: string;
  readonly message: string;
  readonly urn?: string;
  readonly suppression: Suppression;
}

export const suppressionTagPrefix = "policy-suppress:";
/** The rule that reports suppressions that cannot apply (policies/rules/suppressions.ts). */
export const suppressionsRuleName = "policy-suppressions";
export const minimumReasonLength = 10;

/**
 * The args key under which the offline gate passes a callback for suppressed violations. The
 * Pulumi engine passes no such key: there a suppressed violation is simply not reported.
 */
export const suppressedViolationSink = Symbol.for("aws-platform.policy.suppressedViolation");
export type SuppressedViolationSink = (violation: SuppressedViolation) => void;

/** Today's date (UTC) as `YYYY-MM-DD`, the form expiry dates are compared in. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Expired once the day after `expires` has begun (the expiry day itself still applies). */
export function isExpired(suppression: Pick<Suppression, "expires">, on: string = today()): boolean {
  return suppression.expires !== undefined && suppression.expires < on;
}

/** Why a suppression cannot apply, or undefined when it can. */
export function invalidReason(suppression: Pick<Suppression, "reason" | "expires">, on: string = today()): string | undefined {
  if (typeof suppression.reason !== "string" || suppression.reason.trim().length < minimumReasonLength) {
    return `has no reason (at least ${minimumReasonLength} characters say why the violation is accepted)`;
  }
  if (suppression.expires !== undefined && !isDate(suppression.expires)) return `expires ${suppression.expires}, which is not a date (YYYY-MM-DD)`;
  if (isExpired(suppression, on)) return `expired on ${suppression.expires}: fix the violation or renew the suppression with a new reason`;
  return undefined;
}

/** Glob (`*` any run of characters, `?` one) over a logical name; a pattern starting `urn:` matches the URN. */
export function matchesResource(pattern: string, resource: { readonly name: string; readonly urn?: string }): boolean {
  if (pattern.startsWith("urn:")) return resource.urn === pattern;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(resource.name);
}

const tagValuePattern = /^until (\d{4}-\d{2}-\d{2}): ([\s\S]*)$/;

/** The suppressions a resource's tags declare, by rule. */
export function tagSuppressions(name: string, tags: unknown): Suppression[] {
  if (!tags || typeof tags !== "object" || Array.isArray(tags)) return [];
  return Object.entries(tags as Record<string, unknown>)
    .filter(([key]) => key.startsWith(suppressionTagPrefix))
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : "";
      const dated = tagValuePattern.exec(text);
      return { rule: key.slice(suppressionTagPrefix.length), resource: name, reason: dated ? dated[2] : text, ...(dated ? { expires: dated[1] } : {}), source: "tag" as const };
    });
}

/** A tag value for a suppression on the resource (`tags: { ...suppressionTag(...) }`). */
export function suppressionTag(rule: string, reason: string, until?: string): Record<string, string> {
  return { [`${suppressionTagPrefix}${rule}`]: until ? `until ${until}: ${reason}` : reason };
}

/** The suppression of `rule` that applies to the resource, if any: config first, then the resource's tags. */
export function applicableSuppression(
  rule: string,
  resource: { readonly name: string; readonly urn?: string; readonly tags?: unknown },
  configured: readonly SuppressionConfig[],
  on: string = today(),
): Suppression | undefined {
  const candidates: Suppression[] = [
    ...configured.filter((s) => matchesResource(s.resource, resource)).map((s) => ({ ...s, rule, source: "config" as const })),
    ...tagSuppressions(resource.name, resource.tags).filter((s) => s.rule === rule),
  ];
  return candidates.find((s) => invalidReason(s, on) === undefined);
}

/**
 * The config suppressions of `rule` its settings carry: entries naming another rule are not its
 * own (policy-suppressions holds everyone's), and malformed ones are dropped (policy-suppressions
 * reports them).
 */
export function configuredSuppressions(settings: unknown, rule: string): SuppressionConfig[] {
  const list = (settings as { suppressions?: unknown } | undefined)?.suppressions;
  if (!Array.isArray(list)) return [];
  return list.filter((s): s is SuppressionConfig => {
    const entry = s as (SuppressionConfig & { rule?: unknown }) | null;
    return !!entry && typeof entry === "object" && typeof entry.resource === "string" && (entry.rule === undefined || entry.rule === rule);
  });
}
