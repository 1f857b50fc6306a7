// What `npm run plan` shows while it works (issue 18, item 3): one step at a time (config, render,
// the plan steps, write), each ended with what it found and how long it took. The reporters
// (plain.ts for logs, terminal.ts for a terminal) write to stderr only: stdout carries the report,
// and a `--format json|markdown` document must stay parseable.

/** Progress of one plan; steps run one after another, never two at once. */
export interface PlanProgress {
  /** Starts a step; a step still running is ended as failed first. */
  start(name: string): void;
  /** A running detail of the current step ("120 resources"); called often, so reporters throttle. */
  update(detail: string): void;
  /** Ends the current step; `detail` says what it found ("282 resources"). */
  done(detail?: string): void;
  /** Ends the current step as failed (a thrown error, an invalid config, a mandatory violation). */
  fail(detail?: string): void;
  /**
   * Ends a step still running as failed and releases whatever the reporter holds (a spinner's
   * timer, the hidden cursor, its signal handlers). Called on every way out of the plan: a timer
   * left running is what keeps a process alive after its work is done.
   */
  close(): void;
}

/** `--quiet`, and callers that print their own lines (plan:ci, tests): nothing at all. */
export const silentProgress: PlanProgress = {
  start: () => undefined,
  update: () => undefined,
  done: () => undefined,
  fail: () => undefined,
  close: () => undefined,
};

/** `1.2 s`; under a second with two decimals (`0.04 s`), so a fast step does not read as 0. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}

/** `282 resources`: the running count of a render, as the plan's header counts them. */
export function resourceCount(resources: number): string {
  return `${resources} resource${resources === 1 ? "" : "s"}`;
}

/** A step's closing text: `render: 282 resources in 1.2 s`, `gate failed after 0.40 s`. */
export function stepLine(name: string, ms: number, outcome: "done" | "failed", detail?: string): string {
  const what = detail ? `${name}: ${detail}` : name;
  return outcome === "done" ? `${what} in ${seconds(ms)}` : `${name} failed after ${seconds(ms)}${detail ? `: ${detail}` : ""}`;
}
