import { GetBucketReplicationCommand, ReplicationRule, S3Client } from "@aws-sdk/client-s3";
import type { ReverseRuleState } from "../cloud";
import type { DrillTargets } from "../targets";

type Regional<C> = (region: string) => C;

/**
 * The reverse rules a failback relies on: for each replica that the drill output says replicates
 * back (`reverseRuleId`), its replication configuration as S3 holds it (GetBucketReplication, in the
 * standby region, where the replica is). A bucket without a configuration answers
 * ReplicationConfigurationNotFoundError (S3 API Reference, GetBucketReplication): reported missing.
 * The rule must be the one the stack declared: that id, into the primary's bucket.
 */
export async function reverseReplication(s3: Regional<S3Client>, targets: DrillTargets): Promise<ReverseRuleState[]> {
  const client = s3(targets.standby.region);
  const states: ReverseRuleState[] = [];
  for (const bucket of targets.files) {
    if (!bucket.reverseRuleId) {
      states.push({ key: bucket.key, bucket: bucket.replicaBucket, status: "missing", detail: `${bucket.replicaBucket}: the drill output names no reverse rule (platform:dr.replica.buckets[].replicateBack)` });
      continue;
    }
    let rules: ReplicationRule[];
    try {
      rules = (await client.send(new GetBucketReplicationCommand({ Bucket: bucket.replicaBucket }))).ReplicationConfiguration?.Rules ?? [];
    } catch (error) {
      if (!(error instanceof Error && error.name === "ReplicationConfigurationNotFoundError")) throw error;
      rules = [];
    }
    const rule = rules.find((r) => r.ID === bucket.reverseRuleId);
    const into = rule?.Destination?.Bucket;
    if (!rule || into !== `arn:aws:s3:::${bucket.sourceBucket}`) {
      states.push({ key: bucket.key, bucket: bucket.replicaBucket, status: "missing", detail: `${bucket.replicaBucket}: no rule ${bucket.reverseRuleId} into ${bucket.sourceBucket}${rule ? ` (it replicates into ${into})` : ""}` });
      continue;
    }
    const status = rule.Status === "Enabled" ? "Enabled" : "Disabled";
    states.push({ key: bucket.key, bucket: bucket.replicaBucket, status, detail: `${bucket.replicaBucket}: rule ${bucket.reverseRuleId} into ${bucket.sourceBucket} ${status}` });
  }
  return states;
}
