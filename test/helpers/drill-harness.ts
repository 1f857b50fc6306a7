import type { DataSettings } from "../../model/data/settings";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy, DrSettings, DrState } from "../../model/dr/settings";
import type { DrillMode } from "../../automation/drill/cloud";
import type { DrillRecord } from "../../automation/drill/record";
import { MemoryReportStore } from "../../automation/drill/report";
import { DrillRunOptions, runDrill } from "../../automation/drill/run";
import { defaultTimings } from "../../automation/drill/steps";
import { DrillKind, DrillSetup, validateDrill } from "../../automation/drill/validate";
import { loadStacks, StackInfo } from "../../automation/stacks/catalog";
import { FakeClock } from "./fake-clock";
import { FakeAws, drillTargets } from "./fake-aws";
import { FakeDriver } from "./fake-driver";

/** prod and prod-dr as their stack files say, with the standby's DR settings replaced. */
export function pairStacks(change: { promote?: DrSettings["promote"]; primaryState?: DrState; standbyState?: DrState; standby?: DrSettings["standby"] } = {}): Map<string, StackInfo> {
  const stacks = loadStacks(["prod", "prod-dr"]);
  const prod = stacks.get("prod") as StackInfo;
  const dr = stacks.get("prod-dr") as StackInfo;
  const prodDr = prod.config.dr as DrSettings;
  const data = change.promote ? primaryData(prod.config.data as DataSettings, change.promote) : prod.config.data;
  const standbyDr = dr.config.dr as DrSettings;
  return new Map([
    ["prod", { ...prod, config: { ...prod.config, data, dr: { ...prodDr, ...(change.primaryState ? { state: change.primaryState } : {}) } } }],
    [
      "prod-dr",
      {
        ...dr,
        config: {
          ...dr.config,
          dr: {
            ...standbyDr,
            ...(change.promote ? { promote: change.promote, replica: standbyReplica(standbyDr, change.promote) } : {}),
            ...(change.standby ? { standby: change.standby } : {}),
            ...(change.standbyState ? { state: change.standbyState } : {}),
          },
        },
      },
    ],
  ]);
}

/** prod's data stores as the standby's promotions need them (only engine, version, global flag and node type matter). */
function primaryData(data: DataSettings, promote: NonNullable<DrSettings["promote"]>): DataSettings | undefined {
  if (promote.database === "none" && promote.cache === "none") return undefined;
  const database = promote.database === "aurora-global" ? { ...data.database, engine: "aurora-postgresql", engineVersion: "16.6", globalDatabase: true, readers: [] } : data.database;
  const cache = promote.cache === "global-datastore" ? { ...data.cache, nodeType: "cache.r7g.large" } : data.cache;
  return { database, cache } as DataSettings;
}

/** The standby's replica settings that go with its promotions: the database copies the primary's engine. */
function standbyReplica(dr: DrSettings, promote: NonNullable<DrSettings["promote"]>): DrSettings["replica"] {
  const replica = dr.replica as NonNullable<DrSettings["replica"]>;
  const database =
    promote.database === "none"
      ? undefined
      : promote.database === "aurora-global"
        ? { ...(replica.database as object), engine: "aurora-postgresql" as const, engineVersion: "16.6", instanceClass: "db.r6g.large", readers: [] }
        : replica.database;
  return { ...replica, database: database as NonNullable<DrSettings["replica"]>["database"], cache: promote.cache === "warm-empty" ? replica.cache : undefined };
}

export interface Harness {
  readonly aws: FakeAws;
  readonly driver: FakeDriver;
  readonly clock: FakeClock;
  readonly store: MemoryReportStore;
  readonly setup: DrillSetup;
  run(extra?: Partial<DrillRunOptions>): Promise<DrillRecord>;
}

/**
 * A drill of prod -> prod-dr (or a failback) against FakeAws and FakeDriver, on a fake clock. The
 * driver's calls go into the same trace as the AWS calls, so a test sees one ordered sequence.
 */
export function harness(options: {
  database: DatabaseStandbyStrategy;
  cache: CacheStandbyStrategy;
  kind?: DrillKind;
  mode?: DrillMode;
  standbyTasks?: number;
  /** The standby replicates prod's files bucket (the drill output's `files`); `one-way`: without the reverse rule. */
  files?: boolean | "one-way";
}): Harness {
  const kind = options.kind ?? "drill";
  const standbyTasks = options.standbyTasks ?? 0;
  const failback = kind === "failback";
  const stacks = pairStacks({
    promote: { database: options.database, cache: options.cache },
    standby: standbyTasks > 0 ? { mode: "warm", tasksPerService: standbyTasks } : undefined,
    ...(failback ? { primaryState: "standby" as const, standbyState: "serving" as const } : {}),
  });
  const setup = validateDrill({ kind, primary: "prod", standby: "prod-dr", mode: options.mode ?? "planned", force: false }, stacks);
  const targets = drillTargets(options.database, options.cache, options.files);
  const aws = failback ? new FakeAws(targets, 2, 0) : new FakeAws(targets, standbyTasks, 2);
  if (failback) {
    Object.assign(aws.db, { writer: "standby", pending: "standby" });
    if (options.database === "rds-replica") aws.rdsPromoted();
    Object.assign(aws.cache, { writer: "standby", pending: "standby" });
    aws.dns.inverted = true;
    // The drill left prod fenced (bounds 0, scaling suspended) and prod-dr serving at its configured bounds.
    for (const target of aws.scaling.primary.values()) Object.assign(target, { min: 0, max: 0, suspended: { dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true } });
    for (const target of aws.scaling.standby.values()) Object.assign(target, { min: 2, max: 5 });
  }
  const clock = new FakeClock();
  const store = new MemoryReportStore();
  const driver: FakeDriver = new FakeDriver({
    outputs: { "prod-dr": { drill: targets } },
    onCall: (call) => aws.trace.push(`pulumi ${call.op} ${call.stack}${call.key ? ` ${call.key}=${call.value}` : ""}`),
    onSuccess: (call) => {
      if (call.op !== "up") return;
      // What the stack's program does with platform:dr.state: full size when serving.
      const serving = driver.config.get(call.stack)?.get("platform:dr.state") === "serving";
      // Serving: the configured 2/2/5 (max as Pulumi.prod.yaml's frontend); standing by: the posture's size.
      if (serving) aws.scaleTo(call.stack === "prod" ? "primary" : "standby", 2, 5);
      else aws.scaleTo(call.stack === "prod" ? "primary" : "standby", standbyTasks);
    },
  });
  return {
    aws,
    driver,
    clock,
    store,
    setup,
    run: (extra = {}) => runDrill({ setup, driver, clock, makeCloud: () => aws.cloud(clock), store, timings: defaultTimings, ...extra }),
  };
}
