import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BackupSettings } from "../../model/backup/settings";
import type { BucketSettings, RepositorySettings } from "../../model/storage/settings";
import type { DataProtection } from "../../model/stack";
import { StackContext } from "../shared/context";
import { Statement } from "../shared/iam";
import { SecureBucket } from "../shared/secure-bucket";
import { LifecycleRule } from "../../model/storage/settings";
import { TierComponent } from "../shared/tier";
import { elbAccountArn, logDeliveryStatements, logPrefixes } from "./log-bucket";
import { bucketName, logBucketKey, repositoryName } from "../../model/storage/naming";
import { containerRepository } from "./repository";
import { registryReplication } from "./registry-replication";
import type { RegistryReplicationRule } from "../../model/account/settings";

export interface StorageArgs {
  /** Bucket names are `<namePrefix>-<key>-<account>-<region>`; the account and partition scope the grants. */
  readonly context: StackContext;
  /** Lifecycle of the log bucket (seed 001's logs archive: Glacier at 90 days, deleted at 365). */
  readonly logLifecycle: readonly LifecycleRule[];
  /** The product's buckets, by stable key. */
  readonly buckets: readonly BucketSettings[];
  /** Container repositories, by stable key. */
  readonly repositories: readonly RepositorySettings[];
  /** Repository names are `<namespace>/<key>`. */
  readonly repositoryNamespace: string;
  /** The storage key: SSE-KMS buckets and repositories. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * `protected`: buckets are Pulumi-protected and refuse to be destroyed with objects in them, and
   * repositories with images in them; `disposable`: a clean destroy.
   */
  readonly protection: DataProtection;
  /** Tag that puts buckets with `backup: true` in the backup tier's selection; none tagged when omitted. */
  readonly backupTag?: BackupSettings["selectionTag"];
  /**
   * Keys of buckets CloudFront reads through origin access control (the edge's static assets).
   * @default []
   */
  readonly cloudFrontOrigins?: readonly string[];
  /**
   * The log bucket also takes CloudFront's access logs (delivered from us-east-1).
   * @default false
   */
  readonly cloudFrontLogs?: boolean;
  /**
   * Keys of buckets that other tiers create under this tier's naming (the DR tier's replicas of
   * the primary's buckets): the log bucket accepts their server access logs too.
   * @default []
   */
  readonly extraLogSourceKeys?: readonly string[];
  /**
   * The rules of this region's registry replication configuration: only the stack that owns the
   * account baseline of its account and region has any (one configuration per registry).
   * @default []
   */
  readonly registryReplication?: readonly RegistryReplicationRule[];
  /**
   * Physical names of other buckets of the stack that log here (the audit trail's bucket, which
   * the security tier names).
   * @default []
   */
  readonly extraLogSourceNames?: readonly pulumi.Input<string>[];
}

/** A product bucket as the other tiers see it. */
export interface BucketOutput {
  /** Physical name, `<namePrefix>-<key>-<account>-<region>`. */
  readonly bucketName: pulumi.Output<string>;
  /** What the services', jobs' and backup role's grants name. */
  readonly arn: pulumi.Output<string>;
  /** `kms`: SSE-KMS with the storage key (readers need the key); `s3`: SSE-S3. */
  readonly encryption: BucketSettings["encryption"];
  /** The standby stack replicates it (DR tier). */
  readonly replicate: boolean;
  /** AWS Backup protects it (backup tier). */
  readonly backup: boolean;
}

/** A container repository as the compute tier and the DR tier see it. */
export interface RepositoryOutput {
  /** `<registry>/<namespace>/<key>`, what an image reference starts with. */
  readonly repositoryUrl: pulumi.Output<string>;
  /** What the execution role may pull from. */
  readonly arn: pulumi.Output<string>;
  /** `<namespace>/<key>`. */
  readonly name: pulumi.Output<string>;
}

/**
 * The storage tier: a log bucket (SSE-S3, because load balancer and S3 access logs cannot be
 * written with KMS) that receives the access logs of every other bucket, the product's buckets
 * from config (each a SecureBucket), and ECR repositories.
 */
export class Storage extends TierComponent {
  readonly logBucket: {
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly prefixes: typeof logPrefixes;
    /** The bucket's policy: writers that AWS checks at configuration time (load balancers) wait for it. */
    readonly policy: aws.s3.BucketPolicy;
  };
  readonly buckets: Record<string, BucketOutput> = {};
  readonly repositories: Record<string, RepositoryOutput> = {};
  /** Keys of buckets the DR tier replicates to the standby region. */
  readonly replicatedBuckets: string[];
  /** Keys of buckets the backup tier selects. */
  readonly backupBuckets: string[];
  /** The registry's replication configuration, in the stack that owns the account baseline. */
  readonly registryReplication?: aws.ecr.ReplicationConfiguration;

