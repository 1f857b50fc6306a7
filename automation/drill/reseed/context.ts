import type { CreateDBInstanceReadReplicaCommandInput, DBInstance } from "@aws-sdk/client-rds";
import type { StackDriver } from "../../driver/types";
import { Clock, formatDuration } from "../../shared/clock";
import { InterruptedError } from "../steps";
import type { DrillTargets, SideName } from "../targets";
import type { ReseedRecord, ReseedStepId } from "./record";
import type { ReseedSetup } from "./validate";

/** The cloud calls of a re-seed: RDS instances by region, and the follower's ReplicaLag. */
export interface ReseedCloud {
  describe(region: string, identifier: string): Promise<DBInstance | undefined>;
  rename(region: string, identifier: string, newIdentifier: string): Promise<void>;
  createReplica(region: string, input: CreateDBInstanceReadReplicaCommandInput): Promise<void>;
  setGroupAndWindow(region: string, identifier: string, change: { readonly parameterGroup?: string; readonly maintenanceWindow?: string }): Promise<void>;
  reboot(region: string, identifier: string): Promise<void>;
  /** CloudWatch ReplicaLag of `side`'s instance, latest 1-minute datapoint (seconds). */
  lagSeconds(side: SideName): Promise<number | undefined>;
}

/**
 * How long each wait may take. Creating a cross-region replica copies the whole database (a
 * snapshot shipped across regions, then the WAL since): hours for a large one.
 */
export interface ReseedTimings {
  readonly pollMs: number;
  readonly renameMs: number;
  readonly createMs: number;
  readonly settingsMs: number;
  readonly catchUpMs: number;
}

export const defaultReseedTimings: ReseedTimings = { pollMs: 30_000, renameMs: 30 * 60_000, createMs: 8 * 3_600_000, settingsMs: 30 * 60_000, catchUpMs: 2 * 3_600_000 };

export interface ReseedContext {
  readonly setup: ReseedSetup;
  readonly driver: StackDriver;
  readonly clock: Clock;
  readonly timings: ReseedTimings;
  readonly record: ReseedRecord;
  readonly stopped: () => boolean;
  readonly makeCloud: (targets: DrillTargets) => ReseedCloud;
  targets?: DrillTargets;
  cloud?: ReseedCloud;
  detail(line: string): void;
}

export interface ReseedStep {
  readonly id: ReseedStepId;
  readonly title: string;
  readonly kind: "check" | "change";
  plan(setup: ReseedSetup): string[];
  run(ctx: ReseedContext): Promise<"done" | "skipped">;
}

/** What the targets step found: the instance to replace, its region, the kept name, and the source. */
export function instanceOf(ctx: ReseedContext): { cloud: ReseedCloud; id: string; region: string; keptAs: string; sourceArn: string; fromId: string; fromRegion: string } {
  const instance = ctx.record.instance;
  if (!ctx.cloud || !ctx.targets || !instance) throw new Error("the targets were not read (the targets step did not run)");
  const db = ctx.targets.database;
  if (db.strategy !== "rds-replica") throw new Error("not an RDS read-replica pair");
  return { cloud: ctx.cloud, id: instance.identifier, region: instance.region, keptAs: instance.keptAs, sourceArn: instance.sourceArn ?? "", fromId: db[ctx.setup.fromSide].instanceIdentifier, fromRegion: ctx.targets[ctx.setup.fromSide].region };
}

export async function waitUntil(ctx: ReseedContext, what: string, timeoutMs: number, check: () => Promise<{ done: boolean; detail: string }>): Promise<string> {
  const deadline = ctx.clock.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result.done) return result.detail;
    if (ctx.stopped()) throw new InterruptedError();
    if (ctx.clock.now() + ctx.timings.pollMs > deadline) throw new Error(`timed out after ${formatDuration(timeoutMs)} waiting for ${what}; last: ${result.detail}`);
    await ctx.clock.sleep(ctx.timings.pollMs);
  }
}

/** One line about an instance, for the timeline. */
export function describeInstance(instance: DBInstance | undefined, identifier: string): string {
  if (!instance) return `${identifier}: none`;
  const source = instance.ReadReplicaSourceDBInstanceIdentifier;
  return `${instance.DBInstanceIdentifier} ${instance.DBInstanceStatus}${source ? `, replica of ${source}` : ", standalone"}`;
}

/** `2026-11-01T01:00:00Z` -> `20261101t010000z`: RDS stores identifiers in lower case, letters, digits and hyphens only. */
export function identifierStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "z").replace(/[-:]/g, "").replace("T", "t");
}
