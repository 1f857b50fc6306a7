import { list, num, PlannedResource, record, str } from "../graph";
import { compositeLine, CostLine, resourceLine, ResourceRule, RuleContext, withNote } from "../model";
import type { FargateRates } from "../prices/types";
import { types as kubernetesTypes } from "./kubernetes";
import { readinessRunsPerMonth } from "../../../model/dr/readiness-schedule";

export const types = {
  ecsService: "aws:ecs/service:Service",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  ecsCluster: "aws:ecs/cluster:Cluster",
  clusterCapacityProviders: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
  eksComponent: "eks:index:Cluster",
  eksCluster: "aws:eks/cluster:Cluster",
  managedNodeGroup: "eks:index:ManagedNodeGroup",
  awsNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  selfManagedNodeGroup: "eks:index:NodeGroupV2",
  selfManagedNodeGroupV1: "eks:index:NodeGroup",
  instance: "aws:ec2/instance:Instance",
  lambda: "aws:lambda/function:Function",
} as const;

export interface CapacityStrategy {
  readonly capacityProvider: string;
  readonly weight: number;
  readonly base: number;
}

/**
 * How ECS spreads `tasks` over capacity providers: the `base` tasks first, the rest by weight.
 * Fractions are kept: over a month they are the average share a provider runs.
 */
export function splitTasks(tasks: number, strategies: readonly CapacityStrategy[]): { onDemand: number; spot: number } {
  if (strategies.length === 0) return { onDemand: tasks, spot: 0 };
  const share = new Map<string, number>();
  let remaining = tasks;
  for (const strategy of strategies) {
    const take = Math.min(strategy.base, remaining);
    share.set(strategy.capacityProvider, (share.get(strategy.capacityProvider) ?? 0) + take);
    remaining -= take;
  }
  const totalWeight = strategies.reduce((sum, s) => sum + s.weight, 0);
  for (const strategy of strategies) {
    const portion = totalWeight > 0 ? (remaining * strategy.weight) / totalWeight : strategy === strategies[0] ? remaining : 0;
    share.set(strategy.capacityProvider, (share.get(strategy.capacityProvider) ?? 0) + portion);
  }
  return { onDemand: share.get("FARGATE") ?? 0, spot: share.get("FARGATE_SPOT") ?? 0 };
}

function strategiesOf(value: unknown[]): CapacityStrategy[] {
  return value.map((entry) => {
    const s = record(entry);
    return { capacityProvider: str(s, "capacityProvider") ?? "", weight: num(s, "weight") ?? 0, base: num(s, "base") ?? 0 };
  });
}

/** The service's own strategy, or its cluster's default one. */
function serviceStrategies(service: PlannedResource, ctx: RuleContext): CapacityStrategy[] {
  const own = list(service.inputs, "capacityProviderStrategies");
  if (own.length > 0) return strategiesOf(own);
  if (str(service.inputs, "launchType") === "FARGATE") return [];
  const cluster = ctx.index.find(service.inputs.cluster, types.ecsCluster);
  const clusterName = cluster ? (str(cluster.inputs, "name") ?? str(cluster.state ?? {}, "name")) : undefined;
  const defaults = ctx.index
    .ofType(types.clusterCapacityProviders)
    .find((c) => c.inputs.clusterName === clusterName || (cluster !== undefined && c.inputs.clusterName === cluster.id));
  return defaults ? strategiesOf(list(defaults.inputs, "defaultCapacityProviderStrategies")) : [];
}

const ecsService: ResourceRule = (service, ctx) => {
  const launchType = str(service.inputs, "launchType");
  // EC2-backed tasks run on instances priced as instances; a daemon is one task per instance.
  if (launchType === "EC2" || launchType === "EXTERNAL" || str(service.inputs, "schedulingStrategy") === "DAEMON") return [];
  const tasks = num(service.inputs, "desiredCount") ?? 0;
  const taskDefinition = ctx.index.find(service.inputs.taskDefinition, types.taskDefinition);
  if (!taskDefinition) {
    ctx.warn(`${service.name}: its task definition (${String(service.inputs.taskDefinition)}) is not among the registrations; its tasks are not priced`);
    return [];
  }
  const vcpu = (num(taskDefinition.inputs, "cpu") ?? 0) / 1024;
  const gb = (num(taskDefinition.inputs, "memory") ?? 0) / 1024;
  if (vcpu <= 0 || gb <= 0) {
    ctx.warn(`${service.name}: task definition ${taskDefinition.name} has no task-level cpu/memory; Fargate needs both, so its tasks are not priced`);
    return [];
  }
  const arm = (str(record(taskDefinition.inputs.runtimePlatform), "cpuArchitecture") ?? "").toUpperCase() === "ARM64";
  const { onDemand, spot } = splitTasks(tasks, serviceStrategies(service, ctx));
  const fargate = ctx.prices.fargate;
  const size = `${trim(vcpu)} vCPU / ${trim(gb)} GB${arm ? " ARM" : ""}`;
  const lines: CostLine[] = [];
  // Office hours scale the service to zero tasks outside the day.
  const running = ctx.runningHours(service);
  const add = (count: number, rates: FargateRates, kind: string) => {
    if (count <= 0) return;
    lines.push(
      compositeLine(service, ctx, {
        service: "ECS Fargate",
        item: withNote(`${service.name}: ${size} x ${trim(count)} task${count === 1 ? "" : "s"} ${kind}`, running),
        quantity: count * running.hours,
        unit: "task-hour",
        unitUsd: vcpu * rates.vcpuHour.usd + gb * rates.gbHour.usd,
      }),
    );
  };
  add(onDemand, arm ? fargate.arm64 : fargate.x86, "on-demand");
  add(spot, arm ? fargate.spotArm64 : fargate.spotX86, "Spot");
  return lines;
};

