import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { parseClockTime } from "../config/schedule-expression";
import { functionName, parseSecretRef, SecretRef } from "../config/sections/jobs";
import { Backup } from "./backup";
import { resolveEnvValue } from "./compute/env-refs";
import { Cache } from "./data/cache";
import { Database } from "./data/database";
import { dataIdentifiers, enginePort } from "./data/engines";
import { DataStoreEndpoint, Jobs, JobSpec } from "./jobs";
import { OfficeHours } from "./jobs/office-hours";
import { VpcEndpoints } from "./network/endpoints";
import { Network } from "./network";
import { NatInstance } from "./network/nat-instance";
import { DatabaseTarget, Observability } from "./observability";
import { cacheMemberSuffixes, maxConnections } from "./observability/capacity";
import { Audit } from "./security/audit";
import { SecurityGroups } from "./security/groups";
import { Keys } from "./security/keys";
import { StackContext } from "./shared/context";
import { Storage } from "./storage";

/** The tiers of one stack, for index.ts to export from and tests to inspect. */
export interface Platform {
  readonly context: StackContext;
  readonly provider: aws.Provider;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly audit: Audit;
  /** Absent in a stack without `platform:data` (a standby: the DR tier replicates the primary's). */
  readonly data?: { readonly database: Database; readonly cache: Cache };
  readonly storage: Storage;
  /** Absent when the stack runs no jobs. */
  readonly jobs?: Jobs;
  readonly backup?: Backup;
  readonly observability?: Observability;
  readonly officeHours?: OfficeHours;
}

/** Tags every taggable resource carries through the provider; `Tier` is added per component. */
export function defaultTags(config: PlatformConfig): Record<string, string> {
  return { ...config.tags, Project: config.project, Environment: config.environment, ManagedBy: "pulumi" };
}

/**
 * Composes the tiers from a validated config. The only place that maps config onto tier args;
 * decisions that change how many resources exist are made here from plain values.
 */
