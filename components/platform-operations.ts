import * as pulumi from "@pulumi/pulumi";
import type { PlatformSettings } from "../model/platform";
import { parseClockTime } from "../model/schedule/expression";
import { functionName, parseJobSecretRef, JobSecretRef } from "../model/jobs/settings";
import { Backup } from "./backup";
import type { EcsCompute } from "./compute/ecs";
import type { EksCompute } from "./compute/eks";
import { resolveEnvValue } from "../model/compute/env-refs";
import type { Cache } from "./data/cache";
import type { Database } from "./data/database";
import type { Edge } from "./edge";
import { DataStoreEndpoint, Jobs, JobSpec } from "./jobs";
import { OfficeHours } from "./jobs/office-hours";
import type { Network } from "./network";
import { DatabaseTarget, LoadBalancerTarget, Observability } from "./observability";
import { cacheMemberSuffixes, maxConnections } from "../model/observability/capacity";
import type { SecurityGroups } from "./security/groups";
import type { Keys } from "./security/keys";
import type { StackContext } from "./shared/context";
import type { Storage } from "./storage";

/**
 * Config -> args of the tiers that run and watch the others (jobs, backup, observability, office
 * hours), for buildPlatform. Kept beside platform.ts so that file stays a readable list of tiers;
 * nothing here reads config on its own.
 */

/** The tiers the operations tiers are wired to. */
export interface OperationsDependencies {
  readonly context: StackContext;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly storage: Storage;
  readonly data?: { readonly database: Database; readonly cache: Cache };
  /** The ECS variant of the compute tier, when the stack runs it. */
  readonly ecs?: EcsCompute;
  /** The EKS variant, when the stack runs it. */
  readonly eks?: EksCompute;
  readonly edge?: Edge;
}

export interface Operations {
  /** Absent when the stack runs no jobs. */
  readonly jobs?: Jobs;
  readonly backup?: Backup;
  readonly observability?: Observability;
  readonly officeHours?: OfficeHours;
}

export function buildOperations(config: PlatformSettings, deps: OperationsDependencies, opts: pulumi.ComponentResourceOptions): Operations {
  const { context, keys, network, securityGroups, storage, data, ecs, eks, edge } = deps;
  const namePrefix = context.namePrefix;

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
            jobs: config.jobs.functions.map((job) => jobSpec(config, job, deps)),
            logRetentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays,
            logsKeyArn: keys.logs.arn,
            dataKeyArn: keys.data.arn,
            vpc: { vpcId: network.vpcId, subnetIds: network.appSubnetIds, securityGroupId: securityGroups.lambda.id },
            buckets: storage.buckets,
            dataStores,
          },
          opts,
        );

  const backupConfig = config.backup?.enabled ? config.backup : undefined;
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
  const database = data && config.data ? { settings: config.data, tier: data } : undefined;
  const observability = obs
    ? new Observability(
        namePrefix,
        {
          context,
          alertEmails: obs.alertEmails,
          thresholds: obs.alarms,
          logsKeyArn: keys.logs.arn,
          // ECS services only: on EKS, seed 004's Prometheus and Alertmanager watch the pods.
          services: ecs ? Object.entries(ecs.services).map(([key, service]) => ({ key, clusterName: ecs.clusterName, serviceName: service.serviceName })) : [],
          loadBalancers: edge ? loadBalancerTargets(edge) : [],
          database: database ? databaseTarget(database.settings.database, database.tier.database) : undefined,
          cache: database
            ? {
                replicationGroupId: database.tier.cache.replicationGroupId,
                memberSuffixes: cacheMemberSuffixes(database.settings.cache.mode, database.settings.cache.shards, database.settings.cache.replicasPerShard),
              }
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
          ecsServices: ecs
            ? (config.compute?.services ?? []).map((service) => ({
                key: service.name,
                clusterName: ecs.clusterName,
                serviceName: ecs.services[service.name].serviceName,
                minCapacity: service.scaling.min,
                maxCapacity: service.scaling.max,
              }))
            : [],
          nodeGroups:
            eks && config.compute?.engine === "eks"
              ? Object.entries(config.compute.eks.nodeGroups).map(([key, group]) => ({
                  key,
                  clusterName: eks.clusterName,
                  nodeGroupName: eks.nodeGroups[key].nodeGroupName,
                  minSize: group.minSize,
                  desiredSize: group.desiredSize,
                  maxSize: group.maxSize,
                }))
              : [],
          database: database
            ? { kind: database.settings.database.engine === "postgres" ? "instance" : "cluster", identifier: database.tier.database.clusterIdentifier ?? database.tier.database.identifier }
            : undefined,
        },
        opts,
      )
    : undefined;

  return { jobs, backup, observability, officeHours };
}

type JobConfig = PlatformSettings["jobs"]["functions"][number];

function jobSpec(config: PlatformSettings, job: JobConfig, tiers: OperationsDependencies): JobSpec {
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
function databaseTarget(settings: NonNullable<PlatformSettings["data"]>["database"], database: Database): DatabaseTarget {
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

/** The edge's load balancers with the ARN suffixes CloudWatch names them by (`app/<name>/<id>`, `targetgroup/<name>/<id>`). */
function loadBalancerTargets(edge: Edge): LoadBalancerTarget[] {
  const suffix = (arn: pulumi.Output<string>) => arn.apply((text) => text.slice(text.indexOf(":targetgroup/") + 1));
  const balancers: LoadBalancerTarget[] = [];
  if (edge.alb) {
    balancers.push({ key: "alb", kind: "application", arnSuffix: edge.alb.loadBalancer.arnSuffix, targetGroups: Object.entries(edge.alb.targetGroupArns).map(([key, arn]) => ({ key, arnSuffix: suffix(arn) })) });
  }
  if (edge.nlb) {
    balancers.push({ key: "nlb", kind: "network", arnSuffix: edge.nlb.loadBalancer.arnSuffix, targetGroups: Object.entries(edge.nlb.targetGroupArns).map(([key, arn]) => ({ key, arnSuffix: suffix(arn) })) });
  }
  return balancers;
}
