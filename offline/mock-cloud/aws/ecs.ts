import { isFargatePair } from "../../../model/compute/fargate";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

const ecsArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "ecs", resource);

/** The name at the end of a cluster ARN (`arn:...:cluster/<name>`), or the name itself. */
function clusterName(clusterArnOrName: string): string {
  return String(clusterArnOrName).split("/").pop() ?? "";
}

export const ecsResources: Record<string, ResourceModel> = {
  "aws:ecs/cluster:Cluster": (ctx) => {
    const name = String(ctx.inputs.name ?? ctx.name);
    const arn = ecsArn(ctx, `cluster/${name}`);
    return { id: arn, state: { arn, name } };
  },
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": (ctx) => {
    const providers: string[] = ctx.inputs.capacityProviders ?? [];
    for (const item of ctx.inputs.defaultCapacityProviderStrategies ?? []) {
      if (!providers.includes(item.capacityProvider)) throw new Error(`${ctx.name}: default strategy names ${item.capacityProvider}, which the cluster does not have`);
    }
    return { id: String(ctx.inputs.clusterName), state: {} };
  },
  "aws:ecs/taskDefinition:TaskDefinition": (ctx) => {
    const { family, cpu, memory, requiresCompatibilities, networkMode } = ctx.inputs;
    // RegisterTaskDefinition rejects Fargate tasks outside the CPU/memory table and without awsvpc.
    if ((requiresCompatibilities ?? []).includes("FARGATE")) {
      if (!isFargatePair(Number(cpu), Number(memory))) throw new Error(`${ctx.name}: ${cpu} CPU / ${memory} MiB is not a Fargate task size`);
      if (networkMode !== "awsvpc") throw new Error(`${ctx.name}: Fargate tasks need networkMode awsvpc`);
    }
    const definitions = JSON.parse(String(ctx.inputs.containerDefinitions));
    if (!Array.isArray(definitions) || definitions.length === 0) throw new Error(`${ctx.name}: containerDefinitions must be a non-empty JSON array`);
    const arn = ecsArn(ctx, `task-definition/${family}:1`);
    return { id: String(family), state: { arn, arnWithoutRevision: ecsArn(ctx, `task-definition/${family}`), revision: 1 } };
  },
  "aws:ecs/service:Service": (ctx) => {
    const name = String(ctx.inputs.name ?? ctx.name);
    const cluster = clusterName(ctx.inputs.cluster ?? "default");
    const arn = ecsArn(ctx, `service/${cluster}/${name}`);
    return { id: arn, state: { name, cluster: ctx.inputs.cluster } };
  },
};