export function buildPlatform(config: PlatformConfig): Platform {
  const namePrefix = `${config.project}-${config.environment}`;
  const provider = new aws.Provider("platform", { region: config.region as aws.Region, defaultTags: { tags: defaultTags(config) } });
  const opts = { providers: { aws: provider } };
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const partition = aws.getPartitionOutput({}, { provider });
  const context: StackContext = { namePrefix, region: config.region, accountId: identity.accountId, partition: partition.partition };
  const forceDestroy = config.dataProtection === "disposable";

  const keys = new Keys(namePrefix, { context, deletionWindowDays: config.security.kms.deletionWindowDays }, opts);
  const network = new Network(
    namePrefix,
    {
      context,
      vpcCidr: config.network.vpcCidr,
      availabilityZones: config.network.availabilityZones,
      subnets: config.subnetPlan,
      nat: config.network.nat,
      flowLogs: { ...config.network.flowLogs, retentionDays: config.logs.retentionDays, kmsKeyArn: keys.logs.arn },
    },
    opts,
  );
  const securityGroups = new SecurityGroups(
    namePrefix,
    {
      context,
      vpcId: network.vpcId,
      appPorts: [],
      // Without a database of its own (a standby), the group is ready for PostgreSQL, the seeds' default.
      databasePort: config.data ? enginePort(config.data.database.engine) : 5432,
      cachePort: 6379,
      bastion: config.security.bastion,
      natInstance: config.network.nat === "instance",
    },
    opts,
  );
  if (config.network.nat === "instance" && securityGroups.natInstance) {
    new NatInstance(
      `${namePrefix}-nat`,
      {
        context,
        instanceType: config.network.natInstanceType,
        subnetId: network.publicSubnetIds[0],
        securityGroupId: securityGroups.natInstance.id,
        routeTableIds: network.appRouteTableIds,
      },
      opts,
    );
  }
  const { ecr, logs, secretsManager } = config.network.endpoints;
  if (ecr || logs || secretsManager) {
    new VpcEndpoints(
      namePrefix,
      { context, vpcId: network.vpcId, subnetIds: network.appSubnetIds, securityGroupId: securityGroups.endpoints.id, ecr, logs, secretsManager },
      opts,
    );
  }
  const audit = new Audit(
    namePrefix,
    { context, cloudTrail: config.security.cloudTrail, guardDuty: config.security.guardDuty, logsKeyArn: keys.logs.arn, forceDestroy },
    opts,
  );

  // The backup tier selects by tag: the database and the buckets that ask for backups carry it.
  const backupConfig = config.backup?.enabled ? config.backup : undefined;
  const backupTag = backupConfig?.selectionTag;
  const data = config.data ? buildData(config, config.data, { context, keys, network, securityGroups }, backupTag, opts) : undefined;
  const storage = new Storage(
    namePrefix,
    {
      context,
      logLifecycle: config.storage.logBucket.lifecycle,
      buckets: config.storage.buckets,
      repositories: config.storage.repositories,
      repositoryNamespace: config.storage.repositoryNamespace ?? namePrefix,
      kmsKeyArn: keys.storage.arn,
      protection: config.dataProtection,
      backupTag,
    },
    opts,
  );

  const dataStores: Partial<Record<"database" | "cache", DataStoreEndpoint>> = data
    ? {
        database: { host: data.database.endpoint, port: data.database.port, secretArn: data.database.secretArn },
        cache: { host: data.cache.endpoint, port: data.cache.port, secretArn: data.cache.authSecretArn },
      }
    : {};
  const jobs =
    config.jobs.functions.length === 0
      ? undefined
      : new Jobs(
          namePrefix,
          {
            context,
            jobs: config.jobs.functions.map((job) => jobSpec(config, job, { storage, keys, data })),
            logRetentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays,
            logsKeyArn: keys.logs.arn,
            dataKeyArn: keys.data.arn,
            vpc: { vpcId: network.vpcId, subnetIds: network.appSubnetIds, securityGroupId: securityGroups.lambda.id },
            buckets: storage.buckets,
            dataStores,
          },
          opts,
        );

  const backup = backupConfig
    ? new Backup(
        namePrefix,
        {
          context,
          timezone: backupConfig.timezone,
          rules: backupConfig.rules,
          selectionTag: backupConfig.selectionTag,
          dataKeyArn: keys.data.arn,
          storageKeyArn: keys.storage.arn,
          databaseArns: data ? [data.database.arn] : [],
          bucketArns: storage.backupBuckets.map((key) => storage.buckets[key].arn),
          copyToVaultArn: backupConfig.copyToVaultArn,
          vaultLock: backupConfig.vaultLock,
          dataProtection: config.dataProtection,
        },
        opts,
      )
    : undefined;

  const obs = config.observability;
  const observability = obs
    ? new Observability(
        namePrefix,
        {
          context,
          alertEmails: obs.alertEmails,
          thresholds: obs.alarms,
          logsKeyArn: keys.logs.arn,
          logRetentionDays: config.logs.retentionDays,
          serviceLogGroups: [],
          services: [],
          loadBalancers: [],
          database: data && config.data ? databaseTarget(config.data.database, data.database) : undefined,
          cache:
            data && config.data
              ? { replicationGroupId: data.cache.replicationGroupId, memberSuffixes: cacheMemberSuffixes(config.data.cache.mode, config.data.cache.shards, config.data.cache.replicasPerShard) }
              : undefined,
          jobs: (jobs?.monitoring ?? []).map((job) => ({ key: job.key, functionName: job.functionName, deadLetterQueueName: job.deadLetterQueueName, eventRules: job.eventRuleNames })),
          backupVault: backup ? { name: backup.vault.name, copies: backupConfig?.copyToVaultArn !== undefined } : undefined,
          dashboard: obs.dashboard,
          budget: obs.budget ? { ...obs.budget, environmentTag: config.environment } : undefined,
        },
        opts,
      )
    : undefined;

  const hours = config.officeHours?.enabled ? config.officeHours : undefined;
  const officeHours = hours
    ? new OfficeHours(
        namePrefix,
        {
          context,
          timezone: hours.timezone,
          days: hours.days,
          start: clockTime(hours.start),
          stop: clockTime(hours.stop),
          ecsServices: [],
          nodeGroups: [],
          database: data && config.data ? { kind: config.data.database.engine === "postgres" ? "instance" : "cluster", identifier: data.database.clusterIdentifier ?? data.database.identifier } : undefined,
        },
        opts,
      )
    : undefined;

  return { context, provider, keys, network, securityGroups, audit, data, storage, jobs, backup, observability, officeHours };
}

