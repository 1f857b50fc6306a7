import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformSettings } from "../model/platform";
import { parseServiceSecretRef } from "../model/security/settings";
import type { ServiceSettings } from "../model/compute/settings";
import { EcsSettings, ecsServiceCapacity } from "../model/compute/settings";
import { managedRuleGroups } from "../model/edge/settings";
import { EcsCompute, EcsServiceSpec } from "./compute/ecs";
import { SecretSource } from "./compute/ecs/container";
import { resolveEnvValue } from "../model/compute/env-refs";
import { Edge } from "./edge";
import { logPrefixes } from "./storage/log-bucket";
import { planRouting, RoutingPlan } from "../model/edge/routing";
import { Network } from "./network";
import { SecurityGroups } from "./security/groups";
import { StackContext } from "./shared/context";
import { drState } from "../model/dr/settings";
import { standbySize } from "../model/dr/standby-size";

/**
 * Config -> args of the compute (ECS variant) and edge tiers, for buildPlatform. Kept beside
 * platform.ts so that file stays a readable list of tiers; nothing here reads config on its own.
 */

/** What compute and edge use from the data and storage tiers (their outputs, by contract). */
export interface TierOutputs {
  readonly storage?: {
    readonly logBucket: { readonly bucketName: pulumi.Input<string>; readonly arn: pulumi.Input<string>; readonly policy: pulumi.CustomResource };
    readonly buckets: Readonly<Record<string, { readonly bucketName: pulumi.Input<string>; readonly arn: pulumi.Input<string>; readonly encryption: "kms" | "s3" }>>;
    readonly repositories: Readonly<Record<string, { readonly repositoryUrl: pulumi.Input<string>; readonly arn: pulumi.Input<string> }>>;
  };
  readonly data?: {
    readonly database?: { readonly endpoint: pulumi.Input<string>; readonly port: pulumi.Input<number>; readonly secretArn: pulumi.Input<string> };
    readonly cache?: { readonly endpoint: pulumi.Input<string>; readonly port: pulumi.Input<number>; readonly authSecretArn: pulumi.Input<string> };
  };
  /** Application secrets by key (platform:appSecrets). */
  readonly appSecretArns: Readonly<Record<string, pulumi.Input<string>>>;
}


export function routingPlan(config: PlatformSettings): RoutingPlan {
  return planRouting(
    (config.compute?.services ?? []).map((s) => ({ name: s.name, port: s.port, loadBalancer: s.routing.loadBalancer, paths: s.routing.paths, default: s.routing.default })),
  );
}

/** Container ports the security groups open, from the services' own ports. */
export function loadBalancerPorts(config: PlatformSettings): { appPorts: number[]; nlb?: { listenerPorts: number[]; targetPorts: number[] } } {
  const services = config.compute?.services ?? [];
  const alb = services.filter((s) => s.routing.loadBalancer === "alb");
  const nlb = services.filter((s) => s.routing.loadBalancer === "nlb");
  return {
    // Under EKS, pods carry the cluster security group, which the EKS tier opens to the ALB itself.
    appPorts: config.compute?.engine === "ecs" ? alb.map((s) => s.port) : [],
    nlb: nlb.length > 0 ? { listenerPorts: nlb.map((s) => nlbListenerPort(config, s.name)), targetPorts: nlb.map((s) => s.port) } : undefined,
  };
}

function nlbListenerPort(config: PlatformSettings, service: string): number {
  return config.edge?.nlb?.listenerPorts[service] ?? 443;
}

export interface EdgeDependencies {
  readonly context: StackContext;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly outputs: TierOutputs;
  /** us-east-1 provider, when CloudFront is on. */
  readonly globalProvider?: aws.Provider;
}

