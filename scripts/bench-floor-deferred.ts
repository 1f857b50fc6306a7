// Child process of scripts/bench.ts: the SDK floor (scripts/bench-floor.ts) with the SDK's
// TypeScript load deferred as `plan` defers it (offline/defer-typescript.ts), so that the benchmark
// can say how much of plan's lead over the floor is that deferral.
import "../offline/defer-typescript";
import { main } from "./bench-floor";

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
