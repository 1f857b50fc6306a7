import { EcsComputeSettings, ecsServiceCapacity, ServiceSettings } from "../../model/compute/settings";
import { drState } from "../../model/dr/settings";
import { standbySize } from "../../model/dr/standby-size";
import type { PlatformSettings } from "../../model/platform";
import { EcsCompute, EcsServiceSpec } from "../compute/ecs";
import type { Edge } from "../edge";
import type { Network } from "../network";
import type { SecurityGroups } from "../security/groups";
import type { Keys } from "../security/keys";
import { rollbackAlarmName } from "../../model/observability/alarm-keys";
import { ReferenceTargets, resolveServiceReferences } from "./references";
import type { StackBase } from "./stack";

/** What both compute variants are wired to. */
export interface ComputeDependencies {
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly targets: ReferenceTargets;
  readonly edge?: Edge;
}

/** Settings -> the compute tier's ECS Fargate variant (engine `ecs`). */
export function buildEcsCompute(config: PlatformSettings, { context, opts }: StackBase, deps: ComputeDependencies): EcsCompute | undefined {
  const compute = config.compute;
  if (compute?.engine !== "ecs") return undefined;
  const { ecs } = compute;
  const { keys, network, securityGroups, targets } = deps;
  const usesKmsBucket = compute.services.some((s) => s.permissions.buckets.some((b) => targets.storage?.buckets[b.bucket]?.encryption === "kms"));
  return new EcsCompute(
    context.namePrefix,
    {
      context,
      containerInsights: ecs.containerInsights,
      defaultCapacity: { spotPercent: ecs.spotPercent, onDemandBaseTasks: ecs.onDemandBaseTasks },
      subnetIds: network.appSubnetIds,
      securityGroupIds: Object.fromEntries(Object.entries(securityGroups.services).map(([service, group]) => [service, group.id])),
      logs: { retentionDays: config.logs.retentionDays, kmsKeyArn: keys.logs.arn, protect: config.dataProtection === "protected" },
      // Application secrets and the data tier's are under the data key.
      secretKmsKeyArns: [keys.data.arn],
      bucketKmsKeyArn: usesKmsBucket ? keys.storage.arn : undefined,
      healthCheckGracePeriodSeconds: ecs.healthCheckGracePeriodSeconds,
      deployment: ecs.deployment,
      services: compute.services.map((service) => ecsServiceSpec(service, compute, config, deps, context.namePrefix)),
    },
    opts,
  );
}

function ecsServiceSpec(service: ServiceSettings, compute: EcsComputeSettings, config: PlatformSettings, deps: ComputeDependencies, namePrefix: string): EcsServiceSpec {
  const resolved = resolveServiceReferences(service, deps.targets);
  const delivery = compute.ecs.services[service.name]?.delivery;
  return {
    name: service.name,
    cpuUnits: service.cpuUnits,
    memoryMb: service.memoryMb,
    port: service.port,
    image: resolved.image,
    repositoryArn: resolved.repositoryArn,
    environment: resolved.environment,
    secrets: resolved.secrets,
    readOnlyRootFilesystem: service.readOnlyRootFilesystem,
    containerHealthCheck: compute.ecs.services[service.name]?.containerHealthCheck,
    reaches: service.reaches,
    capacity: ecsServiceCapacity(compute.ecs, service.name),
    scaling: serviceScaling(service, config),
    targetGroupArn: deps.edge?.targetGroupArns[service.name],
    buckets: resolved.buckets,
    delivery,
    trafficShift: deps.edge?.alb?.trafficShifts[service.name],
    // The observability tier's alarms, by the name it gives them; it is built after compute.
    rollbackAlarmNames: (delivery?.rollbackOn ?? []).map((signal) => rollbackAlarmName(namePrefix, signal, service.name)),
    tracing: config.observability?.tracing ?? false,
  };
}

/** A standby runs its posture's size until it serves (the dr tier's rule), its configured size after. */
function serviceScaling(service: ServiceSettings, config: PlatformSettings): ServiceSettings["scaling"] {
  const standby = config.role === "standby" ? config.dr?.standby : undefined;
  return standby ? standbySize(service.scaling, drState(config), standby.tasksPerService) : service.scaling;
}

