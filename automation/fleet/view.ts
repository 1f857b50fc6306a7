import type { Clock } from "../shared/clock";
import { RolloutProgress, RolloutStep, StackRecord, stepTitles } from "../rollout/progress-file";
import { outcome, summaryTable } from "../rollout/view";
import { waves } from "../stacks/graph";
import { criticalPath, FleetGraph } from "./graph";
import type { FleetView } from "./run";
import type { Limits } from "./scheduler";

/** The plan printed before anything starts: limits, levels, the longest chain, and with `verbose` why each stack waits. */
export function describePlan(graph: FleetGraph, limits: Limits, file: string, verbose = false): string[] {
  const stacks = [...graph.stacks.values()];
  const accounts = new Set(stacks.map((s) => s.account));
  const regions = new Set(stacks.map((s) => s.region));
  const levels = waves(graph.deps);
  const chain = criticalPath(graph.deps, () => 1);
  const lines = [
    `Fleet rollout plan (${file}): ${stacks.length} stacks in ${accounts.size} account${accounts.size === 1 ? "" : "s"} and ${regions.size} region${regions.size === 1 ? "" : "s"}`,
    `limits: ${limits.overall} stacks at once${limits.perAccount ? `, ${limits.perAccount} per account` : ""}${limits.perRegion ? `, ${limits.perRegion} per region` : ""}`,
    "each stack: preview with the policy pack, update, health check, a preview that must show no change",
    "a stack starts as soon as the stacks it waits for succeeded and the limits allow; the levels show the order, not barriers",
    "",
  ];
  levels.forEach((level, i) => lines.push(`level ${i + 1} (${level.length}): ${level.join(", ")}`));
  lines.push("", `longest chain (${chain.stacks.length} stacks): ${chain.stacks.join(" > ")}`);
  if (verbose) {
    lines.push("");
    for (const level of levels) {
      for (const name of level) {
        const s = graph.stacks.get(name);
        const waits = graph.deps[name].map((d) => `${d} (${graph.reasons.get(`${d}<-${name}`)})`);
        lines.push(`${name} [${s?.account}, ${s?.region}]${waits.length > 0 ? ` after ${waits.join(", ")}` : ""}`);
      }
    }
  }
  lines.push("", "on the first failure no stack starts; the stacks running finish; --resume continues from the stacks that did not succeed");
  return lines;
}

/** One line per event worth keeping in a CI log, each with the fleet's count so far. */
export class FleetLineView implements FleetView {
  private total = 0;
  private finished = 0;
  private running = 0;

  constructor(private readonly write: (line: string) => void, private readonly clock: Clock) {}

  start(levels: readonly (readonly string[])[], resumed: readonly string[]): void {
    this.total = levels.flat().length;
    this.finished = resumed.length;
    if (resumed.length > 0) this.write(`resuming: ${resumed.length} stack${resumed.length === 1 ? "" : "s"} already succeeded and will not run again`);
  }

  stackStarted(stack: string): void {
    this.running += 1;
    this.line(stack, "started");
  }

  step(stack: string, step: RolloutStep): void {
    if (step !== "preview") this.line(stack, `${stepTitles[step]}...`);
  }

  /** Per-resource progress of 20 stacks at once is noise in a log; the steps say enough. */
  progress(): void {}

  note(stack: string, text: string): void {
    this.line(stack, text);
  }

  stackDone(stack: string, record: StackRecord): void {
    this.running -= 1;
    if (record.status === "succeeded") this.finished += 1;
    this.line(stack, outcome(record));
  }

  finish(progress: RolloutProgress): void {
    this.write("");
    summaryTable(progress).forEach((line) => this.write(line));
  }

  private line(stack: string, text: string): void {
    const time = new Date(this.clock.now()).toISOString().slice(11, 19);
    this.write(`${time} [${this.finished}/${this.total} done, ${this.running} running] ${stack}: ${text}`);
  }
}
