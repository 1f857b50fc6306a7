import * as aws from "@pulumi/aws";
import { enginePort } from "../../model/data/engines";
import type { PlatformSettings } from "../../model/platform";
import { servicesReadingSecrets } from "../../model/security/rotation";
import type { Network } from "../network";
import { AppSecrets } from "../security/app-secrets";
import { Audit } from "../security/audit";
import { Bastion } from "../security/bastion";
import { SecurityGroups } from "../security/groups";
import { Keys } from "../security/keys";
import type { DataStore } from "../../model/security/reach";
import { workloadGroups } from "../../model/security/workload-groups";
import type { StackBase } from "./stack";

/**
 * Settings -> the security tier: the KMS keys, the security-group matrix (a group per ECS service
 * and per VPC job, built from what each declares it reaches), the bastion, the audit trail and the
 * application's secrets, each its own component.
 */

/** PostgreSQL, the seeds' default: the database group's port in a stack without a database of its own (a standby). */
const defaultDatabasePort = 5432;
/** Redis. */
export const cachePort = 6379;

export function buildKeys(config: PlatformSettings, { context, opts }: StackBase): Keys {
  return new Keys(
    context.namePrefix,
    {
      context,
      deletionWindowDays: config.security.kms.deletionWindowDays,
      protect: config.dataProtection === "protected",
      eventBridgePublishes: taskCrashEvents(config),
      sesPublishes: config.mail !== undefined,
    },
    opts,
  );
}

export function buildSecurityGroups(config: PlatformSettings, { context, provider, opts }: StackBase, network: Network): SecurityGroups {
  // Under EKS pods carry the cluster group: the EKS tier opens it to podStores (compute-eks.ts).
  const { services, jobs, nlbListenerPorts } = workloadGroups(config);
  return new SecurityGroups(
    context.namePrefix,
    {
      context,
      vpcId: network.vpcId,
      services,
      jobs,
      nlbListenerPorts,
      storePorts: storePorts(config),
      bastion: config.security.bastion,
      natInstance: config.network.nat === "instance",
      albOnlyFromPrefixListId: config.edge?.cloudFront
        ? aws.ec2.getManagedPrefixListOutput({ name: "com.amazonaws.global.cloudfront.origin-facing" }, { provider }).id
        : undefined,
    },
    opts,
  );
}

/** The port each store's group opens. */
export function storePorts(config: PlatformSettings): Record<DataStore, number> {
  return { database: databasePort(config), cache: cachePort };
}

/** The port the database group opens: the engine's, or PostgreSQL's where the stack has no database of its own. */
export function databasePort(config: PlatformSettings): number {
  return config.data ? enginePort(config.data.database.engine) : defaultDatabasePort;
}

export function buildBastion(config: PlatformSettings, { context, opts }: StackBase, network: Network, securityGroups: SecurityGroups): Bastion | undefined {
  if (!config.security.bastion || !securityGroups.bastion) return undefined;
  return new Bastion(
    `${context.namePrefix}-bastion`,
    { context, instanceType: config.security.bastionInstanceType, subnetId: network.appSubnetIds[0], securityGroupId: securityGroups.bastion.id },
    opts,
  );
}

/**
 * The account's trail and this region's GuardDuty detector, in the one stack that owns the
 * account baseline of its account and region (`platform:account.baseline`); other stacks there
 * have neither (one detector per account and region; one multi-region trail per account).
 */
export function buildAudit(config: PlatformSettings, { context, opts }: StackBase, keys: Keys): Audit {
  const baseline = config.account?.baseline;
  return new Audit(
    context.namePrefix,
    {
      context,
      cloudTrail: baseline?.cloudTrail ?? false,
      guardDuty: baseline?.guardDuty ?? false,
      logsKeyArn: keys.logs.arn,
      forceDestroy: config.dataProtection === "disposable",
      protect: config.dataProtection === "protected",
    },
    opts,
  );
}

/** Seed 001's secret names, `<project>/<environment>/<key>`; none when the stack declares no application secret. */
export function buildAppSecrets(config: PlatformSettings, { context, opts }: StackBase, keys: Keys): AppSecrets | undefined {
  if (Object.keys(config.appSecrets).length === 0) return undefined;
  return new AppSecrets(
    `${context.namePrefix}-secrets`,
    {
      namePath: `${config.project}/${config.environment}`,
      secrets: config.appSecrets,
      kmsKeyArn: keys.data.arn,
      recoveryWindowDays: config.dataProtection === "disposable" ? 0 : 30,
      protect: config.dataProtection === "protected",
      rotation: {
        context,
        // The rotation functions are Lambdas: their logs keep the jobs' retention.
        logs: { retentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays, kmsKeyArn: keys.logs.arn, protect: config.dataProtection === "protected" },
        redeploy: servicesReadingSecrets(config.compute, context.namePrefix),
      },
    },
    opts,
  );
}

/** ECS task crashes go to the alert topic through EventBridge (`platform:observability.taskCrashEvents`, ECS only). */
export function taskCrashEvents(config: PlatformSettings): boolean {
  return config.observability?.taskCrashEvents === true && config.compute?.engine === "ecs";
}
