import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { Statement } from "../shared/iam";
import { SecureBucket } from "../shared/secure-bucket";
import { TierComponent } from "../shared/tier";

export interface AuditArgs {
  /** Names the trail `<namePrefix>-trail`; account, partition and region scope the trail bucket's grants. */
  readonly context: StackContext;
  /** A multi-region CloudTrail trail with log-file validation. */
  readonly cloudTrail: boolean;
  /** A GuardDuty detector publishing findings every 15 minutes. */
  readonly guardDuty: boolean;
  /** Key that encrypts the trail and its bucket (the logs key). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Lets destroy remove a trail bucket with objects in it (dev only). */
  readonly forceDestroy: boolean;
  /** Pulumi `protect` on the trail bucket: the audit trail is evidence (protected environments). */
  readonly protect: boolean;
}

/**
 * Account-level detection: CloudTrail (seed 001's checklist) and GuardDuty (seeds 000, 001). The
 * trail gets a bucket of its own rather than the storage tier's log bucket: its objects are
 * KMS-encrypted and validated, and only CloudTrail, for this one trail, may write there.
 */
export class Audit extends TierComponent {
  readonly trail?: aws.cloudtrail.Trail;
  readonly detector?: aws.guardduty.Detector;
  /** The trail's bucket; its physical name is what the log bucket's policy admits access logs from. */
  readonly trailBucket?: SecureBucket;

  constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
    super("security", "Audit", name, opts);
    const { accountId, partition, region, namePrefix } = args.context;

    if (args.cloudTrail) {
      const trailName = `${namePrefix}-trail`;
      const trailArn = pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trailName}`;
      const bucket = new SecureBucket(
        `${name}-trail`,
        {
          kmsKeyArn: args.logsKeyArn,
          versioning: true,
          forceDestroy: args.forceDestroy,
          protect: args.protect,
          // Seed 001's log archive: Glacier after 90 days, deleted after a year.
          lifecycleRules: [{ id: "archive", transitions: [{ days: 90, storageClass: "GLACIER" }], expirationDays: 365, noncurrentExpirationDays: 30 }],
          extraStatements: (arn): Statement[] => [
            {
              Sid: "CloudTrailChecksAcl",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "s3:GetBucketAcl",
              Resource: arn,
              Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            },
            {
              Sid: "CloudTrailWrites",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: pulumi.interpolate`${arn}/AWSLogs/${accountId}/*`,
              Condition: { StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
          ],
        },
        { parent: this },
      );
      this.trailBucket = bucket;
      this.trail = new aws.cloudtrail.Trail(
        `${name}-trail`,
        {
          name: trailName,
          s3BucketName: bucket.bucketName,
          kmsKeyId: args.logsKeyArn,
          isMultiRegionTrail: true,
          includeGlobalServiceEvents: true,
          enableLogFileValidation: true,
        },
        { parent: this, dependsOn: [bucket.policy] },
      );
    }
    if (args.guardDuty) {
      this.detector = new aws.guardduty.Detector(`${name}-guardduty`, { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" }, { parent: this });
    }
    this.registerOutputs({ trailArn: this.trail?.arn, detectorId: this.detector?.id });
  }

  /**
   * Server access logs of the trail's bucket, so that who read or changed the audit record is
   * itself recorded (CIS AWS Foundations Benchmark v3.0.0 3.4), into the stack's log bucket. Set
   * after the storage tier is built: the log bucket's policy names the trail's bucket, and S3
   * checks that policy when the logging is set (`dependsOn`).
   */
  logTrailAccessTo(target: { readonly bucket: pulumi.Input<string>; readonly prefix: string }, dependsOn: pulumi.Resource[]): void {
    this.trailBucket?.logAccessTo(target, dependsOn);
  }
}
