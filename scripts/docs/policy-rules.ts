/**
 * docs/policy-rules.md, generated from the rules themselves: `allRules` (policies/rules/index.ts)
 * in the pack's order, each with the module under policies/rules/ that exports it, its theme,
 * enforcement, severity, whether it judges single resources or the whole stack, the resource
 * types it judges, its description, its fix and its settings (the rule's `configSchema`).
 *
 * Which stacks enforce the per-environment rules is read from the stack files of the rollout
 * graph's stacks (`platform:policy.enforcement` in Pulumi.<stack>.yaml; absent means mandatory, as
 * the config schema defaults it).
 *
 * Deterministic: rule order is the pack's, files and stacks are sorted by name.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { rolloutGraph } from "../../automation/stacks/graph";
import { controlCatalog, Framework, frameworkNames } from "../../policies/lib/control-catalog";
import { ControlRefs, hasResourceCheck, hasStackCheck, PlatformRule } from "../../policies/lib/rule";
import { allRules } from "../../policies/rules";

/** Above this many resource types a list is counted per package instead of spelled out: in the summary table, and in a rule's own section. */
const summaryTypeLimit = 8;
const sectionTypeLimit = 40;

function isRule(value: unknown): value is PlatformRule {
  const candidate = value as Partial<PlatformRule> | undefined;
  return typeof candidate?.name === "string" && typeof candidate.theme === "string" && typeof candidate.scope === "string";
}

/** Rule name -> the module of policies/rules/ that exports it (as a single rule or in a list). */
export function ruleModules(root: string): Map<string, string> {
  const dir = path.join(root, "policies", "rules");
  const modules = new Map<string, string>();
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && f !== "index.ts")
    .sort();
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each rule module is found by its file name at run time, so a static import cannot name it
    const exported = require(path.join(dir, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      for (const candidate of Array.isArray(value) ? value : [value]) {
        if (isRule(candidate) && !modules.has(candidate.name)) modules.set(candidate.name, `policies/rules/${file}`);
      }
    }
  }
  return modules;
}

/**
 * Stack name -> the enforcement its stack file gives the per-environment rules, for the project's
 * declared stacks (the rollout graph's), not whatever Pulumi.*.yaml happens to lie in the
 * checkout: a local copy of a blueprint must not change the generated document.
 */
export function stackEnforcement(root: string): Map<string, string> {
  const stacks = new Map<string, string>();
  for (const stack of Object.keys(rolloutGraph).sort()) {
    const doc = parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, { enforcement?: string } | undefined> } | null;
    stacks.set(stack, doc?.config?.["platform:policy"]?.enforcement ?? "mandatory");
  }
  return stacks;
}

function code(text: string): string {
  return `\`${text}\``;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** The package of a type token: `aws:rds/instance:Instance` -> `aws`. */
function packageOf(token: string): string {
  return token.split(":")[0];
}

export function describeTypes(types: readonly string[], limit: number): string {
  if (types.length === 0) return "";
  if (types.length <= limit) return types.map(code).join(", ");
  const byPackage = new Map<string, string[]>();
  for (const token of types) byPackage.set(packageOf(token), [...(byPackage.get(packageOf(token)) ?? []), token]);
  return [...byPackage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pkg, tokens]) => (tokens.length <= 5 ? tokens.map(code).join(", ") : `${tokens.length} ${code(`${pkg}:`)} types`))
    .join(", ");
}

function checks(rule: PlatformRule): string {
  const kinds = [hasResourceCheck(rule) ? "resource" : undefined, hasStackCheck(rule) ? "stack" : undefined].filter((k) => k !== undefined);
  return kinds.join(", ");
}

interface Setting {
  readonly type?: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly items?: { readonly type?: string; readonly pattern?: string };
  readonly minimum?: number;
  readonly pattern?: string;
}