type JobConfig = PlatformConfig["jobs"]["functions"][number];

function jobSpec(config: PlatformConfig, job: JobConfig, tiers: { storage: Storage; keys: Keys; data?: { database: Database; cache: Cache } }): JobSpec {
  const { storage, keys, data } = tiers;
  const missing = (what: string): never => {
    throw new Error(`job ${job.name} refers to ${what}, which this stack does not have`);
  };
  const lookup = (ref: string): pulumi.Input<string | number> => {
    if (ref === "region") return config.region;
    if (ref === "database.host") return (data?.database ?? missing("the database")).endpoint;
    if (ref === "database.port") return (data?.database ?? missing("the database")).port;
    if (ref === "cache.host") return (data?.cache ?? missing("the cache")).endpoint;
    if (ref === "cache.port") return (data?.cache ?? missing("the cache")).port;
    const bucket = ref.slice("bucket.".length);
    return (storage.buckets[bucket] ?? missing(`bucket ${bucket}`)).bucketName;
  };
  const secrets: Record<string, SecretRef> = {};
  for (const [key, text] of Object.entries(job.secrets)) secrets[key] = parseSecretRef(text) as SecretRef;
  return {
    key: job.name,
    functionName: functionName(config.project, config.environment, job.name),
    runtime: job.runtime,
    handler: job.handler,
    codeDirectory: job.code,
    memoryMb: job.memoryMb,
    timeoutSeconds: job.timeoutSeconds,
    architecture: job.architecture,
    environment: Object.fromEntries(Object.entries(job.environment).map(([key, value]) => [key, resolveEnvValue(value, lookup)])),
    secrets,
    reaches: job.reaches,
    vpc: job.vpc,
    reservedConcurrency: job.reservedConcurrency,
    retryAttempts: job.retryAttempts,
    triggers: job.triggers,
    buckets: job.permissions.buckets.map((grant) => {
      const bucket = storage.buckets[grant.bucket];
      return { key: grant.bucket, arn: bucket.arn, access: grant.access, prefix: grant.prefix, kmsKeyArn: bucket.encryption === "kms" ? keys.storage.arn : undefined };
    }),
    sesIdentities: job.permissions.sesIdentities,
    eventBuses: job.permissions.eventBuses,
  };
}

/** What the database alarms watch: the instance and its replicas, or the Aurora cluster's roles. */
function databaseTarget(settings: NonNullable<PlatformConfig["data"]>["database"], database: Database): DatabaseTarget {
  const max = maxConnections(settings.engine, settings.instanceClass, settings.parameters);
  if (max === undefined) throw new Error(`no max_connections known for ${settings.instanceClass}: set it in platform:data.database.parameters`);
  if (settings.engine === "postgres") {
    return {
      kind: "instance",
      instances: [
        { key: "primary", identifier: database.identifier },
        ...settings.readReplicas.map((r) => ({ key: r.name, identifier: pulumi.interpolate`${database.identifier}-${r.name}` })),
      ],
      maxConnections: max,
      allocatedStorageGb: settings.storageGb,
    };
  }
  return { kind: "cluster", clusterIdentifier: database.clusterIdentifier ?? database.identifier, readers: settings.readers.length, maxConnections: max };
}

