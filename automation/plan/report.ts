import type { PlanContext } from "./step";
import { renderTree, TierSummary } from "./tree";

export interface ReportSection {
  readonly title: string;
  readonly markdown: string;
}

/**
 * out/<stack>/report.md: the resource tree, then each plan step's own section (policy results,
 * cost table, diagram) in the order the steps ran.
 */
export function reportMarkdown(context: PlanContext, summary: readonly TierSummary[], sections: readonly ReportSection[]): string {
  const total = summary.reduce((n, t) => n + t.count, 0);
  const tiers = summary.map((t) => `| ${t.tier} | ${t.count} |`);
  return [
    `# Plan of stack \`${context.stack}\` (${context.region})`,
    "",
    "Rendered offline under the mock cloud by `npm run plan`; regenerated on every run.",
    "",
    "## Resources",
    "",
    `${total} cloud resources.`,
    "",
    "| Tier | Resources |",
    "|---|---:|",
    ...tiers,
    "",
    "<details><summary>Resource tree</summary>",
    "",
    "```text",
    ...renderTree(context.resources),
    "```",
    "",
    "</details>",
    "",
    ...sections.flatMap((s) => [`## ${s.title}`, "", s.markdown.trimEnd(), ""]),
  ].join("\n");
}
