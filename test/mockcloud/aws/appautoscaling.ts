import { hex, uuid } from "../ids";
import { ResourceModel } from "../model";

export const appAutoscalingResources: Record<string, ResourceModel> = {
  "aws:appautoscaling/target:Target": (ctx) => ({
    id: String(ctx.inputs.resourceId),
    state: { arn: `arn:aws:application-autoscaling:${ctx.region}:${ctx.accountId}:scalable-target/${hex(ctx.seed, 36)}` },
  }),
  "aws:appautoscaling/policy:Policy": (ctx) => {
    const { name, serviceNamespace, resourceId } = ctx.inputs;
    const policyUuid = uuid(ctx.seed);
    // Target tracking creates a high and a low alarm for the metric it tracks.
    const alarm = (side: string) => `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:TargetTracking-${resourceId}-Alarm${side}-${uuid(ctx.seed + side)}`;
    return {
      id: String(name),
      state: {
        arn: `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scalingPolicy:${policyUuid}:resource/${serviceNamespace}/${resourceId}:policyName/${name}`,
        alarmArns: ctx.inputs.policyType === "TargetTrackingScaling" ? [alarm("High"), alarm("Low")] : [],
      },
    };
  },
};
