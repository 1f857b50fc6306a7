import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LifecycleRule } from "../../model/storage/settings";
import { StackContext } from "../shared/context";
import { policyJson, Statement } from "../shared/iam";
import { SecureBucket } from "../shared/secure-bucket";
import { TierComponent } from "../shared/tier";

/** One archived log group. */
export interface ArchivedLogGroup {
  /** Stable key (`service-backend`, `database-postgresql`): logical names, the stream's name and the objects' prefix. */
  readonly key: string;
  /** The group's name, from the resource that creates it (so the filter waits for the group). */
  readonly logGroupName: pulumi.Input<string>;
}

export interface LogArchiveArgs {
  readonly context: StackContext;
  readonly logGroups: readonly ArchivedLogGroup[];
  /** The archive bucket's physical name (`<prefix>-log-archive-<account>-<region>`). */
  readonly bucketName: pulumi.Input<string>;
  /** Lifecycle rules of the archive bucket (`platform:logs.archive.lifecycle`). */
  readonly lifecycle: readonly LifecycleRule[];
  /** Encrypts the bucket's objects and the streams' buffers: the security tier's storage key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Seconds and MiB Firehose buffers before it writes an object (`bufferSeconds`, `bufferMb`). */
  readonly bufferSeconds: number;
  readonly bufferMb: number;
  /** S3 server access logs of the archive to the stack's log bucket under this prefix. */
  readonly accessLogs: { readonly bucket: pulumi.Input<string>; readonly prefix: string };
  /**
   * Pulumi `protect` on the archive bucket, and no forceDestroy (`dataProtection: protected`):
   * the archive is evidence kept past the log groups' own retention.
   */
  readonly protect: boolean;
}

/**
 * Important logs copied to S3 (CodeMate, 모니터링 및 로깅: "중요 로그는 S3로 아카이브"): per log
 * group a CloudWatch Logs subscription filter into its own Amazon Data Firehose stream, which
 * writes to one archive bucket. A stream per group keeps each group's objects under its own
 * prefix without a transformation Lambda, and costs nothing by itself (Firehose bills the data).
 *
 * CloudWatch Logs sends the records gzip-compressed already (CloudWatch Logs User Guide,
 * "Subscription filters with Amazon Data Firehose": "already compressed with gzip level 6
 * compression, so you do not need to use compression within your Firehose delivery stream"):
 * the streams write them as they come (UNCOMPRESSED), and every object is gzip data.
 */
export class LogArchive extends TierComponent {
  readonly bucket: SecureBucket;
  readonly streams: Record<string, aws.kinesis.FirehoseDeliveryStream> = {};
  /** The role CloudWatch Logs assumes to put the groups' events into the streams. */
  readonly logsRole: aws.iam.Role;
  /** The role Firehose assumes to write to the bucket with the key. */
  readonly firehoseRole: aws.iam.Role;

  constructor(name: string, args: LogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super("observability", "LogArchive", name, opts);
    const parent = { parent: this };
    const { accountId, partition, region, namePrefix } = args.context;

    this.bucket = new SecureBucket(
      `${name}-bucket`,
      {
        bucketName: args.bucketName,
        kmsKeyArn: args.kmsKeyArn,
        versioning: true,
        lifecycleRules: args.lifecycle,
        accessLogs: args.accessLogs,
        forceDestroy: !args.protect,
        protect: args.protect,
        tags: { DataClass: "logs" },
      },
      parent,
    );
    const bucketArn = this.bucket.arn;

    // Firehose Developer Guide, "Grant Firehose access to an Amazon S3 destination": the trust
    // takes the account as sts:ExternalId; the S3 actions on the bucket and its objects; the key
    // only through S3, for objects of this bucket.
    this.firehoseRole = new aws.iam.Role(
      `${name}-firehose`,
      {
        description: `Firehose writes ${namePrefix}'s archived logs to the archive bucket`,
        assumeRolePolicy: policyJson([
          { Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": accountId } } },
        ]),
      },
      parent,
    );
    const firehosePolicy = new aws.iam.RolePolicy(`${name}-firehose`, { role: this.firehoseRole.id, policy: policyJson(firehoseStatements(bucketArn, args.kmsKeyArn, region)) }, parent);

    // CloudWatch Logs User Guide, "Subscription filters with Amazon Data Firehose": CloudWatch
    // Logs assumes this role, trusted from the archived groups of this account only.
    const groupArns = args.logGroups.flatMap((group) => {
      const arn = pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${group.logGroupName}`;
      return [arn, pulumi.interpolate`${arn}:*`];
    });
    this.logsRole = new aws.iam.Role(
      `${name}-logs`,
      {
        description: `CloudWatch Logs puts ${namePrefix}'s archived log events into the archive streams`,
        assumeRolePolicy: policyJson([
          {
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": groupArns } },
          },
        ]),
      },
      parent,
    );

    for (const group of args.logGroups) {
      this.streams[group.key] = new aws.kinesis.FirehoseDeliveryStream(
        `${name}-${group.key}`,
        {
          name: `${namePrefix}-archive-${group.key}`,
          destination: "extended_s3",
          // Data at rest in the stream's buffer, with our key (Firehose Developer Guide, "Data protection": SSE for Direct PUT sources).
          serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: args.kmsKeyArn },
          extendedS3Configuration: {
            roleArn: this.firehoseRole.arn,
            bucketArn,
            prefix: `${group.key}/!{timestamp:yyyy/MM/dd}/`,
            // Firehose requires an error prefix whenever the prefix holds expressions.
            errorOutputPrefix: `errors/${group.key}/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
            bufferingInterval: args.bufferSeconds,
            bufferingSize: args.bufferMb,
            compressionFormat: "UNCOMPRESSED",
            kmsKeyArn: args.kmsKeyArn,
          },
        },
        { parent: this, dependsOn: [firehosePolicy] },
      );
    }
    const streamArns = Object.values(this.streams).map((stream) => stream.arn);
    const logsPolicy = new aws.iam.RolePolicy(
      `${name}-logs`,
      {
        role: this.logsRole.id,
        policy: policyJson([
          // The guide grants firehose:PutRecord; PutRecordBatch is the same write, batched, on the same streams.
          { Sid: "PutArchivedEvents", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: streamArns },
        ]),
      },
      parent,
    );

    for (const group of args.logGroups) {
      // CloudWatch Logs checks the role when the filter is put: the role's policy comes first.
      new aws.cloudwatch.LogSubscriptionFilter(
        `${name}-${group.key}`,
        {
          name: `${namePrefix}-archive`,
          logGroup: group.logGroupName,
          filterPattern: "", // every event: the archive keeps the group whole
          destinationArn: this.streams[group.key].arn,
          roleArn: this.logsRole.arn,
        },
        { parent: this, dependsOn: [logsPolicy] },
      );
    }
    this.registerOutputs({ bucketName: this.bucket.bucketName, streamArns });
  }
}

/** Firehose's grants on the archive bucket and its key, action by action. */
export function firehoseStatements(bucketArn: pulumi.Input<string>, kmsKeyArn: pulumi.Input<string>, region: string): Statement[] {
  return [
    {
      Sid: "WriteArchiveObjects",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
      Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    },
    {
      Sid: "EncryptArchiveObjects",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: kmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
        // The bucket uses an S3 Bucket Key: the context is then the bucket's ARN, not the object's
        // (S3 User Guide, "Changes to note before enabling an S3 Bucket Key"); both are named.
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, pulumi.interpolate`${bucketArn}/*`] },
      },
    },
  ];
}
