import { z } from "zod";
import { dataIdentifiers, isBurstable, rdsIdentifierProblem, replicationGroupIdProblem, tlsParameter } from "../../model/data/engines";
import { durationMinutes, overlaps, parseDailyWindow, parseWeeklyWindow } from "../../model/data/windows";
import type { CacheConfig, DataConfig } from "./data";

/** What the data checks read besides `platform:data`. */
export interface DataCheckInput {
  readonly project: string;
  readonly environment: string;
  readonly network: { readonly availabilityZones: readonly string[] };
  readonly data?: DataConfig;
}

/**
 * Rules across fields of `platform:data` that zod's per-field schema cannot state: windows that
 * collide, storage that cannot grow, members with the same name, classes a global database
 * refuses, autoscaling bounds, replicas a single-node cache cannot have, and names AWS rejects.
 */
export function checkData(config: DataCheckInput, ctx: z.RefinementCtx): void {
  const { data } = config;
  if (!data) return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["data", ...path], message });
  const { database, cache } = data;
  const ids = dataIdentifiers(config.project, config.environment);

  const idProblem = rdsIdentifierProblem(ids.database);
  if (idProblem) issue(["database"], `identifier ${idProblem}: shorten project or environment`);
  const groupProblem = replicationGroupIdProblem(ids.cache);
  if (groupProblem) issue(["cache"], groupProblem);

  checkWindows(issue, ["database"], database.backupWindow, "backupWindow", database.maintenanceWindow, 30);
  checkWindows(issue, ["cache"], cache.snapshotWindow, "snapshotWindow", cache.maintenanceWindow, 60);

  const tls = tlsParameter(database.engine);
  if (tls.name in database.parameters) {
    issue(["database", "parameters", tls.name], `is set by the platform to ${tls.value} (TLS is always required)`);
  }

  if (database.engine === "postgres") {
    if (database.maxStorageGb !== undefined && database.maxStorageGb <= database.storageGb) {
      issue(["database", "maxStorageGb"], `must be more than storageGb (${database.storageGb}) for storage autoscaling, or omitted`);
    }
    duplicates(database.readReplicas.map((r) => r.name)).forEach((index) => issue(["database", "readReplicas", index, "name"], "is used twice"));
  } else {
    const zones = config.network.availabilityZones;
    duplicates(database.readers.map((r) => r.name)).forEach((index) => issue(["database", "readers", index, "name"], "is used twice"));
    database.readers.forEach((reader, index) => {
      if (reader.availabilityZone !== undefined && !zones.includes(reader.availabilityZone)) {
        issue(["database", "readers", index, "availabilityZone"], `is not one of the stack's zones (allowed: ${zones.join(", ")})`);
      }
    });
    if (database.globalDatabase) {
      // Aurora global databases run on memory-optimised classes only (Aurora User Guide,
      // "Limitations of Aurora global databases").
      if (isBurstable(database.instanceClass)) {
        issue(["database", "instanceClass"], "is burstable: an Aurora global database needs db.r* or db.x2g classes");
      }
      database.readers.forEach((reader, index) => {
        if (reader.instanceClass && isBurstable(reader.instanceClass)) {
          issue(["database", "readers", index, "instanceClass"], "is burstable: an Aurora global database needs db.r* or db.x2g classes");
        }
      });
    }
    const scaling = database.readerAutoscaling;
    if (scaling) {
      if (scaling.minReaders > scaling.maxReaders) issue(["database", "readerAutoscaling", "minReaders"], `must not exceed maxReaders (${scaling.maxReaders})`);
      if (scaling.maxReaders < database.readers.length) {
        issue(["database", "readerAutoscaling", "maxReaders"], `must be at least the ${database.readers.length} configured readers`);
      }
    }
  }

  checkCacheTopology(issue, ["cache"], cache);
}

type Issue = (path: (string | number)[], message: string) => void;

/** Replicas and shards each cache mode allows; shared with the standby's own cache (dr-checks.ts). */
export function checkCacheTopology(issue: Issue, at: (string | number)[], cache: Pick<CacheConfig, "mode" | "shards" | "replicasPerShard">): void {
  if (cache.mode === "single-node" && cache.replicasPerShard > 0) {
    issue([...at, "replicasPerShard"], "a single-node cache has no replicas: set 0, or use mode replicated or cluster");
  }
  if (cache.mode === "replicated" && cache.replicasPerShard === 0) {
    issue([...at, "replicasPerShard"], "a replicated cache needs 1-5 replicas (use mode single-node for one node)");
  }
  if (cache.mode !== "cluster" && cache.shards > 1) {
    issue([...at, "shards"], `only cluster mode has more than one shard (mode is ${cache.mode})`);
  }
}

/** A daily window and the weekly maintenance window: long enough, and apart. */
export function checkWindows(issue: Issue, at: (string | number)[], dailyText: string, dailyKey: string, weeklyText: string, minimumMinutes: number): void {
  const daily = parseDailyWindow(dailyText);
  const weekly = parseWeeklyWindow(weeklyText);
  if (!daily || !weekly) return; // the field schema already reported the format
  if (durationMinutes(daily) < minimumMinutes) issue([...at, dailyKey], `must last at least ${minimumMinutes} minutes`);
  if (durationMinutes(weekly) < minimumMinutes) issue([...at, "maintenanceWindow"], `must last at least ${minimumMinutes} minutes`);
  if (durationMinutes(daily) > 24 * 60 - 1) issue([...at, dailyKey], "must be shorter than a day");
  if (overlaps(daily, weekly)) issue([...at, "maintenanceWindow"], `overlaps ${dailyKey} ${dailyText}: AWS requires the two apart`);
}

/** Indexes of entries that repeat an earlier entry. */
function duplicates(names: readonly string[]): number[] {
  return names.flatMap((name, index) => (names.indexOf(name) !== index ? [index] : []));
}
