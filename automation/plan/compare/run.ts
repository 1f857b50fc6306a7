// `plan <stack> --compare-to <plan.json | git ref>`: the plan of this checkout, then the other side,
// then the comparison in the format asked for. Used by the command line and by `npm run plan:ci`.
import type { CheckedStack } from "../check";
import { runPlan } from "../index";
import { PlanProgress, silentProgress } from "../progress";
import { PlanFileError } from "../plan-file";
import { readStackFile, StackFileError } from "../stack-file";
import { comparePlans, Comparison } from "./compare";
import { exitCodes, mostSevere } from "./exit-codes";
import { formatComparison } from "./format";
import type { CompareFormat } from "./formats";
import { checkTarget, RefCheckout, resolveSide, Target } from "./side";

export interface CompareOptions {
  readonly file: string;
  readonly stack?: string;
  readonly compareTo: string;
  /** What --compare-to names, when the caller checked it already (the command line does, before it loads the renderer). */
  readonly target?: Target;
  /** The stack file read and its config checked, likewise. */
  readonly checked?: CheckedStack;
  readonly format: CompareFormat;
  readonly outRoot?: string;
  readonly quiet?: boolean;
  readonly tree?: boolean;
  /** The plan's own lines and progress. */
  readonly log: (line: string) => void;
  /** What the comparison prints (the document a CI job keeps). */
  readonly print: (text: string) => void;
  /** How this checkout's side is named; "this checkout" by default. */
  readonly label?: string;
  /** A worktree of the ref kept by the caller across comparisons (plan:ci); one per comparison otherwise. */
  readonly checkout?: RefCheckout;
  /** Progress of this checkout's plan and of the other side (the command line's stderr); none by default. */
  readonly progress?: PlanProgress;
}

export interface CompareRun {
  readonly exitCode: number;
  readonly comparison?: Comparison;
  /** The one line that says why a comparison could not be made (exit 2). */
  readonly error?: string;
}

/** Plans the stack file, renders the other side and prints the comparison; bad input is one line and exit 2. */
export async function runCompare(options: CompareOptions): Promise<CompareRun> {
  try {
    // What --compare-to names is checked first: bad input costs no render.
    const target = options.target ?? checkTarget(options.compareTo, readStackFile(options.file, options.stack).stack);
    const progress = options.progress ?? silentProgress;
    const run = await runPlan({ file: options.file, stack: options.stack, checked: options.checked, outRoot: options.outRoot, log: options.log, quiet: options.quiet, tree: options.tree, progress });
    if (!run.plan) return { exitCode: run.exitCode };
    progress.start(`other side (${options.compareTo})`);
    const before = resolveSide(target, { file: options.file, stack: options.stack, region: run.plan.region, log: options.log }, options.checkout);
    progress.done();
    const comparison = comparePlans(before, { label: options.label ?? "this checkout", plan: run.plan });
    options.print(formatComparison(comparison, options.format));
    return { exitCode: mostSevere([run.exitCode, comparison.exitCode]), comparison };
  } catch (error) {
    options.progress?.fail();
    if (error instanceof PlanFileError || error instanceof StackFileError) return { exitCode: exitCodes.badInput, error: error.message };
    throw error;
  }
}
