import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ScheduleSpec {
  /** Stable key of the action, e.g. `office-hours`. */
  readonly name: string;
  /** Six cron fields, evaluated in `timezone` (seed 003: `0 9 ? * MON-FRI *`). */
  readonly cron: string;
  readonly timezone: string;
  readonly minCapacity: number;
  readonly maxCapacity?: number;
}

export interface ServiceScaling {
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  /** Target-tracking on average CPU (seeds 001, 003: 70 %). */
  readonly cpuTargetPercent: number;
  /** Target-tracking on average memory (seed 001 backend: 80 %); none when omitted. */
  readonly memoryTargetPercent?: number;
  /** Seed 003: in after 300 s, out after 60 s. */
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  readonly schedules: readonly ScheduleSpec[];
}

/**
 * Application Auto Scaling for one ECS service: the scalable target (min-max), target tracking
 * on CPU and optionally memory, and scheduled capacity changes. Children of `parent`, named
 * `${name}-scaling`, `${name}-cpu`, `${name}-memory`, `${name}-schedule-<key>`.
 */
export function serviceAutoScaling(
  name: string,
  args: { clusterName: pulumi.Input<string>; serviceName: pulumi.Input<string>; scaling: ServiceScaling },
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
