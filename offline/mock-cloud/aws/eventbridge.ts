import { scheduleExpressionProblem } from "../../../model/schedule/expression";
import { autoName } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const eventbridgeResources: Record<string, ResourceModel> = {
  "aws:cloudwatch/eventRule:EventRule": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const bus = ctx.inputs.eventBusName ?? "default";
    if (!ctx.inputs.eventPattern && !ctx.inputs.scheduleExpression) throw new Error(`events: rule ${name} needs an event pattern or a schedule`);
    if (ctx.inputs.eventPattern) JSON.parse(String(ctx.inputs.eventPattern));
    if (ctx.inputs.scheduleExpression) {
      const problem = scheduleExpressionProblem(String(ctx.inputs.scheduleExpression));
      if (problem) throw new Error(`events: rule ${name}: ${problem}`);
    }
    const path = bus === "default" ? name : `${bus}/${name}`;
    return { id: path, state: { name, arn: arnOf(ctx, "events", `rule/${path}`), eventBusName: bus } };
  },
  "aws:cloudwatch/eventTarget:EventTarget": (ctx) => {
    const bus = ctx.inputs.eventBusName ?? "default";
    const targetId = ctx.inputs.targetId ?? autoName(ctx.name, ctx.seed);
    return { id: `${bus}-${ctx.inputs.rule}-${targetId}`, state: { targetId } };
  },
};
