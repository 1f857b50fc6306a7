/**
 * `plan`'s exit codes, for CI jobs. 0, 1, 2 and 3 keep the meanings `plan` always had; 4, 5 and
 * 6 are the comparison's (`--compare-to`). When several hold, the most severe is returned, in
 * the order of `severity` below.
 */
export const exitCodes = {
  /** The plan passed; with --compare-to, nothing changes. */
  ok: 0,
  /** A plan step failed: a mandatory policy violation (the gate of `pulumi preview --policy-pack` fails too). */
  stepFailed: 1,
  /** Bad input: an invalid config, a missing stack file, a --compare-to that cannot be compared, an unknown --format. */
  badInput: 2,
  /** plan itself failed (a render error, a bug): the message says what. */
  crashed: 3,
  /** With --compare-to: resources are created, updated, replaced or deleted (nothing below). */
  changes: 4,
  /** With --compare-to: a protected resource (a store of data or evidence) would be replaced or deleted, acknowledged or not. */
  protectedChange: 5,
  /** With --compare-to: `pulumi up` would fail: the provider or AWS refuses an update, or an acknowledgement names no protected resource. */
  upWouldFail: 6,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** Most severe first: a CI job reading one code sees the worst thing. */
const severity: readonly number[] = [exitCodes.crashed, exitCodes.badInput, exitCodes.protectedChange, exitCodes.upWouldFail, exitCodes.stepFailed, exitCodes.changes, exitCodes.ok];

export function mostSevere(codes: readonly number[]): number {
  for (const code of severity) if (codes.includes(code)) return code;
  return codes.find((c) => c !== 0) ?? exitCodes.ok;
}

/** What a code means, one line (for the comparison's verdict and for CI logs). */
export function meaningOf(code: number): string {
  switch (code) {
    case exitCodes.ok:
      return "no change";
    case exitCodes.stepFailed:
      return "the plan fails a step (a mandatory policy violation)";
    case exitCodes.badInput:
      return "bad input";
    case exitCodes.crashed:
      return "plan failed";
    case exitCodes.changes:
      return "changes";
    case exitCodes.protectedChange:
      return "a protected resource would be replaced or deleted";
    case exitCodes.upWouldFail:
      return "pulumi up would fail";
    default:
      return `exit ${code}`;
  }
}
