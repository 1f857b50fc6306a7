import * as path from "path";
import { LocalWorkspaceDriver } from "../driver/local";
import { writeStackPolicyConfig } from "../plan/policy-gate";
import { repoRoot } from "../plan/stack-file";
import { policyPackPresent } from "../rollout/dry-run";
import { formatDuration, systemClock } from "../shared/clock";
import { loadStacks, StackConfigError } from "../stacks/catalog";
import { AwsDrillCloud, defaultAwsClients } from "./aws/cloud";
import type { DrillMode } from "./cloud";
import { explainDrill } from "./explain";
import { measure } from "./record";
import { FileReportStore, ReportFileError } from "./report";
import { DrillResumeError, runDrill } from "./run";
import { DrillInputError, DrillKind, validateDrill } from "./validate";

export interface DrillFlags {
  readonly primary: string;
  readonly standby: string;
  readonly mode?: DrillMode;
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly resume?: boolean;
  readonly reports: string;
  readonly policyPack: string;
}

export const defaultReportsDir = path.join(repoRoot, "out", "drills");
export const defaultPolicyPack = path.join(repoRoot, "policies");

/** The body of `npm run drill` and `npm run failback`; returns the exit code. */
export async function drillCommand(kind: DrillKind, flags: DrillFlags): Promise<number> {
  try {
    return await run(kind, flags);
  } catch (error) {
    if (error instanceof DrillInputError || error instanceof StackConfigError || error instanceof DrillResumeError || error instanceof ReportFileError) {
      console.error(`${kind}: ${error.message.split("\n").join(`\n${kind}: `)}`);
      console.error(`${kind}: nothing was changed`);
      return 2;
    }
    throw error;
  }
}

async function run(kind: DrillKind, flags: DrillFlags): Promise<number> {
  const mode = flags.mode ?? "planned";
  const stacks = loadStacks([flags.primary, flags.standby]);
  const setup = validateDrill({ kind, primary: flags.primary, standby: flags.standby, mode, force: Boolean(flags.force), resume: flags.resume }, stacks);
  if (flags.dryRun) {
    explainDrill(setup).forEach((line) => console.log(line));
    return 0;
  }
  const policyPackPath = path.resolve(flags.policyPack);
  if (!policyPackPresent(policyPackPath)) {
    console.error(`${kind}: no policy pack at ${policyPackPath} (PulumiPolicy.yaml): the drill's 'pulumi up' runs with the gate or not at all`);
    return 2;
  }
  const store = new FileReportStore(path.resolve(flags.reports), repoRoot);
  const resume = flags.resume ? store.latestStopped(kind, flags.primary, flags.standby) : undefined;
  if (flags.resume && !resume) throw new DrillResumeError(`no stopped ${kind} of ${flags.primary} / ${flags.standby} in ${flags.reports}`);
  // A failback restores the primary's scalable targets as the drill's fence saved them.
  const drill = kind === "failback" && !resume ? store.latestCompletedDrill(flags.primary, flags.standby) : undefined;
  const drillFence = drill?.fence ? { startedAt: drill.startedAt, fence: drill.fence } : undefined;

  let stopping = false;
  process.on("SIGINT", () => {
    if (stopping) {
      console.error(`\ninterrupted twice: exiting now; the report in ${flags.reports} holds the last finished step`);
      process.exit(130);
    }
    stopping = true;
    console.error(`\ninterrupted: the ${kind} stops at its next wait and writes the report; Ctrl-C again to exit now`);
  });
  const clients = defaultAwsClients();
  const record = await runDrill({
    setup,
    driver: new LocalWorkspaceDriver({ workDir: repoRoot, policyPackPath, policyConfigFor: writeStackPolicyConfig }),
    clock: systemClock,
    makeCloud: (targets) => new AwsDrillCloud(targets, { clients, clock: systemClock }),
    store,
    stopped: () => stopping,
    resume,
    drillFence,
    log: (line) => console.log(line),
  });

  const m = measure(record);
  console.log("");
  console.log(`${kind} ${record.outcome}${record.stoppedAt ? ` at ${record.stoppedAt}` : ""}`);
  if (m.rtoSeconds !== undefined) console.log(`RTO ${formatDuration(m.rtoSeconds * 1000)} (target ${record.targets.rtoMinutes} min): ${m.rtoPass ? "pass" : "FAIL"}`);
  if (m.rpoSeconds !== undefined) console.log(`RPO ${m.rpoSeconds === null ? "n/a" : `${m.rpoSeconds} s`} (target ${record.targets.rpoMinutes} min): ${m.rpoPass ? "pass" : "FAIL"}`);
  record.recovery.forEach((line) => console.log(line));
  if (record.files) console.log(`report: ${record.files.markdown} (and ${path.basename(record.files.json)})`);
  return record.outcome === "passed" ? 0 : 1;
}