function clockTime(text: string): { hour: number; minute: number } {
  const time = parseClockTime(text);
  if (!time) throw new Error(`not a clock time: ${text}`);
  return time;
}

interface Foundation {
  readonly context: StackContext;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
}

function buildData(
  config: PlatformConfig,
  data: NonNullable<PlatformConfig["data"]>,
  tiers: Foundation,
  backupTag: { readonly key: string; readonly value: string } | undefined,
  opts: pulumi.ComponentResourceOptions,
) {
  const { context, keys, network, securityGroups } = tiers;
  const ids = dataIdentifiers(config.project, config.environment);
  // Seed 001's secret names: codemate/{env}/database.
  const secretPrefix = `${config.project}/${config.environment}`;
  const database = new Database(
    ids.database,
    {
      context,
      settings: data.database,
      identifier: ids.database,
      secretName: `${secretPrefix}/database`,
      subnetIds: network.dataSubnetIds,
      availabilityZones: config.network.availabilityZones,
      securityGroupId: securityGroups.database.id,
      kmsKeyArn: keys.data.arn,
      logs: { retentionDays: config.logs.retentionDays, kmsKeyArn: keys.logs.arn },
      protection: config.dataProtection,
      backupTag,
    },
    opts,
  );
  const cache = new Cache(
    ids.cache,
    {
      context,
      settings: data.cache,
      replicationGroupId: ids.cache,
      secretName: `${secretPrefix}/redis-auth`,
      subnetIds: network.dataSubnetIds,
      securityGroupId: securityGroups.cache.id,
      kmsKeyArn: keys.data.arn,
      protection: config.dataProtection,
    },
    opts,
  );
  return { database, cache };
}

/** Stack outputs: identifiers other stacks and the automation read. Never a secret value. */
export function platformOutputs(platform: Platform): Record<string, pulumi.Input<unknown>> {
  const { network, securityGroups, keys } = platform;
  return {
    region: platform.context.region,
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    appSubnetIds: network.appSubnetIds,
    dataSubnetIds: network.dataSubnetIds,
    securityGroupIds: {
      alb: securityGroups.alb.id,
      app: securityGroups.app.id,
      database: securityGroups.database.id,
      cache: securityGroups.cache.id,
      lambda: securityGroups.lambda.id,
    },
    kmsKeyArns: { data: keys.data.arn, storage: keys.storage.arn, logs: keys.logs.arn },
    ...dataOutputs(platform),
    ...storageOutputs(platform.storage),
  };
}

/** Endpoints, ports and secret ARNs; the secrets' values stay in Secrets Manager. */
function dataOutputs(platform: Platform): Record<string, pulumi.Input<unknown>> {
  if (!platform.data) return {};
  const { database, cache } = platform.data;
  return {
    database: {
      engine: database.engine,
      endpoint: database.endpoint,
      readerEndpoint: database.readerEndpoint,
      replicaEndpoints: database.replicaEndpoints,
      port: database.port,
      secretArn: database.secretArn,
      identifier: database.identifier,
      arn: database.arn,
      clusterIdentifier: database.clusterIdentifier,
      globalClusterIdentifier: database.globalClusterIdentifier,
    },
    cache: {
      endpoint: cache.endpoint,
      readerEndpoint: cache.readerEndpoint,
      port: cache.port,
      authSecretArn: cache.authSecretArn,
      replicationGroupId: cache.replicationGroupId,
    },
  };
}

function storageOutputs(storage: Storage): Record<string, pulumi.Input<unknown>> {
  return {
    logBucket: { bucketName: storage.logBucket.bucketName, arn: storage.logBucket.arn },
    buckets: Object.fromEntries(
      Object.entries(storage.buckets).map(([key, b]) => [key, { bucketName: b.bucketName, arn: b.arn, replicate: b.replicate, backup: b.backup }]),
    ),
    repositories: Object.fromEntries(Object.entries(storage.repositories).map(([key, r]) => [key, { repositoryUrl: r.repositoryUrl, arn: r.arn, name: r.name }])),
  };
}
