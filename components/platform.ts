import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { workloadRequests } from "../config/sections/compute-eks";
import { EksCompute, EksComputeArgs } from "./compute/eks";
import { instanceTypes } from "./compute/eks/instance-types";
import { parseSecretRef } from "./compute/eks/secret-ref";
import { Cache } from "./data/cache";
import { Database } from "./data/database";
import { dataIdentifiers, enginePort } from "./data/engines";
import { VpcEndpoints } from "./network/endpoints";
import { Network } from "./network";
import { NatInstance } from "./network/nat-instance";
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
  /** The compute tier when `compute.engine` is `eks`. */
  readonly eks?: EksCompute;
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
  // Without a database of its own (a standby), the group is ready for PostgreSQL, the seeds' default.
  const databasePort = config.data ? enginePort(config.data.database.engine) : 5432;
  const cachePort = 6379;

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
      databasePort,
      cachePort,
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

  const data = config.data ? buildData(config, config.data, { context, keys, network, securityGroups }, opts) : undefined;
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
    },
    opts,
  );

  const eks =
    config.compute?.engine === "eks"
      ? new EksCompute(namePrefix, eksComputeArgs(config, { context, keys, network, securityGroups, data, storage, databasePort, cachePort }), opts)
      : undefined;

  return { context, provider, keys, network, securityGroups, audit, data, storage, eks };
}

interface Foundation {
  readonly context: StackContext;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
}

function buildData(config: PlatformConfig, data: NonNullable<PlatformConfig["data"]>, tiers: Foundation, opts: pulumi.ComponentResourceOptions) {
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

interface ComputeDependencies extends Foundation {
  readonly data?: { readonly database: Database; readonly cache: Cache };
  readonly storage: Storage;
  readonly databasePort: number;
  readonly cachePort: number;
}

/** Maps `compute` (shared services + `compute.eks`) onto the EKS tier's args. */
function eksComputeArgs(config: PlatformConfig, deps: ComputeDependencies): EksComputeArgs {
  const compute = config.compute;
  const eks = compute?.eks;
  if (!compute || !eks) throw new Error("eksComputeArgs: compute.eks is required when engine is eks (the schema enforces it)");
  // The data tier's generated secrets, by the store names services reference (`database:password`).
  const secretStores: Record<string, pulumi.Input<string>> = deps.data ? { database: deps.data.database.secretArn, cache: deps.data.cache.authSecretArn } : {};
  const { storage } = deps;
  return {
    context: deps.context,
    version: eks.version,
    supportType: eks.supportType,
    vpcId: deps.network.vpcId,
    privateSubnetIds: deps.network.appSubnetIds,
    publicSubnetIds: deps.network.publicSubnetIds,
    publicAccessCidrs: eks.endpoint.publicAccessCidrs,
    adminRoleArns: eks.adminRoleArns,
    logs: { retentionDays: config.logs.retentionDays, kmsKeyArn: deps.keys.logs.arn },
    keyDeletionWindowDays: config.security.kms.deletionWindowDays,
    protectData: config.dataProtection === "protected",
    nodeGroups: Object.fromEntries(
      Object.entries(eks.nodeGroups).map(([key, group]) => [key, { ...group, architecture: instanceTypes[group.instanceTypes[0]].architecture }]),
    ),
    addons: eks.addons,
    namespace: `${config.project}-${config.environment}`,
    services: compute.services.map((service) => {
      const workload = eks.services[service.name];
      const requests = workloadRequests(workload, service);
      const group = workload.nodeGroup === undefined ? undefined : eks.nodeGroups[workload.nodeGroup];
      return {
        name: service.name,
        image: "uri" in service.image ? service.image.uri : pulumi.interpolate`${storage.repositories[service.image.repository].repositoryUrl}:${service.image.tag}`,
        port: service.port,
        healthCheckPath: service.healthCheckPath,
        environment: service.environment,
        secrets: Object.fromEntries(
          Object.entries(service.secrets).map(([variable, text]) => {
            const ref = parseSecretRef(text, Object.keys(secretStores));
            return [variable, { secretArn: secretStores[ref.store], jsonKey: ref.jsonKey }];
          }),
        ),
        resources: {
          cpuRequest: workload.cpuRequest ?? `${requests.millicores}m`,
          memoryRequest: workload.memoryRequest ?? `${requests.mebibytes}Mi`,
          cpuLimit: workload.cpuLimit,
          memoryLimit: workload.memoryLimit,
        },
        scaling: service.scaling,
        routing: { alb: service.routing.loadBalancer === "alb", paths: service.routing.paths, default: service.routing.default },
        websocket: service.websocket,
        readOnlyRootFilesystem: service.readOnlyRootFilesystem,
        buckets: service.permissions.buckets.map((grant) => ({ arn: storage.buckets[grant.bucket].arn, access: grant.access })),
        nodeGroup: group && workload.nodeGroup ? { key: workload.nodeGroup, taints: group.taints } : undefined,
      };
    }),
    certificateArn: eks.ingress.certificateArn,
    monitoring: eks.monitoring.enabled
      ? { prometheusRetentionDays: eks.monitoring.prometheusRetentionDays, prometheusStorageGi: eks.monitoring.prometheusStorageGi }
      : undefined,
    securityGroups: {
      alb: deps.securityGroups.alb.id,
      database: deps.securityGroups.database.id,
      cache: deps.securityGroups.cache.id,
      endpoints: deps.securityGroups.endpoints.id,
    },
    databasePort: deps.databasePort,
    cachePort: deps.cachePort,
    keys: { storage: deps.keys.storage.arn, data: deps.keys.data.arn },
    tags: defaultTags(config),
  };
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
    ...(platform.eks
      ? {
          compute: {
            engine: "eks",
            clusterName: platform.eks.clusterName,
            namespace: platform.eks.namespace,
            oidcProviderArn: platform.eks.oidcProviderArn,
            clusterSecurityGroupId: platform.eks.clusterSecurityGroupId,
            loadBalancerHostname: platform.eks.loadBalancerHostname,
          },
        }
      : {}),
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
