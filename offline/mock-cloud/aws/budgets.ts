import { list, records, str } from "../inputs";
import { ResourceModel } from "../model";
import { globalArnOf } from "./shared";

export const budgetsResources: Record<string, ResourceModel> = {
  "aws:budgets/budget:Budget": (ctx) => {
    const name = String(ctx.inputs.name);
    if (!/^[^:\\]{1,100}$/.test(name)) throw new Error(`budgets: invalid budget name '${name}'`);
    for (const n of records(ctx.inputs, "notifications") ?? []) {
      const type = str(n, "notificationType");
      if (type === undefined || !["ACTUAL", "FORECASTED"].includes(type)) throw new Error(`budgets: unknown notification type ${type}`);
      const emails = list(n, "subscriberEmailAddresses") ?? [];
      if (emails.length + (list(n, "subscriberSnsTopicArns") ?? []).length === 0) throw new Error("budgets: a notification needs a subscriber");
      if (emails.length > 10) throw new Error("budgets: at most 10 e-mail subscribers per notification");
    }
    // Budgets are global: the ARN has no region.
    return { id: `${ctx.accountId}:${name}`, state: { accountId: ctx.accountId, arn: globalArnOf(ctx, "budgets", `budget/${name}`) } };
  },
};
