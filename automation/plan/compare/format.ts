// A comparison as text (the console), markdown (a pull-request comment) and JSON (for tools).
// Every value shown comes from plan.json, where secrets are already `[secret]`.
import { usd } from "../../cost/format";
import { formatPlanDiff, summarizePlanDiff, FieldChange, PlanDiff } from "../../../offline/plan-diff";
import { leaves } from "../../../offline/plan-diff/fields";
import type { PolicyFinding } from "../step";
import type { Comparison, CostDelta } from "./compare";
import { meaningOf } from "./exit-codes";
import type { CompareFormat } from "./formats";

/** `+$12.34`, `-$3.00`, `$0.00`. */
export function signedUsd(amount: number): string {
  if (amount > 0) return `+${usd(amount)}`;
  if (amount < 0) return `-${usd(-amount)}`;
  return usd(0);
}

/** `+$12.34 (+2.3 %)`: the percentage when there was a cost before. */
function deltaText(d: CostDelta): string {
  return d.beforeUsd > 0 && d.deltaUsd !== 0 ? `${signedUsd(d.deltaUsd)} (${d.deltaUsd > 0 ? "+" : ""}${((d.deltaUsd / d.beforeUsd) * 100).toFixed(1)} %)` : signedUsd(d.deltaUsd);
}

function finding(f: PolicyFinding): string {
  return `[${f.level}] ${f.rule} ${f.resource}: ${f.message}`;
}

function outputLines(c: Comparison): string[] {
  const parts = [
    c.outputs.added.length > 0 ? `added ${c.outputs.added.join(", ")}` : "",
    c.outputs.removed.length > 0 ? `removed ${c.outputs.removed.join(", ")}` : "",
    c.outputs.changed.length > 0 ? `changed ${c.outputs.changed.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? [`stack outputs: ${parts.join("; ")}`] : [];
}

function jsonDocument(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A field holding a JSON document (an IAM or bucket policy, a dashboard, container definitions)
 * shown by the leaves that differ inside it (`policy#Statement[5].Resource[2]`), not as two
 * kilobyte-long strings. At most 10 leaves a field; a field that is not JSON on both sides is kept.
 */
export function displayFields(fields: readonly FieldChange[]): FieldChange[] {
  return fields.flatMap((field) => {
    const [was, now] = [jsonDocument(field.before), jsonDocument(field.after)];
    if (!was || !now) return [field];
    const [a, b] = [leaves(was), leaves(now)];
    const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p)?.compared !== b.get(p)?.compared);
    const inner = paths.map((p) => ({ path: `${field.path}#${p}`, before: a.get(p)?.shown, after: b.get(p)?.shown }));
    return inner.length > 10 ? [...inner.slice(0, 10), { path: `${field.path}#...`, before: undefined, after: `${inner.length - 10} more values differ` }] : inner;
  });
}

function forDisplay(diff: PlanDiff): PlanDiff {
  return { ...diff, updated: diff.updated.map((u) => ({ ...u, fields: displayFields(u.fields) })), replaced: diff.replaced.map((r) => ({ ...r, fields: displayFields(r.fields) })) };
}

export function compareText(c: Comparison): string[] {
  const lines = [
    `== Compared with ${c.before.label} (${c.before.resources} resources): ${c.stack} (${c.region}) as ${c.after.label} (${c.after.resources} resources)`,
    `  ${summarizePlanDiff(c.diff)}`,
    ...formatPlanDiff(forDisplay(c.diff)).map((l) => `  ${l}`),
  ];
  if (c.cost) {
    const rows = [...c.cost.tiers, c.cost.total].map((d) => [d.tier === "total" ? "total per month" : d.tier, usd(d.beforeUsd), usd(d.afterUsd), deltaText(d)]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...[["monthly cost", "before", "after", "delta"], ...rows].map((r) => r[i].length)));
    const row = (r: string[]) => `  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3].padStart(widths[3])}`;
    lines.push("", row(["monthly cost", "before", "after", "delta"]), ...rows.map(row));
  }
  lines.push("", `  policy findings: ${c.policy.added.length} added, ${c.policy.removed.length} removed`);
  lines.push(...c.policy.added.map((f) => `    + ${finding(f)}`), ...c.policy.removed.map((f) => `    - ${finding(f)}`));
  lines.push(...outputLines(c).map((l) => `  ${l}`), ...c.notes.map((n) => `  note: ${n}`));
  lines.push("", `exit ${c.exitCode}: ${meaningOf(c.exitCode)}`);
  return lines;
}

