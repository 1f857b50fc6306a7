import type { StackDriver } from "../../driver/types";
import type { Clock } from "../../shared/clock";
import { runStepLoop } from "../step-loop";
import type { DrillTargets } from "../targets";
import { defaultReseedTimings, ReseedCloud, ReseedContext, ReseedTimings } from "./context";
import { ReseedRecord, reseedRecordProblem, ReseedStepRecord } from "./record";
import type { ReseedReportStore } from "./report";
import { reseedSteps } from "./steps";
import type { ReseedSetup } from "./validate";

export interface ReseedRunOptions {
  readonly setup: ReseedSetup;
  readonly driver: StackDriver;
  readonly clock: Clock;
  readonly makeCloud: (targets: DrillTargets) => ReseedCloud;
  readonly store: ReseedReportStore;
  readonly timings?: ReseedTimings;
  readonly stopped?: () => boolean;
  /** A stopped re-seed to continue. */
  readonly resume?: ReseedRecord;
  readonly log?: (line: string) => void;
}

export class ReseedResumeError extends Error {}

/** Runs the re-seed step by step, saving the record before and after each; the first failure stops it. */
export async function runReseed(options: ReseedRunOptions): Promise<ReseedRecord> {
  const { setup, clock, store } = options;
  const log = options.log ?? (() => undefined);
  const record = options.resume ? resumable(options.resume, setup) : newRecord(setup, clock.now());
  let current: ReseedStepRecord | undefined;
  const ctx: ReseedContext = {
    setup,
    driver: options.driver,
    clock,
    timings: options.timings ?? defaultReseedTimings,
    record,
    stopped: options.stopped ?? (() => false),
    makeCloud: options.makeCloud,
    detail: (line) => {
      current?.detail.push(line);
      log(`    ${line}`);
    },
  };
  record.outcome = record.outcome === "already" ? "already" : "running";
  record.stoppedAt = undefined;
  store.save(record);

  await runStepLoop({
    steps: reseedSteps,
    record,
    ctx,
    clock,
    save: () => store.save(record),
    log,
    // On resume the targets are read again; other finished steps stay finished.
    skip: (step, rec) => Boolean(options.resume) && step.id !== "targets" && (rec.status === "done" || rec.status === "skipped"),
    running: (rec) => {
      current = rec as ReseedStepRecord;
    },
  });
  if (record.outcome === "running") record.outcome = "done";
  record.next = nextSteps(record, setup);
  record.endedAt = clock.now();
  store.save(record);
  return record;
}

function newRecord(setup: ReseedSetup, now: number): ReseedRecord {
  return {
    version: 1,
    kind: "reseed",
    from: setup.from.name,
    to: setup.to.name,
    fromSide: setup.fromSide,
    toSide: setup.toSide,
    startedAt: now,
    steps: reseedSteps.map((step) => ({ id: step.id, title: step.title, kind: step.kind, status: "not-run", detail: step.plan(setup) })),
    outcome: "running",
    next: [],
  };
}

function resumable(record: ReseedRecord, setup: ReseedSetup): ReseedRecord {
  const problem = reseedRecordProblem(record);
  if (problem) throw new ReseedResumeError(`the saved re-seed cannot be continued: ${problem}`);
  if (record.outcome !== "stopped" && record.outcome !== "running") throw new ReseedResumeError(`the re-seed started ${new Date(record.startedAt).toISOString()} finished (${record.outcome}): nothing to resume`);
  if (record.from !== setup.from.name || record.to !== setup.to.name) throw new ReseedResumeError(`the saved re-seed is ${record.from} -> ${record.to}, not ${setup.from.name} -> ${setup.to.name}`);
  return JSON.parse(JSON.stringify(record)) as ReseedRecord;
}

/** What to do next, with the commands; in the report and on the console. */
function nextSteps(record: ReseedRecord, setup: ReseedSetup): string[] {
  const resume = `npm run reseed -- --from ${record.from} --to ${record.to} --resume`;
  const instance = record.instance;
  if (record.outcome === "stopped") {
    const step = record.steps.find((s) => s.id === record.stoppedAt);
    if (!step || step.kind === "check") return ["Nothing was changed: the re-seed stopped in its checks.", "Fix what the check reports and run the re-seed again (without --resume)."];
    return [
      `Stopped at "${step.title}". Nothing was deleted${instance ? `: ${instance.identifier}'s previous copy is (or is becoming) ${instance.keptAs}` : ""}.`,
      `Continue: ${resume} (each step reads RDS first, so what was done is not done again)`,
    ];
  }
  const lines = [`${instance?.identifier ?? record.to} (${instance?.region ?? ""}) follows ${record.from}'s instance, its lag under the RPO.`];
  if (record.outcome === "done" && instance) {
    lines.push(
      `Kept: ${instance.keptAs}, the previous copy, with its deletion protection as it was. It is not in any Pulumi state. Delete it only after the pair is checked (npm run readiness; after a failback, the failback's report): ` +
        `aws rds modify-db-instance --region ${instance.region} --db-instance-identifier ${instance.keptAs} --no-deletion-protection --apply-immediately, then ` +
        `aws rds delete-db-instance --region ${instance.region} --db-instance-identifier ${instance.keptAs} --final-db-snapshot-identifier ${instance.keptAs}-final`,
    );
  }
  lines.push(
    setup.toSide === "primary"
      ? `Next: npm run failback -- --primary ${setup.primary.name} --standby ${setup.standby.name} (it promotes this follower). Until then do not refresh and roll ${setup.primary.name} out: its program declares no replication source, and an update that removes it promotes the instance.`
      : `${setup.standby.name} stands by again with a replica of ${setup.primary.name}'s database: pulumi refresh ${setup.standby.name} takes its new ARN and status into the state (the same identifier, so the same resource), and a drill can run.`,
  );
  return lines;
}
