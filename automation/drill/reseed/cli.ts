import * as path from "path";
import { LocalWorkspaceDriver } from "../../driver/local";
import { writeStackPolicyConfig } from "../../plan/policy-gate";
import { repoRoot } from "../../plan/stack-file";
import { systemClock } from "../../shared/clock";
import { loadStacks, StackConfigError } from "../../stacks/catalog";
import { defaultAwsClients } from "../aws/cloud";
import { awsReseedCloud } from "../aws/instances";
import { defaultPolicyPack } from "../cli";
import { ReportFileError } from "../report";
import { FileReseedStore } from "./report";
import { ReseedResumeError, runReseed } from "./run";
import { reseedSteps } from "./steps";
import { ReseedInputError, validateReseed } from "./validate";

export interface ReseedFlags {
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
  readonly resume?: boolean;
  readonly reports: string;
}

/** The body of `npm run reseed`; returns the exit code (0 done, 1 stopped, 2 bad input, nothing changed). */
export async function reseedCommand(flags: ReseedFlags, log: (line: string) => void = console.log, error: (line: string) => void = console.error): Promise<number> {
  try {
    const stacks = loadStacks([flags.from, flags.to]);
    const setup = validateReseed({ from: flags.from, to: flags.to, resume: flags.resume }, stacks);
    if (flags.dryRun) {
      log(`Re-seed ${setup.to.name}'s database (${setup.to.config.region}) as a read replica of ${setup.from.name}'s (${setup.from.config.region})`);
      log("Dry run: nothing is read from AWS or Pulumi and nothing changes. Checked offline: the pair, its rds-replica database, who serves (platform:dr.state).");
      reseedSteps.forEach((step, index) => {
        log(`${index + 1}. ${step.kind === "check" ? "check: " : ""}${step.title}`);
        step.plan(setup).forEach((line) => log(`   - ${line}`));
      });
      log("Nothing is deleted: the replaced instance is kept under its new name, and the report says how to delete it after checking.");
      return 0;
    }
    const store = new FileReseedStore(path.resolve(flags.reports), repoRoot);
    const resume = flags.resume ? store.latestStopped(flags.from, flags.to) : undefined;
    if (flags.resume && !resume) throw new ReseedResumeError(`no stopped re-seed of ${flags.from} -> ${flags.to} in ${flags.reports}`);
    // A new re-seed beside a stopped one would take another kept name and misread the half-made follower.
    const stopped = flags.resume ? undefined : store.latestStopped(flags.from, flags.to);
    if (stopped) throw new ReseedResumeError(`the re-seed of ${flags.from} -> ${flags.to} started ${new Date(stopped.startedAt).toISOString()} stopped at ${stopped.stoppedAt ?? "a running step"}: continue it with --resume`);
    let stopping = false;
    process.on("SIGINT", () => {
      if (stopping) process.exit(130);
      stopping = true;
      error("\ninterrupted: the re-seed stops at its next wait and writes the report; Ctrl-C again to exit now");
    });
    const clients = defaultAwsClients();
    const record = await runReseed({
      setup,
      driver: new LocalWorkspaceDriver({ workDir: repoRoot, policyPackPath: path.resolve(defaultPolicyPack), policyConfigFor: writeStackPolicyConfig }),
      clock: systemClock,
      makeCloud: (targets) => awsReseedCloud(clients, targets, systemClock),
      store,
      stopped: () => stopping,
      resume,
      log,
    });
    log("");
    log(`reseed ${record.outcome}${record.stoppedAt ? ` at ${record.stoppedAt}` : ""}`);
    record.next.forEach((line) => log(line));
    if (record.files) log(`report: ${record.files.markdown} (and ${path.basename(record.files.json)})`);
    return record.outcome === "stopped" ? 1 : 0;
  } catch (problem) {
    if (problem instanceof ReseedInputError || problem instanceof StackConfigError || problem instanceof ReseedResumeError || problem instanceof ReportFileError) {
      error(`reseed: ${problem.message.split("\n").join("\nreseed: ")}`);
      error("reseed: nothing was changed");
      return 2;
    }
    throw problem;
  }
}
