import { Command } from "commander";
import * as path from "path";
import { defaultLockWait } from "./driver/retry";
import { LocalWorkspaceDriver } from "./driver/local";
import { writeStackPolicyConfig } from "./plan/policy-gate";
import { repoRoot } from "./plan/stack-file";
import { explainRollout, policyPackPresent } from "./rollout/dry-run";
import { FileProgressStore, ProgressFileError, resumeCommand } from "./rollout/progress-file";
import { defaultHealthPolicy, ResumeError, runRollout } from "./rollout/run";
import { LineView, TtyView } from "./rollout/view";
import { systemClock } from "./shared/clock";
import { fetchProbe } from "./shared/http";
import { checkAccounts } from "./stacks/accounts";
import { checkStandbyOrder, loadStacks, StackConfigError, stackFileNames } from "./stacks/catalog";
import { GraphError, rolloutGraph, selectStacks, validateGraph } from "./stacks/graph";

interface RolloutFlags {
  stacks?: string;
  dryRun?: boolean;
  resume?: boolean;
  progressFile: string;
  policyPack: string;
}

const defaultProgressFile = path.join(repoRoot, "out", "rollout", "progress.json");

const program = new Command()
  .name("rollout")
  .description("Roll stacks out in dependency order: policy-gated preview, up, health check, no-change preview")
  .option("--stacks <list>", "comma-separated stacks (default: every stack of the graph)")
  .option("--dry-run", "explain what would run, from the stack files and the graph; needs no Pulumi CLI or AWS")
  .option("--resume", "continue the rollout recorded in the progress file from the stack that failed")
  .option("--progress-file <path>", "where progress is recorded", defaultProgressFile)
  .option("--policy-pack <dir>", "the CrossGuard pack every preview and update runs", path.join(repoRoot, "policies"))
  .action(async (flags: RolloutFlags) => {
    try {
      process.exitCode = await rollout(flags);
    } catch (error) {
      if (error instanceof GraphError || error instanceof StackConfigError || error instanceof ResumeError || error instanceof ProgressFileError) {
        console.error(`rollout: ${error.message}`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });

async function rollout(flags: RolloutFlags): Promise<number> {
  validateGraph(rolloutGraph, stackFileNames());
  const store = new FileProgressStore(path.resolve(flags.progressFile));
  const policyPackPath = path.resolve(flags.policyPack);
  const selection = flags.stacks
    ? flags.stacks.split(",").map((s) => s.trim()).filter(Boolean)
    : flags.resume && store.load()
      ? (store.load()?.waves.flat() ?? [])
      : Object.keys(rolloutGraph);
  const graph = selectStacks(rolloutGraph, selection);
  const stacks = loadStacks(Object.keys(rolloutGraph));
  checkStandbyOrder(rolloutGraph, stacks);
  checkAccounts(rolloutGraph, stacks);

  if (flags.dryRun) {
    const selected = new Map([...stacks].filter(([name]) => name in graph));
    const { lines, blockers } = explainRollout({
      graph, stacks: selected, store, resume: Boolean(flags.resume), policyPackPath, health: defaultHealthPolicy, lockWait: defaultLockWait, root: repoRoot,
    });
    lines.forEach((line) => console.log(line));
    if (blockers.length > 0) console.log(`\nA real rollout would stop before starting: ${blockers.join("; ")}.`);
    return blockers.length > 0 ? 2 : 0;
  }
  if (!policyPackPresent(policyPackPath)) {
    console.error(`rollout: no policy pack at ${policyPackPath} (PulumiPolicy.yaml): refusing to update without the gate`);
    return 2;
  }

  let stopping = false;
  process.on("SIGINT", () => {
    if (stopping) {
      console.error(`\ninterrupted twice: exiting now; ${path.relative(process.cwd(), store.location)} holds the last finished step`);
      process.exit(130);
    }
    stopping = true;
    console.error("\ninterrupted: finishing the running step (Pulumi completes its in-flight operations), starting nothing new; Ctrl-C again to exit now");
  });
  const view = process.stdout.isTTY ? new TtyView(process.stdout) : new LineView((line) => console.log(line), systemClock);
  const result = await runRollout({
    graph,
    driver: new LocalWorkspaceDriver({ workDir: repoRoot, policyPackPath, policyConfigFor: writeStackPolicyConfig }),
    probe: fetchProbe,
    clock: systemClock,
    store,
    view,
    resume: Boolean(flags.resume),
    stopped: () => stopping,
  });
  if (!result.ok) {
    const where = result.failed ? `${result.failed.stack} failed at ${result.failed.step}` : "the rollout was interrupted";
    console.log(`\n${where}. Progress: ${path.relative(process.cwd(), store.location)}. Fix the cause, then: ${resumeCommand(store.location, defaultProgressFile)}`);
  }
  return result.ok ? 0 : 1;
}

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void program.parseAsync(process.argv);
