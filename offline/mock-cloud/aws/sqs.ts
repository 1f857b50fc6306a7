import { autoName } from "../ids";
import { num, str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const sqsResources: Record<string, ResourceModel> = {
  "aws:sqs/queue:Queue": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    if (name.length > 80 || !/^[A-Za-z0-9_-]+(\.fifo)?$/.test(name)) throw new Error(`sqs: invalid queue name '${name}'`);
    if (name.endsWith(".fifo") !== Boolean(ctx.inputs.fifoQueue)) throw new Error(`sqs: FIFO queues and only they end in .fifo (${name})`);
    const retention = num(ctx.inputs, "messageRetentionSeconds");
    if (retention !== undefined && (retention < 60 || retention > 1209600)) throw new Error(`sqs: MessageRetentionPeriod ${retention} outside 60-1209600`);
    const url = `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${name}`;
    return { id: url, state: { name, url, arn: arnOf(ctx, "sqs", name) } };
  },
  "aws:sqs/queuePolicy:QueuePolicy": (ctx) => ({ id: String(ctx.inputs.queueUrl), state: {} }),
};
