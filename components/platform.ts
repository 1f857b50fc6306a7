import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformSettings } from "../model/platform";
import { Cache } from "./data/cache";
import { Database } from "./data/database";
import { dataIdentifiers, enginePort } from "../model/data/engines";
import { buildOperations, Operations } from "./platform-operations";
import { VpcEndpoints } from "./network/endpoints";
import { Network } from "./network";
import { NatInstance } from "./network/nat-instance";
import { Audit } from "./security/audit";
import { Bastion } from "./security/bastion";
import { SecurityGroups } from "./security/groups";
import { Keys } from "./security/keys";
import { StackContext } from "./shared/context";
import { Storage } from "./storage";
import { EcsCompute } from "./compute/ecs";
import { EksCompute } from "./compute/eks";
import { Edge } from "./edge";
import { buildEcsCompute, buildEdge, loadBalancerPorts, TierOutputs } from "./platform-services";
import { AppSecrets } from "./security/app-secrets";
import { Failover } from "./dr/failover";
import { buildFailover, buildStandby, drillOutput, healthUrl } from "./platform-dr";
import { Standby } from "./dr";
import { buildEksCompute } from "./platform-eks";

/** The tiers of one stack, for index.ts to export from and tests to inspect (jobs, backup, observability, office hours: `Operations`). */
export interface Platform extends Operations {
  readonly context: StackContext;
  readonly provider: aws.Provider;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly audit: Audit;
  /** Absent in a stack without `platform:data` (a standby: the DR tier replicates the primary's). */
  readonly data?: { readonly database: Database; readonly cache: Cache };
  readonly storage: Storage;
  readonly appSecrets?: AppSecrets;
  readonly edge?: Edge;
  /** The ECS variant of the compute tier (engine ecs). */
  readonly ecs?: EcsCompute;
  /** The EKS variant of the compute tier (engine eks). */
  readonly eks?: EksCompute;
  /** A standby stack's dr tier: the copies of its primary's stores and the links to them. */
  readonly standby?: Standby;
  readonly failover?: Failover;
  /** A standby's `drill` output: what the drill acts on, on both sides (automation/drill/targets.ts). */
  readonly drill?: pulumi.Output<unknown>;
  /** The stack's own health URL, when it runs tasks behind its ALB (what the rollout probes). */
  readonly healthUrl?: string;
}

/** Tags every taggable resource carries through the provider; `Tier` is added per component. */
export function defaultTags(config: PlatformSettings): Record<string, string> {
  return { ...config.tags, Project: config.project, Environment: config.environment, ManagedBy: "pulumi" };
}

/**
 * Composes the tiers from a validated config. The only place that maps config onto tier args;
 * decisions that change how many resources exist are made here from plain values.
 */