/** Instance-hours; a node group office hours size to zero runs its nodes only in the day. */
function instanceHours(resource: PlannedResource, ctx: RuleContext, instanceType: string, count: number, spot: boolean, what: string, after = ""): CostLine[] {
  const hourly = ctx.prices.ec2.instanceHour[instanceType];
  if (!hourly) {
    ctx.missing(`EC2 instance type ${instanceType} (${resource.name})`);
    return [];
  }
  if (count <= 0) return [];
  const running = ctx.runningHours(resource);
  return [
    resourceLine(resource, ctx, {
      service: "EC2",
      item: withNote(`${resource.name}: ${what} ${count} x ${instanceType}${spot ? " Spot" : ""}${after}`, running),
      quantity: count * running.hours,
      price: hourly,
      factor: spot ? ctx.prices.ec2.spotFraction.usd : 1,
    }),
  ];
}

function volume(resource: PlannedResource, ctx: RuleContext, gb: number, volumeType: string, what: string): CostLine[] {
  const rate = volumeType === "gp2" ? ctx.prices.ec2.ebsGbMonth.gp2 : volumeType === "gp3" ? ctx.prices.ec2.ebsGbMonth.gp3 : undefined;
  if (!rate) {
    ctx.missing(`EBS volume type ${volumeType} (${resource.name})`);
    return [];
  }
  return gb > 0 ? [resourceLine(resource, ctx, { service: "EBS", item: `${resource.name}: ${what} ${volumeType}`, quantity: gb, price: rate })] : [];
}

const instance: ResourceRule = (resource, ctx) => {
  const type = str(resource.inputs, "instanceType") ?? "";
  const root = record(resource.inputs.rootBlockDevice);
  const lines = [
    ...instanceHours(resource, ctx, type, 1, false, "instance"),
    ...volume(resource, ctx, num(root, "volumeSize") ?? 8, str(root, "volumeType") ?? "gp3", "root volume"),
  ];
  for (const device of list(resource.inputs, "ebsBlockDevices").map(record)) {
    lines.push(...volume(resource, ctx, num(device, "volumeSize") ?? 0, str(device, "volumeType") ?? "gp3", `volume ${str(device, "deviceName") ?? ""}`));
  }
  if (resource.inputs.associatePublicIpAddress === true) {
    lines.push(resourceLine(resource, ctx, { service: "VPC", item: `${resource.name}: public IPv4 address`, quantity: ctx.hours, price: ctx.prices.ec2.publicIpv4Hour }));
  }
  return lines;
};

const controlPlane: ResourceRule = (resource, ctx) => {
  const lines = [resourceLine(resource, ctx, { service: "EKS", item: `${resource.name}: control plane`, quantity: ctx.hours, price: ctx.prices.eks.clusterHour })];
  if (resource.type !== types.eksComponent) return lines;
  // @pulumi/eks creates a default self-managed node group unless told not to (its docs: 2 x t3.medium).
  const autoMode = record(resource.inputs.autoMode).enabled === true;
  if (resource.inputs.skipDefaultNodeGroup === true || resource.inputs.fargate || autoMode) return lines;
  const count = num(resource.inputs, "desiredCapacity") ?? 2;
  return [
    ...lines,
    ...instanceHours(resource, ctx, str(resource.inputs, "instanceType") ?? "t3.medium", count, false, "default node group"),
    ...volume(resource, ctx, count * (num(resource.inputs, "nodeRootVolumeSize") ?? 20), "gp3", `default node group ${count} root volumes`),
  ];
};

/**
 * A managed node group runs its desired size, unless Cluster Autoscaler is installed in the stack
 * (its Helm release): then it may hold maxSize nodes for as long as the pods need them, and the
 * estimate prices that ceiling, so the budget check sees the most the group can cost (issue 15).
 */
const managedNodeGroup: ResourceRule = (resource, ctx) => {
  const scaling = record(resource.inputs.scalingConfig);
  const autoscaled = ctx.index.ofType(kubernetesTypes.helmRelease).some((r) => r.inputs.chart === "cluster-autoscaler");
  const max = num(scaling, "maxSize");
  const count = autoscaled && max !== undefined ? max : (num(scaling, "desiredSize") ?? num(scaling, "minSize") ?? 0);
  const [first] = list(resource.inputs, "instanceTypes");
  const instanceType = typeof first === "string" ? first : "t3.medium";
  const spot = str(resource.inputs, "capacityType") === "SPOT";
  return [
    ...instanceHours(resource, ctx, instanceType, count, spot, "nodes", autoscaled && max !== undefined ? " at maxSize (Cluster Autoscaler)" : ""),
    ...volume(resource, ctx, count * (num(resource.inputs, "diskSize") ?? 20), "gp3", `${count} node root volumes`),
  ];
};

