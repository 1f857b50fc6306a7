import type { DriftOutcome, PreviewOutcome, RefreshOutcome, StackDriver, UpOutcome } from "../driver/types";
import { StackOperationError } from "../driver/types";
import { ProgressStore, RolloutStep } from "../rollout/progress-file";
import type { HttpProbe } from "../shared/http";
import { criticalPath, fleetGraph, releaseBound } from "./graph";
import { FleetResult, FleetView, runFleet } from "./run";
import type { FleetFile, FleetStack } from "./schema";
import { VirtualClock } from "./virtual-clock";

/**
 * The fleet rollout simulated: the real scheduler and the real per-stack steps (automation/rollout's
 * runStack) against a driver whose operations take durations drawn from a seeded distribution, in
 * virtual time. Deterministic: the same seed gives the same makespan, to the millisecond.
 */

/** mulberry32: a small, well-known 32-bit PRNG; enough for drawing durations reproducibly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A log-normal draw (Box-Muller): update times are skewed, a few take far longer than the median. */
function logNormal(random: () => number, medianMs: number, sigma: number): number {
  const u = 1 - random();
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(medianMs * Math.exp(sigma * z));
}

export type StepDurations = Readonly<Record<RolloutStep, number>>;

/**
 * Assumed durations (not measured: no deploy of these stacks has been timed): a preview 30-90 s; an
 * update log-normal around a median that grows with the environment's size (dev 4 min, then +3 min
 * per environment up the promotion order; sigma 0.5: one in six takes 1.6 times the median or
 * more); a health check 15-120 s.
 */
const previewMs = { low: 30_000, high: 90_000 };
const healthMs = { low: 15_000, high: 120_000 };
const upSigma = 0.5;
const upMedianMs = (environments: readonly string[], environment: string) => (4 + 3 * environments.indexOf(environment)) * 60_000;

export function drawDurations(stacks: readonly FleetStack[], environments: readonly string[], seed: number): Map<string, StepDurations> {
  const random = mulberry32(seed);
  const uniform = (range: { low: number; high: number }) => Math.round(range.low + (range.high - range.low) * random());
  const result = new Map<string, StepDurations>();
  for (const stack of stacks) {
    const median = upMedianMs(environments, stack.environment);
    result.set(stack.name, { preview: uniform(previewMs), up: logNormal(random, median, upSigma), health: uniform(healthMs), converged: uniform(previewMs) });
  }
  return result;
}

/**
 * A stack's expected time under the distribution above (what a team knows from earlier rollouts of
 * its environment), not the time drawn for it: the means of the uniform steps, and the log-normal
 * update's mean, median x exp(sigma^2 / 2).
 */
export function expectedStackTime(environments: readonly string[], environment: string): number {
  const mean = (range: { low: number; high: number }) => (range.low + range.high) / 2;
  return 2 * mean(previewMs) + mean(healthMs) + upMedianMs(environments, environment) * Math.exp((upSigma * upSigma) / 2);
}

/** A stack's time from its first preview to its no-change preview. */
export const stackTime = (d: StepDurations) => d.preview + d.up + d.health + d.converged;

/**
 * A driver whose operations take the drawn durations on the virtual clock: a stack's first preview
 * shows changes, `up` applies them and publishes a healthUrl, later previews show none.
 */
export class SimulatedDriver implements StackDriver {
  private readonly previews = new Map<string, number>();
  private readonly failing = new Map<string, RolloutStep>();

  constructor(private readonly clock: VirtualClock, private readonly durations: ReadonlyMap<string, StepDurations>) {}

  /** Makes `stack` fail at `step` (preview, up or converged) once. */
  failOnce(stack: string, step: Exclude<RolloutStep, "health">): this {
    this.failing.set(stack, step);
    return this;
  }

  async preview(stack: string): Promise<PreviewOutcome> {
    const n = (this.previews.get(stack) ?? 0) + 1;
    this.previews.set(stack, n);
    const step = n === 1 || !this.upDone.has(stack) ? "preview" : "converged";
    await this.take(stack, step);
    return { changes: this.upDone.has(stack) ? { same: 40 } : { create: 40 }, violations: [] };
  }

  private readonly upDone = new Set<string>();

  async up(stack: string): Promise<UpOutcome> {
    await this.take(stack, "up");
    this.upDone.add(stack);
    return { changes: { create: 40 }, outputs: { healthUrl: `https://${stack}.example.com/healthz` } };
  }

  async refresh(stack: string): Promise<RefreshOutcome> {
    await this.take(stack, "preview");
    return { changes: { same: 40 } };
  }

  async previewRefresh(stack: string): Promise<DriftOutcome> {
    await this.take(stack, "preview");
    return { changes: { same: 40 }, drifted: [] };
  }

  outputs(): Promise<Record<string, unknown>> {
    return Promise.resolve({});
  }

  setConfig(): Promise<void> {
    return Promise.resolve();
  }

  /** The health probe: answers healthy after the stack's drawn health-check time. */
  readonly probe: HttpProbe = async (url) => {
    const stack = new URL(url).hostname.split(".")[0];
    await this.clock.sleep(this.durations.get(stack)?.health ?? 0);
    return { ok: true, status: 200 };
  };

