import type { PlatformSettings } from "../../model/platform";
import type { Keys } from "../security/keys";
import { Storage } from "../storage";
import type { StackBase } from "./stack";

/** Settings -> the storage tier: the log bucket, the product's buckets and its repositories. */
export function buildStorage(
  config: PlatformSettings,
  { context, opts }: StackBase,
  keys: Keys,
  backupTag: { readonly key: string; readonly value: string } | undefined,
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
      extraLogSourceKeys: config.role === "standby" ? (config.dr?.replica?.buckets ?? []).map((b) => b.name) : [],
      registryReplication: config.account?.baseline?.registryReplication ?? [],
    },
    opts,
  );
}
