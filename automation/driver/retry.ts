import type { Clock } from "../shared/clock";
import { StackLockedError } from "./types";

export interface LockWait {
  /** First wait after a lock; doubles each time up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Give up (without cancelling anything) once the stack stayed locked this long. */
  readonly maxWaitMs: number;
}

/**
 * A deploy by someone else typically takes minutes; 10 s doubling to 2 min sees it finish soon
 * after it does without polling the backend hard. After 30 min we stop waiting and say so: the
 * lock may be stale, which a human decides, never this tool.
 */
export const defaultLockWait: LockWait = { initialDelayMs: 10_000, maxDelayMs: 120_000, maxWaitMs: 30 * 60_000 };

export class LockWaitExceededError extends Error {
  constructor(readonly stack: string, waitedMs: number) {
    super(
      `stack ${stack} stayed locked by another update for ${Math.round(waitedMs / 60_000)} min; nothing was cancelled. ` +
        `Check who holds it (pulumi stack history --stack ${stack}); if the lock is stale, its owner runs ` +
        `'pulumi cancel --stack ${stack}', then rerun with --resume.`,
    );
    this.name = "LockWaitExceededError";
  }
}

/**
 * Runs `operation`; while the stack is locked by another update (ConcurrentUpdateError), waits
 * with exponential backoff and tries again. Never cancels the other update.
 */
export async function withLockRetry<T>(
  stack: string,
  operation: () => Promise<T>,
  clock: Clock,
  wait: LockWait = defaultLockWait,
  onWait?: (delayMs: number, attempt: number) => void,
): Promise<T> {
  const started = clock.now();
  let delay = wait.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof StackLockedError)) throw error;
      const waited = clock.now() - started;
      if (waited + delay > wait.maxWaitMs) throw new LockWaitExceededError(stack, waited);
      onWait?.(delay, attempt);
      await clock.sleep(delay);
      delay = Math.min(delay * 2, wait.maxDelayMs);
    }
  }
}
