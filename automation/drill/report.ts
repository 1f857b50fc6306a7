import * as fs from "fs";
import * as path from "path";
import { fileTimestamp, formatDuration } from "../shared/clock";
import { DrillRecord, measure, stepIds } from "./record";
import { renderGantt } from "./gantt";
import { describeScaling } from "./steps/fence";
import { describeFiles } from "./steps/rpo";
import { fenceUnreachable } from "./unreachable";
import type { DrillKind } from "./validate";

/** Where drill records go: `out/drills/<timestamp>.json` and `.md`, rewritten after every step. */
export interface DrillReportStore {
  save(record: DrillRecord): void;
  /**
   * The newest record of this pair and kind that did not finish, for --resume: it stopped at a
   * failed or interrupted step, or its process died while a step ran (the record says running).
   */
  latestStopped(kind: DrillKind, primary: string, standby: string): DrillRecord | undefined;
  /** The newest drill of this pair that completed (passed or missed its targets): what a failback returns from. */
  latestCompletedDrill(primary: string, standby: string): DrillRecord | undefined;
}

/** A saved report that cannot be read back: truncated, not JSON, or not a drill record. */
export class ReportFileError extends Error {}

export class FileReportStore implements DrillReportStore {
  constructor(private readonly dir: string, private readonly root: string) {}

  save(record: DrillRecord): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const base = path.join(this.dir, `${fileTimestamp(record.startedAt)}${record.kind === "failback" ? "-failback" : ""}`);
    record.files = { json: path.relative(this.root, `${base}.json`), markdown: path.relative(this.root, `${base}.md`) };
    // Each file is written beside and renamed over the last: a crash mid-write leaves the
    // previous step's report whole, never a truncated one (rename replaces atomically).
    writeAtomically(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
    writeAtomically(`${base}.md`, renderMarkdown(record));
  }

  latestStopped(kind: DrillKind, primary: string, standby: string): DrillRecord | undefined {
    if (!fs.existsSync(this.dir)) return undefined;
    const files = fs.readdirSync(this.dir).filter((file) => file.endsWith(".json")).sort().reverse();
    for (const file of files) {
      const record = readRecord(path.join(this.dir, file));
      if (record.kind === kind && record.primary === primary && record.standby === standby) {
        return record.outcome === "stopped" || record.outcome === "running" ? record : undefined;
      }
    }
    return undefined;
  }

  latestCompletedDrill(primary: string, standby: string): DrillRecord | undefined {
    if (!fs.existsSync(this.dir)) return undefined;
    const files = fs.readdirSync(this.dir).filter((file) => file.endsWith(".json") && !file.endsWith("-failback.json")).sort().reverse();
    for (const file of files) {
      const record = readRecord(path.join(this.dir, file));
      if (record.kind === "drill" && record.primary === primary && record.standby === standby && (record.outcome === "passed" || record.outcome === "missed-targets")) return record;
    }
    return undefined;
  }
}

export function writeAtomically(file: string, text: string): void {
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/** A report read back, or a one-line ReportFileError saying what is wrong with it. */
function readRecord(file: string): DrillRecord {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ReportFileError(`${file}: not a readable report (${(error as Error).message.split("\n")[0]}); move it aside to resume an older one, or start a new drill`);
  }
  const problem = recordProblem(value);
  if (problem) throw new ReportFileError(`${file}: ${problem}; move it aside to resume an older one, or start a new drill`);
  return value as DrillRecord;
}

