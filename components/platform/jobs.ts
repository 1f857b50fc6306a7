import { functionName, JobSecretRef, JobSettings, parseJobSecretRef } from "../../model/jobs/settings";
import { mailConfigurationSetName } from "../../model/messaging/settings";
import type { PlatformSettings } from "../../model/platform";
import { drState } from "../../model/dr/settings";
import { DataStoreEndpoint, Jobs, JobSpec } from "../jobs";
import type { Network } from "../network";
import type { SecurityGroups } from "../security/groups";
import type { Keys } from "../security/keys";
import type { Storage } from "../storage";
import type { DataTier } from "./data";
import { ReferenceTargets, resolveEnvValue } from "./references";
import type { StackBase } from "./stack";

export interface JobsDependencies {
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly storage: Storage;
  readonly data?: DataTier;
  readonly targets: ReferenceTargets;
}

/** Settings -> the jobs tier: a Lambda function per job with its triggers; none when the stack runs no jobs. */
export function buildJobs(config: PlatformSettings, { context, opts }: StackBase, deps: JobsDependencies): Jobs | undefined {
  if (config.jobs.functions.length === 0) return undefined;
  const { keys, network, securityGroups, targets } = deps;
  // The reference targets: the stack's own stores, or on a standby the dr tier's copies.
  const { database, cache } = targets.data ?? {};
  const dataStores: Partial<Record<"database" | "cache", DataStoreEndpoint>> = {
    ...(database ? { database: { host: database.endpoint, port: database.port, secretArn: database.secretArn } } : {}),
    ...(cache ? { cache: { host: cache.endpoint, port: cache.port, secretArn: cache.authSecretArn } } : {}),
  };
  return new Jobs(
    context.namePrefix,
    {
      context,
      jobs: config.jobs.functions.map((job) => jobSpec(config, job, deps)),
      logRetentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays,
      logsKeyArn: keys.logs.arn,
      protect: config.dataProtection === "protected",
      dataKeyArn: keys.data.arn,
      vpc: { vpcId: network.vpcId, subnetIds: network.appSubnetIds, securityGroupIds: Object.fromEntries(Object.entries(securityGroups.jobs).map(([job, group]) => [job, group.id])) },
      buckets: targets.storage?.buckets ?? {},
      dataStores,
      // A standby's jobs wait, triggers off, until it serves.
      paused: config.role === "standby" ? drState(config) === "standby" : undefined,
    },
    opts,
  );
}

function jobSpec(config: PlatformSettings, job: JobSettings, { keys, targets }: JobsDependencies): JobSpec {
  const owner = `job ${job.name}`;
  const secrets: Record<string, JobSecretRef> = {};
  for (const [key, text] of Object.entries(job.secrets)) secrets[key] = parseJobSecretRef(text) as JobSecretRef;
  return {
    key: job.name,
    functionName: functionName(config.project, config.environment, job.name),
    runtime: job.runtime,
    handler: job.handler,
    codeDirectory: job.code,
    memoryMb: job.memoryMb,
    timeoutSeconds: job.timeoutSeconds,
    architecture: job.architecture,
    environment: Object.fromEntries(Object.entries(job.environment).map(([key, value]) => [key, resolveEnvValue(value, owner, targets)])),
    secrets,
    reaches: job.reaches,
    vpc: job.vpc,
    reservedConcurrency: job.reservedConcurrency,
    retryAttempts: job.retryAttempts,
    triggers: job.triggers,
    buckets: job.permissions.buckets.map((grant) => {
      const bucket = targets.storage?.buckets[grant.bucket];
      if (!bucket) throw new Error(`job ${job.name}: bucket ${grant.bucket} is not built in this stack`);
      return { key: grant.bucket, arn: bucket.arn, access: grant.access, prefix: grant.prefix, kmsKeyArn: bucket.encryption === "kms" ? keys.storage.arn : undefined };
    }),
    sesIdentities: job.permissions.sesIdentities,
    mailConfigurationSet: config.mail && job.permissions.sesIdentities.length > 0 ? mailConfigurationSetName(config.project, config.environment) : undefined,
    sms: job.permissions.sms,
    eventBuses: job.permissions.eventBuses,
  };
}
