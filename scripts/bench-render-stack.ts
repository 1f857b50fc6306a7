// Child process of scripts/bench.ts: the part of `plan` before its steps. It makes the two calls
// `plan` makes for a stack with no primary (read and check the stack file, then render it under the
// mock cloud) and stops: no routes, gate, cost, diagram or files. Beside the whole plan and the SDK
// floor, it says how much of the plan's overhead over the floor its steps are, and how much the
// render already is.
import "../offline/defer-sdk-loads";
import { checkStack } from "../automation/plan/check";
import { primaryOf } from "../automation/plan/primary";
import { silentProgress } from "../automation/plan/progress";
import { renderProgram } from "../offline";

async function main(): Promise<void> {
  const file = process.env.BENCH_STACK_FILE;
  if (!file) throw new Error("BENCH_STACK_FILE: the stack file to render");
  const checked = checkStack(file, undefined, silentProgress, (line) => console.error(line));
  if (!checked) throw new Error(`${file}: invalid config`);
  const { stackFile } = checked;
  if (primaryOf(stackFile) !== undefined) throw new Error(`${file}: a standby; this child renders a stack with no primary`);
  const rendered = await renderProgram({ project: "aws-platform", stack: stackFile.stack, config: stackFile.config, secretKeys: stackFile.secretKeys });
  process.stdout.write(JSON.stringify({ resources: rendered.resources.length }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
