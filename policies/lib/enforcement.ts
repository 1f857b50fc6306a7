/**
 * Per-environment enforcement through the pack's config. Mandatory rules block everywhere;
 * per-environment rules take the level a stack's config gives them: `mandatory` in prod and
 * prod-dr, `advisory` elsewhere (`platform:policy.enforcement` in each stack file). Without a
 * config every rule is mandatory (fail closed).
 *
 * The CLI takes the config as a file: `pulumi preview --policy-pack policies --policy-pack-config
 * policies/config/<enforcement>.json`; those files are generated from this function
 * (`npx ts-node --transpile-only scripts/policy-config.ts`) and a test keeps them equal.
 */
import type { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import type { PlatformRule } from "./rule";
import { SuppressionConfig, suppressionsRuleName } from "./suppressions";

/** A config suppression as `platform:policy.suppressions` lists it: the rule it is for, and where. */
export interface RuleSuppression extends SuppressionConfig {
  readonly rule: string;
}

export type Enforcement = "mandatory" | "advisory";

export const enforcements: readonly Enforcement[] = ["mandatory", "advisory"];

/**
 * The pack config for a stack: the level of every per-environment rule, plus optional rule
 * settings and suppressions. Each rule gets its own suppressions (`suppressions`, without the rule
 * name); policy-suppressions gets all of them, to report those that cannot apply.
 */
export function packConfig(
  rules: readonly PlatformRule[],
  enforcement: Enforcement,
  settings: Readonly<Record<string, Record<string, unknown>>> = {},
  suppressions: readonly RuleSuppression[] = [],
): PolicyPackConfig {
  const config: PolicyPackConfig = {};
  for (const r of rules) {
    const level: EnforcementLevel | undefined = r.scope === "per-environment" ? enforcement : undefined;
    const own =
      r.name === suppressionsRuleName ? suppressions.map((s) => plain(s)) : suppressions.filter((s) => s.rule === r.name).map((s) => plain(s, "rule"));
    const extra = { ...(settings[r.name] ?? {}), ...(own.length > 0 ? { suppressions: own } : {}) };
    if (level === undefined && Object.keys(extra).length === 0) continue;
    config[r.name] = { ...(level ? { enforcementLevel: level } : {}), ...extra };
  }
  return config;
}

/** A suppression as JSON: no `expires: undefined` key, and without `omit` (a rule's own list needs no rule name). */
function plain(s: RuleSuppression, omit?: "rule"): Record<string, string> {
  return Object.fromEntries(Object.entries(s).filter(([key, value]) => value !== undefined && key !== omit));
}

/** The level a rule runs at under a pack config, as the engine decides it. */
export function levelOf(rule: PlatformRule, config: PolicyPackConfig, packDefault: EnforcementLevel = "mandatory"): EnforcementLevel {
  const entry = config[rule.name];
  const configured = typeof entry === "string" ? entry : entry?.enforcementLevel;
  return configured ?? rule.enforcementLevel ?? packDefault;
}

/** The rule's settings under a pack config (what `args.getConfig()` returns in the engine). */
export function settingsOf(rule: PlatformRule, config: PolicyPackConfig): Record<string, unknown> {
  const entry = config[rule.name];
  if (!entry || typeof entry === "string") return {};
  return Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "enforcementLevel"));
}
