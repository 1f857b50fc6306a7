import { ResourceModel } from "../model";

const bucketArn = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * S3's replication configuration, a subresource of the source bucket: what PutBucketReplication
 * refuses. A rule with a filter (the V2 schema) must say whether delete markers replicate; RTC
 * needs replication metrics, both at 15 minutes; SSE-KMS objects replicate only with a key to
 * re-encrypt them with in the destination.
 */
export const s3Resources: Record<string, ResourceModel> = {
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": (ctx) => {
    const { bucket, role, rules } = ctx.inputs;
    const fail = (message: string): never => {
      throw new Error(`${ctx.name}: ${message}`);
    };
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(String(role))) fail(`role ${role} is not an IAM role ARN`);
    const list: any[] = rules ?? [];
    if (list.length === 0 || list.length > 1000) fail("a replication configuration has 1-1000 rules");
    const priorities = new Set<number>();
    for (const rule of list) {
      const at = `rule ${rule.id ?? "(no id)"}`;
      if (!["Enabled", "Disabled"].includes(rule.status)) fail(`${at}: status ${rule.status}`);
      const destination = rule.destination ?? fail(`${at}: no destination`);
      if (!bucketArn.test(String(destination.bucket))) fail(`${at}: destination ${destination.bucket} is not a bucket ARN`);
      if (String(destination.bucket).endsWith(`:::${bucket}`)) fail(`${at}: a bucket cannot replicate into itself`);
      if (rule.filter !== undefined) {
        if (rule.deleteMarkerReplication === undefined) fail(`${at}: a rule with a filter must set deleteMarkerReplication`);
        if (list.length > 1 && rule.priority === undefined) fail(`${at}: rules with filters need priorities`);
        if (rule.priority !== undefined && priorities.has(rule.priority)) fail(`${at}: priority ${rule.priority} is used twice`);
        if (rule.priority !== undefined) priorities.add(rule.priority);
      } else if (rule.deleteMarkerReplication !== undefined) {
        fail(`${at}: deleteMarkerReplication needs the V2 schema (a filter)`);
      }
      const rtc = destination.replicationTime;
      if (rtc?.status === "Enabled") {
        if (rtc.time?.minutes !== 15) fail(`${at}: replication time control is 15 minutes`);
        if (destination.metrics?.status !== "Enabled" || destination.metrics?.eventThreshold?.minutes !== 15) fail(`${at}: replication time control needs metrics with a 15-minute event threshold`);
      }
      const kms = rule.sourceSelectionCriteria?.sseKmsEncryptedObjects?.status === "Enabled";
      if (kms && !destination.encryptionConfiguration?.replicaKmsKeyId) fail(`${at}: SSE-KMS objects need encryptionConfiguration.replicaKmsKeyId`);
      if (!kms && destination.encryptionConfiguration?.replicaKmsKeyId) fail(`${at}: replicaKmsKeyId needs sourceSelectionCriteria.sseKmsEncryptedObjects Enabled`);
    }
    return { id: String(bucket), state: {} };
  },
};
