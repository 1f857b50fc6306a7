import type { PlatformSettings } from "../../model/platform";
import { Backup } from "../backup";
import type { Keys } from "../security/keys";
import type { Storage } from "../storage";
import type { DataTier } from "./data";
import type { StackBase } from "./stack";

/**
 * The tag the backup plan selects by, when backups are on: the database and the buckets whose
 * storage settings ask for backups carry it, so the plan needs no list of resources.
 */
export function backupSelectionTag(config: PlatformSettings): { readonly key: string; readonly value: string } | undefined {
  return config.backup?.enabled ? config.backup.selectionTag : undefined;
}

/** Settings -> the backup tier: the vault, the plan and its selection; none when backups are off. */
export function buildBackup(config: PlatformSettings, { context, opts }: StackBase, deps: { keys: Keys; storage: Storage; data?: DataTier }): Backup | undefined {
  const backup = config.backup?.enabled ? config.backup : undefined;
  if (!backup) return undefined;
  const { keys, storage, data } = deps;
  return new Backup(
    context.namePrefix,
    {
      context,
      timezone: backup.timezone,
      rules: backup.rules,
      selectionTag: backup.selectionTag,
      dataKeyArn: keys.data.arn,
      storageKeyArn: keys.storage.arn,
      databaseArns: data ? [data.database.arn] : [],
      bucketArns: storage.backupBuckets.map((key) => storage.buckets[key].arn),
      copyToVaultArn: backup.copyToVaultArn,
      vaultLock: backup.vaultLock,
      dataProtection: config.dataProtection,
    },
    opts,
  );
}
