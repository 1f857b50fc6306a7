import type * as pulumi from "@pulumi/pulumi";
import { publicEndpointCidrs } from "../../model/compute/eks/endpoint";
import { albHostedZoneId } from "../../model/edge/alb-zones";
import { instanceTypes } from "../../model/compute/eks/instance-types";
import { EksComputeSettings, ServiceSettings, workloadRequests } from "../../model/compute/settings";
import type { PlatformSettings } from "../../model/platform";
import type { EksCompute } from "../compute/eks";
import type { WorkloadSpec } from "../compute/eks/workloads";
import type { IngressLoadBalancer } from "../compute/eks/ingress";
import { logPrefixes } from "../storage/log-bucket";
import type { ComputeDependencies } from "./compute-ecs";
import { albIdleTimeoutSeconds } from "../../model/edge/service-routing";
import { accessLogBucket } from "./edge";
import { resolveServiceReferences } from "./references";
import { workloadGroups } from "../../model/security/workload-groups";
import { storePorts } from "./security";
import type { StackBase } from "./stack";
import { defaultTags } from "./tags";
import { drState } from "../../model/dr/settings";
import { NodeGroupSize, standbyNodeGroup, standbySize } from "../../model/dr/standby-size";

/** What the EKS variant takes besides the ECS variant's dependencies. */
export interface EksComputeDependencies extends ComputeDependencies {
  /** A DR pair's failover name's certificate in this region (components/dr/failover-certificate.ts), for the Ingress's list. */
  readonly failoverCertificateArn?: pulumi.Input<string>;
}

/** Settings -> the compute tier's EKS variant (engine `eks`): the same services as Deployments behind an Ingress. */
export function buildEksCompute(config: PlatformSettings, { context, opts }: StackBase, deps: EksComputeDependencies): EksCompute | undefined {
  const compute = config.compute;
  if (compute?.engine !== "eks") return undefined;
  const { eks } = compute;
  const { keys, network, securityGroups } = deps;
  // Loaded only for an EKS stack: @pulumi/eks and @pulumi/kubernetes cost an ECS stack's plan about
  // 140 ms of module loading for nothing (scripts/bench.ts measures plan against the SDK floor).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load is the point: import() would make buildEksCompute async
  const { EksCompute } = require("../compute/eks") as typeof import("../compute/eks");
  return new EksCompute(
    context.namePrefix,
    {
      context,
      version: eks.version,
      supportType: eks.supportType,
      vpcId: network.vpcId,
      privateSubnetIds: network.appSubnetIds,
      publicSubnetIds: network.publicSubnetIds,
      publicAccessCidrs: publicEndpointCidrs(eks.endpoint),
      adminRoleArns: eks.adminRoleArns,
      logs: { retentionDays: config.logs.retentionDays, kmsKeyArn: keys.logs.arn, protect: config.dataProtection === "protected" },
      keyDeletionWindowDays: config.security.kms.deletionWindowDays,
      protectData: config.dataProtection === "protected",
      nodeGroups: Object.fromEntries(
        Object.entries(eks.nodeGroups).map(([key, group]) => [key, { ...standbyNodes(group, config), architecture: instanceTypes[group.instanceTypes[0]].architecture }]),
      ),
      addons: eks.addons,
      namespace: `${config.project}-${config.environment}`,
      services: compute.services.map((service) => eksServiceSpec(service, compute, config, deps)),
      ingress: ingressLoadBalancer(config, deps),
      monitoring: eks.monitoring.enabled
        ? {
            prometheusRetentionDays: eks.monitoring.prometheusRetentionDays,
            prometheusStorageGi: eks.monitoring.prometheusStorageGi,
            alerting: eks.monitoring.alerting,
            dashboards: eks.monitoring.dashboards,
          }
        : undefined,
      autoscaler: eks.autoscaler.enabled ? { scaleDownUnneededMinutes: eks.autoscaler.scaleDownUnneededMinutes } : undefined,
      securityGroups: {
        alb: securityGroups.alb.id,
        database: securityGroups.database.id,
        cache: securityGroups.cache.id,
        endpoints: securityGroups.endpoints.id,
      },
      podStores: workloadGroups(config).podStores.map((store) => ({ store, port: storePorts(config)[store] })),
      keys: { storage: keys.storage.arn, secrets: [keys.data.arn] },
      tags: defaultTags(config),
    },
    opts,
  );
}

