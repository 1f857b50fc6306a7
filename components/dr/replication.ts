import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson } from "../shared/iam";
import { SecureBucket } from "../shared/secure-bucket";
import { LifecycleRule } from "../../model/storage/settings";
import { StackContext } from "../shared/context";
import { replicationStatements, replicationTimeMinutes, replicationTrustStatements } from "./replication-policy";

/** The replication rule's id: a dimension of S3's replication metrics, which the drill reads (its `files` targets). */
export const standbyReplicationRuleId = "standby";

export interface ReplicatedBucketArgs {
  /** The standby's account and region: the replica's side of the role and its key. */
  readonly context: StackContext;
  /** The primary's bucket (from its outputs), SSE-KMS with the primary's storage key. */
  readonly source: {
    /** Its name: the replication configuration is put on it. */
    readonly bucketName: pulumi.Input<string>;
    /** Its ARN: the role reads from it, and only S3 acting for it may assume the role. */
    readonly arn: pulumi.Input<string>;
    /** The primary's storage key: S3 decrypts the source objects with it. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The primary's region, where that key is used. */
    readonly region: pulumi.Input<string>;
  };
  /** The replica's physical name (the storage tier's naming, in the standby region). */
  readonly replicaName: pulumi.Input<string>;
  /** The standby region's storage key: replicas are re-encrypted with it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The replica's lifecycle rules (`platform:dr.replica.buckets[].lifecycle`). */
  readonly lifecycle: readonly LifecycleRule[];
  /** Server access logs of the replica to the standby's log bucket; none when omitted. */
  readonly accessLogs?: {
    /** The log bucket's name. */
    readonly bucket: pulumi.Input<string>;
    /** Key prefix of the replica's logs. */
    readonly prefix: string;
  };
  /** Pulumi `protect` on the replica bucket, which also refuses to be destroyed with objects in it. */
  readonly protect: boolean;
  /** A provider for the primary's region: the replication configuration is the source bucket's. */
  readonly primaryProvider: pulumi.ProviderResource;
}

/**
 * One bucket of the primary copied into the standby region: a versioned SSE-KMS replica bucket,
 * the role S3 replicates with, and the replication configuration of the source bucket, created
 * from this stack in the primary's region so that the standby owns the whole link. Replication
 * Time Control (15 minutes, with its metrics), delete markers replicated, SSE-KMS objects
 * re-encrypted with the standby's key.
 */
export class ReplicatedBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly role: aws.iam.Role;
  readonly configuration: aws.s3.BucketReplicationConfig;

  constructor(name: string, args: ReplicatedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:ReplicatedBucket", name, {}, opts);
    const replica = new SecureBucket(
      name,
      {
        bucketName: args.replicaName,
        kmsKeyArn: args.kmsKeyArn,
        // S3 replicates into versioned buckets only.
        versioning: true,
        lifecycleRules: args.lifecycle,
        accessLogs: args.accessLogs,
        forceDestroy: !args.protect,
        protect: args.protect,
      },
      { parent: this },
    );

    this.role = new aws.iam.Role(
      `${name}-replication`,
      {
        description: "S3 replicates the primary's bucket into this standby replica, re-encrypting with the standby's key",
        assumeRolePolicy: policyJson(replicationTrustStatements(args.context.accountId, args.source.arn)),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-replication`,
      {
        role: this.role.name,
        policy: policyJson(
          replicationStatements({
            sourceBucketArn: args.source.arn,
            sourceKeyArn: args.source.kmsKeyArn,
            sourceRegion: args.source.region,
            replicaBucketArn: replica.arn,
            replicaKeyArn: args.kmsKeyArn,
            replicaRegion: args.context.region,
          }),
        ),
      },
      { parent: this },
    );

    this.configuration = new aws.s3.BucketReplicationConfig(
      `${name}-replication`,
      {
        bucket: args.source.bucketName,
        role: this.role.arn,
        rules: [
          {
            id: standbyReplicationRuleId,
            status: "Enabled",
            priority: 1,
            // An empty filter selects the whole bucket and is what allows delete-marker replication.
            filter: { prefix: "" },
            deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
              bucket: replica.arn,
              encryptionConfiguration: { replicaKmsKeyId: args.kmsKeyArn },
              replicationTime: { status: "Enabled", time: { minutes: replicationTimeMinutes } },
              metrics: { status: "Enabled", eventThreshold: { minutes: replicationTimeMinutes } },
            },
          },
        ],
      },
      // S3 checks the role and the replica's versioning when the configuration is put.
      { parent: this, provider: args.primaryProvider, dependsOn: [policy, replica] },
    );

    this.bucketName = replica.bucketName;
    this.arn = replica.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, roleArn: this.role.arn });
  }
}
