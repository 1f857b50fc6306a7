import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { Statement } from "../shared/iam";

/**
 * What AWS Backup needs to snapshot this stack's database and back up its buckets, written out
 * action by action from the actions AWS's managed backup policies use for RDS, Aurora and S3,
 * but limited to this stack's resources and keys instead of every resource in the account.
 */
export interface BackupRoleScope {
  /** Partition, region and account of the RDS, EventBridge and KMS conditions. */
  readonly context: StackContext;
  /** ARNs of the database instance or cluster the plan backs up. */
  readonly databaseArns: readonly pulumi.Input<string>[];
  /** ARNs of the buckets the plan backs up (they must have versioning on). */
  readonly bucketArns: readonly pulumi.Input<string>[];
  /** The vault's key (recovery points of S3) and the database's key (its snapshots): the data key. */
  readonly dataKeyArn: pulumi.Input<string>;
  /** The buckets' SSE-KMS key. */
  readonly storageKeyArn: pulumi.Input<string>;
  /** Vault in the standby region that receives copies; no copy grant when omitted. */
  readonly copyToVaultArn?: string;
}

export function backupRoleStatements(scope: BackupRoleScope): Statement[] {
  const { context } = scope;
  const rds = (resource: string) => pulumi.interpolate`arn:${context.partition}:rds:${context.region}:${context.accountId}:${resource}`;
  const statements: Statement[] = [
    {
      // Tag-based selection looks resources up by tag; the Resource Groups Tagging API has no resource-level permissions.
      Sid: "FindTaggedResources",
      Effect: "Allow",
      Action: ["tag:GetResources"],
      Resource: "*",
    },
  ];
  if (scope.databaseArns.length > 0) {
    statements.push(
      {
        Sid: "SnapshotDatabase",
        Effect: "Allow",
        Action: [
          "rds:AddTagsToResource",
          "rds:CreateDBClusterSnapshot",
          "rds:CreateDBSnapshot",
          "rds:DescribeDBClusters",
          "rds:DescribeDBInstances",
          "rds:ListTagsForResource",
        ],
        Resource: [...scope.databaseArns],
      },
      {
        // Snapshots AWS Backup takes are named awsbackup:job-<id>; it manages only those.
        Sid: "ManageBackupSnapshots",
        Effect: "Allow",
        Action: [
          "rds:AddTagsToResource",
          "rds:CopyDBClusterSnapshot",
          "rds:CopyDBSnapshot",
          "rds:DeleteDBClusterSnapshot",
          "rds:DeleteDBSnapshot",
          "rds:DescribeDBClusterSnapshots",
          "rds:DescribeDBSnapshots",
          "rds:ListTagsForResource",
          "rds:ModifyDBClusterSnapshotAttribute",
          "rds:ModifyDBSnapshotAttribute",
        ],
        Resource: [rds("snapshot:awsbackup:*"), rds("cluster-snapshot:awsbackup:*")],
      },
    );
  }
  if (scope.bucketArns.length > 0) {
    statements.push(
      {
        Sid: "ReadBucketConfiguration",
        Effect: "Allow",
        Action: [
          "s3:GetBucketAcl",
          "s3:GetBucketLocation",
          "s3:GetBucketNotification",
          "s3:GetBucketTagging",
          "s3:GetBucketVersioning",
          "s3:GetInventoryConfiguration",
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:PutBucketNotification",
          "s3:PutInventoryConfiguration",
        ],
        Resource: [...scope.bucketArns],
      },
      {
        Sid: "ReadBucketObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectTagging", "s3:GetObjectVersion", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
        Resource: scope.bucketArns.map((arn) => pulumi.interpolate`${arn}/*`),
      },
      {
        // Continuous and periodic S3 backups follow object changes through rules AWS Backup names AwsBackupManagedRule*.
        Sid: "ManageBackupEventRules",
        Effect: "Allow",
        Action: ["events:DeleteRule", "events:DescribeRule", "events:DisableRule", "events:EnableRule", "events:ListTargetsByRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets"],
        Resource: pulumi.interpolate`arn:${context.partition}:events:${context.region}:${context.accountId}:rule/AwsBackupManagedRule*`,
      },
      {
        // Read-only listing calls with no resource-level permissions: AWS only accepts "*".
        Sid: "ListForS3Backups",
        Effect: "Allow",
        Action: ["cloudwatch:GetMetricData", "events:ListRules", "s3:ListAllMyBuckets"],
        Resource: "*",
      },
      {
        Sid: "DecryptBucketObjects",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: scope.storageKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `s3.${context.region}.amazonaws.com` } },
      },
    );
  }
  statements.push(
    {
      Sid: "UseDataKeyThroughBackupAndRds",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
      Resource: scope.dataKeyArn,
      Condition: { StringEquals: { "kms:ViaService": [`backup.${context.region}.amazonaws.com`, `rds.${context.region}.amazonaws.com`] } },
    },
    {
      // Encrypted snapshot copies hold grants on the key; only for AWS resources.
      Sid: "GrantDataKeyToAwsResources",
      Effect: "Allow",
      Action: ["kms:CreateGrant"],
      Resource: scope.dataKeyArn,
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  );
  if (scope.copyToVaultArn) {
    statements.push({ Sid: "CopyToStandbyVault", Effect: "Allow", Action: ["backup:CopyIntoBackupVault"], Resource: scope.copyToVaultArn });
  }
  return statements;
}
