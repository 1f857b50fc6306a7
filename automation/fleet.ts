import { Command } from "commander";
import * as path from "path";
import { stackBackend } from "./bootstrap/targets";
import { remoteDriverOptions } from "./fleet/remote";
import type { StackDriver } from "./driver/types";
import { fleetAccountProblems } from "./fleet/accounts";
import { estimatesFromProgress } from "./fleet/estimates";
import { fleetGraph } from "./fleet/graph";
import { runFleet } from "./fleet/run";
import { FleetFileError, loadFleetFile } from "./fleet/schema";
import { simulateFleet, syntheticFleet } from "./fleet/simulate";
import { describePlan, FleetLineView } from "./fleet/view";
import { repoRoot } from "./plan/stack-file";
import { policyPackPresent } from "./rollout/dry-run";
import { FileProgressStore, ProgressFileError } from "./rollout/progress-file";
import { defaultHealthPolicy, ResumeError } from "./rollout/run";
import { formatDuration, systemClock } from "./shared/clock";
import { fetchProbe } from "./shared/http";
import { loadStacks, StackConfigError } from "./stacks/catalog";

const defaultFleetFile = path.join(repoRoot, "fleet.yaml");
const defaultProgressFile = path.join(repoRoot, "out", "fleet", "progress.json");

/** Bad input (the fleet file, the stack files, the progress file): one line per problem, exit 2, nothing started. */
function badInput(error: unknown): boolean {
  if (error instanceof FleetFileError || error instanceof StackConfigError || error instanceof ResumeError || error instanceof ProgressFileError) {
    console.error(error.message.split("\n").map((line) => `fleet: ${line}`).join("\n"));
    process.exitCode = 2;
    return true;
  }
  return false;
}

const program = new Command().name("fleet").description("Roll out every stack of a fleet file as a graph with bounded concurrency");

program
  .command("plan")
  .description("validate the fleet file and print the rollout plan; needs no Pulumi CLI or AWS")
  .option("--file <path>", "the fleet file", defaultFleetFile)
  .option("--verbose", "print why each stack waits for the ones before it")
  .action((flags: { file: string; verbose?: boolean }) => {
    try {
      const fleet = loadFleetFile(flags.file);
      describePlan(fleetGraph(fleet, flags.file), fleet.concurrency, path.relative(process.cwd(), flags.file), flags.verbose).forEach((l) => console.log(l));
    } catch (error) {
      if (!badInput(error)) throw error;
    }
  });

program
  .command("up")
  .description("roll the fleet out: plan, then every stack (policy-gated preview, up, health check, no-change preview)")
  .option("--file <path>", "the fleet file", defaultFleetFile)
  .option("--resume", "continue the rollout recorded in the progress file")
  .option("--progress-file <path>", "where progress is recorded", defaultProgressFile)
  .option("--policy-pack <dir>", "the CrossGuard pack every preview and update runs", path.join(repoRoot, "policies"))
  .option("--remote", "run each stack on Pulumi Deployments (the fleet file's 'deployments' section) instead of this machine")
  .action(async (flags: UpFlags) => {
    try {
      process.exitCode = await up(flags);
    } catch (error) {
      if (!badInput(error)) throw error;
    }
  });

program
  .command("simulate")
  .description("run a synthetic fleet with the real scheduler against a simulated driver in virtual time")
  .option("--products <n>", "products, 8 stacks each (4 environments x 2 regions)", "25")
  .option("--concurrency <n>", "stacks at once", "20")
  .option("--seeds <list>", "comma-separated PRNG seeds for the step durations", "1,2,3,4,5")
  .option("--priority <mode>", "what the scheduler ranks ready stacks by: stacks (counts), expected (expected times), drawn (this run's times, known to no real scheduler)", "expected")
  .action(async (flags: { products: string; concurrency: string; seeds: string; priority: string }) => {
    const priorities = ["stacks", "expected", "drawn"] as const;
    const priority = priorities.find((p) => p === flags.priority);
    if (!priority) {
      console.error(`fleet: --priority: '${flags.priority}' is not one of ${priorities.join(", ")}`);
      process.exitCode = 2;
      return;
    }
    const fleet = syntheticFleet(Number(flags.products), { overall: Number(flags.concurrency) });
    const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
    console.log(`synthetic fleet: ${fleet.stacks.length} stacks, concurrency ${flags.concurrency}, priority ${priority}, step durations drawn per seed (automation/fleet/simulate.ts)`);
    console.log("seed  makespan    critical path  work / concurrency  release bound  / critical path  / max(cp, work)  / release bound");
    for (const seed of flags.seeds.split(",").map(Number)) {
      const r = await simulateFleet(fleet, { seed, priority });
      const bound = Math.max(r.criticalPathMs, r.workBoundMs);
      console.log(
        [
          String(seed).padEnd(4),
          minutes(r.makespanMs).padEnd(10),
          minutes(r.criticalPathMs).padEnd(13),
          minutes(r.workBoundMs).padEnd(18),
          minutes(r.releaseBoundMs).padEnd(13),
          r.ratio.toFixed(3).padEnd(15),
          (r.makespanMs / bound).toFixed(3).padEnd(15),
          (r.makespanMs / Math.max(bound, r.releaseBoundMs)).toFixed(3),
        ].join("  "),
      );
    }
  });

