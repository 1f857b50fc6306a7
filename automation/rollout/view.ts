import type { ProgressEvent } from "../driver/types";
import { Clock, formatDuration } from "../shared/clock";
import { RolloutProgress, RolloutStep, StackRecord, stepTitles } from "./progress-file";
import type { RolloutView } from "./run";

/**
 * Plain lines, one per event worth keeping in a CI log: step starts, progress at each quarter,
 * notes and outcomes. Used whenever stdout is not a terminal.
 */
export class LineView implements RolloutView {
  private readonly milestones = new Map<string, number>();

  constructor(private readonly write: (line: string) => void, private readonly clock: Clock) {}

  start(waves: readonly (readonly string[])[], resumed: readonly string[]): void {
    waves.forEach((wave, index) => this.write(`wave ${index + 1}: ${wave.join(", ")}${wave.length > 1 ? " (concurrently)" : ""}`));
    if (resumed.length > 0) this.write(`resuming: ${resumed.join(", ")} already succeeded and will not run again`);
  }

  step(stack: string, step: RolloutStep): void {
    this.milestones.set(stack, 0);
    this.line(stack, `${stepTitles[step]}...`);
  }

  progress(stack: string, step: RolloutStep, event: ProgressEvent): void {
    if (!event.total) return;
    const quarter = Math.floor((event.done / event.total) * 4);
    if (quarter > (this.milestones.get(stack) ?? 0)) {
      this.milestones.set(stack, quarter);
      this.line(stack, `${step}: ${event.done}/${event.total} resources`);
    }
  }

  note(stack: string, text: string): void {
    this.line(stack, text);
  }

  stackDone(stack: string, record: StackRecord): void {
    this.line(stack, outcome(record));
  }

  finish(progress: RolloutProgress): void {
    this.write("");
    summaryTable(progress).forEach((line) => this.write(line));
  }

  private line(stack: string, text: string): void {
    this.write(`${new Date(this.clock.now()).toISOString().slice(11, 19)} ${stack}: ${text}`);
  }
}

/**
 * A live block with one line per running stack (step, resources done / total, current operation),
 * redrawn in place; notes and outcomes scroll above it.
 */
export class TtyView implements RolloutView {
  private readonly lines = new Map<string, string>();
  private drawn = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(waves: readonly (readonly string[])[], resumed: readonly string[]): void {
    waves.forEach((wave, index) => this.print(`wave ${index + 1}: ${wave.join(", ")}${wave.length > 1 ? " (concurrently)" : ""}`));
    if (resumed.length > 0) this.print(`resuming: ${resumed.join(", ")} already succeeded`);
  }

  step(stack: string, step: RolloutStep): void {
    this.set(stack, `${stepTitles[step]}...`);
  }

  progress(stack: string, step: RolloutStep, event: ProgressEvent): void {
    const count = event.total ? `${event.done}/${event.total}` : `${event.done}`;
    this.set(stack, `${step} ${count} ${event.current ?? ""}`);
  }

  note(stack: string, text: string): void {
    this.print(`${stack}: ${text}`);
  }

  stackDone(stack: string, record: StackRecord): void {
    this.lines.delete(stack);
    this.print(`${stack}: ${outcome(record)}`);
  }

  finish(progress: RolloutProgress): void {
    this.clear();
    this.stream.write("\n");
    summaryTable(progress).forEach((line) => this.stream.write(`${line}\n`));
  }

  private set(stack: string, text: string): void {
    const width = Math.max(20, (this.stream.columns ?? 100) - 1);
    this.lines.set(stack, `  ${stack.padEnd(10)} ${text}`.slice(0, width));
    this.redraw();
  }

  private print(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    this.redraw();
  }

  private clear(): void {
    for (let i = 0; i < this.drawn; i++) this.stream.write("\x1b[1A\x1b[2K");
    this.drawn = 0;
  }

  private redraw(): void {
    this.clear();
    for (const line of this.lines.values()) this.stream.write(`${line}\n`);
    this.drawn = this.lines.size;
  }
}

/** A finished stack in one phrase, for the log. */
export function outcome(record: StackRecord): string {
  switch (record.status) {
    case "succeeded":
      return `succeeded (${record.upChanges ?? 0} changed; health ${record.health ?? "n/a"})`;
    case "failed":
      return `FAILED at ${record.step}: ${record.error}`;
    case "stopped":
      return `stopped before ${record.step} (another stack failed or the rollout was interrupted)`;
    default:
      return record.status;
  }
}

/** The end-of-run table: one row per stack, in wave order. */
export function summaryTable(progress: RolloutProgress): string[] {
  const header = ["wave", "stack", "status", "step", "preview", "changed", "health", "time"];
  const rows = progress.waves.flat().map((stack) => {
    const r = progress.stacks[stack];
    const time = r.startedAt !== undefined && r.finishedAt !== undefined ? formatDuration(r.finishedAt - r.startedAt) : "";
    return [
      String(r.wave),
      stack,
      r.status === "pending" ? "not run" : r.status,
      r.status === "succeeded" ? "" : (r.step ?? ""),
      r.previewChanges === undefined ? "" : String(r.previewChanges),
      r.upChanges === undefined ? "" : String(r.upChanges),
      (r.health ?? "").split(":")[0],
      time,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...rows.map(format)];
}
