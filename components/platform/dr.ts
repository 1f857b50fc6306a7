import * as pulumi from "@pulumi/pulumi";
import { dataIdentifiers } from "../../model/data/engines";
import { drState, replicatesBack } from "../../model/dr/settings";
import { copiesVaultName } from "../../model/dr/recovery-point";
import { albHostName, healthPath } from "../../model/edge/service-routing";
import type { PlatformSettings } from "../../model/platform";
import { servicesReadingSecrets } from "../../model/security/rotation";
import type { EcsCompute } from "../compute/ecs";
import type { EksCompute } from "../compute/eks";
import { Standby } from "../dr";
import { Failover } from "../dr/failover";
import { FailoverCertificate } from "../dr/failover-certificate";
import { ReadinessCheck } from "../dr/readiness";
import { readinessSpec } from "../../model/dr/readiness-spec";
import type { Observability } from "../observability";
import type { Edge } from "../edge";
import type { Network } from "../network";
import type { SecurityGroups } from "../security/groups";
import type { Keys } from "../security/keys";
import type { Storage } from "../storage";
import { logPrefixes } from "../storage/log-bucket";
import type { StackBase } from "./stack";
import { defaultTags } from "./tags";

/**
 * Settings -> the dr tier, which only a standby stack (`role: standby`) has: the copies of its
 * primary's stores and the links to them, the failover records, and the `drill` output.
 */

export interface StandbyDependencies {
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly storage: Storage;
}

type DrSettings = NonNullable<PlatformSettings["dr"]>;

/** `<organization>/<project>/<stack>` of the primary; organization and project default to this stack's. */
function primaryStackName(dr: DrSettings): string {
  if (!dr.primaryStack) throw new Error("a standby stack needs platform:dr.primaryStack");
  return `${dr.primaryOrganization ?? pulumi.getOrganization()}/${dr.primaryProject ?? pulumi.getProject()}/${dr.primaryStack}`;
}


export function buildStandby(config: PlatformSettings, { context, opts, access }: StackBase, deps: StandbyDependencies): Standby | undefined {
  const dr = config.dr;
  if (config.role !== "standby" || !dr?.primaryStack || !dr.promote) return undefined;
  const { keys, network, securityGroups, storage } = deps;
  const ids = dataIdentifiers(config.project, config.environment);
  const replica = dr.replica;
  return new Standby(
    `${context.namePrefix}-standby`,
    {
      context,
      primary: { qualifiedName: primaryStackName(dr), stack: dr.primaryStack },
      tags: defaultTags(config),
      state: drState(config),
      protection: config.dataProtection,
      names: { database: ids.database, cache: ids.cache, secretPath: `${config.project}/${config.environment}`, vault: copiesVaultName(config, dr.primaryStack) },
      subnets: { dataSubnetIds: network.dataSubnetIds, availabilityZones: config.network.availabilityZones },
      securityGroups: { database: securityGroups.database.id, cache: securityGroups.cache.id },
      keys: { data: keys.data.arn, storage: keys.storage.arn, logs: keys.logs.arn },
      logRetentionDays: config.logs.databaseRetentionDays ?? config.logs.retentionDays,
      cacheLogRetentionDays: config.logs.retentionDays,
      functionLogRetentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays,
      database: dr.promote.database === "none" ? undefined : replica?.database,
      cache: dr.promote.cache === "warm-empty" ? replica?.cache : undefined,
      secretReaders: servicesReadingSecrets(config.compute, context.namePrefix),
      // Buckets copied by backup arrive in the vault, not as replica buckets.
      buckets: (replica?.buckets ?? []).filter((bucket) => bucket.via === "replication").map((bucket) => ({
        key: bucket.name,
        replicaName: storage.bucketNameOf(bucket.name),
        lifecycle: bucket.lifecycle,
        accessLogs: { bucket: storage.logBucket.bucketName, prefix: `${logPrefixes.s3}/${bucket.name}/` },
        replicateBack: replicatesBack(bucket),
      })),
      logBucketPolicy: storage.logBucket.policy,
      access,
    },
    opts,
  );
}