/** Why a saved value is not a drill record --resume can continue, or undefined. */
export function recordProblem(value: unknown): string | undefined {
  const record = value as Partial<DrillRecord> | null;
  if (!record || typeof record !== "object" || record.version !== 1 || typeof record.kind !== "string" || typeof record.startedAt !== "number") return "not a drill report (version 1)";
  if (!Array.isArray(record.steps) || record.steps.length === 0) return "the report has no steps";
  const ids = new Set(record.steps.map((step) => (step as { id?: unknown } | null)?.id));
  const missing = stepIds.filter((id) => !ids.has(id));
  if (missing.length > 0) return `the report lacks the step${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
  return undefined;
}

export class MemoryReportStore implements DrillReportStore {
  readonly saved: DrillRecord[] = [];
  markdown = "";

  save(record: DrillRecord): void {
    const copy = JSON.parse(JSON.stringify(record)) as DrillRecord;
    const index = this.saved.findIndex((r) => r.startedAt === record.startedAt && r.kind === record.kind);
    if (index >= 0) this.saved[index] = copy;
    else this.saved.push(copy);
    this.markdown = renderMarkdown(record);
  }

  latestStopped(kind: DrillKind, primary: string, standby: string): DrillRecord | undefined {
    return [...this.saved].reverse().find((r) => r.kind === kind && r.primary === primary && r.standby === standby && r.outcome === "stopped");
  }

  latestCompletedDrill(primary: string, standby: string): DrillRecord | undefined {
    return [...this.saved].reverse().find((r) => r.kind === "drill" && r.primary === primary && r.standby === standby && (r.outcome === "passed" || r.outcome === "missed-targets"));
  }

  get last(): DrillRecord {
    return this.saved[this.saved.length - 1];
  }
}

const outcomeText: Record<DrillRecord["outcome"], string> = {
  running: "RUNNING",
  passed: "PASSED: both targets met",
  "missed-targets": "COMPLETED, TARGETS MISSED",
  stopped: "STOPPED",
};

/** The report a person reads: summary, targets against measurements, timeline, what to do next. */
export function renderMarkdown(record: DrillRecord): string {
  const m = measure(record);
  const from = record.from === "primary" ? record.primary : record.standby;
  const to = record.to === "primary" ? record.primary : record.standby;
  const at = (ms: number | undefined) => (ms === undefined ? "" : `T+${formatDuration(ms - record.startedAt)}`);
  const title = record.kind === "drill" ? `DR drill (${record.mode})` : "Failback (planned)";
  const lines = [
    `# ${title}: ${from} -> ${to}`,
    "",
    `- Pair: ${record.primary} (primary) / ${record.standby} (standby)`,
    `- Started: ${new Date(record.startedAt).toISOString()}${record.endedAt ? `, ended ${new Date(record.endedAt).toISOString()} (${formatDuration(record.endedAt - record.startedAt)})` : ""}`,
    `- Outcome: **${outcomeText[record.outcome]}${record.stoppedAt ? ` at ${record.stoppedAt}` : ""}**`,
    "",
    "## Targets",
    "",
    "| objective | target | measured | result |",
    "|---|---|---|---|",
    `| RTO: fence to first healthy response through DNS | ${record.targets.rtoMinutes} min | ${m.rtoSeconds === undefined ? "not reached" : formatDuration(m.rtoSeconds * 1000)} | ${verdict(m.rtoPass)} |`,
    `| RPO: replication lag at the fence, database and files | ${record.targets.rpoMinutes} min | ${m.rpoSeconds === undefined ? (record.fence ? "not measured (see RPO at the fence)" : "not reached") : m.rpoSeconds === null ? "n/a (nothing replicated)" : `${m.rpoSeconds} s`} | ${verdict(m.rpoPass)} |`,
    "",
  ];
  if (record.fence) lines.push(`Fenced at ${at(record.fence.at)}; first healthy response at ${record.firstHealthyAt === undefined ? "(not yet)" : at(record.firstHealthyAt)}.`);
  if (record.mode === "planned" && record.kind === "drill") {
    lines.push("A planned switchover waits for replication, so no data is lost; the lag measured at the fence is what an unplanned failover at that moment would have lost.");
  }
  if (record.fence) lines.push("", ...rpoSection(record));
  lines.push("", "## Timeline as a chart", "", ...renderGantt(record));
  lines.push("", "## Timeline", "", "| at | step | took | status | detail |", "|---|---|---|---|---|");
  for (const step of record.steps) {
    const took = step.startedAt !== undefined && step.endedAt !== undefined ? formatDuration(step.endedAt - step.startedAt) : "";
    const detail = [...step.detail, ...(step.error ? [`**${step.error}**`] : [])].join("<br>").replace(/\|/g, "\\|").replace(/\n/g, "<br>");
    lines.push(`| ${at(step.startedAt)} | ${step.kind === "check" ? "check: " : ""}${step.title} | ${took} | ${step.status} | ${detail} |`);
  }
  if (record.fence) {
    lines.push("", `## Fenced services (${record.fence.cluster}, ${record.fence.region})`, "");
    if (record.fence.unreachable) {
      lines.push(`- ${fenceUnreachable}: ${record.fence.region} did not answer (${record.fence.unreachable}); nothing was scaled there, and the RPO is the last lag measured before the fence.`);
    }
    lines.push(...record.fence.services.map((s) => `- ${s.name}: ${record.fence?.engine === "eks" ? "replicas" : "desired"} ${s.previousDesired} before the fence${s.scaling ? `; scalable target ${describeScaling(s.scaling)}` : ""}${s.hpa ? `; HPA ${s.hpa.name} min ${s.hpa.minReplicas}, max ${s.hpa.maxReplicas}` : ""}`));
    if (record.fence.services.some((s) => s.scaling)) {
      lines.push("", `Held at min 0, max 0 with scale-in, scale-out and scheduled scaling suspended until the failback restores the values above.`);
    }
  }
  if (record.drillFence) {
    const { fence, startedAt } = record.drillFence;
    lines.push("", `## Scaling restored (${fence.cluster}, ${fence.region}), as the drill of ${new Date(startedAt).toISOString()} saved it`, "");
    lines.push(...fence.services.map((s) => `- ${s.name}: ${s.scaling ? describeScaling(s.scaling) : "no scalable target"}`));
  }
  if (record.configChanges.length > 0) {
    lines.push("", "## Config changes", "", ...record.configChanges.map((c) => `- ${c.stack}: \`${c.key}\` = \`${c.value}\``));
  }
  lines.push("", record.outcome === "stopped" ? "## How to recover" : "## Next", "", ...record.recovery.map((line) => (line.startsWith("  ") ? `    ${line.trim()}` : `- ${line}`)), "");
  return lines.join("\n");
}

/** The RPO store by store: the numbers it is the worst of, where each came from, and the cache's loss. */
function rpoSection(record: DrillRecord): string[] {
  const lag = record.lagAtFenceSeconds;
  const point = record.lagAtFenceDatapoint;
  const database =
    lag === null
      ? "no replicated database"
      : lag === undefined
        ? "not measured (no lag datapoint at the fence)"
        : `${lag} s${point ? `, datapoint ${new Date(point.at).toISOString()} (${formatDuration(point.periodSeconds * 1000)} period)` : record.fence?.unreachable ? ", the last lag measured before the fence" : ""}`;
  return [
    "## RPO at the fence",
    "",
    `- database: ${database}`,
    ...(record.filesAtFence ?? []).map((f) => `- files: ${describeFiles(f)}`),
    `- cache: ${record.cacheLoss ?? "not stated"} (not counted in the RPO)`,
    "",
    "Resolution: CloudWatch 1-minute datapoints (Maximum): each number is the worst value in the minute that contains the fence, or in the first minute after it when that one was not published; nothing finer than a minute is measured.",
  ];
}

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? "-" : pass ? "pass" : "**FAIL**";
}