  private async take(stack: string, step: RolloutStep): Promise<void> {
    await this.clock.sleep(this.durations.get(stack)?.[step] ?? 0);
    if (this.failing.get(stack) === step) {
      this.failing.delete(stack);
      throw new StackOperationError(stack, step === "converged" ? "preview" : step, "simulated failure");
    }
  }
}

/** The simulation keeps no progress unless a test gives it a store: saving 200 records 800 times is its main cost. */
const discardProgress: ProgressStore = { location: "(simulation)", load: () => undefined, save: () => undefined };

/** A view that records nothing: the simulation reports its numbers, not 800 step lines. */
export const silentView: FleetView = { start() {}, stackStarted() {}, step() {}, progress() {}, note() {}, stackDone() {}, finish() {} };

export interface SimulationResult {
  readonly stacks: number;
  readonly makespanMs: number;
  /** The longest chain of stacks by their drawn durations: no schedule can finish sooner. */
  readonly criticalPathMs: number;
  readonly criticalPath: readonly string[];
  /** All stacks' time over the overall limit: no schedule can finish sooner either. */
  readonly workBoundMs: number;
  /** The tighter bound of stacks that cannot start early (./graph.ts releaseBound); at least workBoundMs. */
  readonly releaseBoundMs: number;
  readonly ratio: number;
  readonly result: FleetResult;
}

export interface SimulationOptions {
  readonly seed: number;
  readonly driver?: (clock: VirtualClock, durations: ReadonlyMap<string, StepDurations>) => SimulatedDriver;
  readonly store?: ProgressStore;
  readonly resume?: boolean;
  readonly view?: FleetView;
  /**
   * What the scheduler ranks ready stacks by: `stacks`, the number of stacks on the path after
   * each; `expected` (the default), that path in the environments' expected times
   * (expectedStackTime); `drawn`, in the times drawn for this run, which no real scheduler knows
   * beforehand: a reference for how much knowing the future would add.
   */
  readonly priority?: "stacks" | "expected" | "drawn";
}

/** Runs the fleet in virtual time; returns the makespan beside the critical path. */
export async function simulateFleet(fleet: FleetFile, options: SimulationOptions): Promise<SimulationResult> {
  const graph = fleetGraph(fleet);
  const durations = drawDurations(fleet.stacks, fleet.environments, options.seed);
  const clock = new VirtualClock(Date.parse("2026-12-05T00:00:00Z"));
  const driver = options.driver?.(clock, durations) ?? new SimulatedDriver(clock, durations);
  const time = (stack: string) => stackTime(durations.get(stack) as StepDurations);
  const environmentOf = new Map(fleet.stacks.map((s) => [s.name, s.environment]));
  const priority = options.priority ?? "expected";
  const estimate =
    priority === "drawn" ? time : priority === "expected" ? (stack: string) => expectedStackTime(fleet.environments, environmentOf.get(stack) ?? "") : undefined;
  const result = await clock.run(() =>
    runFleet({
      graph,
      limits: fleet.concurrency,
      driver,
      probe: driver.probe,
      clock,
      store: options.store ?? discardProgress,
      view: options.view ?? silentView,
      resume: options.resume ?? false,
      health: { attempts: 1, intervalMs: 1, timeoutMs: 10_000 },
      estimate,
    }),
  );
  const critical = criticalPath(graph.deps, time);
  const work = fleet.stacks.reduce((sum, s) => sum + time(s.name), 0);
  return {
    stacks: fleet.stacks.length,
    makespanMs: result.makespanMs,
    criticalPathMs: critical.length,
    criticalPath: critical.stacks,
    workBoundMs: Math.round(work / fleet.concurrency.overall),
    releaseBoundMs: releaseBound(graph.deps, time, fleet.concurrency.overall),
    ratio: result.makespanMs / critical.length,
    result,
  };
}

/**
 * A fleet of `products` products, each with the environments dev, qa, staging and prod in Seoul and
 * a standby of each in Tokyo (Onno's Seoul -> Tokyo DR, seed 003, sections 9-1 and 9-2), one
 * account per environment; the first product's stacks own each account's baseline and trail.
 * 25 products make the 200 stacks.
 */
export function syntheticFleet(products: number, concurrency: FleetFile["concurrency"]): FleetFile {
  const environments = ["dev", "qa", "staging", "prod"];
  const ids: Record<string, string> = { dev: "111122223333", qa: "222233334444", staging: "444455556666", prod: "123456789012" };
  const stacks: FleetStack[] = [];
  for (let p = 1; p <= products; p++) {
    const product = `p${String(p).padStart(2, "0")}`;
    for (const environment of environments) {
      const primary = `${product}-${environment}`;
      const owner = p === 1;
      stacks.push({ name: primary, product, environment, region: "ap-northeast-2", account: environment, baseline: owner || undefined, trail: owner || undefined });
      stacks.push({ name: `${primary}-dr`, product, environment, region: "ap-northeast-1", account: environment, standbyFor: primary, baseline: owner || undefined });
    }
  }
  const accounts = Object.fromEntries(environments.map((e) => [e, { id: ids[e], role: `arn:aws:iam::${ids[e]}:role/platform-deployer` }]));
  return { concurrency, environments, regions: ["ap-northeast-2", "ap-northeast-1"], accounts, stacks };
}

