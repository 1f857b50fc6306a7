import { isFargatePair } from "../../../model/compute/fargate";
import { records, str, strings } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

const ecsArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "ecs", resource);

/** The name at the end of a cluster ARN (`arn:...:cluster/<name>`), or the name itself. */
function clusterName(clusterArnOrName: string): string {
  return String(clusterArnOrName).split("/").pop() ?? "";
}

export const ecsResources: Record<string, ResourceModel> = {
  "aws:ecs/cluster:Cluster": (ctx) => {
    const name = str(ctx.inputs, "name") ?? ctx.name;
    const arn = ecsArn(ctx, `cluster/${name}`);
    return { id: arn, state: { arn, name } };
  },
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": (ctx) => {
    const providers = strings(ctx.inputs, "capacityProviders") ?? [];
    for (const item of records(ctx.inputs, "defaultCapacityProviderStrategies") ?? []) {
      const provider = str(item, "capacityProvider");
      if (provider === undefined || !providers.includes(provider)) throw new Error(`${ctx.name}: default strategy names ${provider}, which the cluster does not have`);
    }
    return { id: String(ctx.inputs.clusterName), state: {} };
  },
  "aws:ecs/taskDefinition:TaskDefinition": (ctx) => {
    const family = str(ctx.inputs, "family");
    const cpu = str(ctx.inputs, "cpu");
    const memory = str(ctx.inputs, "memory");
    // RegisterTaskDefinition rejects Fargate tasks outside the CPU/memory table and without awsvpc.
    if ((strings(ctx.inputs, "requiresCompatibilities") ?? []).includes("FARGATE")) {
      if (!isFargatePair(Number(cpu), Number(memory))) throw new Error(`${ctx.name}: ${cpu} CPU / ${memory} MiB is not a Fargate task size`);
      if (ctx.inputs.networkMode !== "awsvpc") throw new Error(`${ctx.name}: Fargate tasks need networkMode awsvpc`);
    }
    const definitions: unknown = JSON.parse(String(ctx.inputs.containerDefinitions));
    if (!Array.isArray(definitions) || definitions.length === 0) throw new Error(`${ctx.name}: containerDefinitions must be a non-empty JSON array`);
    const arn = ecsArn(ctx, `task-definition/${family}:1`);
    return { id: String(family), state: { arn, arnWithoutRevision: ecsArn(ctx, `task-definition/${family}`), revision: 1 } };
  },
  "aws:ecs/service:Service": (ctx) => {
    const name = str(ctx.inputs, "name") ?? ctx.name;
    const cluster = clusterName(str(ctx.inputs, "cluster") ?? "default");
    const arn = ecsArn(ctx, `service/${cluster}/${name}`);
    return { id: arn, state: { name, cluster: ctx.inputs.cluster } };
  },
};
