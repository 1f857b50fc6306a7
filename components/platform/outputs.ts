import type * as pulumi from "@pulumi/pulumi";
import type { Storage } from "../storage";
import type { Platform } from "./tiers";

/**
 * Stack outputs: identifiers other stacks and the automation read (a standby's StackReference,
 * the rollout's health probe, the drill's targets). Never a secret value: secrets are named by ARN.
 */
export function platformOutputs(platform: Platform): Record<string, pulumi.Input<unknown>> {
  const { network, securityGroups, keys } = platform;
  return {
    region: platform.context.region,
    // A standby checks it stands by in the same account (components/dr/index.ts).
    accountId: platform.context.accountId,
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    appSubnetIds: network.appSubnetIds,
    dataSubnetIds: network.dataSubnetIds,
    securityGroupIds: {
      alb: securityGroups.alb.id,
      database: securityGroups.database.id,
      cache: securityGroups.cache.id,
      // A group per ECS service and per VPC job, by name (each one's declared reach).
      services: groupIds(securityGroups.services),
      jobs: groupIds(securityGroups.jobs),
    },
    kmsKeyArns: { data: keys.data.arn, storage: keys.storage.arn, logs: keys.logs.arn },
    ...dataOutputs(platform),
    ...storageOutputs(platform.storage),
    ...edgeOutputs(platform),
    ...ecsOutputs(platform),
    ...eksOutputs(platform),
    ...(platform.healthUrl ? { healthUrl: platform.healthUrl } : {}),
    ...standbyOutputs(platform),
  };
}

/** A standby's: the drill's targets (automation/drill/targets.ts) and the vault the primary copies backups to. */
function standbyOutputs(platform: Platform): Record<string, pulumi.Input<unknown>> {
  const { standby, drill } = platform;
  if (!standby) return {};
  return { backupVaultArn: standby.vault.arn, ...(drill ? { drill } : {}) };
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
      Object.entries(storage.buckets).map(([key, b]) => [key, { bucketName: b.bucketName, arn: b.arn, encryption: b.encryption, replicate: b.replicate, backup: b.backup }]),
    ),
    repositories: Object.fromEntries(Object.entries(storage.repositories).map(([key, r]) => [key, { repositoryUrl: r.repositoryUrl, arn: r.arn, name: r.name }])),
  };
}

function edgeOutputs({ edge }: Platform): Record<string, pulumi.Input<unknown>> {
  if (!edge) return {};
  return {
    urls: edge.urls,
    // What a standby's failover record and certificate need of this stack's ALB.
    ...(edge.alb ? { albDnsName: edge.alb.loadBalancer.dnsName, albZoneId: edge.alb.loadBalancer.zoneId, albHttpsListenerArn: edge.alb.httpsListener.arn } : {}),
    ...(edge.nlb ? { nlbDnsName: edge.nlb.loadBalancer.dnsName } : {}),
    ...(edge.cdn ? { cloudFrontDomainName: edge.cdn.distribution.domainName, cloudFrontDistributionId: edge.cdn.distribution.id } : {}),
  };
}

function ecsOutputs({ ecs }: Platform): Record<string, pulumi.Input<unknown>> {
  if (!ecs) return {};
  return {
    ecsClusterName: ecs.clusterName,
    ecsServices: Object.fromEntries(
      Object.entries(ecs.services).map(([key, service]) => [key, { serviceName: service.serviceName, logGroupName: service.logGroupName }]),
    ),
  };
}

function eksOutputs({ eks, failoverCertificate }: Platform): Record<string, pulumi.Input<unknown>> {
  if (!eks) return {};
  return {
    eks: {
      clusterName: eks.clusterName,
      namespace: eks.namespace,
      deploymentNames: eks.deploymentNames,
      endpoint: eks.endpoint,
      certificateAuthority: eks.certificateAuthority,
      oidcProviderArn: eks.oidcProviderArn,
      clusterSecurityGroupId: eks.clusterSecurityGroupId,
      loadBalancerHostname: eks.loadBalancerHostname,
    },
    // What a standby's failover record needs of the Ingress ALB, under the keys an ECS stack
    // publishes for its own ALB: the standby reads either the same way.
    ...(eks.loadBalancerHostname && eks.loadBalancerZoneId ? { albDnsName: eks.loadBalancerHostname, albZoneId: eks.loadBalancerZoneId } : {}),
    // The failover name this stack's Ingress serves: the standby's certificate waits for it.
    ...(failoverCertificate ? { failoverDomainName: failoverCertificate.domainName } : {}),
  };
}

function groupIds(groups: Readonly<Record<string, { readonly id: pulumi.Output<string> }>>): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, group.id]));
}
