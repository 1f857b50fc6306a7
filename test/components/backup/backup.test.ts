import { strict as assert } from "assert";
import { CapturedResource } from "../../../offline";
import { assertLeastPrivilege, granting, list, statementsOf } from "../../helpers/iam";
import { input, named, ofType, renderConfig, renderStack, stackConfig } from "../../helpers/stacks";

const arnOf = (r: CapturedResource) => String(r.state.arn);

interface PlanRule {
  ruleName: string;
  schedule: string;
  scheduleExpressionTimezone: string;
  lifecycle: { deleteAfter: number };
  targetVaultName: string;
  startWindow: number;
  completionWindow: number;
  copyActions?: { destinationVaultArn: string; lifecycle: { deleteAfter: number } }[];
}

describe("backup tier", () => {
  it("keeps prod's recovery points daily 30 d, weekly 90 d and monthly 1 y (seed 000), at 05:00 KST", async () => {
    const { resources } = await renderStack("prod");
    const [plan] = ofType(resources, "aws:backup/plan:Plan");
    const rules = input<PlanRule[]>(plan, "rules");
    assert.deepEqual(
      rules.map((r) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter]),
      [
        ["daily", "cron(0 5 * * ? *)", 30],
        ["weekly", "cron(0 5 ? * SUN *)", 90],
        ["monthly", "cron(0 5 1 * ? *)", 365],
      ],
    );
    for (const rule of rules) {
      assert.equal(rule.scheduleExpressionTimezone, "Asia/Seoul");
      assert.equal(rule.targetVaultName, "platform-prod-vault");
      assert.equal(rule.startWindow, 60);
      assert.equal(rule.completionWindow, 480);
      assert.equal(rule.copyActions, undefined, "no standby vault is named yet");
    }
  });

  it("keeps staging's daily recovery points 30 d and nothing longer", async () => {
    const { resources } = await renderStack("staging");
    const [plan] = ofType(resources, "aws:backup/plan:Plan");
    assert.deepEqual(
      input<PlanRule[]>(plan, "rules").map((r) => [r.ruleName, r.lifecycle.deleteAfter]),
      [["daily", 30]],
    );
    assert.equal(ofType(resources, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").length, 0);
  });

  it("has no backup plan in dev (RDS keeps its own) or in the pilot-light standby", async () => {
    for (const stack of ["dev", "prod-dr"] as const) {
      const { resources } = await renderStack(stack);
      // The standby's only backup resource is the dr tier's vault for prod's copies.
      const own = resources.filter((r) => r.type.startsWith("aws:backup/") && !(r.type === "aws:backup/vault:Vault" && r.name === "platform-prod-dr-standby-vault"));
      assert.equal(own.length, 0, stack);
    }
    assert.equal(ofType((await renderStack("prod-dr")).resources, "aws:backup/vault:Vault").length, 1);
  });

  it("encrypts the vault with the data key, protects it in prod and locks it in governance mode", async () => {
    const { resources } = await renderStack("prod");
    const [vault] = ofType(resources, "aws:backup/vault:Vault");
    assert.equal(input(vault, "kmsKeyArn"), arnOf(named(resources, "aws:kms/key:Key", "platform-prod-data")));
    assert.equal(input(vault, "forceDestroy"), false);
    assert.equal(vault.options.protect, true);
    const [lock] = ofType(resources, "aws:backup/vaultLockConfiguration:VaultLockConfiguration");
    assert.equal(input(lock, "minRetentionDays"), 30);
    assert.equal(input(lock, "maxRetentionDays"), 365);
    assert.equal(input(lock, "changeableForDays"), undefined, "governance mode, not compliance");
    const staging = ofType((await renderStack("staging")).resources, "aws:backup/vault:Vault")[0];
    assert.equal(staging.options.protect, false);
    assert.equal(input(staging, "forceDestroy"), true);
  });

  it("selects the database and buckets that carry the backup tag, with a role AWS Backup alone may assume", async () => {
    const { resources } = await renderStack("prod");
    const [selection] = ofType(resources, "aws:backup/selection:Selection");
    assert.deepEqual(input(selection, "conditions"), [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "daily" }] }]);
    assert.deepEqual(input(selection, "resources"), [
      "arn:aws:rds:ap-northeast-2:123456789012:db:*",
      "arn:aws:rds:ap-northeast-2:123456789012:cluster:*",
      "arn:aws:s3:::*",
    ]);
    const role = named(resources, "aws:iam/role:Role", "platform-prod-backup");
    assert.equal(input(selection, "iamRoleArn"), arnOf(role));
    const [trust] = statementsOf(input(role, "assumeRolePolicy"));
    assert.deepEqual(trust.Principal, { Service: "backup.amazonaws.com" });
    assert.deepEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
    const allowed = assertLeastPrivilege(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-backup"), "policy"), "backup role");
    const dataKey = arnOf(named(resources, "aws:kms/key:Key", "platform-prod-data"));
    assert.deepEqual(list(granting(allowed, "kms:CreateGrant")[0].Resource), [dataKey]);
    assert.deepEqual(granting(allowed, "kms:CreateGrant")[0].Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
  });

  it("copies every recovery point to the standby region's vault when config names one", async () => {
    const config = stackConfig("prod");
    const backup = JSON.parse(config["platform:backup"]);
    const vaultArn = "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:platform-prod-dr";
    config["platform:backup"] = JSON.stringify({ ...backup, copyToVaultArn: vaultArn });
    const { resources } = await renderConfig(config, "prod");
    const rules = input<PlanRule[]>(ofType(resources, "aws:backup/plan:Plan")[0], "rules");
    assert.deepEqual(
      rules.map((r) => r.copyActions),
      [30, 90, 365].map((days) => [{ destinationVaultArn: vaultArn, lifecycle: { deleteAfter: days } }]),
    );
    const allowed = statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-backup"), "policy"));
    assert.deepEqual(list(granting(allowed, "backup:CopyIntoBackupVault")[0].Resource), [vaultArn]);
    const copies = named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "platform-prod-backup-copies-failed");
    assert.equal(input(copies, "metricName"), "NumberOfCopyJobsFailed");
  });

  it("tags prod's database and the files bucket (storage: backup true) for the selection, and nothing else", async () => {
    const { resources } = await renderStack("prod");
    const tagged = resources.filter((r) => r.custom && (r.inputs.tags as Record<string, string> | undefined)?.Backup !== undefined);
    assert.deepEqual(tagged.map((r) => [r.type, r.name, (r.inputs.tags as Record<string, string>).Backup]).sort(), [
      ["aws:rds/instance:Instance", "platform-prod-db-instance", "daily"],
      ["aws:s3/bucket:Bucket", "platform-prod-bucket-files", "daily"],
    ]);
  });

  it("lets the backup role snapshot only this database and read only the backed-up bucket", async () => {
    const { resources } = await renderStack("prod");
    const allowed = statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-backup"), "policy"));
    const db = named(resources, "aws:rds/instance:Instance", "platform-prod-db-instance");
    const files = named(resources, "aws:s3/bucket:Bucket", "platform-prod-bucket-files");
    assert.deepEqual(list(granting(allowed, "rds:CreateDBSnapshot")[0].Resource), [arnOf(db)]);
    assert.deepEqual(list(granting(allowed, "rds:DeleteDBSnapshot")[0].Resource), [
      "arn:aws:rds:ap-northeast-2:123456789012:snapshot:awsbackup:*",
      "arn:aws:rds:ap-northeast-2:123456789012:cluster-snapshot:awsbackup:*",
    ]);
    assert.deepEqual(list(granting(allowed, "s3:ListBucketVersions")[0].Resource), [arnOf(files)]);
    assert.deepEqual(list(granting(allowed, "s3:GetObjectVersion")[0].Resource), [`${arnOf(files)}/*`]);
  });

  it("staging backs up its database only (its buckets do not ask for backups)", async () => {
    const { resources } = await renderStack("staging");
    const allowed = statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-staging-backup"), "policy"));
    assert.equal(granting(allowed, "s3:GetObjectVersion").length, 0);
    assert.equal(granting(allowed, "rds:CreateDBSnapshot").length, 1);
    const db = named(resources, "aws:rds/instance:Instance", "platform-staging-db-instance");
    assert.deepEqual(input(db, "tags"), { Backup: "daily", Tier: "data" });
  });
});
