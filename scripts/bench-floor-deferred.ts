// Child process of scripts/bench.ts: the SDK floor (scripts/bench-floor.ts) with the SDK's
// loads of TypeScript, its Automation API and npm's Arborist deferred as `plan` defers them
// (offline/defer-sdk-loads.ts), so that the benchmark can say how much of plan's lead over the floor
// is those deferrals.
import "../offline/defer-sdk-loads";
import { main } from "./bench-floor";

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
