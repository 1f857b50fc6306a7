import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { policyJson, Statement } from "../shared/iam";
import { TierComponent } from "../shared/tier";

/**
 * One key per data domain rather than one platform key: a key policy can then grant each AWS
 * service only the domain it serves (CloudWatch Logs never decrypts the database), and revoking
 * or rotating one domain leaves the others alone.
 */
export type KeyDomain = "data" | "storage" | "logs";

export interface KeysArgs {
  /** Names the aliases `alias/<namePrefix>-<domain>`; account, partition and region scope the key policies. */
  readonly context: StackContext;
  /** Days between scheduling deletion and deletion (7-30; `platform:security.kms.deletionWindowDays`). */
  readonly deletionWindowDays: number;
  /**
   * Pulumi `protect` on the keys (`dataProtection: protected`): a key scheduled for deletion takes
   * every database, snapshot, secret and recovery point it encrypts with it.
   */
  readonly protect: boolean;
  /**
   * EventBridge publishes to the alert topic (encrypted with the logs key): ECS task crashes
   * (`platform:observability.taskCrashEvents`). The grant exists only then.
   */
  readonly eventBridgePublishes: boolean;
  /** SES publishes bounces and complaints to the alert topic (`platform:mail`). The grant exists only then. */
  readonly sesPublishes?: boolean;
}

/** Customer-managed KMS keys with yearly rotation, one per domain. */
export class Keys extends TierComponent {
  readonly data: aws.kms.Key;
  readonly storage: aws.kms.Key;
  readonly logs: aws.kms.Key;

  constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("security", "Keys", name, opts);
    const { accountId, partition, region } = args.context;
    const account: Statement = {
      Sid: "AccountAdministersAndUsesKey",
      Effect: "Allow",
      Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
      Action: [...accountKeyActions],
      Resource: "*",
    };
    const sameAccount = { StringEquals: { "aws:SourceAccount": accountId } };
    /** A service that publishes to the SSE-KMS topics under this key, from this account only. */
    const publishesToEncryptedTopics = (Sid: string, service: string): Statement => ({
      Sid,
      Effect: "Allow",
      Principal: { Service: service },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: sameAccount,
    });

    const services: Record<KeyDomain, Statement[]> = {
      data: [],
      // The log archive (components/observability/log-archive.ts) needs no statement here: its
      // Firehose role is granted the key through IAM (the account statement above delegates to IAM
      // policies), and a stream's CUSTOMER_MANAGED_CMK encryption is a grant Firehose creates with
      // the deployer's kms:CreateGrant (Firehose Developer Guide, "Data protection": SSE with a CMK).
      storage: [
        {
          Sid: "CloudFrontReadsEncryptedOrigins",
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Action: ["kms:Decrypt"],
          Resource: "*",
          Condition: sameAccount,
        },
      ],
      logs: [
        {
          Sid: "CloudWatchLogsEncryptsLogGroups",
          Effect: "Allow",
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: serviceUseActions,
          Resource: "*",
          Condition: {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*` },
          },
        },
        {
          Sid: "CloudTrailEncryptsTrails",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: ["kms:GenerateDataKey", "kms:DescribeKey"],
          Resource: "*",
          Condition: {
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${partition}:cloudtrail:*:${accountId}:trail/*` },
          },
        },
        publishesToEncryptedTopics("CloudWatchAlarmsPublishToEncryptedTopics", "cloudwatch.amazonaws.com"),
        // An EventBridge rule's target on an SSE-KMS topic needs these on the topic's key
        // (EventBridge User Guide, "Amazon SNS permissions": encrypted topics).
        ...(args.eventBridgePublishes
          ? [publishesToEncryptedTopics("EventBridgePublishesToEncryptedTopics", "events.amazonaws.com")]
          : []),
        // An SES event destination on an SSE-KMS topic needs these on the topic's key (SES
        // Developer Guide, "Set up an Amazon SNS event destination": encrypted topics).
        ...(args.sesPublishes
          ? [publishesToEncryptedTopics("SesPublishesToEncryptedTopics", "ses.amazonaws.com")]
          : []),
      ],
    };

    const makeKey = (domain: KeyDomain, description: string) => {
      const key = new aws.kms.Key(
        `${name}-${domain}`,
        {
          description: `${args.context.namePrefix} ${description}`,
          enableKeyRotation: true,
          rotationPeriodInDays: 365,
          deletionWindowInDays: args.deletionWindowDays,
          policy: policyJson([account, ...services[domain]]),
        },
        { parent: this, protect: args.protect },
      );
      new aws.kms.Alias(`${name}-${domain}`, { name: `alias/${args.context.namePrefix}-${domain}`, targetKeyId: key.keyId }, { parent: this });
      return key;
    };

    this.data = makeKey("data", "databases, caches, secrets and backups");
    this.storage = makeKey("storage", "S3 buckets and container images");
    this.logs = makeKey("logs", "log groups, trails and alert topics");
    this.registerOutputs({ dataKeyArn: this.data.arn, storageKeyArn: this.storage.arn, logsKeyArn: this.logs.arn });
  }
}

/** Key-administration and key-use actions granted to the account, written out one by one. */
export const accountKeyActions = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

const serviceUseActions = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"];
