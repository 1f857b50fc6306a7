import { autoName } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const snsResources: Record<string, ResourceModel> = {
  "aws:sns/topic:Topic": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const arn = arnOf(ctx, "sns", name);
    return { id: arn, state: { name, arn, owner: ctx.accountId } };
  },
  "aws:sns/topicPolicy:TopicPolicy": (ctx) => ({ id: ctx.inputs.arn, state: { owner: ctx.accountId } }),
};
