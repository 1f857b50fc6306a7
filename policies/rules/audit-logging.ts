/**
 * The audit trail's own bucket logs who reads and changes it: S3 server access logging on the
 * CloudTrail bucket, to another bucket (CIS AWS Foundations Benchmark v3.0.0 3.4; cdk-nag
 * AwsSolutions-S1 and Checkov CKV_AWS_18 ask it of every bucket, awsguard s3-bucket-logging-enabled
 * likewise). A bucket logging into itself would log its own log deliveries without end, so the
 * target must be another bucket ("Enabling Amazon S3 server access logging": the destination
 * bucket should not be the source bucket).
 */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { buckets, T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { list, present, text } from "../lib/values";

/** The bucket an access-log configuration writes to: a BucketLogging resource, or the deprecated inline settings. */
function logTargets(stack: StackView, bucket: StackResource): { targets: unknown[]; unknown: boolean } {
  const { sources, unknown } = stack.linkedTo(bucket, [T.bucketLogging, T.bucketLoggingV2], "bucket");
  const inline = [(bucket.props.logging as { targetBucket?: unknown } | undefined)?.targetBucket, ...list<{ targetBucket?: unknown } | undefined>(bucket.props.loggings).map((l) => l?.targetBucket)];
  return { targets: [...sources.map((s) => s.props.targetBucket), ...inline].filter(present), unknown: unknown.length > 0 };
}

/** True when `target` names `bucket` itself (by id, name or ARN). */
function isSelf(bucket: StackResource, target: unknown): boolean {
  return typeof target === "string" && ["id", "bucket", "arn"].some((key) => bucket.props[key] === target);
}

export const auditBucketAccessLogs = rule({
  name: "audit-bucket-access-logs",
  description: "The bucket a CloudTrail trail writes to has S3 server access logging, to another bucket.",
  theme: "logging",
  scope: "mandatory",
  fix: "An aws.s3.BucketLogging for the trail bucket with targetBucket the stack's log bucket (SecureBucket accessLogs; the security tier's Audit does this).",
  controls: { cdkNag: ["AwsSolutions-S1"], checkov: ["CKV_AWS_18"], cis: ["3.4"], awsguard: ["s3-bucket-logging-enabled"] },
  checkStack(stack, c) {
    for (const trail of stack.ofType(T.trail)) {
      const link = stack.link(trail, "s3BucketName", buckets);
      if (!link.known) {
        c.undecided(`${trail.name}: its bucket`);
        continue;
      }
      if (link.targets.length === 0) {
        c.undecided(`${trail.name}: bucket ${text(trail.props.s3BucketName)} is not part of this stack`);
        continue;
      }
      for (const bucket of link.targets) {
        const { targets, unknown } = logTargets(stack, bucket);
        const elsewhere = targets.filter((t) => !isUnknown(t) && !isSelf(bucket, t));
        if (elsewhere.length > 0) continue;
        if (unknown || targets.some(isUnknown)) c.undecided(`${bucket.name}: its access logging`);
        else if (targets.length > 0) c.report(`trail bucket ${bucket.name} logs its access into itself: log to another bucket`, bucket.urn);
        else c.report(`trail bucket ${bucket.name} (trail ${trail.name}) has no server access logging`, bucket.urn);
      }
    }
  },
});

export const auditLoggingRules: readonly PlatformRule[] = [auditBucketAccessLogs];
