import type { BackupSettings } from "../backup/settings";
import type { DataSettings } from "../data/settings";
import type { BucketSettings } from "../storage/settings";
import { longestGapMinutes } from "../schedule/interval";
import type { DrSettings } from "./settings";

/**
 * How each store a standby expects reaches its region, and the most data that way can lose: the
 * achievable RPO of the mechanism, checked against the pair's targets before anything is built.
 * A target the mechanism cannot meet is a config error naming the field to change; the
 * `readiness` command then measures what the mechanism does achieve, store by store.
 *
 * The bounds, each from AWS's own documentation:
 * - `rds-replica`: an RDS cross-region read replica replicates asynchronously; AWS gives no bound,
 *   the lag is reported as ReplicaLag (seconds) and is typically seconds (RDS User Guide, "Working
 *   with DB instance read replicas", cross-Region replicas). Counted as 1 minute here.
 * - `aurora-global`: Aurora global databases replicate "with typical latency of under a second"
 *   (Aurora User Guide, "Using Amazon Aurora global databases"); the lag is
 *   AuroraGlobalDBReplicationLag / AuroraGlobalDBRPOLag. Counted as 1 minute.
 * - `s3-replication-rtc`: S3 Replication Time Control "replicates most objects in seconds and
 *   99.99 percent of them within 15 minutes", backed by an SLA; 15 is also the only value its
 *   ReplicationTime and EventThreshold take (S3 User Guide, "Meeting compliance requirements with
 *   S3 Replication Time Control"). The guaranteed bound, 15 minutes, is what is counted: a target
 *   below it would be met most of the time and missed without warning.
 * - `backup-copy`: AWS Backup copies a recovery point to the other region's vault after each
 *   backup job (the plan rule's copy action), so a restore there loses what was written since the
 *   last run of the plan: the longest gap between the runs of its rules (model/schedule/interval.ts;
 *   seed 000's daily rule: 24 h). The copy's own duration adds to it.
 */

export const recoveryMechanisms = ["rds-replica", "aurora-global", "s3-replication-rtc", "backup-copy"] as const;
export type RecoveryMechanism = (typeof recoveryMechanisms)[number];

/** Minutes of data each continuous mechanism can lose (see above); a backup copy's follows its plan. */
export const continuousBoundMinutes: Readonly<Record<Exclude<RecoveryMechanism, "backup-copy">, number>> = {
  "rds-replica": 1,
  "aurora-global": 1,
  "s3-replication-rtc": 15,
};

/** One store of the primary the standby expects in its region, how it gets there, and what that can lose. */
export interface StoreCopy {
  /** `database`, or `bucket <key>`. */
  readonly store: string;
  readonly mechanism: RecoveryMechanism;
  /** The most minutes of data the mechanism can lose; undefined when the primary does not copy the store at all. */
  readonly boundMinutes?: number;
  /** Why the bound is what it is, for the message. */
  readonly basis: string;
  /** The standby's field that chose the mechanism (under platform:dr). */
  readonly field: string;
  /** The target the bound is held against, and the field it is set in. */
  readonly target: { readonly minutes: number; readonly field: string };
}

interface Side {
  readonly name: string;
  readonly config: {
    readonly project: string;
    readonly environment: string;
    readonly region: string;
    readonly data?: DataSettings;
    readonly storage: { readonly buckets: readonly Pick<BucketSettings, "name" | "replicate" | "backup">[] };
    readonly backup?: BackupSettings;
    readonly dr?: DrSettings;
  };
}

/** The vault a standby creates for its primary's copies (components/platform/dr.ts names it so). */
export function copiesVaultName(standby: { readonly project: string; readonly environment: string }, primaryStack: string): string {
  return `${standby.project}-${standby.environment}-from-${primaryStack}`;
}

/** The longest gap between the primary's backups, and its basis; undefined when it takes none. */
function backupInterval(backup: BackupSettings | undefined): { minutes: number; basis: string } | undefined {
  if (!backup?.enabled || backup.rules.length === 0) return undefined;
  // Each rule copies its own recovery points: the most frequent rule bounds the gap.
  const gaps = backup.rules.map((rule) => ({ rule: rule.name, minutes: longestGapMinutes(rule.schedule) }));
  const best = gaps.reduce((a, b) => (b.minutes < a.minutes ? b : a));
  return { minutes: best.minutes, basis: `the primary's platform:backup.rules ${best.rule} runs at most ${best.minutes} min apart` };
}

