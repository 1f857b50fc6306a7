import * as pulumi from "@pulumi/pulumi";
import { logSourceKey, parseLogSource } from "../../model/observability/log-archive";
import type { PlatformSettings } from "../../model/platform";
import { bucketName, logArchiveBucketKey } from "../../model/storage/naming";
import type { EcsCompute } from "../compute/ecs";
import { ArchivedLogGroup, LogArchive } from "../observability/log-archive";
import type { Keys } from "../security/keys";
import type { Storage } from "../storage";
import { logPrefixes } from "../storage/log-bucket";
import type { DataTier } from "./data";
import type { StackBase } from "./stack";

export interface LogArchiveDependencies {
  readonly keys: Keys;
  readonly storage: Storage;
  readonly ecs?: EcsCompute;
  readonly data?: DataTier;
}

/** Settings -> the log archive (`platform:logs.archive`): the referenced groups, resolved to the resources that create them. */
export function buildLogArchive(config: PlatformSettings, { context, opts }: StackBase, deps: LogArchiveDependencies): LogArchive | undefined {
  const archive = config.logs.archive;
  if (!archive) return undefined;
  const logGroups = archive.logGroups.map((reference): ArchivedLogGroup => {
    const source = parseLogSource(reference);
    // The schema accepted every reference and checked that its group exists.
    if (!source) throw new Error(`logs.archive.logGroups: ${reference} is not a log group reference`);
    const key = logSourceKey(source);
    if (source.kind === "service") {
      const service = deps.ecs?.services[source.name];
      if (!service) throw new Error(`logs.archive.logGroups: no ECS service ${source.name}`);
      return { key, logGroupName: service.logGroupName };
    }
    const group = deps.data?.database.writerLogGroups[source.name];
    if (!group) throw new Error(`logs.archive.logGroups: the database exports no ${source.name} log`);
    return { key, logGroupName: group.name };
  });
  return new LogArchive(
    `${context.namePrefix}-log-archive`,
    {
      context,
      logGroups,
      bucketName: pulumi.output(context.accountId).apply((accountId) => bucketName(context.namePrefix, logArchiveBucketKey, accountId, context.region)),
      lifecycle: archive.lifecycle,
      kmsKeyArn: deps.keys.storage.arn,
      bufferSeconds: archive.bufferSeconds,
      bufferMb: archive.bufferMb,
      accessLogs: { bucket: deps.storage.logBucket.bucketName, prefix: `${logPrefixes.s3}/${logArchiveBucketKey}/` },
      protect: config.dataProtection === "protected",
    },
    opts,
  );
}
