import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";

/**
 * The two buckets and two keys of one replication rule, and the regions S3 uses the keys in. The
 * forward rule's source is the primary's bucket and its replica the standby's; the reverse rule
 * (replicateBack) swaps them.
 */
export interface ReplicationEnds {
  /** The bucket the rule is on (the primary's, or the standby's replica for the reverse rule). */
  readonly sourceBucketArn: pulumi.Input<string>;
  /** The source bucket's storage key, which encrypts its objects. */
  readonly sourceKeyArn: pulumi.Input<string>;
  /** The source bucket's region: S3 uses the source key there. */
  readonly sourceRegion: pulumi.Input<string>;
  /** The destination bucket. */
  readonly replicaBucketArn: pulumi.Input<string>;
  /** The destination bucket's storage key, which encrypts the replicas. */
  readonly replicaKeyArn: pulumi.Input<string>;
  /** The destination bucket's region: S3 uses the replica key there. */
  readonly replicaRegion: pulumi.Input<string>;
}

/**
 * What S3 needs to replicate one SSE-KMS bucket into another, action by action on the exact
 * buckets and keys (S3 User Guide, "Setting up permissions for live replication" and
 * "Replicating encrypted objects"): read the configuration and the object versions of the
 * source, write replicas, deletes and tags into the replica, decrypt with the source's key and
 * encrypt with the replica's, each key only through S3 in its own region and only for objects of
 * its bucket. The buckets use S3 Bucket Keys, whose encryption context is the bucket's ARN rather
 * than the object's: both forms are allowed.
 */
export function replicationStatements(ends: ReplicationEnds): Statement[] {
  const objects = (arn: pulumi.Input<string>) => pulumi.interpolate`${arn}/*`;
  const viaS3 = (region: pulumi.Input<string>) => pulumi.interpolate`s3.${region}.amazonaws.com`;
  return [
    {
      Sid: "ReadSourceConfiguration",
      Effect: "Allow",
      Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
      Resource: ends.sourceBucketArn,
    },
    {
      Sid: "ReadSourceVersions",
      Effect: "Allow",
      Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
      Resource: objects(ends.sourceBucketArn),
    },
    {
      Sid: "WriteReplicas",
      Effect: "Allow",
      Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
      Resource: objects(ends.replicaBucketArn),
    },
    {
      Sid: "DecryptWithSourceKey",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: ends.sourceKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": viaS3(ends.sourceRegion) },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [ends.sourceBucketArn, objects(ends.sourceBucketArn)] },
      },
    },
    {
      Sid: "EncryptWithReplicaKey",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:GenerateDataKey"],
      Resource: ends.replicaKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": viaS3(ends.replicaRegion) },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [ends.replicaBucketArn, objects(ends.replicaBucketArn)] },
      },
    },
  ];
}

/**
 * S3 assumes the role for the source bucket only: the service principal, this account, and the
 * source bucket as the request's origin (the confused-deputy conditions of the S3 User Guide).
 */
export function replicationTrustStatements(accountId: pulumi.Input<string>, sourceBucketArn: pulumi.Input<string>): Statement[] {
  return [
    {
      Sid: "S3ReplicatesTheSourceBucket",
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": sourceBucketArn } },
    },
  ];
}

/** Replication Time Control: 99.99 % of objects within 15 minutes, and the metrics it requires. */
export const replicationTimeMinutes = 15;
