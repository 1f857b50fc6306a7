import { num, record, records, str } from "../inputs";
import { ResourceModel } from "../model";

const bucketArn = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * S3's replication configuration, a subresource of the source bucket: what PutBucketReplication
 * refuses. A rule with a filter (the V2 schema) must say whether delete markers replicate; RTC
 * needs replication metrics, both at 15 minutes; SSE-KMS objects replicate only with a key to
 * re-encrypt them with in the destination; replica modification sync is a V2 element (S3 API
 * Reference, SourceSelectionCriteria: ReplicaModifications). "Both source and destination buckets
 * must have versioning enabled" (S3 User Guide, "Requirements and considerations for replication";
 * PutBucketReplication answers InvalidRequest otherwise): checked for the buckets the mock knows
 * (this render's and the referenced stacks').
 */
export const s3Resources: Record<string, ResourceModel> = {
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": (ctx) => {
    const bucket = str(ctx.inputs, "bucket");
    const role = str(ctx.inputs, "role");
    const fail = (message: string): never => {
      throw new Error(`${ctx.name}: ${message}`);
    };
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(String(role))) fail(`role ${role} is not an IAM role ARN`);
    const list = records(ctx.inputs, "rules") ?? [];
    if (list.length === 0 || list.length > 1000) fail("a replication configuration has 1-1000 rules");
    const unversioned = (name: string) => ctx.buckets?.get(name)?.versioned === false;
    if (unversioned(String(bucket))) fail(`source bucket ${bucket} is not versioned: S3 replicates only between versioned buckets`);
    const priorities = new Set<number>();
    for (const rule of list) {
      const at = `rule ${str(rule, "id") ?? "(no id)"}`;
      const status = str(rule, "status");
      if (status === undefined || !["Enabled", "Disabled"].includes(status)) fail(`${at}: status ${status}`);
      const destination = record(rule, "destination") ?? fail(`${at}: no destination`);
      const destinationBucket = str(destination, "bucket");
      if (!bucketArn.test(String(destinationBucket))) fail(`${at}: destination ${destinationBucket} is not a bucket ARN`);
      if (String(destinationBucket).endsWith(`:::${bucket}`)) fail(`${at}: a bucket cannot replicate into itself`);
      const destinationName = String(destinationBucket).slice(String(destinationBucket).indexOf(":::") + 3);
      if (unversioned(destinationName)) fail(`${at}: destination bucket ${destinationName} is not versioned: S3 replicates only between versioned buckets`);
      const priority = num(rule, "priority");
      if (rule.filter !== undefined) {
        if (rule.deleteMarkerReplication === undefined) fail(`${at}: a rule with a filter must set deleteMarkerReplication`);
        if (list.length > 1 && priority === undefined) fail(`${at}: rules with filters need priorities`);
        if (priority !== undefined && priorities.has(priority)) fail(`${at}: priority ${priority} is used twice`);
        if (priority !== undefined) priorities.add(priority);
      } else if (rule.deleteMarkerReplication !== undefined) {
        fail(`${at}: deleteMarkerReplication needs the V2 schema (a filter)`);
      }
      const rtc = record(destination, "replicationTime");
      if (rtc?.status === "Enabled") {
        if (record(rtc, "time")?.minutes !== 15) fail(`${at}: replication time control is 15 minutes`);
        const metrics = record(destination, "metrics");
        if (metrics?.status !== "Enabled" || record(metrics, "eventThreshold")?.minutes !== 15) fail(`${at}: replication time control needs metrics with a 15-minute event threshold`);
      }
      if (record(record(rule, "sourceSelectionCriteria"), "replicaModifications") !== undefined && rule.filter === undefined) fail(`${at}: replicaModifications needs the V2 schema (a filter)`);
      const kms = record(record(rule, "sourceSelectionCriteria"), "sseKmsEncryptedObjects")?.status === "Enabled";
      const replicaKey = record(destination, "encryptionConfiguration")?.replicaKmsKeyId;
      if (kms && !replicaKey) fail(`${at}: SSE-KMS objects need encryptionConfiguration.replicaKmsKeyId`);
      if (!kms && replicaKey) fail(`${at}: replicaKmsKeyId needs sourceSelectionCriteria.sseKmsEncryptedObjects Enabled`);
    }
    return { id: String(bucket), state: {} };
  },
};
