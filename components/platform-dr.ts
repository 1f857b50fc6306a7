import * as pulumi from "@pulumi/pulumi";
import type { PlatformSettings } from "../model/platform";
import { drState } from "../model/dr/settings";
import { dataIdentifiers } from "../model/data/engines";
import { Standby } from "./dr";
import { Failover } from "./dr/failover";
import { Edge } from "./edge";
import { EcsCompute } from "./compute/ecs";
import { Keys } from "./security/keys";
import { Network } from "./network";
import { SecurityGroups } from "./security/groups";
import { StackContext } from "./shared/context";
import { Storage } from "./storage";
import { logPrefixes } from "./storage/log-bucket";
import { routingPlan } from "./platform-services";

/**
 * Config -> args of the dr tier, for buildPlatform: only a standby stack (`role: standby`) has
 * one. Like platform-services.ts, a list of decisions made from plain config values.
 */

interface Foundation {
  readonly context: StackContext;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly storage: Storage;
  readonly tags: Record<string, string>;
}

/** `<organization>/<project>/<stack>` of the primary; organization and project default to this stack's. */
export function primaryStackName(config: PlatformSettings): string {
  const dr = config.dr;
  if (!dr?.primaryStack) throw new Error("a standby stack needs platform:dr.primaryStack");
  return `${dr.primaryOrganization ?? pulumi.getOrganization()}/${dr.primaryProject ?? pulumi.getProject()}/${dr.primaryStack}`;
}

/** The backup vault that receives the primary's copies: `<prefix>-from-<primary>`, so the primary's config can name it. */
export function copiesVaultName(config: PlatformSettings): string {
  return `${config.project}-${config.environment}-from-${config.dr?.primaryStack}`;
}

export function buildStandby(config: PlatformSettings, tiers: Foundation, opts: pulumi.ComponentResourceOptions): Standby | undefined {
  const dr = config.dr;
  if (config.role !== "standby" || !dr?.primaryStack || !dr.promote) return undefined;
  const { context, keys, network, securityGroups, storage } = tiers;
  const ids = dataIdentifiers(config.project, config.environment);
  const replica = dr.replica;
  return new Standby(
    `${context.namePrefix}-standby`,
    {
      context,
      primary: { qualifiedName: primaryStackName(config), stack: dr.primaryStack },
      tags: tiers.tags,
      state: drState(config),
      protection: config.dataProtection,
      names: { database: ids.database, cache: ids.cache, secretPath: `${config.project}/${config.environment}`, vault: copiesVaultName(config) },
      subnets: { dataSubnetIds: network.dataSubnetIds, availabilityZones: config.network.availabilityZones },
      securityGroups: { database: securityGroups.database.id, cache: securityGroups.cache.id },
      keys: { data: keys.data.arn, storage: keys.storage.arn, logs: keys.logs.arn },
      logRetentionDays: config.logs.retentionDays,
      database: dr.promote.database === "none" ? undefined : replica?.database,
      cache: dr.promote.cache === "warm-empty" ? replica?.cache : undefined,
      buckets: (replica?.buckets ?? []).map((bucket) => ({
        key: bucket.name,
        replicaName: storage.bucketNameOf(bucket.name),
        lifecycle: bucket.lifecycle,
        accessLogs: { bucket: storage.logBucket.bucketName, prefix: `${logPrefixes.s3}/${bucket.name}/` },
      })),
      logBucketPolicy: storage.logBucket.policy,
      replicateRepositories: config.storage.repositories.length > 0,
    },
    opts,
  );
}

/** The failover records and health check; after the edge, whose zone and load balancer they use. */
export function buildFailover(config: PlatformSettings, standby: Standby, edge: Edge | undefined, opts: pulumi.ComponentResourceOptions): Failover | undefined {
  const failover = config.dr?.failover;
  if (!failover) return undefined;
  if (!edge?.alb) throw new Error("the failover record's SECONDARY needs this stack's ALB (platform:edge with ECS services on the ALB)");
  const { primary } = standby;
  return new Failover(
    `${config.project}-${config.environment}-failover`,
    {
      zoneId: edge.zoneId,
      domainName: failover.domainName,
      primaryHealthUrl: primary.get("healthUrl"),
      primary: { stack: primary.stack, albDnsName: primary.get("albDnsName"), albZoneId: primary.get("albZoneId"), httpsListenerArn: primary.get("albHttpsListenerArn") },
      standby: { stack: pulumi.getStack(), albDnsName: edge.alb.loadBalancer.dnsName, albZoneId: edge.alb.loadBalancer.zoneId, httpsListenerArn: edge.alb.httpsListener.arn },
      inverted: drState(config) === "serving",
      primaryProvider: standby.primaryProvider,
    },
    opts,
  );
}