interface UpFlags {
  file: string;
  resume?: boolean;
  progressFile: string;
  policyPack: string;
  remote?: boolean;
}

async function up(flags: UpFlags): Promise<number> {
  const fleet = loadFleetFile(flags.file);
  const graph = fleetGraph(fleet, flags.file);
  // Every stack's file must be valid and deploy into the account the fleet file gives it.
  const stacks = loadStacks(fleet.stacks.map((s) => s.name));
  const problems = fleetAccountProblems(fleet, stacks);
  if (problems.length > 0) throw new FleetFileError(problems.map((p) => `${flags.file}: ${p}`));
  const policyPackPath = path.resolve(flags.policyPack);
  // On Deployments the organization's policy group enforces the pack (automation/driver/remote.ts).
  const remote = flags.remote ? remoteDriverOptions(fleet, flags.file, process.env) : undefined;
  if (!remote && !policyPackPresent(policyPackPath)) {
    console.error(`fleet: no policy pack at ${policyPackPath} (PulumiPolicy.yaml): refusing to update without the gate`);
    return 2;
  }
  describePlan(graph, fleet.concurrency, path.relative(process.cwd(), flags.file)).forEach((l) => console.log(l));
  console.log("");

  let stopping = false;
  process.on("SIGINT", () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error("\ninterrupted: the running stacks finish their step, nothing new starts; Ctrl-C again to exit now");
  });
  const store = new FileProgressStore(path.resolve(flags.progressFile));
  // The last rollout's timings rank the ready stacks (longest remaining time first); none: by stack counts.
  const estimate = estimatesFromProgress(previousProgress(store));
  const driver: StackDriver = remote ? new (remoteDriver().RemoteWorkspaceDriver)(remote) : new (localDriver().LocalWorkspaceDriver)({
    workDir: repoRoot,
    policyPackPath,
    policyConfigFor: policyGate().writeStackPolicyConfig,
    backendFor: fleet.stateBackend === "bootstrap" ? (stack) => stackBackend(fleet, stack) : undefined,
  });
  const result = await runFleet({
    graph,
    limits: fleet.concurrency,
    driver,
    probe: fetchProbe,
    clock: systemClock,
    store,
    view: new FleetLineView((line) => console.log(line), systemClock),
    resume: Boolean(flags.resume),
    health: defaultHealthPolicy,
    stopped: () => stopping,
    estimate,
  });
  console.log(`\nfleet: ${result.ok ? "every stack succeeded" : "stopped"} in ${formatDuration(result.makespanMs)}`);
  if (!result.ok) {
    const where = result.failed ? `${result.failed.stack} failed at ${result.failed.step}: ${result.failed.error.split("\n")[0]}` : "the rollout was interrupted";
    console.log(`${where}. Progress: ${path.relative(process.cwd(), store.location)}. Fix the cause, then: npm run fleet -- up --resume`);
  }
  return result.ok ? 0 : 1;
}

// The drivers (the Pulumi SDK's Automation API) and the policy gate (the AWS provider SDK) take
// over a second to load: they load once the fleet file, the stack files and the accounts are
// known to be good, so bad input is answered without them. require(), not import(): esbuild
// leaves import() to Node's ES module loader, which wants file extensions.
/* eslint-disable @typescript-eslint/no-require-imports -- loaded once the input is known to be good (see above) */
const localDriver = () => require("./driver/local") as typeof import("./driver/local");
const remoteDriver = () => require("./driver/remote") as typeof import("./driver/remote");
const policyGate = () => require("./plan/policy-gate") as typeof import("./plan/policy-gate");
/* eslint-enable @typescript-eslint/no-require-imports */

/** The progress file of the last rollout, if readable: only its timings are used, so a damaged one is ignored here (resume reports it). */
function previousProgress(store: FileProgressStore): ReturnType<FileProgressStore["load"]> {
  try {
    return store.load();
  } catch (error) {
    if (error instanceof ProgressFileError) return undefined;
    throw error;
  }
}

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void program.parseAsync(process.argv);
