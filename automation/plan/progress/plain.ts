import { PlanProgress, seconds, stepLine } from "./progress";

/** Options of the plain reporter; the clock is injectable so tests need not wait. */
export interface PlainProgressOptions {
  /** Writes one line (no newline at the end). */
  readonly write: (line: string) => void;
  readonly now?: () => number;
  /** A long step says how far it has got at most this often (a 20x config renders for many seconds). */
  readonly heartbeatMs?: number;
}

/**
 * Progress for logs (CI, a pipe, a file): one plain line per finished step, `[plan] render: 282
 * resources in 1.2 s`, and during a long step a line every `heartbeatMs` with its running detail.
 * No timer: a heartbeat is written from `update`, so nothing can keep the process alive.
 */
export class PlainProgress implements PlanProgress {
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private current?: { name: string; started: number; lastLine: number };

  constructor(options: PlainProgressOptions) {
    this.write = options.write;
    this.now = options.now ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? 5000;
  }

  start(name: string): void {
    if (this.current) this.fail();
    const now = this.now();
    this.current = { name, started: now, lastLine: now };
  }

  update(detail: string): void {
    if (!this.current) return;
    const now = this.now();
    if (now - this.current.lastLine < this.heartbeatMs) return;
    this.current.lastLine = now;
    this.write(`[plan] ${this.current.name}: ${detail} so far (${seconds(now - this.current.started)})`);
  }

  done(detail?: string): void {
    this.end("done", detail);
  }

  fail(detail?: string): void {
    this.end("failed", detail);
  }

  close(): void {
    if (this.current) this.fail();
  }

  private end(outcome: "done" | "failed", detail: string | undefined): void {
    if (!this.current) return;
    const { name, started } = this.current;
    this.current = undefined;
    this.write(`[plan] ${stepLine(name, this.now() - started, outcome, detail)}`);
  }
}
