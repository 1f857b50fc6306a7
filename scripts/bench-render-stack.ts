// Child process of scripts/bench.ts: the part of `plan` before its steps. It makes the two calls
// `plan` makes (read and check the stack file, then render it, after its primary for a standby)
// and stops: no routes, gate, cost, diagram or files. Beside the whole plan and the SDK floor, it
// says how much of the plan's overhead over the floor its steps are, and how much the render
// already is.
import "../offline/defer-sdk-loads";
import { checkStack } from "../automation/plan/check";
import { renderStack } from "../automation/plan/index";
import { silentProgress } from "../automation/plan/progress";

async function main(): Promise<void> {
  const file = process.env.BENCH_STACK_FILE;
  if (!file) throw new Error("BENCH_STACK_FILE: the stack file to render");
  const log = (line: string) => console.error(line);
  const checked = checkStack(file, undefined, silentProgress, log);
  if (!checked) throw new Error(`${file}: invalid config`);
  const rendered = await renderStack(checked.stackFile, { file, log, quiet: true }, silentProgress, () => undefined);
  process.stdout.write(JSON.stringify({ resources: rendered.resources.length }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
