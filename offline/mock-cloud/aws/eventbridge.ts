import { scheduleExpressionProblem } from "../../../model/schedule/expression";
import { autoName } from "../ids";
import { str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const eventbridgeResources: Record<string, ResourceModel> = {
  "aws:cloudwatch/eventRule:EventRule": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    const bus = str(ctx.inputs, "eventBusName") ?? "default";
    const pattern = str(ctx.inputs, "eventPattern");
    const schedule = str(ctx.inputs, "scheduleExpression");
    if (!pattern && !schedule) throw new Error(`events: rule ${name} needs an event pattern or a schedule`);
    if (pattern) JSON.parse(pattern);
    if (schedule) {
      const problem = scheduleExpressionProblem(schedule);
      if (problem) throw new Error(`events: rule ${name}: ${problem}`);
    }
    const path = bus === "default" ? name : `${bus}/${name}`;
    return { id: path, state: { name, arn: arnOf(ctx, "events", `rule/${path}`), eventBusName: bus } };
  },
  "aws:cloudwatch/eventTarget:EventTarget": (ctx) => {
    const bus = str(ctx.inputs, "eventBusName") ?? "default";
    const targetId = str(ctx.inputs, "targetId") ?? autoName(ctx.name, ctx.seed);
    return { id: `${bus}-${str(ctx.inputs, "rule")}-${targetId}`, state: { targetId } };
  },
};