/** The path the public health check probes: the ALB's default service's (seed 001 checks `/api/health`). */
export function healthPath(config: PlatformSettings): string | undefined {
  const routing = routingPlan(config);
  const services = config.compute?.services ?? [];
  const service = services.find((s) => s.name === routing.defaultService) ?? services.find((s) => routing.albServices.includes(s.name));
  return service?.healthCheckPath;
}

/** The name the ALB answers by itself: the origin name behind CloudFront, else the edge's name. */
function albHostName(config: PlatformSettings): string | undefined {
  return config.edge?.cloudFront ? config.edge.originDomainName : config.edge?.domainName;
}

/**
 * The stack's own health URL, through its load balancer's own name (the ALB's name behind
 * CloudFront): what the rollout probes after `up`. A standby that runs no task while standing by
 * publishes none, so the rollout skips it visibly instead of failing on a pilot light.
 */
export function healthUrl(config: PlatformSettings): string | undefined {
  const edge = config.edge;
  const path = healthPath(config);
  if (!edge || config.compute?.engine !== "ecs" || path === undefined) return undefined;
  if (config.role === "standby" && drState(config) === "standby" && (config.dr?.standby?.tasksPerService ?? 0) === 0) return undefined;
  return `https://${albHostName(config)}${path}`;
}

/** What the drill needs of both sides, from this stack alone: the `drill` output (automation/drill/targets.ts). */
export function drillOutput(config: PlatformSettings, standby: Standby, failover: Failover, ecs: EcsCompute, edge: Edge): pulumi.Output<unknown> {
  const { primary } = standby;
  const dr = config.dr as NonNullable<PlatformSettings["dr"]>;
  const promote = dr.promote as NonNullable<typeof dr.promote>;
  const path = healthPath(config) ?? "/";
  const serviceNames = (services: Record<string, { serviceName: string }>) => Object.values(services).map((s) => s.serviceName);
  const primaryDatabase = promote.database === "none" ? undefined : primary.get("database");
  const primaryCache = promote.cache === "none" ? undefined : primary.get("cache");
  return pulumi.output({
    publicUrl: `https://${dr.failover?.domainName}${path}`,
    dns: { hostedZoneId: edge.zoneId, recordName: dr.failover?.domainName, primaryHealthCheckId: failover.healthCheck.id },
    primary: {
      stack: primary.stack,
      region: primary.get("region"),
      healthUrl: primary.get("healthUrl"),
      loadBalancerDnsName: primary.get("albDnsName"),
      ecs: { clusterName: primary.get("ecsClusterName"), serviceNames: primary.get("ecsServices").apply(serviceNames) },
    },
    standby: {
      stack: pulumi.getStack(),
      region: config.region,
      // Always published here, also for a pilot light: the drill probes it once the standby is scaled.
      healthUrl: `https://${albHostName(config)}${path}`,
      loadBalancerDnsName: edge.alb?.loadBalancer.dnsName,
      ecs: { clusterName: ecs.clusterName, serviceNames: Object.values(ecs.services).map((s) => s.serviceName) },
    },
    database:
      promote.database === "none" || !primaryDatabase || !standby.database
        ? { strategy: "none" }
        : promote.database === "rds-replica"
          ? { strategy: "rds-replica", primary: { instanceIdentifier: primaryDatabase.identifier }, standby: { instanceIdentifier: standby.database.instanceIdentifier } }
          : {
              strategy: "aurora-global",
              globalClusterIdentifier: primaryDatabase.globalClusterIdentifier,
              primary: { clusterIdentifier: primaryDatabase.clusterIdentifier, clusterArn: primaryDatabase.arn },
              standby: { clusterIdentifier: standby.database.clusterIdentifier, clusterArn: standby.database.clusterArn },
            },
    cache:
      promote.cache === "warm-empty" && primaryCache && standby.cache
        ? { strategy: "warm-empty", primary: { replicationGroupId: primaryCache.replicationGroupId }, standby: { replicationGroupId: standby.cache.replicationGroupId } }
        : { strategy: "none" },
  });
}
