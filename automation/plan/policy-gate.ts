import * as fs from "fs";
import * as path from "path";
import type { PolicyPackConfig } from "@pulumi/policy";
import { loadPlatformConfig } from "../../config";
import { packConfig } from "../../policies/lib/enforcement";
import type { PlatformRule } from "../../policies/lib/rule";
import { allRules } from "../../policies/rules";
import { GateResult, runRules, Violation } from "./policy-engine";
import { readStackFile, repoRoot } from "./stack-file";
import type { PlanContext, PlanStep, StepOutcome } from "./step";
import { staleSuppressions, suppressionLines, suppressionMarkdown } from "./suppressions";

/** The pack config of a stack, from its `platform:policy` section (its suppressions included). */
export function stackPackConfig(context: Pick<PlanContext, "config">): PolicyPackConfig {
  const { enforcement, trustedAccountIds, suppressions } = context.config.policy;
  const compute = context.config.compute;
  // An EKS stack's public endpoint admits where pulumi up runs (model/compute/eks/endpoint.ts); the rule admits those ranges.
  const deployerCidrs = compute?.engine === "eks" ? compute.eks.endpoint.deployerCidrs : [];
  return packConfig(allRules, enforcement, {
    ...(trustedAccountIds.length > 0 ? { "iam-trust-scoped": { trustedAccountIds } } : {}),
    ...(deployerCidrs.length > 0 ? { "eks-endpoint-private": { deployerCidrs: [...deployerCidrs] } } : {}),
  }, suppressions);
}

/**
 * Writes a stack's pack config to `out/<stack>/policy-config.json` (from `Pulumi.<stack>.yaml`)
 * and returns its path: what the rollout and the drill pass to every preview and update.
 */
export function writeStackPolicyConfig(stack: string, root: string = repoRoot): string {
  const stackFile = readStackFile(path.join(root, `Pulumi.${stack}.yaml`), stack);
  const file = path.join(root, "out", stack, "policy-config.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(stackPackConfig({ config: loadPlatformConfig(stackFile.config, stackFile.secretKeys) }), null, 2)}\n`);
  return file;
}

/**
 * The CrossGuard pack, offline: every resource and stack rule over the rendered stack with the
 * stack's enforcement config. Mandatory violations (and rule crashes) fail the plan.
 */
export const policyGateStep: PlanStep = {
  name: "gate",
  title: "Policy gate (CrossGuard pack policies/, offline)",
  async run(context: PlanContext): Promise<StepOutcome> {
    const config = stackPackConfig(context);
    const stackTags = new Map([
      ["pulumi:project", "aws-platform"],
      ["pulumi:runtime", "nodejs"],
    ]);
    const result = await runRules(allRules, context.resources, config, stackTags);
    const configFile = path.join(context.outDir, "policy-config.json");
    fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    fs.writeFileSync(path.join(context.outDir, "policy.json"), `${JSON.stringify({ stack: context.stack, enforcement: context.config.policy.enforcement, ...result }, null, 2)}\n`);
    const stale = staleSuppressions(context.config.policy.suppressions, context.resources, result.suppressed, allRules.map((r) => r.name));
    const lines = [...formatGate(result, allRules, context.config.policy.enforcement), ...suppressionLines(result.suppressed), ...stale.map((s) => `  [error] ${s}`)];
    lines.push(`  same gate with the Pulumi CLI: pulumi preview --stack ${context.stack} --policy-pack policies --policy-pack-config ${path.relative(process.cwd(), configFile)}`);
    const staleMarkdown = stale.length > 0 ? `\n\n**Stale suppressions** (the plan fails):\n\n${stale.map((s) => `- ${s}`).join("\n")}` : "";
    const mandatory = mandatoryCount(result);
    const summary =
      `policy gate: ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${result.violations.length - mandatory} advisory, ${result.suppressed.length} suppressed` +
      (result.errors.length + stale.length > 0 ? `, ${result.errors.length + stale.length} error(s)` : "");
    const violations = result.violations.map((v) => ({ rule: v.rule, level: v.level, resource: where(v), ...(v.urn ? { urn: v.urn } : {}), message: v.message }));
    return {
      lines,
      summary,
      facts: { policy: { enforcement: context.config.policy.enforcement, violations, suppressed: result.suppressed.length } },
      markdown: `${gateMarkdown(result, allRules)}\n\n${suppressionMarkdown(result.suppressed)}${staleMarkdown}`,
      failed: mandatoryCount(result) > 0 || result.errors.length > 0 || stale.length > 0,
    };
  },
};

export function mandatoryCount(result: GateResult): number {
  return result.violations.filter((v) => v.level === "mandatory").length;
}

/** Violations grouped by rule (mandatory first), each with the resource and the rule's fix. */
export function formatGate(result: GateResult, rules: readonly PlatformRule[], enforcement: string): string[] {
  const mandatory = mandatoryCount(result);
  const advisory = result.violations.length - mandatory;
  const lines = [
    // The count `plan` prints first is of cloud resources; the rules judge the components as well.
    `  ${rules.length} rules over the ${result.resourceCount - result.componentCount} resources and ${result.componentCount} components, per-environment rules ${enforcement} (platform:policy): ` +
      `${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${advisory} advisory, ${result.suppressed.length} suppressed`,
  ];
  for (const [rule, violations] of grouped(result.violations, rules)) {
    lines.push("");
    lines.push(`  [${violations[0].level}] ${rule.name} (${rule.theme}, ${violations.length}): ${rule.description}`);
    for (const v of violations) lines.push(`    - ${where(v)}: ${v.message}`);
    lines.push(`    fix: ${rule.fix}`);
  }
  for (const e of result.errors) lines.push(`  [error] ${e.rule} crashed${e.urn ? ` on ${e.urn}` : ""}: ${e.message}`);
  for (const n of result.notJudged) lines.push(`  [not judged] ${n.rule}${n.urn ? ` ${n.urn.split("::").pop()}` : ""}: ${n.message}`);
  return lines;
}

function grouped(violations: readonly Violation[], rules: readonly PlatformRule[]): [PlatformRule, Violation[]][] {
  const byRule = new Map<string, Violation[]>();
  for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  return rules
    .filter((r) => byRule.has(r.name))
    .map((r) => [r, byRule.get(r.name) as Violation[]] as [PlatformRule, Violation[]])
    .sort(([, a], [, b]) => Number(b[0].level === "mandatory") - Number(a[0].level === "mandatory"));
}

function where(v: Violation): string {
  if (v.resourceName) return `${v.resourceType} ${v.resourceName}`;
  return v.urn ? v.urn.split("::").slice(-2).join(" ") : "stack";
}

function gateMarkdown(result: GateResult, rules: readonly PlatformRule[]): string {
  const rows = grouped(result.violations, rules).flatMap(([rule, vs]) => vs.map((v) => `| ${v.level} | ${rule.name} | ${where(v)} | ${v.message.replace(/\|/g, "\\|")} |`));
  const header = `**Policy gate**: ${mandatoryCount(result)} mandatory, ${result.violations.length - mandatoryCount(result)} advisory violations over the ${result.resourceCount - result.componentCount} resources and ${result.componentCount} components; ${result.suppressed.length} suppressed.`;
  return rows.length === 0 ? header : `${header}\n\n| level | rule | resource | violation |\n|---|---|---|---|\n${rows.join("\n")}`;
}
