import type { ProgressEvent } from "../driver/types";
import { ProgressStore, RolloutProgress, RolloutStep, StackRecord } from "../rollout/progress-file";
import { ResumeError, runStack, StackRunContext } from "../rollout/run";
import { waves } from "../stacks/graph";
import type { FleetGraph } from "./graph";
import { Limits, schedule } from "./scheduler";

/** What the fleet rollout reports while it runs. */
export interface FleetView {
  start(levels: readonly (readonly string[])[], resumed: readonly string[]): void;
  stackStarted(stack: string): void;
  step(stack: string, step: RolloutStep): void;
  progress(stack: string, step: RolloutStep, event: ProgressEvent): void;
  note(stack: string, text: string): void;
  stackDone(stack: string, record: StackRecord): void;
  finish(progress: RolloutProgress): void;
}

export interface FleetRunOptions extends Omit<StackRunContext, "view"> {
  readonly graph: FleetGraph;
  readonly limits: Limits;
  readonly store: ProgressStore;
  readonly view: FleetView;
  readonly resume: boolean;
  /** A stack's expected time (ms), for the scheduler's priority (./scheduler.ts); without it, stack counts. */
  readonly estimate?: (stack: string) => number;
}

export interface FleetResult {
  readonly ok: boolean;
  readonly progress: RolloutProgress;
  /** The first stack that failed, its step and error. */
  readonly failed?: { readonly stack: string; readonly step: RolloutStep; readonly error: string };
  /** Clock time from the first start to the last finish. */
  readonly makespanMs: number;
}

/**
 * Rolls the fleet out as a graph (./scheduler.ts): each stack runs the rollout's steps (policy-gated
 * preview, up, health check, a preview that must show no change) through the same driver as
 * `npm run rollout`. Progress is saved after every step in the rollout's progress format (its
 * waves are the graph's levels), so `resume` skips the stacks that succeeded and reruns the rest.
 *
 * The first failure stops the line: no stack starts after it; the stacks running finish all their
 * steps (an update half-checked is worse than one finished), and the run ends.
 */
export async function runFleet(options: FleetRunOptions): Promise<FleetResult> {
  const { clock, store, view, graph } = options;
  const levels = waves(graph.deps);
  const progress = options.resume ? resumeFrom(store, levels) : fresh(levels, clock.now());
  const resumed = levels.flat().filter((s) => progress.stacks[s].status === "succeeded");
  const started = clock.now();
  const save = () => {
    progress.updatedAt = clock.now();
    store.save(progress);
  };
  save();
  view.start(levels, options.resume ? resumed : []);

  let failed: FleetResult["failed"];
  const operatorStop = () => options.stopped?.() ?? false;
  await schedule({
    deps: graph.deps,
    limits: options.limits,
    accountOf: (s) => graph.stacks.get(s)?.account ?? "",
    regionOf: (s) => graph.stacks.get(s)?.region ?? "",
    done: new Set(resumed),
    stopped: operatorStop,
    estimate: options.estimate,
    run: async (stack) => {
      const record = progress.stacks[stack];
      view.stackStarted(stack);
      const error = await runStack(stack, record, { ...options, view }, operatorStop, save);
      if (error && !failed) failed = { stack, step: record.step as RolloutStep, error };
      view.stackDone(stack, record);
      return record.status === "succeeded";
    },
  });
  save();
  view.finish(progress);
  const ok = levels.flat().every((s) => progress.stacks[s].status === "succeeded");
  return { ok, progress, failed, makespanMs: clock.now() - started };
}

function fresh(levels: string[][], now: number): RolloutProgress {
  const stacks: Record<string, StackRecord> = {};
  levels.forEach((level, index) => level.forEach((stack) => (stacks[stack] = { wave: index + 1, status: "pending" })));
  return { version: 1, waves: levels, startedAt: now, updatedAt: now, stacks };
}

function resumeFrom(store: ProgressStore, levels: string[][]): RolloutProgress {
  const saved = store.load();
  if (!saved) throw new ResumeError(`nothing to resume: no progress file at ${store.location}`);
  const problem = fleetResumeProblem(saved, levels, store.location);
  if (problem) throw new ResumeError(problem);
  const stacks: Record<string, StackRecord> = {};
  levels.forEach((level, index) => level.forEach((stack) => (stacks[stack] = { ...saved.stacks[stack], wave: index + 1 })));
  return { ...saved, waves: levels, stacks };
}

/** Why a saved fleet rollout cannot be resumed with this fleet file, or undefined. */
export function fleetResumeProblem(saved: RolloutProgress, levels: readonly (readonly string[])[], location: string): string | undefined {
  const savedStacks = new Set(saved.waves.flat());
  const wanted = levels.flat();
  const added = wanted.filter((s) => !savedStacks.has(s));
  const removed = [...savedStacks].filter((s) => !wanted.includes(s));
  if (added.length > 0 || removed.length > 0) {
    const list = (names: string[]) => names.slice(0, 5).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
    const diff = [added.length > 0 ? `added since: ${list(added)}` : "", removed.length > 0 ? `gone since: ${list(removed)}` : ""].filter(Boolean).join("; ");
    return `the progress file at ${location} is for another fleet (${diff}); restore the fleet file it ran, or start a new rollout without --resume`;
  }
  if (wanted.every((stack) => saved.stacks[stack]?.status === "succeeded")) return `nothing to resume: every stack in ${location} succeeded`;
  return undefined;
}
