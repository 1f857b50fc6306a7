import { defaultLockWait, LockWait, withLockRetry } from "../driver/retry";
import { countChanges, countResources, PolicyViolation, ProgressEvent, StackDriver } from "../driver/types";
import type { Clock } from "../shared/clock";
import { HealthPolicy, HttpProbe, waitHealthy } from "../shared/http";
import { StackGraph, waves as graphWaves } from "../stacks/graph";
import { ProgressStore, RolloutProgress, RolloutStep, rolloutSteps, StackRecord } from "./progress-file";

/** What the rollout reports while it runs; a TTY view and a plain line view implement it. */
export interface RolloutView {
  start(waves: readonly (readonly string[])[], resumed: readonly string[]): void;
  step(stack: string, step: RolloutStep): void;
  progress(stack: string, step: RolloutStep, event: ProgressEvent): void;
  note(stack: string, text: string): void;
  stackDone(stack: string, record: StackRecord): void;
  finish(progress: RolloutProgress): void;
}

export interface RolloutOptions {
  /** The graph to roll out, already restricted to the selected stacks. */
  readonly graph: StackGraph;
  readonly driver: StackDriver;
  readonly probe: HttpProbe;
  readonly clock: Clock;
  readonly store: ProgressStore;
  readonly view: RolloutView;
  readonly resume: boolean;
  /**
   * Health check after `up`: seed 003's ECS health check grace and ALB checks settle within a few
   * minutes, so 20 tries 15 s apart (5 min) with a 10 s timeout each.
   */
  readonly health?: HealthPolicy;
  readonly lockWait?: LockWait;
  /** True once the operator pressed Ctrl-C: finish the running step, start nothing new. */
  readonly stopped?: () => boolean;
}

export const defaultHealthPolicy: HealthPolicy = { attempts: 20, intervalMs: 15_000, timeoutMs: 10_000 };

export interface RolloutResult {
  readonly ok: boolean;
  readonly progress: RolloutProgress;
  /** The first stack that failed, and the step. */
  readonly failed?: { readonly stack: string; readonly step: RolloutStep; readonly error: string };
}

export class ResumeError extends Error {}

/** A mandatory policy violation in a preview: the rollout stops before `up`. */
export class PolicyGateError extends Error {
  constructor(readonly violations: readonly PolicyViolation[]) {
    super(`mandatory policy violation${violations.length > 1 ? "s" : ""}:\n${violations.map((v) => `  [${v.policy}] ${v.message}${v.urn ? ` (${v.urn})` : ""}`).join("\n")}`);
    this.name = "PolicyGateError";
  }
}

/**
 * Rolls the stacks out wave by wave. Per stack: a preview gated by the policy pack, `up`, a health
 * check against the stack's `healthUrl` output, and a second preview that must show no changes.
 * The first failure stops all later work: stacks running beside it in the same wave finish the
 * step they are in (an update is never cancelled) and stop. Progress is saved after every step,
 * so `resume` continues from the stacks that did not succeed.
 */
export async function runRollout(options: RolloutOptions): Promise<RolloutResult> {
  const { clock, store, view } = options;
  const waves = graphWaves(options.graph);
  const progress = options.resume ? resumeFrom(store, waves) : fresh(waves, clock.now());
  const resumed = options.resume ? waves.flat().filter((s) => progress.stacks[s].status === "succeeded") : [];
  store.save(progress);
  view.start(waves, resumed);

  let failed: RolloutResult["failed"];
  const shouldStop = () => failed !== undefined || (options.stopped?.() ?? false);
  const save = () => {
    progress.updatedAt = clock.now();
    store.save(progress);
  };

  for (const wave of waves) {
    if (shouldStop()) break;
    await Promise.all(
      wave
        .filter((stack) => progress.stacks[stack].status !== "succeeded")
        .map(async (stack) => {
          const error = await runStack(stack, progress.stacks[stack], options, shouldStop, save);
          if (error && !failed) failed = { stack, step: progress.stacks[stack].step as RolloutStep, error };
          view.stackDone(stack, progress.stacks[stack]);
        }),
    );
  }
  save();
  view.finish(progress);
  const ok = waves.flat().every((stack) => progress.stacks[stack].status === "succeeded");
  return { ok, progress, failed };
}

/** What running one stack's steps needs: the rollout's options without its graph and store (the fleet rollout shares it). */
export type StackRunContext = Pick<RolloutOptions, "driver" | "probe" | "clock" | "health" | "lockWait" | "stopped"> & {
  readonly view: Pick<RolloutView, "step" | "progress" | "note">;
};

/**
 * Runs one stack's steps (preview, up, health, converged) into `record`; returns the error
 * message when a step failed. Stops before the next step once `shouldStop` says so.
 */
