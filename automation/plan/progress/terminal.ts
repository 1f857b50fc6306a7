// The terminal reporter draws with yocto-spinner (sindresorhus/yocto-spinner, MIT): ora's small
// successor by the same author, one dependency, kept current. Chosen over ora because ora puts
// stdin in raw mode while it spins (`discardStdin`, on by default): a spinner left running on an
// error path then holds stdin open and the process never exits, as an earlier attempt did here.
// yocto-spinner never touches stdin; its only timer lives between start() and stop(), and while it
// spins it clears itself around other writes to the terminal, so a stray line does not tear it.
// One thing it does not do: unref its animation timer. A render whose promises never settle (a
// registration refused inside the mock cloud can leave the program waiting) ends when Node's event
// loop runs dry; a ref'd timer keeps that loop alive for ever, which is how a spinner hangs a CLI.
// So the timer is unref'd here (see `unrefTimers`), and the cursor restored on exit.
// yocto-spinner is an ES module: this CommonJS code loads it with require(), which Node runs for an
// ES module without a flag from 20.19 on (package.json's engines say so). It is loaded when the first
// step starts, not with this module: a plan off a terminal (CI, a pipe) never draws, and loading it
// costs such a plan 15-22 ms (three fresh processes, 2026-12-06).
// listr2 was the other candidate: it wants to own the task list and run the steps itself, where
// the plan runs its own loop with early exits; it is also ESM-only and needs Node 22.
import type { Writable } from "stream";
import type { Spinner } from "yocto-spinner";
import { PlanProgress, stepLine } from "./progress";

export interface TerminalProgressOptions {
  /** A terminal (stderr): the spinner moves the cursor on it. */
  readonly stream: Writable;
  readonly now?: () => number;
  /** The running detail is redrawn at most this often: a render registers thousands of resources. */
  readonly redrawMs?: number;
}

/** Progress on a terminal: a spinner per step with its running detail, left as a ✔ or ✖ line. */
export class TerminalProgress implements PlanProgress {
  private readonly stream: Writable;
  private readonly now: () => number;
  private readonly redrawMs: number;
  private current?: { name: string; started: number; drawn: number; spinner: Spinner };

  constructor(options: TerminalProgressOptions) {
    this.stream = options.stream;
    this.now = options.now ?? Date.now;
    this.redrawMs = options.redrawMs ?? 80;
  }

  start(name: string): void {
    if (this.current) this.fail();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first draw (see the top)
    const { default: yoctoSpinner } = require("yocto-spinner") as typeof import("yocto-spinner");
    const spinner = unrefTimers(() => yoctoSpinner({ stream: this.stream, text: name }).start());
    this.current = { name, started: this.now(), drawn: this.now(), spinner };
    process.once("exit", this.onExit);
  }

  update(detail: string): void {
    if (!this.current) return;
    const now = this.now();
    if (now - this.current.drawn < this.redrawMs) return;
    this.current.drawn = now;
    this.current.spinner.text = `${this.current.name}: ${detail}`;
  }

  done(detail?: string): void {
    if (!this.current) return;
    const { name, started, spinner } = this.current;
    this.current = undefined;
    process.off("exit", this.onExit);
    spinner.success(stepLine(name, this.now() - started, "done", detail));
  }

  fail(detail?: string): void {
    if (!this.current) return;
    const { name, started, spinner } = this.current;
    this.current = undefined;
    process.off("exit", this.onExit);
    spinner.error(stepLine(name, this.now() - started, "failed", detail));
  }

  close(): void {
    this.fail();
  }

  /** The process ends with a step still running (its work never settled): say so, and show the cursor again. */
  private readonly onExit = (): void => {
    this.fail("the process ended before the step did");
  };
}

/**
 * Runs `start` with `setInterval` unref'ing the timers it creates: the spinner's animation then
 * never keeps the process alive on its own. `start` is synchronous, so no other code runs while
 * the global is swapped.
 */
export function unrefTimers<T>(start: () => T): T {
  const original = globalThis.setInterval;
  const unrefd = ((...args: Parameters<typeof setInterval>) => original(...args).unref()) as typeof setInterval;
  globalThis.setInterval = unrefd;
  try {
    return start();
  } finally {
    globalThis.setInterval = original;
  }
}