/** Every store the standby expects from its primary, with the mechanism's bound and the target. */
export function storeCopies(primary: Side, standby: Side): StoreCopy[] {
  const dr = standby.config.dr;
  if (!dr?.promote) return [];
  const targets = dr.targets;
  const databaseTarget = { minutes: targets.rpoMinutes, field: "platform:dr.targets.rpoMinutes" };
  const filesTarget =
    targets.filesRpoMinutes === undefined ? databaseTarget : { minutes: targets.filesRpoMinutes, field: "platform:dr.targets.filesRpoMinutes" };
  const copies: StoreCopy[] = [];
  const interval = backupInterval(primary.config.backup);
  const copiesHere = primary.config.backup?.copyToVaultArn?.endsWith(`:backup-vault:${copiesVaultName(standby.config, primary.name)}`) === true;
  const backupBound = (what: string) =>
    interval && copiesHere
      ? { boundMinutes: interval.minutes, basis: interval.basis }
      : { basis: `${primary.name} does not copy ${what} here: its platform:backup.copyToVaultArn must name this stack's vault ${copiesVaultName(standby.config, primary.name)}${interval ? "" : " (and its backups must be enabled with a rule)"}` };

  if (dr.promote.database !== "none") {
    const mechanism = dr.promote.database;
    copies.push({ store: "database", mechanism, boundMinutes: continuousBoundMinutes[mechanism], basis: `${mechanism} replicates continuously`, field: "platform:dr.promote.database", target: databaseTarget });
  } else if (dr.replica?.databaseBackups && primary.config.data?.database) {
    copies.push({ store: "database", mechanism: "backup-copy", ...backupBound("its database's recovery points"), field: "platform:dr.replica.databaseBackups", target: databaseTarget });
  }
  (dr.replica?.buckets ?? []).forEach((bucket, index) => {
    const field = `platform:dr.replica.buckets[${index}].via`;
    if (bucket.via === "backup-copy") {
      copies.push({ store: `bucket ${bucket.name}`, mechanism: "backup-copy", ...backupBound(`bucket ${bucket.name}'s recovery points`), field, target: filesTarget });
    } else {
      copies.push({ store: `bucket ${bucket.name}`, mechanism: "s3-replication-rtc", boundMinutes: continuousBoundMinutes["s3-replication-rtc"], basis: "S3 Replication Time Control's SLA is 15 min", field, target: filesTarget });
    }
  });
  return copies;
}

/**
 * Problems of the pair's RPO, one sentence each naming the field: a store the primary does not
 * copy where the standby expects it, or a mechanism whose bound exceeds the target.
 */
export function recoveryPointProblems(primary: Side, standby: Side): string[] {
  const problems: string[] = [];
  for (const copy of storeCopies(primary, standby)) {
    if (copy.boundMinutes === undefined) {
      problems.push(`${standby.name}'s ${copy.field}: ${copy.store} arrives by ${copy.mechanism}, but ${copy.basis}`);
    } else if (copy.boundMinutes > copy.target.minutes) {
      const advice =
        copy.mechanism !== "backup-copy"
          ? "no faster copy exists for this store: raise the target"
          : copy.store === "database"
            ? "use a replica (promote.database)"
            : "use replication (via: replication, S3 RTC: 15 min)";
      problems.push(`${standby.name}'s ${copy.field}: ${copy.store} by ${copy.mechanism} can lose up to ${copy.boundMinutes} min (${copy.basis}), above ${copy.target.field} ${copy.target.minutes} min; ${advice}`);
    }
  }
  if (standby.config.dr?.replica?.databaseBackups && !primary.config.data?.database) {
    problems.push(`${standby.name}'s platform:dr.replica.databaseBackups is set, but ${primary.name} has no database (platform:data.database)`);
  }
  // A bucket copied by backup must be one the primary backs up.
  (standby.config.dr?.replica?.buckets ?? []).forEach((bucket, index) => {
    if (bucket.via !== "backup-copy") return;
    const source = primary.config.storage.buckets.find((b) => b.name === bucket.name);
    if (!source) problems.push(`${standby.name}'s platform:dr.replica.buckets[${index}].name: ${primary.name} has no bucket ${bucket.name}`);
    else if (!source.backup) problems.push(`${standby.name}'s platform:dr.replica.buckets[${index}].via is backup-copy, but ${primary.name} does not back up bucket ${bucket.name} (platform:storage.buckets[].backup)`);
  });
  return problems;
}
