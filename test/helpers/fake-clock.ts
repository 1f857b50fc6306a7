import type { Clock } from "../../automation/shared/clock";

/** A clock that only moves when someone sleeps: waits cost nothing and are recorded. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.parse("2026-11-01T01:00:00Z")) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }

  /** Moves time on without a sleep, e.g. the duration of a cloud call. */
  advance(ms: number): void {
    this.time += ms;
  }
}