/**
 * An EKS pair's failover name's certificate in this stack's region, before the compute tier whose
 * Ingress lists it: the primary's stack issues it with the name's validation record (it deploys
 * first); the standby's is issued through that record. An ECS pair's certificates are the
 * Failover's, on its listeners.
 */
export function buildFailoverCertificate(config: PlatformSettings, { context, opts }: StackBase, edge: Edge | undefined, standby: Standby | undefined): FailoverCertificate | undefined {
  const failover = config.dr?.failover;
  if (!failover || config.compute?.engine !== "eks" || !edge) return undefined;
  if (config.role === "standby" && !standby) return undefined;
  return new FailoverCertificate(
    `${context.namePrefix}-failover-certificate`,
    {
      domainName: failover.domainName,
      validation: standby
        ? { kind: "primary-record", primaryStack: standby.primary.stack, primaryDomainName: standby.primary.get("failoverDomainName") }
        : { kind: "record", zoneId: edge.zoneId },
    },
    opts,
  );
}

/** This stack's side of the failover: its own ALB (ECS) or its Ingress's (EKS). */
function standbySide(edge: Edge, eks: EksCompute | undefined): { readonly albDnsName: pulumi.Input<string>; readonly albZoneId: pulumi.Input<string> } {
  if (edge.alb) return { albDnsName: edge.alb.loadBalancer.dnsName, albZoneId: edge.alb.loadBalancer.zoneId };
  if (eks?.loadBalancerHostname && eks.loadBalancerZoneId) return { albDnsName: eks.loadBalancerHostname, albZoneId: eks.loadBalancerZoneId };
  throw new Error("the failover record's SECONDARY needs this stack's ALB: ECS services on the ALB, or EKS services on the Ingress (platform:edge)");
}

/** The failover records and health check; after the edge and compute, whose zone and load balancer they use. */
export function buildFailover(config: PlatformSettings, standby: Standby | undefined, tiers: { readonly edge?: Edge; readonly eks?: EksCompute }, opts: pulumi.ComponentResourceOptions): Failover | undefined {
  const failover = config.dr?.failover;
  const { edge, eks } = tiers;
  if (!standby || !failover) return undefined;
  if (!edge) throw new Error("the failover records need this stack's platform:edge (its hosted zone)");
  const { primary } = standby;
  return new Failover(
    `${config.project}-${config.environment}-failover`,
    {
      zoneId: edge.zoneId,
      domainName: failover.domainName,
      primaryHealthUrl: primary.get("healthUrl"),
      primary: { stack: primary.stack, albDnsName: primary.get("albDnsName"), albZoneId: primary.get("albZoneId") },
      standby: { stack: pulumi.getStack(), ...standbySide(edge, eks) },
      inverted: drState(config) === "serving",
      // An EKS pair's Ingresses list the name's certificates themselves (buildFailoverCertificate).
      listeners: edge.alb ? { primary: primary.get("albHttpsListenerArn"), standby: edge.alb.httpsListener.arn, primaryProvider: standby.primaryProvider } : undefined,
    },
    opts,
  );
}

/**
 * The compute each side runs, as the drill acts on it: an ECS cluster and its services, or an EKS
 * cluster and the Deployments in its namespace (one per service, named as the service).
 */
function drillCompute(
  standby: Standby,
  compute: { readonly ecs?: EcsCompute; readonly eks?: EksCompute },
): { readonly primary: Record<string, unknown>; readonly standby: Record<string, unknown> } | undefined {
  const { primary } = standby;
  const serviceNames = (services: Record<string, { serviceName: string }>) => Object.values(services).map((s) => s.serviceName);
  if (compute.ecs) {
    return {
      primary: { ecs: { clusterName: primary.get("ecsClusterName"), serviceNames: primary.get("ecsServices").apply(serviceNames) } },
      standby: { ecs: { clusterName: compute.ecs.clusterName, serviceNames: Object.values(compute.ecs.services).map((s) => s.serviceName) } },
    };
  }
  if (compute.eks) {
    // The drill's shape (automation/drill/targets.ts): each service's Deployment and its
    // HorizontalPodAutoscaler share the service's name (compute/eks/workload-spec.ts).
    const workloads = (names: readonly string[]) => names.map((name) => ({ deployment: name, hpa: name }));
    const eks = primary.get("eks");
    const own = compute.eks;
    return {
      primary: {
        eks: { clusterName: eks.clusterName, endpoint: eks.endpoint, certificateAuthority: eks.certificateAuthority, namespace: eks.namespace, workloads: eks.apply((e) => workloads(e.deploymentNames)) },
      },
      standby: {
        eks: { clusterName: own.clusterName, endpoint: own.endpoint, certificateAuthority: own.certificateAuthority, namespace: own.namespace, workloads: workloads(own.deploymentNames) },
      },
    };
  }
  return undefined;
}

