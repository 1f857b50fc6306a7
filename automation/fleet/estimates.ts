import type { RolloutProgress } from "../rollout/progress-file";

/**
 * The scheduler's estimate of each stack's time (./scheduler.ts `estimate`) from the last
 * rollout's progress file: how long each stack took from its first step to its last when it
 * succeeded. A stack without a timing (new, or it failed) gets the median of the others, so it
 * neither jumps the queue nor waits behind everything. Undefined when no stack has a timing: the
 * scheduler then ranks by stack counts. Timings are a guess at the next run, which is all a
 * priority needs; they never change the order the graph imposes or the limits.
 */
export function estimatesFromProgress(saved: RolloutProgress | undefined): ((stack: string) => number) | undefined {
  if (!saved) return undefined;
  const times = new Map<string, number>();
  for (const [stack, record] of Object.entries(saved.stacks)) {
    if (record.status === "succeeded" && record.startedAt !== undefined && record.finishedAt !== undefined && record.finishedAt > record.startedAt) {
      times.set(stack, record.finishedAt - record.startedAt);
    }
  }
  if (times.size === 0) return undefined;
  const sorted = [...times.values()].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return (stack) => times.get(stack) ?? median;
}
