import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson } from "../shared/iam";
import { SecureBucket } from "../shared/secure-bucket";
import { LifecycleRule } from "../../model/storage/settings";
import { StackContext } from "../shared/context";
import { replicationStatements, replicationTimeMinutes, replicationTrustStatements } from "./replication-policy";

/** The replication rule's id: a dimension of S3's replication metrics, which the drill reads (its `files` targets). */
export const standbyReplicationRuleId = "standby";
/** The reverse rule's id, on the replica: the failback reads its metrics and checks it is there. */
export const failbackReplicationRuleId = "failback";

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
  /**
   * The reverse rule (`platform:dr.replica.buckets[].replicateBack`, default true): the replica
   * replicates into the source bucket, so files written here while this stack serves reach the
   * primary before a failback.
   */
  readonly replicateBack: boolean;
}

/**
 * One bucket of the primary copied into the standby region: a versioned SSE-KMS replica bucket,
 * the role S3 replicates with, and the replication configuration of the source bucket, created
 * from this stack in the primary's region so that the standby owns the whole link. Replication
 * Time Control (15 minutes, with its metrics), delete markers replicated, SSE-KMS objects
 * re-encrypted with the standby's key.
 *
 * With `replicateBack`, the replica replicates back into the source bucket too, by a rule of the
 * same shape on the replica (this region) with a role of its own: the two-way setup of the S3 User
 * Guide ("Replicating metadata changes with replica modification sync": a rule on each bucket, each
 * with replica modification sync). There is no loop: S3 does not replicate an object that is itself
 * a replica created by replication (S3 User Guide, "What does Amazon S3 replicate?", what is not
 * replicated), except its metadata changes, which replica modification sync carries back. While the
 * primary serves nothing is written to the replica but replicas, so the reverse rule carries only
 * what is written here while this stack serves.
 */
export class ReplicatedBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly role: aws.iam.Role;
  readonly configuration: aws.s3.BucketReplicationConfig;
  /** The reverse rule's role and configuration (on the replica); none with replicateBack false. */
  readonly reverse?: { readonly role: aws.iam.Role; readonly configuration: aws.s3.BucketReplicationConfig };

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
        rules: [replicationRule(standbyReplicationRuleId, replica.arn, args.kmsKeyArn)],
      },
      // S3 checks the role and the replica's versioning when the configuration is put.
      { parent: this, provider: args.primaryProvider, dependsOn: [policy, replica] },
    );

    if (args.replicateBack) {
      const role = new aws.iam.Role(
        `${name}-replicate-back`,
        {
          description: "S3 replicates this standby replica back into the primary's bucket, re-encrypting with the primary's key",
          assumeRolePolicy: policyJson(replicationTrustStatements(args.context.accountId, replica.arn)),
        },
        { parent: this },
      );
      const backPolicy = new aws.iam.RolePolicy(
        `${name}-replicate-back`,
        {
          role: role.name,
          // The same actions with the ends swapped: read the replica's versions and decrypt with
          // this region's key, write into the primary's bucket and encrypt with the primary's key.
          policy: policyJson(
            replicationStatements({
              sourceBucketArn: replica.arn,
              sourceKeyArn: args.kmsKeyArn,
              sourceRegion: args.context.region,
              replicaBucketArn: args.source.arn,
              replicaKeyArn: args.source.kmsKeyArn,
              replicaRegion: args.source.region,
            }),
          ),
        },
        { parent: this },
      );
      const configuration = new aws.s3.BucketReplicationConfig(
        `${name}-replicate-back`,
        {
          bucket: replica.bucketName,
          role: role.arn,
          rules: [replicationRule(failbackReplicationRuleId, args.source.arn, args.source.kmsKeyArn)],
        },
        // The replica's versioning first (S3 refuses a replication configuration on an unversioned bucket).
        { parent: this, dependsOn: [backPolicy, replica] },
      );
      this.reverse = { role, configuration };
    }

    this.bucketName = replica.bucketName;
    this.arn = replica.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, roleArn: this.role.arn, replicateBackRoleArn: this.reverse?.role.arn });
  }
}

/**
 * One rule of either direction, the whole bucket: Replication Time Control (15 minutes, with its
 * metrics, which the drill and readiness read), delete markers replicated, SSE-KMS objects
 * re-encrypted with the destination's key, and replica modification sync, so that metadata changes
 * made to a replica (tags, ACLs, object lock settings) reach the other bucket too; the API requires
 * it on both buckets' rules for that (S3 API Reference, ReplicaModifications: "You must enable
 * replica modification sync on the source and destination buckets").
 */
function replicationRule(id: string, destinationArn: pulumi.Input<string>, destinationKeyArn: pulumi.Input<string>): aws.types.input.s3.BucketReplicationConfigRule {
  return {
    id,
    status: "Enabled",
    priority: 1,
    // An empty filter selects the whole bucket and is what allows delete-marker replication.
    filter: { prefix: "" },
    deleteMarkerReplication: { status: "Enabled" },
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } },
    destination: {
      bucket: destinationArn,
      encryptionConfiguration: { replicaKmsKeyId: destinationKeyArn },
      replicationTime: { status: "Enabled", time: { minutes: replicationTimeMinutes } },
      metrics: { status: "Enabled", eventThreshold: { minutes: replicationTimeMinutes } },
    },
  };
}
