import { autoName } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const ecsResources: Record<string, ResourceModel> = {
  "aws:ecs/cluster:Cluster": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const arn = arnOf(ctx, "ecs", `cluster/${name}`);
    return { id: arn, state: { name, arn } };
  },
  "aws:ecs/taskDefinition:TaskDefinition": (ctx) => {
    const arn = arnOf(ctx, "ecs", `task-definition/${ctx.inputs.family}:1`);
    return { id: ctx.inputs.family, state: { arn, arnWithoutRevision: arnOf(ctx, "ecs", `task-definition/${ctx.inputs.family}`), revision: 1 } };
  },
  "aws:ecs/service:Service": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const cluster = String(ctx.inputs.cluster ?? "default").split("/").pop();
    const arn = arnOf(ctx, "ecs", `service/${cluster}/${name}`);
    return { id: arn, state: { name, arn } };
  },
};
