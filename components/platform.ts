import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { workloadRequests } from "../config/sections/compute-eks";
import { EksCompute, EksComputeArgs } from "./compute/eks";
import { instanceTypes } from "./compute/eks/instance-types";
import { parseSecretRef } from "./compute/eks/secret-ref";
import { VpcEndpoints } from "./network/endpoints";
import { Network } from "./network";
import { NatInstance } from "./network/nat-instance";
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
  const databasePort = 5432;
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

  const eks =
    config.compute?.engine === "eks"
      ? new EksCompute(namePrefix, eksComputeArgs(config, { context, keys, network, securityGroups, databasePort, cachePort }), opts)
      : undefined;

  return { context, provider, keys, network, securityGroups, audit, eks };
}

/** Maps `compute` (shared services + `compute.eks`) onto the EKS tier's args. */
function eksComputeArgs(
  config: PlatformConfig,
  deps: { context: StackContext; keys: Keys; network: Network; securityGroups: SecurityGroups; databasePort: number; cachePort: number },
): EksComputeArgs {
  const compute = config.compute;
  const eks = compute?.eks;
  if (!compute || !eks) throw new Error("eksComputeArgs: compute.eks is required when engine is eks (the schema enforces it)");
  const secretStores: Record<string, pulumi.Input<string>> = {};
  const buckets: Record<string, { arn: pulumi.Input<string> }> = {};
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
      if (!("uri" in service.image)) throw new Error(`service ${service.name}: image repositories need the storage tier (the schema enforces it)`);
      return {
        name: service.name,
        image: service.image.uri,
        port: service.port,
        healthCheckPath: service.healthCheckPath,
        environment: service.environment,
        secrets: Object.fromEntries(
          Object.entries(service.secrets).map(([variable, text]) => {
            const ref = parseSecretRef(text, Object.keys(secretStores));
            return [variable, { secretArn: "arn" in ref.source ? ref.source.arn : secretStores[ref.source.store], jsonKey: ref.jsonKey }];
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
        buckets: service.permissions.buckets.map((grant) => ({ arn: buckets[grant.bucket].arn, access: grant.access })),
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
