import { isTimeZone, scheduleExpressionProblem } from "../../../model/schedule/expression";
import { autoName } from "../ids";
import { record, str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const schedulerResources: Record<string, ResourceModel> = {
  "aws:scheduler/scheduleGroup:ScheduleGroup": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    if (!/^[0-9A-Za-z_.-]{1,64}$/.test(name)) throw new Error(`scheduler: invalid group name '${name}'`);
    return {
      id: name,
      state: { name, arn: arnOf(ctx, "scheduler", `schedule-group/${name}`), state: "ACTIVE", creationDate: "2026-11-01T00:00:00Z" },
    };
  },
  "aws:scheduler/schedule:Schedule": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    const group = str(ctx.inputs, "groupName") ?? "default";
    if (!/^[0-9A-Za-z_.-]{1,64}$/.test(name)) throw new Error(`scheduler: invalid schedule name '${name}'`);
    const problem = scheduleExpressionProblem(String(ctx.inputs.scheduleExpression));
    if (problem) throw new Error(`scheduler: schedule ${name}: ${problem}`);
    const zone = str(ctx.inputs, "scheduleExpressionTimezone");
    if (zone !== undefined && !isTimeZone(zone)) throw new Error(`scheduler: schedule ${name}: unknown time zone ${zone}`);
    const target = record(ctx.inputs, "target");
    if (!target?.roleArn) throw new Error(`scheduler: schedule ${name} needs a target role`);
    const input = str(target, "input");
    if (input !== undefined) JSON.parse(input);
    return { id: `${group}/${name}`, state: { name, groupName: group, arn: arnOf(ctx, "scheduler", `schedule/${group}/${name}`) } };
  },
};