export function buildEdge(config: PlatformSettings, deps: EdgeDependencies, opts: pulumi.ComponentResourceOptions): Edge | undefined {
  const edge = config.edge;
  if (!edge) return undefined;
  const services = config.compute?.services ?? [];
  const routing = routingPlan(config);
  const storage = deps.outputs.storage;
  const logBucket = (enabled: boolean, prefix: string) => {
    if (!enabled) return undefined;
    if (!storage) throw new Error("edge access logs need the storage tier's log bucket");
    // ELB checks its write grant when logging is switched on: the name resolves after the policy.
    const bucketName = pulumi.all([storage.logBucket.bucketName, storage.logBucket.policy.id]).apply(([name]) => name);
    return { bucketName, prefix };
  };
  // The ECS variant owns its ALB; under EKS the AWS Load Balancer Controller creates it from the Ingress.
  const ownAlb = config.compute?.engine === "ecs" && routing.albServices.length > 0;
  const albTargets = services.filter((s) => s.routing.loadBalancer === "alb");
  const nlbServices = services.filter((s) => s.routing.loadBalancer === "nlb");
  const staticBucket = edge.cloudFront ? storage?.buckets[edge.cloudFront.staticBucket] : undefined;
  if (edge.cloudFront && !staticBucket) throw new Error(`edge.cloudFront.staticBucket ${edge.cloudFront.staticBucket} is not a bucket of the storage tier`);

  return new Edge(
    deps.context.namePrefix,
    {
      context: deps.context,
      zone: edge.zone,
      protectZone: config.dataProtection === "protected",
      domainName: edge.domainName,
      originDomainName: edge.originDomainName,
      vpcId: deps.network.vpcId,
      publicSubnetIds: deps.network.publicSubnetIds,
      ingressAlb: config.compute?.engine === "eks" && routing.albServices.length > 0,
      alb: ownAlb
        ? {
            securityGroupId: deps.securityGroups.alb.id,
            // Seed 001: WebSocket connections stay open up to an hour.
            idleTimeoutSeconds: edge.alb.idleTimeoutSeconds ?? (albTargets.some((s) => s.websocket) ? 3600 : 60),
            deletionProtection: edge.alb.deletionProtection ?? config.dataProtection === "protected",
            sslPolicy: edge.alb.sslPolicy,
            accessLogs: logBucket(edge.alb.accessLogs, logPrefixes.alb),
            targets: albTargets.map((s) => ({ name: s.name, port: s.port, healthCheckPath: s.healthCheckPath, websocket: s.websocket })),
            rules: routing.rules,
            defaultService: routing.defaultService,
          }
        : undefined,
      nlb:
        edge.nlb && nlbServices.length > 0
          ? {
              domainName: edge.nlb.domainName,
              securityGroupId: deps.securityGroups.nlb!.id,
              deletionProtection: edge.nlb.deletionProtection ?? config.dataProtection === "protected",
              sslPolicy: edge.alb.sslPolicy,
              accessLogs: logBucket(edge.nlb.accessLogs, logPrefixes.nlb),
              listeners: nlbServices.map((s) => ({ service: s.name, listenerPort: nlbListenerPort(config, s.name), port: s.port, healthCheckPath: s.healthCheckPath })),
            }
          : undefined,
      cloudFront:
        edge.cloudFront && staticBucket
          ? {
              priceClass: edge.cloudFront.priceClass,
              staticBucket: { bucketName: staticBucket.bucketName, region: deps.context.region },
              defaultTtlSeconds: edge.cloudFront.defaultTtlSeconds,
              behaviors: edge.cloudFront.behaviors,
              accessLogs:
                edge.cloudFront.accessLogs && storage && deps.globalProvider
                  ? { bucketArn: storage.logBucket.arn, prefix: logPrefixes.cloudFront, provider: deps.globalProvider }
                  : undefined,
            }
          : undefined,
      waf: edge.waf
        ? {
            attachTo: edge.waf.attachTo,
            managedRuleGroups: edge.waf.managedRuleGroups.map((g) => managedRuleGroups[g]),
            rateLimitPer5Minutes: edge.waf.rateLimitPer5Minutes,
          }
        : undefined,
      globalProvider: deps.globalProvider,
    },
    opts,
  );
}

export interface ComputeDependencies {
  readonly context: StackContext;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly outputs: TierOutputs;
  readonly edge?: Edge;
  readonly logsKmsKeyArn: pulumi.Input<string>;
  /** Keys that encrypt injected secrets (application secrets and the data tier's). */
  readonly secretKmsKeyArns: readonly pulumi.Input<string>[];
  /** The storage key, for SSE-KMS buckets. */
  readonly storageKmsKeyArn: pulumi.Input<string>;
}

export function buildEcsCompute(config: PlatformSettings, deps: ComputeDependencies, opts: pulumi.ComponentResourceOptions): EcsCompute | undefined {
  const compute = config.compute;
  if (!compute || compute.engine !== "ecs") return undefined;
  const ecs = compute.ecs;
  const usesKmsBucket = compute.services.some((s) => s.permissions.buckets.some((b) => deps.outputs.storage?.buckets[b.bucket]?.encryption === "kms"));
  return new EcsCompute(
    deps.context.namePrefix,
    {
      context: deps.context,
      containerInsights: ecs.containerInsights,
      defaultCapacity: { spotPercent: ecs.spotPercent, onDemandBaseTasks: ecs.onDemandBaseTasks },
      subnetIds: deps.network.appSubnetIds,
      securityGroupId: deps.securityGroups.app.id,
      logs: { retentionDays: config.logs.retentionDays, kmsKeyArn: deps.logsKmsKeyArn },
      secretKmsKeyArns: deps.secretKmsKeyArns,
      bucketKmsKeyArn: usesKmsBucket ? deps.storageKmsKeyArn : undefined,
      healthCheckGracePeriodSeconds: ecs.healthCheckGracePeriodSeconds,
      deployment: ecs.deployment,
      services: compute.services.map((service) => ecsServiceSpec(service, ecs, config, deps)),
    },
    opts,
  );
}