const selfManagedNodeGroup: ResourceRule = (resource, ctx) => {
  const count = num(resource.inputs, "desiredCapacity") ?? 2;
  return [
    ...instanceHours(resource, ctx, str(resource.inputs, "instanceType") ?? "t3.medium", count, false, "nodes"),
    ...volume(resource, ctx, count * (num(resource.inputs, "nodeRootVolumeSize") ?? 20), "gp3", `${count} node root volumes`),
  ];
};

/** The platform's secret-rotation functions (components/shared/secret-rotator.ts) carry ROTATION_KIND. */
export function isRotationFunction(resource: PlannedResource): boolean {
  return record(record(resource.inputs.environment).variables).ROTATION_KIND !== undefined;
}

/**
 * The platform's own scheduled functions, whose usage follows from their schedule: the secret age
 * check (components/observability/secret-age.ts) runs once a day and makes one DescribeSecret
 * call per secret (assumed 2 s).
 */
const platformFunctionUsage: Readonly<Record<string, { readonly invocationsPerMonth: number; readonly averageDurationMs: number }>> = {
  "secret-age": { invocationsPerMonth: 31, averageDurationMs: 2000 },
};

/**
 * The scheduled readiness check (components/dr/readiness.ts) carries its rate() as SCHEDULE: it
 * runs that often, each run a few dozen reads (assumed 3 s, some in the other region).
 */
function readinessSchedule(resource: PlannedResource): string | undefined {
  const variables = record(record(resource.inputs.environment).variables);
  return typeof variables.SCHEDULE === "string" && typeof variables.METRIC_NAME === "string" ? variables.SCHEDULE : undefined;
}

/** Lambda usage for one function: its job's entry in `lambdaFunctions`, a platform function's schedule, else the default. */
function lambdaUsage(resource: PlannedResource, ctx: RuleContext) {
  const schedule = readinessSchedule(resource);
  if (schedule) return { invocationsPerMonth: readinessRunsPerMonth(schedule), averageDurationMs: 3000 };
  const names = [resource.name, str(resource.inputs, "name") ?? ""];
  const matches = (key: string) => names.some((n) => n === key || n.endsWith(`-${key}`));
  const key = Object.keys(ctx.usage.lambdaFunctions).find(matches);
  if (key) return ctx.usage.lambdaFunctions[key];
  const platform = Object.keys(platformFunctionUsage).find(matches);
  return platform ? platformFunctionUsage[platform] : ctx.usage.lambda;
}

const lambda: ResourceRule = (resource, ctx) => {
  // A rotation function runs on its secret's schedule: priced by the rotation (operations.ts).
  if (isRotationFunction(resource)) return [];
  const memoryGb = (num(resource.inputs, "memorySize") ?? 128) / 1024;
  const arm = list(resource.inputs, "architectures")[0] === "arm64";
  const { invocationsPerMonth, averageDurationMs } = lambdaUsage(resource, ctx);
  const rates = ctx.prices.lambda;
  const lines: CostLine[] = [];
  if (invocationsPerMonth > 0) {
    lines.push(
      resourceLine(resource, ctx, { service: "Lambda", item: `${resource.name}: requests`, quantity: invocationsPerMonth / 1e6, price: rates.requestsMillion }),
      resourceLine(resource, ctx, {
        service: "Lambda",
        item: `${resource.name}: ${trim(memoryGb * 1024)} MB${arm ? " arm64" : ""} x ${trim(averageDurationMs)} ms`,
        quantity: invocationsPerMonth * (averageDurationMs / 1000) * memoryGb,
        price: arm ? rates.arm64GbSecond : rates.x86GbSecond,
      }),
    );
  }
  // The readiness check's result is one custom metric (embedded metric format), billed as a custom metric.
  if (readinessSchedule(resource)) lines.push(resourceLine(resource, ctx, { service: "CloudWatch", item: `${resource.name}: custom metric`, quantity: 1, price: ctx.prices.cloudwatch.metricMonth }));
  return lines.map((line) => ({ ...line, basis: "usage" as const }));
};

export const computeRules: Readonly<Record<string, ResourceRule>> = {
  [types.ecsService]: ecsService,
  [types.instance]: instance,
  [types.eksComponent]: controlPlane,
  [types.eksCluster]: controlPlane,
  [types.managedNodeGroup]: managedNodeGroup,
  [types.awsNodeGroup]: managedNodeGroup,
  [types.selfManagedNodeGroup]: selfManagedNodeGroup,
  [types.selfManagedNodeGroupV1]: selfManagedNodeGroup,
  [types.lambda]: lambda,
};

/** `0.5`, `2`, `0.33`: short numbers for item text. */
export function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}