  /** Physical name of a bucket of this stack by key; the DR tier names its replicas with it. */
  readonly bucketNameOf: (key: string) => pulumi.Output<string>;

  constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("storage", "Storage", name, opts);
    const { context } = args;
    const protect = args.protection === "protected";
    const forceDestroy = !protect;
    const nameOf = (key: string) => pulumi.output(context.accountId).apply((accountId) => bucketName(context.namePrefix, key, accountId, context.region));
    this.bucketNameOf = nameOf;

    const elbAccount = elbAccountArn(this);
    const logBucket = new SecureBucket(
      `${name}-${logBucketKey}`,
      {
        bucketName: nameOf(logBucketKey),
        versioning: false,
        tags: { DataClass: "logs" },
        lifecycleRules: args.logLifecycle,
        forceDestroy,
        protect,
        extraStatements: (arn) =>
          logDeliveryStatements(
            arn,
            context,
            elbAccount,
            [...[...args.buckets.filter((b) => b.accessLogs).map((b) => b.name), ...(args.extraLogSourceKeys ?? [])].map(nameOf), ...(args.extraLogSourceNames ?? [])],
            args.cloudFrontLogs ?? false,
          ),
      },
      { parent: this },
    );
    this.logBucket = { bucketName: logBucket.bucketName, arn: logBucket.arn, prefixes: logPrefixes, policy: logBucket.policy };

    for (const bucket of args.buckets) {
      const secure = new SecureBucket(
        `${name}-bucket-${bucket.name}`,
        {
          bucketName: nameOf(bucket.name),
          kmsKeyArn: bucket.encryption === "kms" ? args.kmsKeyArn : undefined,
          versioning: bucket.versioning,
          // The backup tier selects what carries its tag.
          tags: { DataClass: bucket.contents, ...(bucket.backup && args.backupTag ? { [args.backupTag.key]: args.backupTag.value } : {}) },
          lifecycleRules: bucket.lifecycle,
          corsRules: bucket.cors,
          accessLogs: bucket.accessLogs ? { bucket: logBucket.bucketName, prefix: `${logPrefixes.s3}/${bucket.name}/` } : undefined,
          forceDestroy,
          protect,
          extraStatements: (args.cloudFrontOrigins ?? []).includes(bucket.name) ? (arn) => [cloudFrontReadStatement(arn, context)] : undefined,
        },
        // S3 checks the log bucket's grant when logging is switched on.
        { parent: this, dependsOn: bucket.accessLogs ? [logBucket.policy] : [] },
      );
      this.buckets[bucket.name] = {
        bucketName: secure.bucketName,
        arn: secure.arn,
        encryption: bucket.encryption,
        replicate: bucket.replicate,
        backup: bucket.backup,
      };
    }
    this.replicatedBuckets = args.buckets.filter((b) => b.replicate).map((b) => b.name);
    this.backupBuckets = args.buckets.filter((b) => b.backup).map((b) => b.name);

    for (const repository of args.repositories) {
      const registry = containerRepository(
        `${name}-repository-${repository.name}`,
        {
          name: repositoryName(args.repositoryNamespace, repository.name),
          kmsKeyArn: args.kmsKeyArn,
          keepImages: repository.keepImages,
          scanOnPush: repository.scanOnPush,
          immutableTags: repository.immutableTags,
          forceDelete: forceDestroy,
          protect,
        },
        this,
      );
      this.repositories[repository.name] = { repositoryUrl: registry.repositoryUrl, arn: registry.arn, name: registry.name };
    }
    const rules = args.registryReplication ?? [];
    if (rules.length > 0) this.registryReplication = registryReplication(name, context, rules, this);

    this.registerOutputs({
      logBucket: this.logBucket,
      buckets: this.buckets,
      repositories: this.repositories,
      replicatedBuckets: this.replicatedBuckets,
      backupBuckets: this.backupBuckets,
    });
  }
}

/**
 * CloudFront reads objects through origin access control. The distribution is created after the
 * bucket (it needs the bucket's name), so the grant names this account's distributions rather
 * than the one distribution's ARN; the bucket holds public static assets either way.
 */
function cloudFrontReadStatement(arn: pulumi.Output<string>, context: StackContext): Statement {
  return {
    Sid: "CloudFrontReadsThroughOac",
    Effect: "Allow",
    Principal: { Service: "cloudfront.amazonaws.com" },
    Action: "s3:GetObject",
    Resource: pulumi.interpolate`${arn}/*`,
    Condition: {
      StringEquals: { "aws:SourceAccount": context.accountId },
      ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${context.partition}:cloudfront::${context.accountId}:distribution/*` },
    },
  };
}