function ecsServiceSpec(service: ServiceSettings, ecs: EcsSettings, config: PlatformSettings, deps: ComputeDependencies): EcsServiceSpec {
  const resolved = resolveServiceReferences(service, deps.context, deps.outputs);
  return {
    name: service.name,
    cpuUnits: service.cpuUnits,
    memoryMb: service.memoryMb,
    port: service.port,
    healthCheckPath: service.healthCheckPath,
    image: resolved.image,
    repositoryArn: resolved.repositoryArn,
    environment: resolved.environment,
    secrets: resolved.secrets,
    readOnlyRootFilesystem: service.readOnlyRootFilesystem,
    containerHealthCheck: ecs.services[service.name]?.containerHealthCheck ?? true,
    capacity: ecsServiceCapacity(ecs, service.name),
    // A standby runs its posture's size until it serves (the dr tier's rule), its configured size after.
    scaling: config.role === "standby" && config.dr?.standby ? standbySize(service.scaling, drState(config), config.dr.standby.tasksPerService) : service.scaling,
    targetGroupArn: deps.edge?.targetGroupArns[service.name],
    buckets: resolved.buckets,
  };
}

/** A service's references to other tiers (image, `${...}` values, secrets, buckets), resolved to their outputs. */
export interface ResolvedService {
  readonly image: pulumi.Input<string>;
  readonly repositoryArn?: pulumi.Input<string>;
  readonly environment: Record<string, pulumi.Input<string>>;
  readonly secrets: Record<string, SecretSource>;
  readonly buckets: { readonly arn: pulumi.Input<string>; readonly access: "read" | "readwrite" }[];
}

/** Resolves a service's references the same way for both compute variants. */
export function resolveServiceReferences(service: ServiceSettings, context: StackContext, outputs: TierOutputs): ResolvedService {
  const { storage, data } = outputs;
  const missing = (what: string): never => {
    throw new Error(`service ${service.name}: ${what} is not built in this stack`);
  };
  let image: pulumi.Input<string>;
  let repositoryArn: pulumi.Input<string> | undefined;
  if ("uri" in service.image) {
    image = service.image.uri;
  } else {
    const repository = storage?.repositories[service.image.repository] ?? missing(`repository ${service.image.repository}`);
    image = pulumi.interpolate`${repository.repositoryUrl}:${service.image.tag}`;
    repositoryArn = repository.arn;
  }
  const lookup = (ref: string): pulumi.Input<string | number> => {
    if (ref === "region") return context.region;
    if (ref === "database.host") return (data?.database ?? missing("the database")).endpoint;
    if (ref === "database.port") return (data?.database ?? missing("the database")).port;
    if (ref === "cache.host") return (data?.cache ?? missing("the cache")).endpoint;
    if (ref === "cache.port") return (data?.cache ?? missing("the cache")).port;
    const bucket = ref.slice("bucket.".length);
    return (storage?.buckets[bucket] ?? missing(`bucket ${bucket}`)).bucketName;
  };
  const secrets: Record<string, SecretSource> = {};
  for (const [variable, reference] of Object.entries(service.secrets)) {
    const { ref, jsonKey } = parseServiceSecretRef(reference);
    const arn =
      ref === "database"
        ? (data?.database ?? missing("the database")).secretArn
        : ref === "cache"
          ? (data?.cache ?? missing("the cache")).authSecretArn
          : (outputs.appSecretArns[ref] ?? missing(`application secret ${ref}`));
    secrets[variable] = { ref, arn, jsonKey };
  }
  return {
    image,
    repositoryArn,
    environment: Object.fromEntries(Object.entries(service.environment).map(([key, value]) => [key, resolveEnvValue(value, lookup)])),
    secrets,
    buckets: service.permissions.buckets.map((grant) => ({ arn: (storage?.buckets[grant.bucket] ?? missing(`bucket ${grant.bucket}`)).arn, access: grant.access })),
  };
}