/**
 * What the drill needs of both sides, from this stack alone: the `drill` output
 * (automation/drill/targets.ts). The DNS part and the load balancers' addresses are the same for
 * an ECS and an EKS pair; only the compute part (`ecs` or `eks`) differs.
 */
export function drillOutput(
  config: PlatformSettings,
  tiers: { readonly standby?: Standby; readonly failover?: Failover; readonly ecs?: EcsCompute; readonly eks?: EksCompute; readonly edge?: Edge },
): pulumi.Output<unknown> | undefined {
  const { standby, failover, edge } = tiers;
  const dr = config.dr;
  const promote = dr?.promote;
  if (!standby || !failover || !edge || !promote) return undefined;
  const compute = drillCompute(standby, tiers);
  if (!compute) return undefined;
  const { primary } = standby;
  const path = healthPath(config) ?? "/";
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
      ...compute.primary,
    },
    standby: {
      stack: pulumi.getStack(),
      region: config.region,
      // Always published here, also for a pilot light: the drill probes it once the standby is scaled.
      healthUrl: `https://${albHostName(config)}${path}`,
      loadBalancerDnsName: standbySide(edge, tiers.eks).albDnsName,
      ...compute.standby,
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
    // The reverse rule's id too: the failback checks it and reads its metrics (in this region).
    files: Object.entries(standby.buckets).map(([key, bucket]) => ({
      key,
      sourceBucket: bucket.sourceBucketName,
      replicaBucket: bucket.bucketName,
      ruleId: bucket.ruleId,
      ...(bucket.reverseRuleId ? { reverseRuleId: bucket.reverseRuleId } : {}),
    })),
  });
}

/**
 * The scheduled readiness check (`platform:dr.readiness`), after the failover and the alert topic
 * it reads and alarms through. Its spec is the `readiness` command's (model/dr/readiness-spec.ts),
 * with the primary's names from its outputs rather than its stack file.
 */
export function buildReadinessCheck(
  config: PlatformSettings,
  { context, opts }: StackBase,
  tiers: { readonly keys: Keys; readonly standby?: Standby; readonly failover?: Failover; readonly edge?: Edge; readonly observability?: Observability },
): ReadinessCheck | undefined {
  const { keys, standby, failover, edge, observability } = tiers;
  const schedule = config.dr?.readiness?.schedule;
  if (!standby || !schedule) return undefined;
  if (!observability) throw new Error("platform:dr.readiness alarms through the alert topic: set platform:observability");
  const { primary } = standby;
  // The primary's database is read only where its backup copies are one of the stores.
  const byBackups = config.dr?.promote?.database === "none" && config.dr.replica?.databaseBackups === true;
  const ownBuckets = pulumi.all(Object.fromEntries(Object.entries(standby.buckets).map(([key, b]) => [key, b.bucketName])));
  const spec = pulumi
    .all([primary.get("region"), primary.get("buckets"), byBackups ? primary.get("database") : undefined, ownBuckets])
    .apply(([region, buckets, database, own]) =>
      readinessSpec(
        { name: pulumi.getStack(), config },
        { stack: primary.stack, region, bucketNames: Object.fromEntries(Object.entries(buckets).map(([key, b]) => [key, b.bucketName])), databaseArn: database?.arn },
        own,
      ),
    );
  return new ReadinessCheck(
    `${context.namePrefix}-readiness`,
    {
      context,
      spec,
      schedule,
      topicArn: observability.topic.arn,
      failover: failover && edge ? { hostedZoneId: edge.zoneId, healthCheckId: failover.healthCheck.id } : undefined,
      logs: { retentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays, kmsKeyArn: keys.logs.arn, protect: config.dataProtection === "protected" },
    },
    opts,
  );
}
