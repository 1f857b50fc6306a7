import { autoName } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const sqsResources: Record<string, ResourceModel> = {
  "aws:sqs/queue:Queue": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const url = `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`;
    return { id: url, state: { name, url, arn: arnOf(ctx, "sqs", name) } };
  },
  "aws:sqs/queuePolicy:QueuePolicy": (ctx) => ({ id: ctx.inputs.queueUrl, state: {} }),
};
