import { defaultLockWait, LockWait } from "../driver/retry";
import type { StackDriver } from "../driver/types";
import { Clock, formatDuration } from "../shared/clock";
import type { DrillCloud } from "./cloud";
import { DrillRecord, FenceRecord, measure, StepRecord } from "./record";
import { recoveryFor } from "./recovery";
import { DrillReportStore, recordProblem } from "./report";
import { runStepLoop } from "./step-loop";
import { defaultTimings, drillSteps, DrillTimings, StepContext } from "./steps";
import type { DrillTargets } from "./targets";
import type { DrillSetup } from "./validate";

export interface DrillRunOptions {
  readonly setup: DrillSetup;
  readonly driver: StackDriver;
  readonly clock: Clock;
  /** Builds the cloud operations once the targets are read from the standby's outputs. */
  readonly makeCloud: (targets: DrillTargets) => DrillCloud;
  readonly store: DrillReportStore;
  readonly timings?: DrillTimings;
  readonly lockWait?: LockWait;
  /** True once the operator pressed Ctrl-C: the running step stops at its next wait. */
  readonly stopped?: () => boolean;
  /** A stopped drill to continue. */
  readonly resume?: DrillRecord;
  /**
   * A failback: the fence of the drill it returns from (its report), whose saved scalable targets
   * the failback restores on the primary.
   */
  readonly drillFence?: { readonly startedAt: number; readonly fence: FenceRecord };
  readonly log?: (line: string) => void;
}

export class DrillResumeError extends Error {}

/**
 * Runs the drill (or failback) step by step, timing each one and saving the record after every
 * step. The first failed step stops the drill; the record then says where and how to recover.
 */
export async function runDrill(options: DrillRunOptions): Promise<DrillRecord> {
  const { setup, clock, store } = options;
  const log = options.log ?? (() => undefined);
  const record = options.resume ? resumable(options.resume, setup) : newRecord(setup, clock.now(), options.drillFence);
  const changesStarted = record.steps.some((s) => s.kind === "change" && s.status !== "not-run");
  let current: StepRecord | undefined;
  const ctx: StepContext = {
    setup,
    driver: options.driver,
    clock,
    timings: options.timings ?? defaultTimings,
    lockWait: options.lockWait ?? defaultLockWait,
    record,
    stopped: options.stopped ?? (() => false),
    makeCloud: options.makeCloud,
    save: () => store.save(record),
    detail: (line) => {
      current?.detail.push(line);
      log(`    ${line}`);
    },
  };
  record.outcome = "running";
  record.stoppedAt = undefined;
  store.save(record);

  await runStepLoop({
    steps: drillSteps,
    record,
    ctx,
    clock,
    save: () => store.save(record),
    log,
    // On resume: steps that finished stay finished; once changes began the checks that compare
    // with the old state are not run again, but the targets are read again.
    skip: (step, rec) => Boolean(options.resume) && step.id !== "targets" && (rec.status === "done" || rec.status === "skipped" || (changesStarted && step.kind === "check")),
    running: (rec) => {
      current = rec as StepRecord;
    },
    finished: (rec) => `${rec.status} in ${formatDuration((rec.endedAt as number) - (rec.startedAt as number))}`,
  });

  if (record.outcome === "running") {
    const m = measure(record);
    // Passing needs both measured and met; a measurement that is missing is not a pass.
    record.outcome = m.rtoPass === true && m.rpoPass === true ? "passed" : "missed-targets";
  }
  record.recovery = recoveryFor(record);
  record.endedAt = clock.now();
  store.save(record);
  return record;
}

function newRecord(setup: DrillSetup, now: number, drillFence: DrillRunOptions["drillFence"]): DrillRecord {
  return {
    ...(setup.kind === "failback" && drillFence ? { drillFence } : {}),
    version: 1,
    kind: setup.kind,
    mode: setup.mode,
    primary: setup.primary.name,
    standby: setup.standby.name,
    from: setup.from,
    to: setup.to,
    startedAt: now,
    targets: setup.targets,
    database: setup.promote.database,
    steps: drillSteps.map((step) => ({ id: step.id, title: step.title, kind: step.kind, status: "not-run", detail: step.plan(setup) })),
    configChanges: [],
    outcome: "running",
    recovery: [],
  };
}

function resumable(record: DrillRecord, setup: DrillSetup): DrillRecord {
  const problem = recordProblem(record);
  if (problem) throw new DrillResumeError(`the saved ${setup.kind} cannot be continued: ${problem}`);
  // "running": the process died during a step (killed, the machine lost); its steps check the
  // cloud's state before they act, so the step is run again.
  if (record.outcome !== "stopped" && record.outcome !== "running") throw new DrillResumeError(`the ${record.kind} started ${new Date(record.startedAt).toISOString()} did not stop half-way (${record.outcome}): nothing to resume`);
  if (record.kind !== setup.kind || record.primary !== setup.primary.name || record.standby !== setup.standby.name) {
    throw new DrillResumeError(`the saved ${record.kind} is for ${record.primary} / ${record.standby}, not this ${setup.kind} of ${setup.primary.name} / ${setup.standby.name}`);
  }
  if (record.mode !== setup.mode) throw new DrillResumeError(`the saved ${record.kind} runs in ${record.mode} mode: resume it with --mode ${record.mode}`);
  return JSON.parse(JSON.stringify(record)) as DrillRecord;
}
