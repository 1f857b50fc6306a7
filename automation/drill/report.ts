import * as fs from "fs";
import * as path from "path";
import { fileTimestamp, formatDuration } from "../shared/clock";
import { DrillRecord, measure } from "./record";
import { fenceUnreachable } from "./unreachable";
import type { DrillKind } from "./validate";

/** Where drill records go: `out/drills/<timestamp>.json` and `.md`, rewritten after every step. */
export interface DrillReportStore {
  save(record: DrillRecord): void;
  /** The newest record of this pair and kind that stopped before the end, for --resume. */
  latestStopped(kind: DrillKind, primary: string, standby: string): DrillRecord | undefined;
}

export class FileReportStore implements DrillReportStore {
  constructor(private readonly dir: string, private readonly root: string) {}

  save(record: DrillRecord): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const base = path.join(this.dir, `${fileTimestamp(record.startedAt)}${record.kind === "failback" ? "-failback" : ""}`);
    record.files = { json: path.relative(this.root, `${base}.json`), markdown: path.relative(this.root, `${base}.md`) };
    fs.writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
    fs.writeFileSync(`${base}.md`, renderMarkdown(record));
  }

  latestStopped(kind: DrillKind, primary: string, standby: string): DrillRecord | undefined {
    if (!fs.existsSync(this.dir)) return undefined;
    return fs
      .readdirSync(this.dir)
      .filter((file) => file.endsWith(".json"))
      .sort()
      .reverse()
      .map((file) => JSON.parse(fs.readFileSync(path.join(this.dir, file), "utf8")) as DrillRecord)
      .find((r) => r.version === 1 && r.kind === kind && r.primary === primary && r.standby === standby && r.outcome === "stopped");
  }
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
    `| RPO: replication lag at the fence | ${record.targets.rpoMinutes} min | ${m.rpoSeconds === undefined ? (record.fence ? "not measured (no lag datapoint at the fence)" : "not reached") : m.rpoSeconds === null ? "n/a (no replicated database)" : `${m.rpoSeconds} s`} | ${verdict(m.rpoPass)} |`,
    "",
  ];
  if (record.fence) lines.push(`Fenced at ${at(record.fence.at)}; first healthy response at ${record.firstHealthyAt === undefined ? "(not yet)" : at(record.firstHealthyAt)}.`);
  if (record.mode === "planned" && record.kind === "drill") {
    lines.push("A planned switchover waits for replication, so no data is lost; the lag measured at the fence is what an unplanned failover at that moment would have lost.");
  }
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
    lines.push(...record.fence.services.map((s) => `- ${s.name}: desired ${s.previousDesired} before the fence`));
  }
  if (record.configChanges.length > 0) {
    lines.push("", "## Config changes", "", ...record.configChanges.map((c) => `- ${c.stack}: \`${c.key}\` = \`${c.value}\``));
  }
  lines.push("", record.outcome === "stopped" ? "## How to recover" : "## Next", "", ...record.recovery.map((line) => (line.startsWith("  ") ? `    ${line.trim()}` : `- ${line}`)), "");
  return lines.join("\n");
}

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? "-" : pass ? "pass" : "**FAIL**";
}
