import type { Clock } from "../shared/clock";

/**
 * Discrete-event time for the fleet simulation: `sleep` queues a timer, and `run` moves time
 * straight to the earliest one once every running promise chain is waiting on the clock. A
 * simulated rollout of hours takes milliseconds and its timings are exact and reproducible, so a
 * test may assert them (wall-clock timings in tests would be flaky on a shared machine).
 */
export class VirtualClock implements Clock {
  private time: number;
  private readonly timers: { at: number; seq: number; wake: () => void }[] = [];
  private seq = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, wake });
    });
  }

  /**
   * Runs `work` to completion in virtual time. Whatever it awaits must be this clock or promises
   * (no I/O, no real timers): when nothing is queued and the work is unsettled, it would wait
   * forever, and that is reported as an error.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    let settled = false;
    const result = work().finally(() => {
      settled = true;
    });
    result.catch(() => undefined);
    for (;;) {
      // Microtasks run before the next macrotask: after this, every chain waits on a timer or is done.
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return result;
      if (this.timers.length === 0) throw new Error("virtual clock: the work waits on something other than the clock");
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const at = this.timers[0].at;
      this.time = at;
      // Wake every timer due now, in the order they were set: ties resolve deterministically.
      while (this.timers.length > 0 && this.timers[0].at === at) (this.timers.shift() as { wake: () => void }).wake();
    }
  }
}
