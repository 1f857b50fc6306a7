import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CorsRule, LifecycleRule } from "../../model/storage/settings";
import { policyJson, Statement } from "./iam";

export interface SecureBucketArgs {
  /** Physical bucket name; when omitted Pulumi auto-names it from the logical name. */
  readonly bucketName?: pulumi.Input<string>;
  /** SSE-KMS with this key, or SSE-S3 (`undefined`) where a service cannot use KMS (ALB logs). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Keep every object version (required of replication sources and targets and of backed-up buckets). */
  readonly versioning: boolean;
  /**
   * Lifecycle rules (transitions and expirations) from the bucket's settings or the tier's own
   * archive policy.
   * @default [] (no lifecycle configuration)
   */
  readonly lifecycleRules?: readonly LifecycleRule[];
  /**
   * CORS rules for browsers that upload or read directly (the bucket's `cors` settings).
   * @default [] (no CORS configuration)
   */
  readonly corsRules?: readonly CorsRule[];
  /** Server access logs to this bucket under `prefix`; none when omitted. */
  readonly accessLogs?: {
    /** Name of the log bucket (the storage tier's). */
    readonly bucket: pulumi.Input<string>;
    /** Key prefix of this bucket's logs, ending in `/`. */
    readonly prefix: string;
  };
  /**
   * Statements added to the TLS-only bucket policy (service principals that write here), built
   * from the bucket's ARN.
   * @default none (the policy only denies requests not made over TLS)
   */
  readonly extraStatements?: (bucketArn: pulumi.Output<string>) => readonly Statement[];
  /** Lets `pulumi destroy` empty the bucket; only for disposable environments. */
  readonly forceDestroy: boolean;
  /**
   * Pulumi `protect` on the bucket itself (not its settings, which may change and be removed):
   * a delete or replacement fails until it is lifted. When omitted, Pulumi's own rule applies
   * (inherited from the parent).
   */
  readonly protect?: boolean;
  /** Tags of the bucket itself (the Tier tag is added by the tier), e.g. its `DataClass` or the backup selection tag. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An S3 bucket that cannot be made public: public access blocked, ownership enforced (no ACLs),
 * encrypted at rest, and a policy that denies every request not made over TLS.
 *
 * Every bucket of the platform (logs, trails, product buckets, DR replicas) is one of these, so the
 * guarantees are written once and a tier can only add to the policy (`extraStatements`), never
 * replace it. Each setting is its own resource (the provider's split S3 resources), so changing
 * one never rewrites the bucket.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** The bucket policy; resources that need its grants (a CloudTrail trail) depend on it. */
  readonly policy: aws.s3.BucketPolicy;
  private readonly logicalName: string;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:shared:SecureBucket", name, {}, opts);
    this.logicalName = name;
    const parent = { parent: this };

    this.bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: args.forceDestroy, tags: args.tags ? { ...args.tags } : undefined }, { parent: this, protect: args.protect });
    const bucket = this.bucket.id;

    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      parent,
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          {
            applyServerSideEncryptionByDefault: args.kmsKeyArn
              ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }
              : { sseAlgorithm: "AES256" },
            bucketKeyEnabled: args.kmsKeyArn !== undefined,
          },
        ],
      },
      parent,
    );
    if (args.versioning) {
      new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, parent);
    }
    if (args.lifecycleRules && args.lifecycleRules.length > 0) {
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        { bucket, rules: args.lifecycleRules.map(lifecycleRule) },
        parent,
      );
    }
    if (args.corsRules && args.corsRules.length > 0) {
      new aws.s3.BucketCorsConfiguration(
        `${name}-cors`,
        {
          bucket,
          corsRules: args.corsRules.map((rule) => ({
            allowedOrigins: [...rule.allowedOrigins],
            allowedMethods: [...rule.allowedMethods],
            allowedHeaders: [...rule.allowedHeaders],
            maxAgeSeconds: rule.maxAgeSeconds,
          })),
        },
        parent,
      );
    }
    if (args.accessLogs) this.logAccessTo(args.accessLogs);

    const arn = this.bucket.arn;
    const statements: Statement[] = [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: [arn, pulumi.interpolate`${arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      ...(args.extraStatements?.(arn) ?? []),
    ];
    // The public access block must exist first, or S3 may judge a service-principal policy public.
    this.policy = new aws.s3.BucketPolicy(`${name}-policy`, { bucket, policy: policyJson(statements) }, { parent: this, dependsOn: [publicAccess] });

    this.bucketName = this.bucket.bucket;
    this.arn = arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }

  /**
   * Server access logs of this bucket to `target` under its prefix. Also after construction, for a
   * bucket whose log bucket is built later (the trail's: the log bucket's policy must name it).
   * `dependsOn`: the target's policy, which S3 checks when the logging is set.
   */
  logAccessTo(target: NonNullable<SecureBucketArgs["accessLogs"]>, dependsOn: pulumi.Resource[] = []): aws.s3.BucketLogging {
    return new aws.s3.BucketLogging(
      `${this.logicalName}-access-logs`,
      { bucket: this.bucket.id, targetBucket: target.bucket, targetPrefix: target.prefix },
      { parent: this, dependsOn },
    );
  }
}

function lifecycleRule(rule: LifecycleRule): aws.types.input.s3.BucketLifecycleConfigurationRule {
  return {
    id: rule.id,
    status: "Enabled",
    filter: { prefix: rule.prefix ?? "" },
    transitions: rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
    expiration: rule.expirationDays === undefined ? undefined : { days: rule.expirationDays },
    noncurrentVersionExpiration:
      rule.noncurrentExpirationDays === undefined ? undefined : { noncurrentDays: rule.noncurrentExpirationDays },
  };
}