export function buildPlatform(config: PlatformSettings): Platform {
  const namePrefix = `${config.project}-${config.environment}`;
  const provider = new aws.Provider("platform", { region: config.region as aws.Region, defaultTags: { tags: defaultTags(config) } });
  const opts = { providers: { aws: provider } };
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const partition = aws.getPartitionOutput({}, { provider });
  const context: StackContext = { namePrefix, region: config.region, accountId: identity.accountId, partition: partition.partition };
  const forceDestroy = config.dataProtection === "disposable";

  const keys = new Keys(
    namePrefix,
    { context, deletionWindowDays: config.security.kms.deletionWindowDays, protect: config.dataProtection === "protected" },
    opts,
  );
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
      ...loadBalancerPorts(config),
      // Without a database of its own (a standby), the group is ready for PostgreSQL, the seeds' default.
      databasePort: config.data ? enginePort(config.data.database.engine) : 5432,
      cachePort: 6379,
      bastion: config.security.bastion,
      natInstance: config.network.nat === "instance",
      albOnlyFromPrefixListId: config.edge?.cloudFront
        ? aws.ec2.getManagedPrefixListOutput({ name: "com.amazonaws.global.cloudfront.origin-facing" }, { provider }).id
        : undefined,
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
  if (config.security.bastion && securityGroups.bastion) {
    new Bastion(
      `${namePrefix}-bastion`,
      { context, instanceType: config.security.bastionInstanceType, subnetId: network.appSubnetIds[0], securityGroupId: securityGroups.bastion.id },
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
  const backupTag = config.backup?.enabled ? config.backup.selectionTag : undefined;
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
      cloudFrontOrigins: config.edge?.cloudFront ? [config.edge.cloudFront.staticBucket] : [],
      cloudFrontLogs: config.edge?.cloudFront?.accessLogs ?? false,
      extraLogSourceKeys: config.role === "standby" ? (config.dr?.replica?.buckets ?? []).map((b) => b.name) : [],
    },
    opts,
  );

  const appSecrets =
    Object.keys(config.appSecrets).length > 0
      ? new AppSecrets(
          `${namePrefix}-secrets`,
          {
            namePath: `${config.project}/${config.environment}`,
            secrets: config.appSecrets,
            kmsKeyArn: keys.data.arn,
            recoveryWindowDays: forceDestroy ? 0 : 30,
            protect: config.dataProtection === "protected",
          },
          opts,
        )
      : undefined;
  const standby = buildStandby(config, { context, keys, network, securityGroups, storage, tags: defaultTags(config) }, opts);
  const outputs: TierOutputs = {
    appSecretArns: appSecrets?.arns ?? {},
    // A standby's services use the dr tier's copies: the replica buckets beside its own.
    storage: { logBucket: storage.logBucket, repositories: storage.repositories, buckets: { ...storage.buckets, ...(standby?.buckets ?? {}) } },
    data: data
      ? {
          database: { endpoint: data.database.endpoint, port: data.database.port, secretArn: data.database.secretArn },
          cache: { endpoint: data.cache.endpoint, port: data.cache.port, authSecretArn: data.cache.authSecretArn },
        }
      : standby && {
          database: standby.database,
          cache: standby.cache && { endpoint: standby.cache.endpoint, port: standby.cache.port, authSecretArn: standby.cache.authSecretArn },
        },
  };

  // CloudFront takes certificates (and global web ACLs) from us-east-1 only.
  const globalProvider = config.edge?.cloudFront
    ? new aws.Provider("platform-us-east-1", { region: "us-east-1", defaultTags: { tags: defaultTags(config) } })
    : undefined;
  const edge = buildEdge(config, { context, network, securityGroups, outputs, globalProvider }, opts);
  const computeDependencies = {
    context,
    network,
    securityGroups,
    outputs,
    edge,
    logsKmsKeyArn: keys.logs.arn,
    secretKmsKeyArns: [keys.data.arn],
    storageKmsKeyArn: keys.storage.arn,
  };
  const ecs = buildEcsCompute(config, computeDependencies, opts);
  const eks = buildEksCompute(config, computeDependencies, opts);

  const operations = buildOperations(config, { context, keys, network, securityGroups, storage, data, ecs, eks, edge }, opts);
  const failover = standby ? buildFailover(config, standby, edge, opts) : undefined;
  const drill = standby && failover && ecs && edge ? drillOutput(config, standby, failover, ecs, edge) : undefined;

  return { context, provider, keys, network, securityGroups, audit, data, storage, appSecrets, edge, ecs, eks, ...operations, standby, failover, drill, healthUrl: healthUrl(config) };
}

interface Foundation {
  readonly context: StackContext;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
}

function buildData(
  config: PlatformSettings,
  data: NonNullable<PlatformSettings["data"]>,
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

function eksOutputs({ eks }: Platform): Record<string, pulumi.Input<unknown>> {
  if (!eks) return {};
  return {
    eks: {
      clusterName: eks.clusterName,
      namespace: eks.namespace,
      oidcProviderArn: eks.oidcProviderArn,
      clusterSecurityGroupId: eks.clusterSecurityGroupId,
      loadBalancerHostname: eks.loadBalancerHostname,
    },
  };
}
