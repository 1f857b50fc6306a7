import { Clock, formatDuration } from "../shared/clock";
import { InterruptedError } from "./steps/context";

/** What the loop needs of a step: the drill's and the re-seed's steps both have this shape. */
export interface LoopStep<Context, Id extends string> {
  readonly id: Id;
  readonly title: string;
  readonly kind: "check" | "change";
  run(ctx: Context): Promise<"done" | "skipped">;
}

/** A step's saved record, as the drill's and the re-seed's reports keep it. */
export interface LoopStepRecord<Id extends string> {
  readonly id: Id;
  status: "done" | "skipped" | "failed" | "interrupted" | "not-run";
  startedAt?: number;
  endedAt?: number;
  detail: string[];
  error?: string;
}

/** What the loop sets on the run's record when a step stops it. */
export interface LoopRecord<Id extends string> {
  readonly startedAt: number;
  readonly steps: LoopStepRecord<Id>[];
  outcome: string;
  stoppedAt?: Id;
}

export interface StepLoop<Context, Id extends string> {
  readonly steps: readonly LoopStep<Context, Id>[];
  readonly record: LoopRecord<Id>;
  readonly ctx: Context & { stopped(): boolean };
  readonly clock: Clock;
  /** Writes the record: after every step, whatever its end. */
  readonly save: () => void;
  readonly log: (line: string) => void;
  /** A step not to run again (on resume: one that finished). */
  readonly skip: (step: LoopStep<Context, Id>, rec: LoopStepRecord<Id>) => boolean;
  /** The running step's record, which the context's `detail` writes to. */
  readonly running: (rec: LoopStepRecord<Id>) => void;
  /** How a finished step is logged (the drill adds its duration). */
  readonly finished?: (rec: LoopStepRecord<Id>) => string;
}

/**
 * Runs the steps in order, timing each and saving the record after every one. The first step that
 * fails, or a stop asked for between steps, stops the run: the record says which step and why.
 */
export async function runStepLoop<Context, Id extends string>(loop: StepLoop<Context, Id>): Promise<void> {
  const { record, clock, log } = loop;
  for (const step of loop.steps) {
    const rec = record.steps.find((s) => s.id === step.id) as LoopStepRecord<Id>;
    if (loop.skip(step, rec)) continue;
    if (loop.ctx.stopped()) {
      stopAt(record, rec, "interrupted", new InterruptedError().message);
      break;
    }
    loop.running(rec);
    Object.assign(rec, { startedAt: clock.now(), endedAt: undefined, error: undefined, detail: [] });
    log(`[T+${formatDuration((rec.startedAt as number) - record.startedAt)}] ${step.kind === "check" ? "check: " : ""}${step.title}`);
    try {
      rec.status = await step.run(loop.ctx);
      rec.endedAt = clock.now();
      log(`    ${loop.finished ? loop.finished(rec) : rec.status}`);
    } catch (error) {
      rec.endedAt = clock.now();
      stopAt(record, rec, error instanceof InterruptedError ? "interrupted" : "failed", (error as Error).message);
      log(`    ${rec.status.toUpperCase()}: ${rec.error}`);
      break;
    } finally {
      loop.save();
    }
  }
}

function stopAt<Id extends string>(record: LoopRecord<Id>, step: LoopStepRecord<Id>, status: "failed" | "interrupted", error: string): void {
  step.status = status;
  step.error = error;
  record.outcome = "stopped";
  record.stoppedAt = step.id;
}
