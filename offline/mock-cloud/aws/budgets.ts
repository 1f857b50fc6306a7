import { ResourceModel } from "../model";
import { globalArnOf } from "./shared";

export const budgetsResources: Record<string, ResourceModel> = {
  "aws:budgets/budget:Budget": (ctx) => {
    const name = String(ctx.inputs.name);
    if (!/^[^:\\]{1,100}$/.test(name)) throw new Error(`budgets: invalid budget name '${name}'`);
    for (const n of ctx.inputs.notifications ?? []) {
      if (!["ACTUAL", "FORECASTED"].includes(n.notificationType)) throw new Error(`budgets: unknown notification type ${n.notificationType}`);
      if ((n.subscriberEmailAddresses ?? []).length + (n.subscriberSnsTopicArns ?? []).length === 0) throw new Error("budgets: a notification needs a subscriber");
      if ((n.subscriberEmailAddresses ?? []).length > 10) throw new Error("budgets: at most 10 e-mail subscribers per notification");
    }
    // Budgets are global: the ARN has no region.
    return { id: `${ctx.accountId}:${name}`, state: { accountId: ctx.accountId, arn: globalArnOf(ctx, "budgets", `budget/${name}`) } };
  },
};
