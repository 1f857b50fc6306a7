// `plan <stack> --compare-to <plan.json | git ref>`: the plan of this checkout, then the other side,
// then the comparison in the format asked for. Used by the command line and by `npm run plan:ci`.
import { runPlan } from "../index";
import { PlanProgress, silentProgress } from "../progress";
import { PlanFileError } from "../plan-json";
import { readStackFile, StackFileError } from "../stack-file";
import { comparePlans, Comparison } from "./compare";
import { exitCodes, mostSevere } from "./exit-codes";
import { formatComparison } from "./format";
import type { CompareFormat } from "./formats";
import { checkTarget, RefCheckout, resolveSide } from "./side";

export interface CompareOptions {
  readonly file: string;
  readonly stack?: string;
  readonly compareTo: string;
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
    const target = checkTarget(options.compareTo, readStackFile(options.file, options.stack).stack);
    const progress = options.progress ?? silentProgress;
    const run = await runPlan({ file: options.file, stack: options.stack, outRoot: options.outRoot, log: options.log, quiet: options.quiet, tree: options.tree, progress });
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
