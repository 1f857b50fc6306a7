import type { AppSecrets } from "../security/app-secrets";
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseSettings } from "../../model/data/settings";
import { cacheMemberSuffixes, maxConnections } from "../../model/observability/capacity";
import type { PlatformSettings } from "../../model/platform";
import type { Backup } from "../backup";
import type { EcsCompute } from "../compute/ecs";
import type { Database } from "../data/database";
import type { Edge } from "../edge";
import type { Jobs } from "../jobs";
import { DatabaseTarget, LoadBalancerTarget, Observability } from "../observability";
import type { ReadinessCheck } from "../dr/readiness";
import type { Keys } from "../security/keys";
import type { DataTier } from "./data";
import type { StackBase } from "./stack";
import { taskCrashEvents } from "./security";
import { mailConfigurationSetArn } from "./messaging";

export interface ObservabilityDependencies {
  readonly keys: Keys;
  readonly data?: DataTier;
  /** The ECS variant: on EKS, seed 004's Prometheus and Alertmanager watch the pods instead. */
  readonly ecs?: EcsCompute;
  readonly edge?: Edge;
  readonly jobs?: Jobs;
  readonly backup?: Backup;
  /** The application secrets: the external ones with a maxAgeDays are checked for age. */
  readonly appSecrets?: AppSecrets;
}

/** Settings -> the observability tier: the alert topic, the seeds' alarms, the dashboard and the budget. */
export function buildObservability(config: PlatformSettings, { context, opts }: StackBase, deps: ObservabilityDependencies): Observability | undefined {
  const obs = config.observability;
  if (!obs) return undefined;
  const { keys, data, ecs, edge, jobs, backup } = deps;
  const stores = data && config.data ? { settings: config.data, tier: data } : undefined;
  return new Observability(
    context.namePrefix,
    {
      context,
      alertEmails: obs.alertEmails,
      warningEmails: obs.warnings?.emails,
      logTexts: ecs
        ? Object.entries(obs.logTextAlarms).map(([key, alarm]) => {
            const service = ecs.services[alarm.service];
            if (!service) throw new Error(`observability.logTextAlarms.${key}: no ECS service ${alarm.service}`);
            return { key, ...alarm, logGroupName: service.logGroupName };
          })
        : [],
      applicationAlarms: obs.applicationAlarms,
      thresholds: obs.alarms,
      logsKeyArn: keys.logs.arn,
      services: ecs ? Object.entries(ecs.services).map(([key, service]) => ({ key, clusterName: ecs.clusterName, serviceName: service.serviceName })) : [],
      loadBalancers: edge ? loadBalancerTargets(edge) : [],
      database: stores ? databaseTarget(stores.settings.database, stores.tier.database) : undefined,
      cache: stores
        ? {
            replicationGroupId: stores.tier.cache.replicationGroupId,
            memberSuffixes: cacheMemberSuffixes(stores.settings.cache.mode, stores.settings.cache.shards, stores.settings.cache.replicasPerShard),
          }
        : undefined,
      jobs: (jobs?.monitoring ?? []).map((job) => ({ key: job.key, functionName: job.functionName, deadLetterQueueName: job.deadLetterQueueName, eventRules: job.eventRuleNames })),
      backupVault: backup ? { name: backup.vault.name, copies: config.backup?.copyToVaultArn !== undefined } : undefined,
      agedSecrets: Object.entries(config.appSecrets).flatMap(([key, spec]) => {
        const arn = deps.appSecrets?.arns[key];
        return spec.source === "external" && spec.maxAgeDays !== undefined && arn ? [{ key, secretArn: arn, maxAgeDays: spec.maxAgeDays }] : [];
      }),
      logs: { retentionDays: config.logs.retentionDays, protect: config.dataProtection === "protected" },
      dashboard: obs.dashboard,
      taskCrashes: ecs && taskCrashEvents(config) ? { clusterArn: ecs.cluster.arn } : undefined,
      mailFeedback: config.mail ? { configurationSetArn: mailConfigurationSetArn(context, config) } : undefined,
      budget: obs.budget ? { ...obs.budget, environmentTag: config.environment } : undefined,
    },
    opts,
  );
}

/**
 * The stack's dashboards, after the last tier that alarms: the observability tier's own alarms
 * and those of the tiers built after it, which alarm through its topic (the dr tier's readiness
 * check). A tier that adds an alarm later in `buildPlatform` hands it in here.
 */
export function drawDashboards(observability: Observability | undefined, later: { readonly readiness?: ReadinessCheck }): void {
  observability?.drawDashboards(later.readiness ? [later.readiness.dashboardAlarm] : []);
}

/** What the database alarms watch: the instance and its replicas, or the Aurora cluster's roles. */
function databaseTarget(settings: DatabaseSettings, database: Database): DatabaseTarget {
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
  return { kind: "cluster", clusterIdentifier: database.clusterIdentifier ?? database.identifier, readerCount: settings.readers.length, maxConnections: max };
}

/** The edge's load balancers with the ARN suffixes CloudWatch names them by (`app/<name>/<id>`, `targetgroup/<name>/<id>`). */
function loadBalancerTargets(edge: Edge): LoadBalancerTarget[] {
  const suffix = (arn: pulumi.Output<string>) => arn.apply((text) => text.slice(text.indexOf(":targetgroup/") + 1));
  const balancers: LoadBalancerTarget[] = [];
  if (edge.alb) {
    const shifts = edge.alb.trafficShifts;
    balancers.push({
      key: "alb",
      kind: "application",
      arnSuffix: edge.alb.loadBalancer.arnSuffix,
      targetGroups: Object.entries(edge.alb.targetGroupArns).map(([key, arn]) => ({ key, arnSuffix: suffix(arn), alternateArnSuffix: shifts[key]?.alternateTargetGroupArnSuffix })),
    });
  }
  if (edge.nlb) {
    balancers.push({ key: "nlb", kind: "network", arnSuffix: edge.nlb.loadBalancer.arnSuffix, targetGroups: Object.entries(edge.nlb.targetGroupArns).map(([key, arn]) => ({ key, arnSuffix: suffix(arn) })) });
  }
  return balancers;
}
