import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BackupRuleSettings, BackupSettings } from "../../model/backup/settings";
import type { DataProtection } from "../../model/stack";
import { StackContext } from "../shared/context";
import { policyJson, serviceTrustPolicy } from "../shared/iam";
import { TierComponent } from "../shared/tier";
import { backupRoleStatements } from "./role";

export interface BackupArgs {
  /** Names the vault, plan and selection after the stack; account, partition and region scope the role. */
  readonly context: StackContext;
  /** Zone the rules' cron() is evaluated in (the seeds' KST). */
  readonly timezone: string;
  /** The plan's rules (`platform:backup.rules`): schedule, retention and windows of each. */
  readonly rules: readonly BackupRuleSettings[];
  /** Resources carrying this tag are selected; the platform tags what asks for backups. */
  readonly selectionTag: BackupSettings["selectionTag"];
  /** Encrypts the vault (the data key). */
  readonly dataKeyArn: pulumi.Input<string>;
  /** The buckets' key, for reading SSE-KMS objects. */
  readonly storageKeyArn: pulumi.Input<string>;
  /** The resources the role may back up: the database and the buckets that ask for backups. */
  readonly databaseArns: readonly pulumi.Input<string>[];
  /** ARNs of the buckets with `backup: true` (versioned, as AWS Backup requires). */
  readonly bucketArns: readonly pulumi.Input<string>[];
  /** Vault in the standby region that receives a copy of every recovery point; no copies when omitted. */
  readonly copyToVaultArn?: string;
  /** Governance-mode Vault Lock: recovery points live between these bounds; no lock when omitted. */
  readonly vaultLock?: BackupSettings["vaultLock"];
  /** Protected: the vault is `protect`ed and cannot be destroyed while it holds recovery points. */
  readonly dataProtection: DataProtection;
}

/**
 * The backup tier: a KMS-encrypted AWS Backup vault, a plan with the seed 000 rules (daily 30 d;
 * prod also weekly 90 d and monthly 1 y), an optional copy of each recovery point to the standby
 * region's vault, and a selection of the stack's database and buckets by tag.
 *
 * Selection by tag rather than by ARN list: the data and storage tiers tag what asks for backups,
 * so the plan needs no list that could drift from them; the role is still limited to exactly those
 * resources (role.ts), so a job for anything else tagged by hand fails instead of copying it.
 */
export class Backup extends TierComponent {
  readonly vault: aws.backup.Vault;
  readonly plan: aws.backup.Plan;
  readonly role: aws.iam.Role;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("backup", "Backup", name, opts);
    const parent = { parent: this };
    const { context } = args;
    const protectedData = args.dataProtection === "protected";

    this.vault = new aws.backup.Vault(
      `${name}-vault`,
      { name: `${context.namePrefix}-vault`, kmsKeyArn: args.dataKeyArn, forceDestroy: !protectedData },
      { parent: this, protect: protectedData },
    );
    if (args.vaultLock) {
      new aws.backup.VaultLockConfiguration(
        `${name}-vault-lock`,
        // No changeableForDays: governance mode, which an administrator with the bypass permission can still lift.
        { backupVaultName: this.vault.name, minRetentionDays: args.vaultLock.minRetentionDays, maxRetentionDays: args.vaultLock.maxRetentionDays },
        parent,
      );
    }

    this.plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: `${context.namePrefix}-plan`,
        rules: args.rules.map((rule) => ({
          ruleName: rule.name,
          targetVaultName: this.vault.name,
          schedule: rule.schedule,
          scheduleExpressionTimezone: args.timezone,
          startWindow: rule.startWindowMinutes,
          completionWindow: rule.completionWindowMinutes,
          lifecycle: { deleteAfter: rule.retentionDays },
          recoveryPointTags: { BackupRule: rule.name },
          copyActions: args.copyToVaultArn ? [{ destinationVaultArn: args.copyToVaultArn, lifecycle: { deleteAfter: rule.retentionDays } }] : undefined,
        })),
      },
      parent,
    );

    this.role = new aws.iam.Role(`${name}-backup`, { assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", context.accountId), description: "AWS Backup for this stack" }, parent);
    const policy = new aws.iam.RolePolicy(
      `${name}-backup`,
      {
        role: this.role.id,
        policy: policyJson(
          backupRoleStatements({
            context,
            databaseArns: args.databaseArns,
            bucketArns: args.bucketArns,
            dataKeyArn: args.dataKeyArn,
            storageKeyArn: args.storageKeyArn,
            copyToVaultArn: args.copyToVaultArn,
          }),
        ),
      },
      parent,
    );

    const rds = (resource: string) => pulumi.interpolate`arn:${context.partition}:rds:${context.region}:${context.accountId}:${resource}`;
    new aws.backup.Selection(
      `${name}-selection`,
      {
        name: `${context.namePrefix}-tagged`,
        planId: this.plan.id,
        iamRoleArn: this.role.arn,
        // Databases and buckets only, and of those only the ones carrying the selection tag.
        resources: [rds("db:*"), rds("cluster:*"), pulumi.interpolate`arn:${context.partition}:s3:::*`],
        conditions: [{ stringEquals: [{ key: `aws:ResourceTag/${args.selectionTag.key}`, value: args.selectionTag.value }] }],
      },
      { parent: this, dependsOn: [policy] },
    );

    this.registerOutputs({ vaultName: this.vault.name, vaultArn: this.vault.arn, planId: this.plan.id });
  }
}
