import type { ChangeSummary, DriftedResource, DriftOutcome, OperationOptions, PolicyViolation, PreviewOutcome, RefreshOutcome, StackDriver, UpOutcome } from "../../automation/driver/types";

export type DriverOp = "preview" | "up" | "refresh" | "previewRefresh" | "outputs" | "setConfig";

export interface DriverCall {
  readonly op: DriverOp;
  readonly stack: string;
  readonly key?: string;
  readonly value?: string;
}

interface Failure {
  readonly stack: string;
  readonly op: DriverOp;
  /** Fail the n-th call of `op` on `stack` (1-based)... */
  readonly occurrence: number;
  /** ...and this many calls from there on. */
  times: number;
  readonly error: () => Error;
}

/**
 * An in-memory Pulumi: every stack has resources that a first preview would change and that an
 * `up` converges. Records every call; failures and policy violations are injected per stack.
 */
export class FakeDriver implements StackDriver {
  readonly calls: DriverCall[] = [];
  readonly config = new Map<string, Map<string, string>>();
  /** Most operations running at once, to observe concurrency. */
  maxActive = 0;
  private active = 0;
  private readonly failures: Failure[] = [];
  private readonly converged = new Set<string>();
  private readonly neverConverges = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly options: {
      outputs?: Record<string, Record<string, unknown>>;
      violations?: Record<string, PolicyViolation[]>;
      /** Resources per stack (all are created by the first up). */
      resources?: number;
      /** What a refresh preview finds per stack (none when absent). */
      drift?: Record<string, DriftedResource[]>;
      /** Called as each operation starts: to trace it beside other fakes, or to act on the cloud. */
      onCall?: (call: DriverCall) => void;
      /** Called when an operation succeeded: to apply its effect on a fake cloud. */
      onSuccess?: (call: DriverCall) => void;
    } = {},
  ) {}

  failOn(stack: string, op: DriverOp, error: () => Error, occurrence = 1, times = 1): this {
    this.failures.push({ stack, op, occurrence, times, error });
    return this;
  }

  /** Makes the stack's previews show changes again (a perpetual diff). */
  diverge(stack: string): this {
    this.converged.delete(stack);
    this.neverConverges.add(stack);
    return this;
  }

  async preview(stack: string, options: OperationOptions = {}): Promise<PreviewOutcome> {
    return this.run("preview", stack, () => {
      const total = this.options.resources ?? 12;
      options.onProgress?.({ done: total, total, current: "same pulumi:pulumi:Stack" });
      const changes: ChangeSummary = this.converged.has(stack) ? { same: total } : { create: 3, same: total - 3 };
      return { changes, violations: this.options.violations?.[stack] ?? [] };
    });
  }

  async up(stack: string, options: OperationOptions = {}): Promise<UpOutcome> {
    return this.run("up", stack, () => {
      options.onProgress?.({ done: options.expectedResources ?? 0, total: options.expectedResources, current: "create aws:ec2/vpc:Vpc" });
      if (!this.neverConverges.has(stack)) this.converged.add(stack);
      return { changes: { create: 3, same: (this.options.resources ?? 12) - 3 }, outputs: this.options.outputs?.[stack] ?? {} };
    });
  }

  async refresh(stack: string): Promise<RefreshOutcome> {
    return this.run("refresh", stack, () => ({ changes: { same: this.options.resources ?? 12 } }));
  }

  async previewRefresh(stack: string): Promise<DriftOutcome> {
    return this.run("previewRefresh", stack, () => {
      const drifted = this.options.drift?.[stack] ?? [];
      return { changes: { same: (this.options.resources ?? 12) - drifted.length, update: drifted.filter((d) => d.change === "update").length, delete: drifted.filter((d) => d.change === "delete").length }, drifted };
    });
  }

  async outputs(stack: string): Promise<Record<string, unknown>> {
    return this.run("outputs", stack, () => this.options.outputs?.[stack] ?? {});
  }

  async setConfig(stack: string, key: string, value: string): Promise<void> {
    return this.run("setConfig", stack, () => {
      const config = this.config.get(stack) ?? new Map<string, string>();
      config.set(key, value);
      this.config.set(stack, config);
    }, { key, value });
  }

  /** The calls as `op stack` strings, in order. */
  trace(): string[] {
    return this.calls.map((c) => `${c.op} ${c.stack}${c.key ? ` ${c.key}=${c.value}` : ""}`);
  }

  private async run<T>(op: DriverOp, stack: string, body: () => T, extra: Partial<DriverCall> = {}): Promise<T> {
    this.calls.push({ op, stack, ...extra });
    this.options.onCall?.({ op, stack, ...extra });
    const key = `${op} ${stack}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      // Yield, as a real operation would, so concurrent stacks interleave.
      await new Promise((resolve) => setImmediate(resolve));
      const failure = this.failures.find((f) => f.stack === stack && f.op === op && n >= f.occurrence && f.times > 0);
      if (failure) {
        failure.times -= 1;
        throw failure.error();
      }
      const result = body();
      this.options.onSuccess?.({ op, stack, ...extra });
      return result;
    } finally {
      this.active -= 1;
    }
  }
}