/** A value in a table cell: one line, pipes escaped, long values cut (a policy document can run to kilobytes). */
function cell(value: unknown, max = 160): string {
  const text = value === undefined ? "(unset)" : JSON.stringify(value);
  const cut = text.length > max ? `${text.slice(0, max)}... (${text.length} characters)` : text;
  return `\`${cut.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

function fieldCell(all: readonly FieldChange[]): string {
  const fields = displayFields(all);
  const shown = fields.slice(0, 12).map((f) => `\`${f.path}\`: ${cell(f.before)} → ${cell(f.after)}`);
  return [...shown, ...(fields.length > 12 ? [`and ${fields.length - 12} more fields`] : [])].join("<br>");
}

function escapeText(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function compareMarkdown(c: Comparison): string {
  const d = c.diff;
  const changes = d.created.length + d.updated.length + d.replaced.length + d.deleted.length;
  const costSummary = c.cost ? ` · monthly cost ${usd(c.cost.total.beforeUsd)} → ${usd(c.cost.total.afterUsd)} (**${deltaText(c.cost.total)}**)` : "";
  const out = [
    `### \`${c.stack}\` (${c.region}): ${meaningOf(c.exitCode)} (exit ${c.exitCode})`,
    "",
    `Compared with ${c.before.label} (${c.before.resources} resources) → ${c.after.label} (${c.after.resources} resources): ` +
      `**${d.created.length} to create, ${d.updated.length} to update, ${d.replaced.length} to replace, ${d.deleted.length} to delete**${costSummary}` +
      ` · policy findings: ${c.policy.added.length} added, ${c.policy.removed.length} removed`,
    "",
  ];
  if (d.protectedChanges.length > 0) {
    out.push("> [!CAUTION]", "> **Protected resources would be replaced or deleted** (stores of data or evidence):");
    for (const p of d.protectedChanges) out.push(`> - ${p.change} \`${p.type}\` \`${p.name}\`${p.acknowledged ? " (acknowledged in platform:acknowledgedReplacements)" : ": not acknowledged, so `pulumi up` refuses it"}`);
    out.push("");
  }
  const failing = d.errors.filter((e) => !d.protectedChanges.some((p) => !p.acknowledged && e.includes(p.urn)));
  if (failing.length > 0) {
    out.push("> [!WARNING]", "> **`pulumi up` would fail:**");
    for (const e of failing) out.push(`> - ${escapeText(e)}`);
    out.push("");
  }
  if (changes > 0) {
    out.push("| change | resource | type | why, and the fields that change |", "|---|---|---|---|");
    const lock = (p: boolean) => (p ? " 🔒" : "");
    for (const r of d.created) out.push(`| create | \`${r.name}\`${lock(r.protect)} | \`${r.type}\` | |`);
    for (const r of d.updated) out.push(`| update | \`${r.name}\`${lock(r.protect)} | \`${r.type}\` | ${r.component ? "component (its children are not modelled)<br>" : ""}${fieldCell(r.fields)} |`);
    for (const r of d.replaced) {
      const because = r.because.map((b) => `because \`${b.field}\`: ${escapeText(b.rule)}`).join("<br>");
      out.push(`| replace${r.deleteBeforeReplace ? " (delete first)" : ""} | \`${r.name}\`${lock(r.protect)} | \`${r.type}\` | ${because}<br>${fieldCell(r.fields)} |`);
    }
    for (const r of d.deleted) out.push(`| delete | \`${r.name}\`${lock(r.protect)} | \`${r.type}\` | |`);
    out.push("");
  }
  if (c.cost) {
    out.push("| monthly cost | before | after | delta |", "|---|---:|---:|---:|");
    for (const t of c.cost.tiers.filter((t) => t.deltaUsd !== 0)) out.push(`| ${t.tier} | ${usd(t.beforeUsd)} | ${usd(t.afterUsd)} | ${deltaText(t)} |`);
    out.push(`| **total** | **${usd(c.cost.total.beforeUsd)}** | **${usd(c.cost.total.afterUsd)}** | **${deltaText(c.cost.total)}** |`, "");
  }
  if (c.policy.added.length + c.policy.removed.length > 0) {
    out.push("Policy findings:", "");
    for (const f of c.policy.added) out.push(`- added: ${escapeText(finding(f))}`);
    for (const f of c.policy.removed) out.push(`- removed: ${escapeText(finding(f))}`);
    out.push("");
  }
  for (const line of [...outputLines(c), ...c.notes.map((n) => `note: ${n}`)]) out.push(`- ${escapeText(line)}`);
  return `${out.join("\n").trimEnd()}\n`;
}

/** The comparison for tools: versioned, with the exit code and its meaning. */
export function compareJson(c: Comparison): string {
  return `${JSON.stringify({ compareFormatVersion: 1, ...c, meaning: meaningOf(c.exitCode) }, null, 2)}\n`;
}

export function formatComparison(c: Comparison, format: CompareFormat): string {
  if (format === "markdown") return compareMarkdown(c);
  if (format === "json") return compareJson(c);
  return `${compareText(c).join("\n")}\n`;
}