function settingType(setting: Setting): string {
  const base = setting.type === "array" ? `list of ${setting.items?.type ?? "values"}` : (setting.type ?? "any");
  const constraints = [
    setting.minimum !== undefined ? `>= ${setting.minimum}` : undefined,
    setting.pattern ? `pattern ${code(setting.pattern)}` : undefined,
    setting.items?.pattern ? `items: pattern ${code(setting.items.pattern)}` : undefined,
  ].filter((c) => c !== undefined);
  return constraints.length > 0 ? `${base} (${constraints.join(", ")})` : base;
}

const refKeys: Record<Framework, keyof ControlRefs> = { "cdk-nag": "cdkNag", checkov: "checkov", cis: "cis", awsguard: "awsguard" };
const frameworks = Object.keys(refKeys) as Framework[];

/** A rule's controls of one framework, each with the catalog's note on partial coverage. */
function controlCell(rule: PlatformRule, framework: Framework): string {
  return (rule.controls[refKeys[framework]] ?? [])
    .map((id) => {
      const note = controlCatalog.find((c) => c.framework === framework && c.id === id)?.note;
      return note ? `${id} (${note})` : id;
    })
    .join(", ");
}

/** The traceability table (rule -> controls) and the controls no rule covers, with why. */
export function traceability(rules: readonly PlatformRule[]): string[] {
  const covered = new Set(rules.flatMap((r) => frameworks.flatMap((f) => (r.controls[refKeys[f]] ?? []).map((id) => `${f} ${id}`))));
  const lines = [
    "",
    "## Traceability",
    "",
    "Which well-known controls each rule covers, from the rules' own `controls` (the ids and titles are",
    "in `policies/lib/control-catalog.ts`, which names the source of each list): cdk-nag's AwsSolutions",
    "pack, Checkov's AWS checks on the resource types this program builds, the CIS AWS Foundations",
    "Benchmark v3.0.0 and Pulumi's awsguard. A note in brackets says where a rule covers a control only",
    "in part.",
    "",
    `| rule | ${frameworks.map((f) => frameworkNames[f]).join(" | ")} |`,
    `|---|${frameworks.map(() => "---").join("|")}|`,
    ...rules.map((r) => `| [${code(r.name)}](#${r.name}) | ${frameworks.map((f) => cell(controlCell(r, f))).join(" | ")} |`),
    "",
    "### Controls without a rule",
    "",
    "Every control of those lists that no rule covers, with the reason: not applicable to what this",
    "program builds, set by the design (and where), outside what a product stack owns, or a gap left",
    "for a later rule.",
  ];
  for (const f of frameworks) {
    const uncovered = controlCatalog.filter((c) => c.framework === f && !covered.has(`${f} ${c.id}`));
    const total = controlCatalog.filter((c) => c.framework === f).length;
    lines.push("", `#### ${frameworkNames[f]} (${total - uncovered.length} of ${total} covered)`, "", "| control | title | why no rule |", "|---|---|---|");
    for (const c of uncovered) lines.push(`| ${c.id} | ${cell(c.title)} | ${cell(c.reason ?? "")} |`);
  }
  return lines;
}

