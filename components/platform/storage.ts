import type { PlatformSettings } from "../../model/platform";
import type { Audit } from "../security/audit";
import type { Keys } from "../security/keys";
import { logArchiveBucketKey } from "../../model/storage/naming";
import { logPrefixes } from "../storage/log-bucket";
import { Storage } from "../storage";
import type { StackBase } from "./stack";

/** Settings -> the storage tier: the log bucket, the product's buckets and its repositories. */
export function buildStorage(
  config: PlatformSettings,
  { context, opts }: StackBase,
  keys: Keys,
  backupTag: { readonly key: string; readonly value: string } | undefined,
  audit?: Audit,
): Storage {
  return new Storage(
    context.namePrefix,
    {
      context,
      logLifecycle: config.storage.logBucket.lifecycle,
      buckets: config.storage.buckets,
      repositories: config.storage.repositories,
      repositoryNamespace: config.storage.repositoryNamespace ?? context.namePrefix,
      kmsKeyArn: keys.storage.arn,
      protection: config.dataProtection,
      backupTag,
      cloudFrontOrigins: config.edge?.cloudFront ? [config.edge.cloudFront.staticBucket] : [],
      cloudFrontLogs: config.edge?.cloudFront?.accessLogs ?? false,
      // A standby's replica buckets log to this stack's log bucket too.
      // The log archive's bucket (platform:logs.archive) logs there as well.
      extraLogSourceKeys: [...(config.role === "standby" ? (config.dr?.replica?.buckets ?? []).map((b) => b.name) : []), ...(config.logs.archive ? [logArchiveBucketKey] : [])],
      registryReplication: config.account?.baseline?.registryReplication ?? [],
      // The audit trail's bucket logs here too (audit-bucket-access-logs).
      extraLogSourceNames: audit?.trailBucket ? [audit.trailBucket.bucketName] : [],
    },
    opts,
  );
}

/** The trail bucket's access logs go to the log bucket, once its policy admits them. */
export function logTrailAccess(audit: Audit, storage: Storage): void {
  audit.logTrailAccessTo({ bucket: storage.logBucket.bucketName, prefix: `${logPrefixes.s3}/${trailLogKey}/` }, [storage.logBucket.policy]);
}

/** The trail bucket's folder under the S3 access-log prefix (each log line names its source bucket anyway). */
export const trailLogKey = "cloudtrail";
