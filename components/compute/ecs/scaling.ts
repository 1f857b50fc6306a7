import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceScalingSettings } from "../../../model/compute/settings";

/** What one service's auto scaling is attached to and how it scales. */
export interface ServiceAutoScalingArgs {
  /** The cluster's name: the scalable target is `service/<cluster>/<service>`. */
  readonly clusterName: pulumi.Input<string>;
  /** The ECS service's name. */
  readonly serviceName: pulumi.Input<string>;
  /** Bounds, target tracking and schedules, as `platform:compute.services[].scaling` gives them. */
  readonly scaling: ServiceScalingSettings;
}

/**
 * Application Auto Scaling for one ECS service: the scalable target (min-max), target tracking
 * on CPU and optionally memory, and scheduled capacity changes. Children of `parent`, named
 * `${name}-scaling`, `${name}-cpu`, `${name}-memory`, `${name}-schedule-<key>`. A schedule without
 * `maxCapacity` keeps the service's `max`.
 */
export function serviceAutoScaling(
  name: string,
  args: ServiceAutoScalingArgs,
  opts: pulumi.CustomResourceOptions,
): { target: aws.appautoscaling.Target; policies: aws.appautoscaling.Policy[]; schedules: aws.appautoscaling.ScheduledAction[] } {
  const { scaling } = args;
  const target = new aws.appautoscaling.Target(
    `${name}-scaling`,
    {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`,
      minCapacity: scaling.min,
      maxCapacity: scaling.max,
    },
    opts,
  );
  const targetRef = { resourceId: target.resourceId, scalableDimension: target.scalableDimension, serviceNamespace: target.serviceNamespace };

  const tracking = (metric: "cpu" | "memory", percent: number) =>
    new aws.appautoscaling.Policy(
      `${name}-${metric}`,
      {
        ...targetRef,
        policyType: "TargetTrackingScaling",
        targetTrackingScalingPolicyConfiguration: {
          targetValue: percent,
          predefinedMetricSpecification: {
            predefinedMetricType: metric === "cpu" ? "ECSServiceAverageCPUUtilization" : "ECSServiceAverageMemoryUtilization",
          },
          scaleInCooldown: scaling.scaleInCooldownSeconds,
          scaleOutCooldown: scaling.scaleOutCooldownSeconds,
        },
      },
      opts,
    );
  const policies = [tracking("cpu", scaling.cpuTargetPercent)];
  if (scaling.memoryTargetPercent !== undefined) policies.push(tracking("memory", scaling.memoryTargetPercent));

  const schedules = scaling.schedules.map(
    (schedule) =>
      new aws.appautoscaling.ScheduledAction(
        `${name}-schedule-${schedule.name}`,
        {
          ...targetRef,
          schedule: `cron(${schedule.cron.trim().split(/\s+/).join(" ")})`,
          timezone: schedule.timezone,
          scalableTargetAction: {
            minCapacity: schedule.minCapacity,
            maxCapacity: schedule.maxCapacity ?? scaling.max,
          },
        },
        opts,
      ),
  );
  return { target, policies, schedules };
}