export function renderPolicyRules(root: string): string {
  const modules = ruleModules(root);
  const missing = allRules.filter((r) => !modules.has(r.name)).map((r) => r.name);
  if (missing.length > 0) throw new Error(`rules not exported from any module of policies/rules/: ${missing.join(", ")}`);
  const listed = new Set(allRules.map((r) => r.name));
  const unlisted = [...modules.keys()].filter((name) => !listed.has(name)).sort();
  if (unlisted.length > 0) throw new Error(`rules exported from policies/rules/ but not in allRules: ${unlisted.join(", ")}`);

  const stacks = stackEnforcement(root);
  const levels = (level: string) =>
    [...stacks.entries()]
      .filter(([, l]) => l === level)
      .map(([s]) => s)
      .sort();
  const mandatoryStacks = levels("mandatory");
  const advisoryStacks = levels("advisory");
  const perEnvironment = `per environment (mandatory in ${mandatoryStacks.join(", ") || "none"}; advisory in ${advisoryStacks.join(", ") || "none"})`;

  const mandatoryCount = allRules.filter((r) => r.scope === "mandatory").length;
  const lines: string[] = [
    "# Policy rules",
    "",
    "<!-- Generated by `npm run docs` (scripts/docs/policy-rules.ts) from policies/rules/ and the stack files. Do not edit: change the rules and regenerate. -->",
    "",
    "Every rule of the CrossGuard pack in `policies/`, as the code defines it. Read it to find what",
    "a violation means, which resources a rule judges and how to fix it; read [policy.md](policy.md)",
    "for how the gate runs, how enforcement is chosen per stack and how to add a rule.",
    "",
    `${allRules.length} rules: ${mandatoryCount} mandatory (they block in every stack) and ${allRules.length - mandatoryCount} per environment.`,
    `Per-environment rules block where a stack file says \`platform:policy.enforcement: mandatory\``,
    `(today: ${mandatoryStacks.map(code).join(", ") || "none"}) and only warn where it says \`advisory\``,
    `(${advisoryStacks.map(code).join(", ") || "none"}); a stack file without the section is mandatory.`,
    "",
    "- **checks**: `resource` rules judge each resource as it is created or updated; `stack` rules",
    "  judge links between resources (a bucket and its encryption configuration) after the whole",
    "  stack is known.",
    `- **types judged**: the resource type tokens a resource check judges (the summary counts lists longer than ${summaryTypeLimit} per package,`,
    `  a rule's own section those longer than ${sectionTypeLimit}). A stack check finds the resources it links itself.`,
    "- **suppressions**: every rule takes the setting `suppressions` (`plan` writes it from",
    "  `platform:policy.suppressions`); a resource can also carry a tag `policy-suppress:<rule>`. See",
    "  [policy.md](policy.md#suppressions).",
    "",
    "## Summary",
    "",
    "| rule | theme (module) | enforcement | severity | checks | types judged |",
    "|---|---|---|---|---|---|",
  ];
  for (const rule of allRules) {
    const theme = `${rule.theme} (${code(modules.get(rule.name)!)})`;
    const enforcement = rule.scope === "mandatory" ? "mandatory" : "per environment";
    lines.push(`| [${code(rule.name)}](#${rule.name}) | ${cell(theme)} | ${enforcement} | ${rule.severity ?? ""} | ${checks(rule)} | ${cell(describeTypes(rule.types, summaryTypeLimit))} |`);
  }
  lines.push(...traceability(allRules));
  lines.push("", "## Rules");
  for (const rule of allRules) {
    lines.push("", `### ${rule.name}`, "", rule.description, "");
    lines.push(`- **theme**: ${rule.theme} (${code(modules.get(rule.name)!)})`);
    lines.push(`- **enforcement**: ${rule.scope === "mandatory" ? "mandatory (every stack)" : perEnvironment}`);
    lines.push(`- **severity**: ${rule.severity ?? ""}`);
    lines.push(`- **checks**: ${checks(rule)}`);
    if (rule.types.length > 0) lines.push(`- **types judged**: ${describeTypes(rule.types, sectionTypeLimit)}`);
    lines.push(`- **fix**: ${rule.fix}`);
    const properties = (rule.configSchema?.properties ?? {}) as Record<string, Setting>;
    // `suppressions` is every rule's setting, described once above.
    const names = Object.keys(properties).filter((name) => name !== "suppressions");
    if (names.length > 0) {
      lines.push("- **settings** (pack config, per stack):", "", "  | setting | type | default | description |", "  |---|---|---|---|");
      for (const name of names) {
        const s = properties[name];
        lines.push(`  | ${code(name)} | ${cell(settingType(s))} | ${s.default === undefined ? "" : code(JSON.stringify(s.default))} | ${cell(s.description ?? "")} |`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
