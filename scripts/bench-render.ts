// Child process of scripts/bench.ts: renders the synthetic program once and prints the time.
import * as path from "path";
import { renderProgram } from "../offline";

async function main(): Promise<void> {
  if (process.env.BENCH_TRACES === "on") process.env.PLAN_STACK_TRACES = "1";
  const start = process.hrtime.bigint();
  const result = await renderProgram({
    project: "bench",
    stack: "bench",
    config: { "aws:region": "ap-northeast-2" },
    programPath: path.join(__dirname, "bench-program"),
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ resources: result.resources.length, ms }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
