import * as fs from "fs";
import * as path from "path";
import { fileTimestamp, formatDuration } from "../../shared/clock";
import { ReportFileError, writeAtomically } from "../report";
import { ReseedRecord, reseedRecordProblem } from "./record";

/** Where re-seed records go: `<reports>/reseed/<timestamp>.json` and `.md`, beside (not among) the drills'. */
export interface ReseedReportStore {
  save(record: ReseedRecord): void;
  /** The newest re-seed of this direction, if it did not finish (stopped, or its process died: running). */
  latestStopped(from: string, to: string): ReseedRecord | undefined;
}

export class FileReseedStore implements ReseedReportStore {
  private readonly dir: string;

  constructor(reportsDir: string, private readonly root: string) {
    this.dir = path.join(reportsDir, "reseed");
  }

  save(record: ReseedRecord): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const base = path.join(this.dir, `${fileTimestamp(record.startedAt)}-${record.from}-to-${record.to}`);
    record.files = { json: path.relative(this.root, `${base}.json`), markdown: path.relative(this.root, `${base}.md`) };
    // Rename over the last one: a crash mid-write leaves the previous step's report whole.
    writeAtomically(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
    writeAtomically(`${base}.md`, renderReseed(record));
  }

  latestStopped(from: string, to: string): ReseedRecord | undefined {
    if (!fs.existsSync(this.dir)) return undefined;
    const files = fs.readdirSync(this.dir).filter((file) => file.endsWith(`-${from}-to-${to}.json`)).sort().reverse();
    if (files.length === 0) return undefined;
    const file = path.join(this.dir, files[0]);
    let value: unknown;
    try {
      value = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new ReportFileError(`${file}: not a readable report (${(error as Error).message.split("\n")[0]}); move it aside to resume an older one, or start again`);
    }
    const problem = reseedRecordProblem(value);
    if (problem) throw new ReportFileError(`${file}: ${problem}; move it aside to resume an older one, or start again`);
    const record = value as ReseedRecord;
    return record.outcome === "stopped" || record.outcome === "running" ? record : undefined;
  }
}

export class MemoryReseedStore implements ReseedReportStore {
  readonly saved: ReseedRecord[] = [];
  markdown = "";

  save(record: ReseedRecord): void {
    const copy = JSON.parse(JSON.stringify(record)) as ReseedRecord;
    const index = this.saved.findIndex((r) => r.startedAt === record.startedAt);
    if (index >= 0) this.saved[index] = copy;
    else this.saved.push(copy);
    this.markdown = renderReseed(record);
  }

  latestStopped(from: string, to: string): ReseedRecord | undefined {
    const last = [...this.saved].reverse().find((r) => r.from === from && r.to === to);
    return last && (last.outcome === "stopped" || last.outcome === "running") ? last : undefined;
  }

  get last(): ReseedRecord {
    return this.saved[this.saved.length - 1];
  }
}

const outcomeText: Record<ReseedRecord["outcome"], string> = {
  running: "RUNNING",
  done: "DONE: the follower is in place and caught up",
  already: "NOTHING TO DO: the instance follows already",
  stopped: "STOPPED",
};

export function renderReseed(record: ReseedRecord): string {
  const at = (ms: number | undefined) => (ms === undefined ? "" : `T+${formatDuration(ms - record.startedAt)}`);
  const lines = [
    `# Database re-seed: ${record.to} follows ${record.from}`,
    "",
    `- Started: ${new Date(record.startedAt).toISOString()}${record.endedAt ? `, ended ${new Date(record.endedAt).toISOString()} (${formatDuration(record.endedAt - record.startedAt)})` : ""}`,
    ...(record.instance ? [`- Instance: ${record.instance.identifier} (${record.instance.region}); its previous copy is kept as ${record.instance.keptAs}`] : []),
    `- Outcome: **${outcomeText[record.outcome]}${record.stoppedAt ? ` at ${record.stoppedAt}` : ""}**`,
    "",
    "## Timeline",
    "",
    "| at | step | took | status | detail |",
    "|---|---|---|---|---|",
  ];
  for (const step of record.steps) {
    const took = step.startedAt !== undefined && step.endedAt !== undefined ? formatDuration(step.endedAt - step.startedAt) : "";
    const detail = [...step.detail, ...(step.error ? [`**${step.error}**`] : [])].join("<br>").replace(/\|/g, "\\|").replace(/\n/g, "<br>");
    lines.push(`| ${at(step.startedAt)} | ${step.kind === "check" ? "check: " : ""}${step.title} | ${took} | ${step.status} | ${detail} |`);
  }
  lines.push("", record.outcome === "stopped" ? "## How to recover" : "## Next", "", ...record.next.map((line) => `- ${line}`), "");
  return lines.join("\n");
}
