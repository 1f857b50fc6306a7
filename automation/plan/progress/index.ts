import type { Writable } from "stream";
import { PlainProgress } from "./plain";
import { PlanProgress, silentProgress } from "./progress";
import { TerminalProgress } from "./terminal";

export { PlainProgress } from "./plain";
export { TerminalProgress } from "./terminal";
export { silentProgress, resourceCount } from "./progress";
export type { PlanProgress } from "./progress";

/**
 * A terminal a spinner may draw on: a TTY, not a dumb one, and not in CI. The same rule as
 * yocto-spinner's own (its `isInteractive`), so the two never disagree: where this says no, the
 * spinner would print a line per redraw.
 */
export function isInteractive(stream: Writable & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.TERM !== "dumb" && !("CI" in env);
}

/** The reporter for `plan`'s stderr: none with `--quiet`, a spinner on a terminal, plain lines elsewhere. */
export function planProgress(options: { stream: Writable & { isTTY?: boolean }; quiet?: boolean; env?: NodeJS.ProcessEnv }): PlanProgress {
  if (options.quiet) return silentProgress;
  if (isInteractive(options.stream, options.env)) return new TerminalProgress({ stream: options.stream });
  return new PlainProgress({ write: (line) => options.stream.write(`${line}\n`) });
}
