/** AWS Backup keeps a recovery point at most 100 years. */
export const maxBackupRetentionDays = 36500;

/** One rule of the backup plan. */
export interface BackupRuleSettings {
  /** Stable key: `daily`, `weekly`, `monthly`. */
  readonly name: string;
  /** cron() in the plan's time zone. */
  readonly schedule: string;
  /** Days a recovery point is kept. */
  readonly retentionDays: number;
  /** Minutes a job may wait to start before it is cancelled (at least 60). */
  readonly startWindowMinutes: number;
  /** Minutes a started job may run before it is cancelled. */
  readonly completionWindowMinutes: number;
}

/** An AWS Backup vault and plan (`platform:backup`). */
export interface BackupSettings {
  /** Off where the databases' own automated backups are enough (dev). */
  readonly enabled: boolean;
  /** IANA zone the rules' cron() is evaluated in. */
  readonly timezone: string;
  readonly rules: readonly BackupRuleSettings[];
  /** Resources carrying this tag are backed up. */
  readonly selectionTag: { readonly key: string; readonly value: string };
  /** Copy every recovery point to this vault in the standby region. */
  readonly copyToVaultArn?: string;
  /** Vault Lock in governance mode: recovery points live between these bounds. */
  readonly vaultLock?: { readonly minRetentionDays: number; readonly maxRetentionDays: number };
}
