import { Command } from "commander";
import * as path from "path";
import { runPlan } from "./plan/index";
import { stackFilePath, StackFileError } from "./plan/stack-file";

const program = new Command()
  .name("plan")
  .description("Render a stack offline under the mock cloud: resource tree, plan.json and the plan steps")
  .argument("[stack]", "stack name: dev, staging, prod or prod-dr (reads Pulumi.<stack>.yaml)")
  .option("-f, --file <path>", "any stack config file, e.g. a blueprint")
  .option("-o, --out <dir>", "output root", undefined)
  .action(async (stack: string | undefined, options: { file?: string; out?: string }) => {
    if (!stack && !options.file) {
      program.error("name a stack (dev, staging, prod, prod-dr) or pass --file <path>");
    }
    const file = options.file ? path.resolve(options.file) : stackFilePath(stack as string);
    try {
      const run = await runPlan({ file, stack: options.file ? stack : stack, outRoot: options.out ? path.resolve(options.out) : undefined });
      process.exitCode = run.exitCode;
    } catch (error) {
      if (error instanceof StackFileError) {
        console.error(error.message);
        process.exitCode = 2;
        return;
      }
      console.error(`plan failed: ${(error as Error).message}`);
      if (!process.env.PLAN_STACK_TRACES) console.error("(set PLAN_STACK_TRACES=1 for stack traces)");
      process.exitCode = 3;
    }
  });

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void program.parseAsync(process.argv);
