import { hex, uuid } from "../ids";
import { num, str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const appAutoscalingResources: Record<string, ResourceModel> = {
  "aws:appautoscaling/target:Target": (ctx) => {
    const minCapacity = num(ctx.inputs, "minCapacity");
    const maxCapacity = num(ctx.inputs, "maxCapacity");
    if (minCapacity !== undefined && maxCapacity !== undefined && minCapacity > maxCapacity) throw new Error(`${ctx.name}: minCapacity ${minCapacity} is above maxCapacity ${maxCapacity}`);
    return {
      id: String(ctx.inputs.resourceId),
      state: { arn: arnOf(ctx, "application-autoscaling", `scalable-target/${hex(ctx.seed, 36)}`) },
    };
  },
  "aws:appautoscaling/policy:Policy": (ctx) => {
    const name = str(ctx.inputs, "name") ?? `${ctx.name}-${hex(ctx.seed, 7)}`;
    const serviceNamespace = str(ctx.inputs, "serviceNamespace");
    const resourceId = str(ctx.inputs, "resourceId");
    // Target tracking creates a high and a low alarm for the metric it tracks.
    const alarm = (side: string) => arnOf(ctx, "cloudwatch", `alarm:TargetTracking-${resourceId}-Alarm${side}-${uuid(ctx.seed + side)}`);
    return {
      id: name,
      state: {
        name,
        arn: arnOf(ctx, "autoscaling", `scalingPolicy:${uuid(ctx.seed)}:resource/${serviceNamespace}/${resourceId}:policyName/${name}`),
        alarmArns: ctx.inputs.policyType === "TargetTrackingScaling" ? [alarm("High"), alarm("Low")] : [],
      },
    };
  },
  "aws:appautoscaling/scheduledAction:ScheduledAction": (ctx) => {
    const name = str(ctx.inputs, "name") ?? `${ctx.name}-${hex(ctx.seed, 7)}`;
    const serviceNamespace = str(ctx.inputs, "serviceNamespace");
    const resourceId = str(ctx.inputs, "resourceId");
    const timezone = str(ctx.inputs, "timezone");
    if (!/^(cron|rate|at)\(.+\)$/.test(String(ctx.inputs.schedule))) throw new Error(`${ctx.name}: schedule must be cron(...), rate(...) or at(...)`);
    if (timezone !== undefined) {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: timezone });
      } catch {
        throw new Error(`${ctx.name}: unknown time zone ${timezone}`);
      }
    }
    return {
      id: `${name}-${serviceNamespace}-${resourceId}`,
      state: { name, arn: arnOf(ctx, "autoscaling", `scheduledAction:${uuid(ctx.seed)}:resource/${serviceNamespace}/${resourceId}:scheduledActionName/${name}`) },
    };
  },
};
