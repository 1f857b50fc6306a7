import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { parseClockTime } from "../config/schedule-expression";
import { functionName, parseSecretRef, SecretRef } from "../config/sections/jobs";
import { Backup } from "./backup";
import { Jobs, JobSpec } from "./jobs";
import { OfficeHours } from "./jobs/office-hours";
import { VpcEndpoints } from "./network/endpoints";
import { Network } from "./network";
import { NatInstance } from "./network/nat-instance";
import { Observability } from "./observability";
import { Audit } from "./security/audit";
import { SecurityGroups } from "./security/groups";
import { Keys } from "./security/keys";
import { StackContext } from "./shared/context";

/** The tiers of one stack, for index.ts to export from and tests to inspect. */
export interface Platform {
  readonly context: StackContext;
  readonly provider: aws.Provider;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly audit: Audit;
  readonly jobs: Jobs;
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
      databasePort: 5432,
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

  const jobs = new Jobs(
    namePrefix,
    {
      context,
      jobs: config.jobs.functions.map((job) => jobSpec(config, job)),
      logRetentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays,
      logsKeyArn: keys.logs.arn,
      dataKeyArn: keys.data.arn,
      vpc: { vpcId: network.vpcId, subnetIds: network.appSubnetIds, securityGroupId: securityGroups.lambda.id },
      buckets: {},
      dataStores: {},
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
          databaseArns: [],
          bucketArns: [],
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
          serviceLogGroups: config.compute?.engine === "ecs" ? config.compute.services.map((s) => ({ key: s.name, name: serviceLogGroupName(namePrefix, s.name) })) : [],
          services: [],
          loadBalancers: [],
          jobs: jobs.monitoring.map((job) => ({ key: job.key, functionName: job.functionName, deadLetterQueueName: job.deadLetterQueueName, eventRules: job.eventRuleNames })),
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
        },
        opts,
      )
    : undefined;

  return { context, provider, keys, network, securityGroups, audit, jobs, backup, observability, officeHours };
}

/** `/ecs/<project>-<environment>/<service>`: where a container service logs (seed 003: /ecs/onno-api). */
export function serviceLogGroupName(namePrefix: string, service: string): string {
  return `/ecs/${namePrefix}/${service}`;
}

function jobSpec(config: PlatformConfig, job: PlatformConfig["jobs"]["functions"][number]): JobSpec {
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
    environment: job.environment,
    secrets,
    reaches: job.reaches,
    vpc: job.vpc,
    reservedConcurrency: job.reservedConcurrency,
    retryAttempts: job.retryAttempts,
    triggers: job.triggers,
    buckets: [],
    sesIdentities: job.permissions.sesIdentities,
    eventBuses: job.permissions.eventBuses,
  };
}

function clockTime(text: string): { hour: number; minute: number } {
  const time = parseClockTime(text);
  if (!time) throw new Error(`not a clock time: ${text}`);
  return time;
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
  };
}
