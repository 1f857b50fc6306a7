import * as pulumi from "@pulumi/pulumi";
import type { PlatformSettings } from "../model/platform";
import { workloadRequests } from "../model/compute/settings";
import { EksCompute } from "./compute/eks";
import { instanceTypes } from "../model/compute/eks/instance-types";
import { IngressLoadBalancer } from "./compute/eks/ingress";
import { enginePort } from "../model/data/engines";
import { ComputeDependencies, resolveServiceReferences } from "./platform-services";
import { logPrefixes } from "./storage/log-bucket";
import { defaultTags } from "./platform";

/**
 * Config -> args of the compute tier's EKS variant, for buildPlatform (beside platform-services.ts,
 * which does the same for the ECS variant and the edge, and whose reference resolution it shares).
 */
export function buildEksCompute(config: PlatformSettings, deps: ComputeDependencies, opts: pulumi.ComponentResourceOptions): EksCompute | undefined {
  const compute = config.compute;
  if (!compute || compute.engine !== "eks") return undefined;
  const eks = compute.eks;
  if (!eks) throw new Error("buildEksCompute: compute.eks is required when engine is eks (the schema enforces it)");
  return new EksCompute(
    deps.context.namePrefix,
    {
      context: deps.context,
      version: eks.version,
      supportType: eks.supportType,
      vpcId: deps.network.vpcId,
      privateSubnetIds: deps.network.appSubnetIds,
      publicSubnetIds: deps.network.publicSubnetIds,
      publicAccessCidrs: eks.endpoint.publicAccessCidrs,
      adminRoleArns: eks.adminRoleArns,
      logs: { retentionDays: config.logs.retentionDays, kmsKeyArn: deps.logsKmsKeyArn },
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
        const resolved = resolveServiceReferences(service, deps.context, deps.outputs);
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
          scaling: service.scaling,
          routing: { alb: service.routing.loadBalancer === "alb", paths: service.routing.paths, default: service.routing.default },
          websocket: service.websocket,
          readOnlyRootFilesystem: service.readOnlyRootFilesystem,
          buckets: resolved.buckets,
          nodeGroup: group && workload.nodeGroup ? { key: workload.nodeGroup, taints: group.taints } : undefined,
        };
      }),
      ingress: ingressLoadBalancer(config, deps),
      monitoring: eks.monitoring.enabled
        ? { prometheusRetentionDays: eks.monitoring.prometheusRetentionDays, prometheusStorageGi: eks.monitoring.prometheusStorageGi }
        : undefined,
      securityGroups: {
        alb: deps.securityGroups.alb.id,
        database: deps.securityGroups.database.id,
        cache: deps.securityGroups.cache.id,
        endpoints: deps.securityGroups.endpoints.id,
      },
      databasePort: config.data ? enginePort(config.data.database.engine) : 5432,
      cachePort: 6379,
      keys: { storage: deps.storageKmsKeyArn, secrets: deps.secretKmsKeyArns },
      tags: defaultTags(config),
    },
    opts,
  );
}

/** The edge tier's decisions for the ALB the controller builds: the same settings its own ALB would get. */
function ingressLoadBalancer(config: PlatformSettings, deps: ComputeDependencies): IngressLoadBalancer | undefined {
  const services = (config.compute?.services ?? []).filter((s) => s.routing.loadBalancer === "alb");
  const edge = config.edge;
  if (services.length === 0 || !edge) return undefined;
  const tier = deps.edge;
  if (!tier?.certificateArn) throw new Error("buildEksCompute: the edge tier issued no certificate for the Ingress ALB");
  const logBucket = deps.outputs.storage?.logBucket;
  return {
    certificateArn: tier.certificateArn,
    sslPolicy: edge.alb.sslPolicy,
    // Seed 001: WebSocket connections stay open up to an hour.
    idleTimeoutSeconds: edge.alb.idleTimeoutSeconds ?? (services.some((s) => s.websocket) ? 3600 : 60),
    deletionProtection: edge.alb.deletionProtection ?? config.dataProtection === "protected",
    accessLogs:
      edge.alb.accessLogs && logBucket
        ? // ELB checks its write grant when logging is switched on: the name resolves after the policy.
          { bucketName: pulumi.all([logBucket.bucketName, logBucket.policy.id]).apply(([name]) => name), prefix: logPrefixes.alb }
        : undefined,
    webAclArn: edge.waf?.attachTo === "alb" ? tier.firewall?.arn : undefined,
    // With CloudFront in front, the ALB answers the origin name; otherwise the name users open.
    dns: { zoneId: tier.zoneId, names: [edge.cloudFront ? edge.originDomainName! : edge.domainName] },
  };
}
