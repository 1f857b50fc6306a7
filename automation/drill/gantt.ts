import { formatDuration } from "../shared/clock";
import { DrillRecord, measure } from "./record";

/**
 * The drill report as a picture: a Mermaid gantt chart (rendered by GitHub, GitLab and most
 * Markdown viewers) of the steps that ran, and the measured RTO and RPO drawn beside their targets:
 * the RTO from the fence forwards, the RPO as the window of writes before the fence that the
 * standby may lack. Times are epoch milliseconds (`dateFormat x`), so the chart is exact.
 */
export function renderGantt(record: DrillRecord): string[] {
  const m = measure(record);
  const title = record.kind === "drill" ? `DR drill (${record.mode})` : "Failback";
  const lines = ["```mermaid", "gantt", `  title ${clean(title)} ${record.primary} and ${record.standby}`, "  dateFormat x", "  axisFormat %H:%M:%S"];
  // A bar needs a length to show: an instant step is drawn one second long.
  const bar = (name: string, tags: string[], start: number, end: number) => `  ${clean(name)} :${[...tags, String(start), String(Math.max(end, start + 1000))].join(", ")}`;
  for (const kind of ["check", "change"] as const) {
    const ran = record.steps.filter((s) => s.kind === kind && s.startedAt !== undefined);
    if (ran.length === 0) continue;
    lines.push(`  section ${kind === "check" ? "Pre-checks" : "Changes"}`);
    for (const step of ran) {
      const end = step.endedAt ?? step.startedAt!;
      const tags = step.status === "failed" || step.status === "interrupted" ? ["crit"] : step.status === "done" || step.status === "skipped" ? ["done"] : ["active"];
      lines.push(bar(`${step.title} (${step.status})`, [...tags, `s-${step.id}`], step.startedAt!, end));
    }
  }
  const fence = record.fence?.at;
  if (fence !== undefined) {
    lines.push("  section Targets");
    const rtoTarget = record.targets.rtoMinutes * 60_000;
    const rpoTarget = record.targets.rpoMinutes * 60_000;
    lines.push(bar(`RTO target ${record.targets.rtoMinutes} min`, ["rto-target"], fence, fence + rtoTarget));
    if (m.rtoSeconds !== undefined) lines.push(bar(`RTO measured ${formatDuration(m.rtoSeconds * 1000)} (${m.rtoPass ? "pass" : "FAIL"})`, [m.rtoPass ? "done" : "crit", "rto"], fence, fence + m.rtoSeconds * 1000));
    else lines.push(bar("RTO not reached", ["crit", "rto"], fence, fence));
    lines.push(bar(`RPO target ${record.targets.rpoMinutes} min (writes before the fence)`, ["rpo-target"], fence - rpoTarget, fence));
    if (typeof m.rpoSeconds === "number") lines.push(bar(`RPO measured ${m.rpoSeconds} s (${m.rpoPass ? "pass" : "FAIL"})`, [m.rpoPass ? "done" : "crit", "rpo"], fence - m.rpoSeconds * 1000, fence));
    else lines.push(bar(m.rpoSeconds === null ? "RPO n/a (nothing replicated)" : "RPO not measured", [m.rpoSeconds === null ? "done" : "crit", "rpo"], fence, fence));
  }
  lines.push("```");
  return lines;
}

/** Mermaid ends a task's name at ':' and treats '#' and ';' specially: they become spaces. */
function clean(text: string): string {
  return text.replace(/[:;#]/g, " ").replace(/\s+/g, " ").trim();
}
