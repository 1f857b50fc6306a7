import { z } from "zod";
import { scheduleExpressionProblem } from "../../model/schedule/expression";
import { maxBackupRetentionDays } from "../../model/backup/settings";
import { timeZone } from "./base";

const backupRule = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "must be 2-32 characters of a-z, 0-9 and '-'").describe("Stable key: `daily`, `weekly`, `monthly`."),
    schedule: z.string().superRefine((text, ctx) => {
      const problem = scheduleExpressionProblem(text, ["cron"]);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .describe("cron() in `timezone` (AWS Backup takes cron only)."),
    retentionDays: z.number().int().min(1).max(maxBackupRetentionDays).describe("Days a recovery point is kept (seed 000: 30, 90, 365)."),
    startWindowMinutes: z.number().int().min(60).max(43200).default(60).describe("Minutes a job may wait to start before it is cancelled; AWS Backup needs at least 60."),
    completionWindowMinutes: z.number().int().min(60).max(43200).default(480).describe("Minutes a started job may run before it is cancelled."),
  })
  .strict()
  .describe("`platform:backup`: an AWS Backup vault and plan (seed 000: daily 30 d; prod weekly 90 d, monthly 1 y).");

export const backupSection = z
  .object({
    enabled: z.boolean().describe("Off where the databases' own automated backups are enough (dev)."),
    timezone: timeZone.default("Asia/Seoul").describe("Zone the rules' cron() is evaluated in."),
    rules: z.array(backupRule).default([]).describe("The plan's rules, one per schedule and retention (HookLabs: daily 30 days; prod also weekly 90 days and monthly 365 days)."),
    selectionTag: z
      .object({
        key: z.string().regex(/^[\w .:/=+\-@]{1,128}$/, "must be a tag key").describe("Tag key the plan selects by."),
        value: z.string().min(1).max(256).describe("Tag value the plan selects by."),
      })
      .strict()
      .default({ key: "Backup", value: "daily" })
      .describe("Resources carrying this tag are backed up. The platform tags the database and the buckets whose storage config asks for backups; anything else can opt in by carrying the tag."),
    copyToVaultArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}$/, "must be a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)")
      .optional()
      .describe("Copy every recovery point to this vault in the standby region (the prod-dr stack creates it)."),
    vaultLock: z
      .object({
        minRetentionDays: z.number().int().min(1).max(maxBackupRetentionDays).describe("Days before which no recovery point can be deleted."),
        maxRetentionDays: z.number().int().min(1).max(maxBackupRetentionDays).describe("Days after which the vault deletes a recovery point; every rule's retentionDays must fall between the two."),
      })
      .strict()
      .optional()
      .describe("Vault Lock in governance mode: no one without the bypass permission can delete a recovery point before minRetentionDays, or keep one longer than maxRetentionDays."),
  })
  .strict();

export type BackupConfig = z.infer<typeof backupSection>;

/** Cross-field rules of `platform:backup`. */
export function checkBackup(backup: BackupConfig, region: string, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["backup", ...path], message });
  if (backup.enabled && backup.rules.length === 0) issue(["rules"], "needs at least one rule when backups are enabled");
  const names = new Set<string>();
  backup.rules.forEach((rule, index) => {
    if (names.has(rule.name)) issue(["rules", index, "name"], "is used by another rule");
    names.add(rule.name);
    if (rule.completionWindowMinutes <= rule.startWindowMinutes) {
      issue(["rules", index, "completionWindowMinutes"], `must be longer than startWindowMinutes (${rule.startWindowMinutes})`);
    }
    if (backup.vaultLock) {
      const { minRetentionDays, maxRetentionDays } = backup.vaultLock;
      if (rule.retentionDays < minRetentionDays || rule.retentionDays > maxRetentionDays) {
        issue(["rules", index, "retentionDays"], `must be within the vault lock's ${minRetentionDays}-${maxRetentionDays} days, or the vault rejects the recovery points`);
      }
    }
  });
  if (backup.vaultLock && backup.vaultLock.minRetentionDays > backup.vaultLock.maxRetentionDays) {
    issue(["vaultLock", "minRetentionDays"], `must not exceed maxRetentionDays (${backup.vaultLock.maxRetentionDays})`);
  }
  if (backup.copyToVaultArn) {
    const vaultRegion = backup.copyToVaultArn.split(":")[3];
    if (vaultRegion === region) issue(["copyToVaultArn"], `is in ${region}, this stack's own region: a copy for disaster recovery must go to another region`);
    if (!backup.enabled) issue(["copyToVaultArn"], "has no effect while backups are disabled");
  }
}
