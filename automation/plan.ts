// First: before anything loads the Pulumi SDK (see the module).
import "../offline/defer-sdk-loads";
import { Command } from "commander";
import * as path from "path";
import { exitCodes } from "./plan/compare/exit-codes";
import { compareFormats, CompareFormat } from "./plan/compare/formats";
import { planProgress } from "./plan/progress";
import { PlanFileError } from "./plan/plan-file";
import { readStackFile, requireStackFile, stackFilePath, StackFileError } from "./plan/stack-file";

interface CliOptions {
  file?: string;
  out?: string;
  compareTo?: string;
  format: string;
  quiet?: boolean;
  tree?: boolean;
}

const program = new Command()
  .name("plan")
  .description("Render a stack offline under the mock cloud: resource counts, plan.json and the plan steps; with --compare-to, what the change does")
  .argument("[stack]", "stack name: dev, staging, prod or prod-dr (reads Pulumi.<stack>.yaml)")
  .option("-f, --file <path>", "any stack config file, e.g. a blueprint")
  .option("-o, --out <dir>", "output root", undefined)
  .option("--compare-to <plan.json|git ref>", "compare with a plan.json, or with the stack as a git ref's code renders it")
  .option("--format <format>", `the comparison's format: ${compareFormats.join(", ")} (markdown: a pull-request comment; json: for tools)`, "text")
  .option("-q, --quiet", "print only the summary: the resource count and one line per step; no progress on stderr")
  .option("--tree", "print the component tree (report.md always has it)")
  .addHelpText(
    "after",
    "\nExit codes: 0 ok (with --compare-to: no change), 1 a mandatory policy violation, 2 bad input, 3 plan failed;\n" +
      "with --compare-to: 4 changes, 5 a protected resource would be replaced or deleted, 6 pulumi up would fail.",
  )
  .action(async (stack: string | undefined, options: CliOptions) => {
    const badInput = (message: string) => {
      console.error(message);
      process.exitCode = exitCodes.badInput;
    };
    if (!stack && !options.file) return badInput("plan: name a stack (dev, staging, prod, prod-dr) or pass --file <path>");
    if (!(compareFormats as readonly string[]).includes(options.format)) {
      return badInput(`plan: --format '${options.format}' is not one of ${compareFormats.join(", ")}`);
    }
    if (options.format !== "text" && !options.compareTo) return badInput(`plan: --format ${options.format} formats a comparison: add --compare-to <plan.json | git ref>`);
    const file = options.file ? path.resolve(options.file) : stackFilePath(stack as string);
    const outRoot = options.out ? path.resolve(options.out) : undefined;
    // Progress goes to stderr only (stdout carries the report or the document), and is closed on
    // every way out: a spinner still running would keep the process alive.
    const progress = planProgress({ stream: process.stderr, quiet: options.quiet });
    // A render whose promises never settle (a registration the mock cloud refused mid-program) lets
    // the event loop run dry before the plan ends: that is a failed plan (exit 3), said in one line,
    // not the SDK's exit 1 with its note on leaked promises.
    const unfinished = () => {
      progress.close();
      console.error("plan failed: the render never finished: registrations were left waiting (a resource or function call the mock cloud refused?)");
      process.exitCode = exitCodes.crashed;
    };
    process.once("beforeExit", unfinished);
    try {
      // The renderer (the Pulumi SDK, the program, the gate) takes about a second to load: bad
      // input is answered before it is, so a typo gets its line at once. That is the options, the
      // stack file, what --compare-to names, and the config (a refused config gets its lines in
      // 0.4 s instead of 0.9 s, 2026-12-06).
      requireStackFile(file);
      // A markdown or JSON document goes alone to stdout; the plan's own lines go to stderr.
      const document = Boolean(options.compareTo) && options.format !== "text";
      const log = document ? (line: string) => console.error(line) : (line: string) => console.log(line);
      // require(), not import(): esbuild leaves import() to Node's ES module loader, which wants file extensions.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the options are known to be good
      const { checkTarget } = require("./plan/compare/side") as typeof import("./plan/compare/side");
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
      const { checkStack } = require("./plan/check") as typeof import("./plan/check");
      const target = options.compareTo ? checkTarget(options.compareTo, readStackFile(file, stack).stack) : undefined;
      const checked = checkStack(file, stack, progress, log);
      if (!checked) {
        process.exitCode = exitCodes.badInput;
        return;
      }
      if (options.compareTo) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the input is known to be good (see above)
        const { runCompare } = require("./plan/compare/run") as typeof import("./plan/compare/run");
        const run = await runCompare({
          file,
          stack,
          compareTo: options.compareTo,
          target,
          checked,
          format: options.format as CompareFormat,
          outRoot,
          quiet: options.quiet || document,
          tree: options.tree,
          log,
          print: (text) => process.stdout.write(document ? text : `\n${text}`),
          progress,
        });
        if (run.error) console.error(run.error);
        process.exitCode = run.exitCode;
        return;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the input is known to be good (see above)
      const { runPlan } = require("./plan/index") as typeof import("./plan/index");
      const run = await runPlan({ file, stack, checked, outRoot, quiet: options.quiet, tree: options.tree, progress });
      process.exitCode = run.exitCode;
    } catch (error) {
      if (error instanceof StackFileError || error instanceof PlanFileError) return badInput(error.message);
      console.error(`plan failed: ${(error as Error).message}`);
      if (!process.env.PLAN_STACK_TRACES) console.error("(set PLAN_STACK_TRACES=1 for stack traces)");
      process.exitCode = exitCodes.crashed;
    } finally {
      process.off("beforeExit", unfinished);
      progress.close();
    }
  });

// Commander's own usage errors (an unknown option) exit 1; they are bad input, as any other.
program.exitOverride((error) => {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") process.exit(0);
  process.exit(exitCodes.badInput);
});

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void program.parseAsync(process.argv);
