import type { StackGraph } from "../stacks/graph";
import { tailLengths } from "./graph";

/**
 * A graph scheduler with bounded concurrency. A stack starts as soon as every stack it waits for
 * succeeded and the limits allow (overall, in its account, in its region), rather than when a whole
 * wave finished: a wave waits for its slowest stack, the graph only for a stack's own
 * predecessors, which keeps the makespan close to the critical path. Among ready stacks the one
 * with the longest tail of stacks after it starts first (critical-path first list scheduling).
 *
 * Not p-limit / p-queue: those bound one pool of promises, while a stack here must hold three
 * slots at once (overall, account, region) and be chosen by priority among the ready ones, which
 * a FIFO queue per limit cannot express without starving or reordering.
 *
 * Stop-the-line: after the first failure no stack starts; the stacks running finish (an update is
 * never cancelled), and the scheduler returns once they have.
 */

export interface Limits {
  readonly overall: number;
  readonly perAccount?: number;
  readonly perRegion?: number;
}

export interface ScheduleOptions {
  readonly deps: StackGraph;
  readonly limits: Limits;
  readonly accountOf: (stack: string) => string;
  readonly regionOf: (stack: string) => string;
  /** Stacks that already succeeded (a resumed rollout): they count as done and do not run. */
  readonly done?: ReadonlySet<string>;
  /** Runs one stack; resolves true when it succeeded. Never rejects (a rejection counts as a failure). */
  readonly run: (stack: string) => Promise<boolean>;
  /** True when no new stack may start (the operator pressed Ctrl-C). */
  readonly stopped?: () => boolean;
  /**
   * A stack's expected time (ms), for the priority only: a remaining path of long stacks goes
   * before one of many short ones. Without it every stack counts 1. An estimate, never the real
   * time (unknown before the stack ran); a wrong one costs speed, never order or limits.
   */
  readonly estimate?: (stack: string) => number;
}

export interface ScheduleResult {
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
  /** Stacks that never started: after a failure, behind a failed stack, or after a stop. */
  readonly notStarted: readonly string[];
}

export function schedule(options: ScheduleOptions): Promise<ScheduleResult> {
  const { deps, limits } = options;
  const stacks = Object.keys(deps);
  const succeeded = new Set(options.done ?? []);
  const failed = new Set<string>();
  const running = new Set<string>();
  const tail = tailLengths(deps, options.estimate);
  const inAccount = new Map<string, number>();
  const inRegion = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
  const fits = (stack: string) =>
    running.size < limits.overall &&
    (limits.perAccount === undefined || (inAccount.get(options.accountOf(stack)) ?? 0) < limits.perAccount) &&
    (limits.perRegion === undefined || (inRegion.get(options.regionOf(stack)) ?? 0) < limits.perRegion);
  // Longest remaining path first; then by name, so runs are reproducible.
  const byPriority = [...stacks].sort((a, b) => (tail.get(b) ?? 0) - (tail.get(a) ?? 0) || a.localeCompare(b));
  const pending = new Set(byPriority.filter((s) => !succeeded.has(s)));

  return new Promise((resolve) => {
    const finishIfIdle = () => {
      if (running.size > 0) return;
      resolve({ succeeded: stacks.filter((s) => succeeded.has(s)), failed: [...failed], notStarted: [...pending] });
    };
    const startReady = () => {
      if (failed.size === 0 && !(options.stopped?.() ?? false)) {
        for (const stack of pending) {
          if (running.size >= limits.overall) break;
          if (!deps[stack].every((d) => succeeded.has(d)) || !fits(stack)) continue;
          start(stack);
        }
      }
      finishIfIdle();
    };
    const start = (stack: string) => {
      pending.delete(stack);
      running.add(stack);
      bump(inAccount, options.accountOf(stack), 1);
      bump(inRegion, options.regionOf(stack), 1);
      void options
        .run(stack)
        .catch(() => false)
        .then((ok) => {
          running.delete(stack);
          bump(inAccount, options.accountOf(stack), -1);
          bump(inRegion, options.regionOf(stack), -1);
          (ok ? succeeded : failed).add(stack);
          startReady();
        });
    };
    startReady();
  });
}
