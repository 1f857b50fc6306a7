import type { LockWait } from "../../driver/retry";
import type { StackDriver } from "../../driver/types";
import { Clock, formatDuration } from "../../shared/clock";
import type { DrillCloud } from "../cloud";
import type { DrillRecord, StepId } from "../record";
import type { DrillTargets } from "../targets";
import { DrillSetup, stackOf } from "../validate";

/** How long each wait may take before the step fails, and how often it polls. */
export interface DrillTimings {
  readonly pollMs: number;
  readonly probeTimeoutMs: number;
  readonly fenceMs: number;
  readonly databaseMs: number;
  readonly cacheMs: number;
  readonly scaleMs: number;
  readonly dnsMs: number;
  readonly verifyMs: number;
  /** How long the verify step waits for CloudWatch to publish the datapoints at the fence (the RPO). */
  readonly metricsMs: number;
}

/**
 * Bounds sized to the 30 min RTO (seed 000): ECS drains a target in its 300 s deregistration delay,
 * an Aurora switchover or an RDS promotion takes minutes, Route 53 acts on a health check within
 * its 3 x 30 s failure threshold and the record's 60 s TTL (seed 003 9-2).
 */
export const defaultTimings: DrillTimings = {
  pollMs: 15_000,
  probeTimeoutMs: 10_000,
  fenceMs: 10 * 60_000,
  databaseMs: 30 * 60_000,
  cacheMs: 15 * 60_000,
  scaleMs: 15 * 60_000,
  dnsMs: 10 * 60_000,
  verifyMs: 15 * 60_000,
  // CloudWatch publishes a 1-minute datapoint a minute or two after its period.
  metricsMs: 5 * 60_000,
};

export interface StepContext {
  readonly setup: DrillSetup;
  readonly driver: StackDriver;
  readonly clock: Clock;
  readonly timings: DrillTimings;
  readonly lockWait: LockWait;
  readonly record: DrillRecord;
  readonly stopped: () => boolean;
  readonly makeCloud: (targets: DrillTargets) => DrillCloud;
  /** Set by the `targets` step. */
  targets?: DrillTargets;
  cloud?: DrillCloud;
  /** Writes the record now, mid-step: what a change must find again if the process dies during it. */
  save(): void;
  /** Adds a line to the running step's detail (and the console). */
  detail(line: string): void;
}

export interface DrillStep {
  readonly id: StepId;
  readonly title: string;
  readonly kind: "check" | "change";
  /** What the step will do, from the config alone: the dry run and the report print it. */
  plan(setup: DrillSetup): string[];
  /** `skipped` when there was nothing to do (e.g. no replicated cache). */
  run(ctx: StepContext): Promise<"done" | "skipped">;
}

export class InterruptedError extends Error {
  constructor() {
    super("interrupted (Ctrl-C)");
    this.name = "InterruptedError";
  }
}

export const stateKey = "platform:dr.state";

export const names = (setup: DrillSetup) => ({
  from: stackOf(setup, setup.from).name,
  to: stackOf(setup, setup.to).name,
  toRegion: stackOf(setup, setup.to).config.region,
  fromRegion: stackOf(setup, setup.from).config.region,
  standbyRegion: setup.standby.config.region,
});

export function cloudOf(ctx: StepContext): { cloud: DrillCloud; targets: DrillTargets } {
  if (!ctx.cloud || !ctx.targets) throw new Error("the drill targets were not read (the targets step did not run)");
  return { cloud: ctx.cloud, targets: ctx.targets };
}

/** Polls `check` every pollMs until it is done, the time is up, or the operator interrupts. */
export async function waitFor(ctx: StepContext, what: string, timeoutMs: number, check: () => Promise<{ done: boolean; detail: string }>): Promise<string> {
  const deadline = ctx.clock.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result.done) return result.detail;
    if (ctx.stopped()) throw new InterruptedError();
    if (ctx.clock.now() + ctx.timings.pollMs > deadline) throw new Error(`timed out after ${formatDuration(timeoutMs)} waiting for ${what}; last: ${result.detail}`);
    await ctx.clock.sleep(ctx.timings.pollMs);
  }
}


export async function setConfig(ctx: StepContext, stack: string, value: "serving" | "standby"): Promise<void> {
  await ctx.driver.setConfig(stack, stateKey, value);
  ctx.record.configChanges.push({ stack, key: stateKey, value });
  ctx.detail(`config ${stack} ${stateKey} = ${value}`);
}