export async function runStack(stack: string, record: StackRecord, options: StackRunContext, shouldStop: () => boolean, save: () => void): Promise<string | undefined> {
  const { clock, view } = options;
  record.status = "running";
  record.startedAt = clock.now();
  record.error = undefined;
  let expected: number | undefined;
  let outputs: Readonly<Record<string, unknown>> = {};
  for (const step of rolloutSteps) {
    if (shouldStop()) {
      record.status = "stopped";
      record.step = step;
      record.finishedAt = clock.now();
      save();
      return undefined;
    }
    record.step = step;
    save();
    view.step(stack, step);
    const onProgress = (event: ProgressEvent) => view.progress(stack, step, event);
    const locked = <T>(operation: () => Promise<T>) =>
      withLockRetry(stack, operation, clock, options.lockWait ?? defaultLockWait, (delay, attempt) =>
        view.note(stack, `locked by another update; waiting ${Math.round(delay / 1000)} s (attempt ${attempt}, never cancelling it)`),
      );
    try {
      switch (step) {
        case "preview": {
          const preview = await locked(() => options.driver.preview(stack, { onProgress }));
          gate(stack, preview.violations, view);
          record.previewChanges = countChanges(preview.changes);
          expected = countResources(preview.changes);
          break;
        }
        case "up": {
          const up = await locked(() => options.driver.up(stack, { expectedResources: expected, onProgress }));
          record.upChanges = countChanges(up.changes);
          outputs = up.outputs;
          break;
        }
        case "health":
          record.health = await checkHealth(outputs.healthUrl, options);
          break;
        case "converged": {
          const again = await locked(() => options.driver.preview(stack, { onProgress }));
          gate(stack, again.violations, view);
          const changes = countChanges(again.changes);
          if (changes > 0) {
            throw new Error(`the second preview still shows ${changes} change${changes > 1 ? "s" : ""} (${describeChanges(again.changes)}): the program does not converge`);
          }
          break;
        }
      }
    } catch (error) {
      record.status = "failed";
      record.error = (error as Error).message;
      record.finishedAt = clock.now();
      save();
      return record.error;
    }
  }
  record.status = "succeeded";
  record.step = undefined;
  record.finishedAt = clock.now();
  save();
  return undefined;
}

function gate(stack: string, violations: readonly PolicyViolation[], view: Pick<RolloutView, "note">): void {
  violations.filter((v) => v.level === "advisory").forEach((v) => view.note(stack, `advisory policy ${v.policy}: ${v.message}`));
  const mandatory = violations.filter((v) => v.level === "mandatory");
  if (mandatory.length > 0) throw new PolicyGateError(mandatory);
}

/** Checks `healthUrl`; a stack that publishes none (no load balancer yet, a pilot-light standby) is skipped, visibly. */
async function checkHealth(url: unknown, options: StackRunContext): Promise<string> {
  if (url === undefined) return "skipped: the stack publishes no healthUrl output";
  if (typeof url !== "string") throw new Error(`the healthUrl output must be a string, not ${JSON.stringify(url)}`);
  const policy = options.health ?? defaultHealthPolicy;
  const result = await waitHealthy(options.probe, url, policy, options.clock, options.stopped);
  if (!result.ok) {
    throw new Error(`${url} is not healthy after ${result.attempts} tries: ${result.last.error ?? `HTTP ${result.last.status}`}`);
  }
  return `ok (${result.attempts} ${result.attempts === 1 ? "try" : "tries"})`;
}

function describeChanges(changes: Readonly<Partial<Record<string, number>>>): string {
  return Object.entries(changes)
    .filter(([op, n]) => !["same", "read", "refresh"].includes(op) && (n ?? 0) > 0)
    .map(([op, n]) => `${n} ${op}`)
    .join(", ");
}

function fresh(waves: string[][], now: number): RolloutProgress {
  const stacks: Record<string, StackRecord> = {};
  waves.forEach((wave, index) => wave.forEach((stack) => (stacks[stack] = { wave: index + 1, status: "pending" })));
  return { version: 1, waves, startedAt: now, updatedAt: now, stacks };
}

function resumeFrom(store: ProgressStore, waves: string[][]): RolloutProgress {
  const saved = store.load();
  if (!saved) throw new ResumeError(`nothing to resume: no progress file at ${store.location}`);
  const problem = resumeProblem(saved, waves, store.location);
  if (problem) throw new ResumeError(problem);
  // The same stacks: the graph decides the order now (the saved waves may come from an older
  // graph); each stack keeps its record.
  const stacks: Record<string, StackRecord> = {};
  waves.forEach((wave, index) => wave.forEach((stack) => (stacks[stack] = { ...saved.stacks[stack], wave: index + 1 })));
  return { ...saved, waves, stacks };
}

/**
 * Why a saved rollout cannot be resumed with these waves, or undefined: the dry run asks the same.
 * The stacks must be the same set; their order is the graph's.
 */
export function resumeProblem(saved: RolloutProgress, waves: readonly (readonly string[])[], location: string): string | undefined {
  const savedStacks = saved.waves.flat();
  const wanted = waves.flat();
  if (savedStacks.length !== wanted.length || !wanted.every((stack) => savedStacks.includes(stack))) {
    return `the progress file at ${location} is for the stacks ${savedStacks.join(", ")}; resume with --stacks ${savedStacks.join(",")} or start a new rollout without --resume`;
  }
  if (wanted.every((stack) => saved.stacks[stack]?.status === "succeeded")) return `nothing to resume: every stack in ${location} succeeded`;
  return undefined;
}
