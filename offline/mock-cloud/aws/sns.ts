import { autoName, uuid } from "../ids";
import { str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const snsResources: Record<string, ResourceModel> = {
  "aws:sns/topic:Topic": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    if (name.length > 256 || !/^[A-Za-z0-9_-]+(\.fifo)?$/.test(name)) throw new Error(`sns: invalid topic name '${name}'`);
    const arn = arnOf(ctx, "sns", name);
    return { id: arn, state: { name, arn, owner: ctx.accountId } };
  },
  "aws:sns/topicPolicy:TopicPolicy": (ctx) => ({ id: String(ctx.inputs.arn), state: { owner: ctx.accountId } }),
  "aws:sns/topicSubscription:TopicSubscription": (ctx) => {
    const arn = `${str(ctx.inputs, "topic")}:${uuid(ctx.seed)}`;
    // E-mail endpoints stay pending until the recipient confirms the subscription.
    const pending = ctx.inputs.protocol === "email" || ctx.inputs.protocol === "email-json";
    return { id: arn, state: { arn, ownerId: ctx.accountId, pendingConfirmation: pending, confirmationWasAuthenticated: !pending } };
  },
};