function eksServiceSpec(service: ServiceSettings, { eks }: EksComputeSettings, config: PlatformSettings, deps: ComputeDependencies): WorkloadSpec {
  const workload = eks.services[service.name];
  const requests = workloadRequests(workload, service);
  const group = workload.nodeGroup === undefined ? undefined : eks.nodeGroups[workload.nodeGroup];
  const resolved = resolveServiceReferences(service, deps.targets);
  return {
    name: service.name,
    image: resolved.image,
    port: service.port,
    healthCheckPath: service.healthCheckPath,
    environment: resolved.environment,
    secrets: Object.fromEntries(Object.entries(resolved.secrets).map(([variable, s]) => [variable, { secretArn: s.arn, jsonKey: s.jsonKey }])),
    resources: {
      cpuRequest: workload.cpuRequest ?? `${requests.millicores}m`,
      memoryRequest: workload.memoryRequest ?? `${requests.mebibytes}Mi`,
      cpuLimit: workload.cpuLimit,
      memoryLimit: workload.memoryLimit,
    },
    scaling: standbyScaling(service, config),
    routing: { alb: service.routing.loadBalancer === "alb", paths: service.routing.paths, default: service.routing.default },
    websocket: service.websocket,
    readOnlyRootFilesystem: service.readOnlyRootFilesystem,
    buckets: resolved.buckets,
    nodeGroup: group && workload.nodeGroup ? { key: workload.nodeGroup, taints: group.taints } : undefined,
  };
}

/** The edge tier's decisions for the ALB the controller builds: the same settings its own ALB would get. */
function ingressLoadBalancer(config: PlatformSettings, deps: EksComputeDependencies): IngressLoadBalancer | undefined {
  const services = (config.compute?.services ?? []).filter((s) => s.routing.loadBalancer === "alb");
  const edge = config.edge;
  if (services.length === 0 || !edge) return undefined;
  const tier = deps.edge;
  if (!tier?.certificateArn) throw new Error("buildEksCompute: the edge tier issued no certificate for the Ingress ALB");
  const albZoneId = albHostedZoneId(config.region);
  if (!albZoneId) throw new Error(`buildEksCompute: no ALB hosted zone for region ${config.region} (model/edge/alb-zones.ts)`);
  return {
    // The edge's certificate first: the listener's default, for its own names.
    certificateArns: [tier.certificateArn, ...(deps.failoverCertificateArn ? [deps.failoverCertificateArn] : [])],
    albZoneId,
    sslPolicy: edge.alb.sslPolicy,
    idleTimeoutSeconds: albIdleTimeoutSeconds(edge.alb.idleTimeoutSeconds, services),
    deletionProtection: edge.alb.deletionProtection ?? config.dataProtection === "protected",
    accessLogs: edge.alb.accessLogs && deps.targets.storage ? accessLogBucket(deps.targets, logPrefixes.alb) : undefined,
    webAclArn: edge.waf?.attachTo === "alb" ? tier.firewall?.arn : undefined,
    // With CloudFront in front, the ALB answers the origin name; otherwise the name users open.
    dns: { zoneId: tier.zoneId, names: [edge.cloudFront ? edge.originDomainName! : edge.domainName] },
  };
}


/** A standby's workloads wait at `tasksPerService` pods each (the HPA's bounds) until it serves, as the ECS variant's tasks do. */
function standbyScaling(service: ServiceSettings, config: PlatformSettings): ServiceSettings["scaling"] {
  const standby = config.role === "standby" ? config.dr?.standby : undefined;
  return standby ? standbySize(service.scaling, drState(config), standby.tasksPerService) : service.scaling;
}

/** A standby's node groups hold `nodesPerGroup` nodes until it serves (model/dr/standby-size.ts). */
function standbyNodes<G extends NodeGroupSize>(group: G, config: PlatformSettings): G {
  const standby = config.role === "standby" ? config.dr?.standby : undefined;
  return standby ? standbyNodeGroup(group, drState(config), standby.nodesPerGroup) : group;
}
