import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { auditBucketAccessLogs } from "../../../policies/rules/audit-logging";
import { res, validateStack } from "../../helpers/policy";

const trailBucket = res(T.bucket, "trail", { id: "trail-bucket", bucket: "trail-bucket", arn: "arn:aws:s3:::trail-bucket" });
const logBucket = res(T.bucket, "logs", { id: "log-bucket", bucket: "log-bucket", arn: "arn:aws:s3:::log-bucket" });
const trail = res(T.trail, "trail", { s3BucketName: "trail-bucket" });

describe("policy: audit-bucket-access-logs", () => {
  it("passes a trail bucket that logs its access to another bucket", async () => {
    const logging = res(T.bucketLogging, "trail-access-logs", { bucket: "trail-bucket", targetBucket: "log-bucket", targetPrefix: "s3-access/cloudtrail/" });
    assert.deepEqual((await validateStack(auditBucketAccessLogs, [trailBucket, logBucket, trail, logging])).violations, []);
  });

  it("fails a trail bucket without access logging, or logging into itself", async () => {
    const outcome = await validateStack(auditBucketAccessLogs, [trailBucket, logBucket, trail]);
    assert.deepEqual(outcome.violations, ["trail bucket trail (trail trail) has no server access logging"]);
    assert.deepEqual(outcome.urns, [trailBucket.urn]);
    const self = res(T.bucketLogging, "self", { bucket: "trail-bucket", targetBucket: "trail-bucket" });
    assert.deepEqual((await validateStack(auditBucketAccessLogs, [trailBucket, trail, self])).violations, ["trail bucket trail logs its access into itself: log to another bucket"]);
  });

  it("does not judge a trail whose bucket another stack owns", async () => {
    const outcome = await validateStack(auditBucketAccessLogs, [res(T.trail, "org", { s3BucketName: "org-audit-bucket" })]);
    assert.deepEqual(outcome.violations, []);
    assert.match(outcome.unknown ?? "", /bucket org-audit-bucket is not part of this stack/);
  });
});
