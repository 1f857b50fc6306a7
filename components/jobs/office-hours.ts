import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { weeklyCron } from "../../model/schedule/expression";
import { databaseLagMinutes, databaseLeadMinutes } from "../../model/schedule/office-hours";
import { StackContext } from "../shared/context";
import { policyJson, Statement } from "../shared/iam";
import { TierComponent } from "../shared/tier";
import { schedulerTrustPolicy } from "./triggers";

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

export interface OfficeHoursArgs {
  readonly context: StackContext;
  readonly timezone: string;
  /** cron() day-of-week, e.g. `MON-FRI` (seed 004: weekdays). */
  readonly days: string;
  readonly start: ClockTime;
  readonly stop: ClockTime;
  /** ECS services with target tracking: their scalable target is pinned to 0 outside hours. */
  readonly ecsServices: readonly {
    readonly key: string;
    readonly clusterName: pulumi.Input<string>;
    readonly serviceName: pulumi.Input<string>;
    readonly minCapacity: number;
    readonly maxCapacity: number;
  }[];
  /** EKS managed node groups (seed 004's dev cluster): scaled to zero nodes outside hours. */
  readonly nodeGroups: readonly {
    readonly key: string;
    readonly clusterName: pulumi.Input<string>;
    readonly nodeGroupName: pulumi.Input<string>;
    readonly minSize: number;
    readonly desiredSize: number;
    readonly maxSize: number;
  }[];
  /** The database to stop: an RDS instance or an Aurora cluster. */
  readonly database?: { readonly kind: "instance"; readonly identifier: pulumi.Input<string> } | { readonly kind: "cluster"; readonly identifier: pulumi.Input<string> };
}

// Kept with the config section, which checks start and stop leave room for them; the cost estimate reads them too.

/**
 * Seed 004's dev cost control: EventBridge Scheduler schedules that pin the ECS services' (or EKS
 * node groups') capacity to zero after office hours and restore it before they begin, and stop
 * and start the database around them. One role, allowed exactly those calls on exactly these
 * resources, and assumable only by this schedule group.
 */
export class OfficeHours extends TierComponent {
  readonly group: aws.scheduler.ScheduleGroup;
  readonly role: aws.iam.Role;
  readonly schedules: Record<string, aws.scheduler.Schedule> = {};

  constructor(name: string, args: OfficeHoursArgs, opts?: pulumi.ComponentResourceOptions) {
    super("jobs", "OfficeHours", name, opts);
    const parent = { parent: this };
    const { context } = args;
    const arn = (service: string, resource: pulumi.Input<string>) => pulumi.interpolate`arn:${context.partition}:${service}:${context.region}:${context.accountId}:${resource}`;

    this.group = new aws.scheduler.ScheduleGroup(`${name}-office-hours`, { name: `${context.namePrefix}-office-hours` }, parent);
    this.role = new aws.iam.Role(
      `${name}-office-hours`,
      { assumeRolePolicy: schedulerTrustPolicy(context, this.group.arn), description: "Scales the dev stack down outside office hours" },
      parent,
    );

    const statements: Statement[] = [];
    if (args.ecsServices.length > 0) {
      statements.push(
        {
          // Scalable targets have generated ids: limited to ECS service desired counts in this account and region.
          Sid: "PinServiceCapacity",
          Effect: "Allow",
          Action: ["application-autoscaling:RegisterScalableTarget"],
          Resource: arn("application-autoscaling", "scalable-target/*"),
          Condition: { StringEquals: { "application-autoscaling:service-namespace": "ecs", "application-autoscaling:scalable-dimension": "ecs:service:DesiredCount" } },
        },
        {
          // Application Auto Scaling checks and updates the service with the caller's permissions.
          Sid: "UpdateScaledServices",
          Effect: "Allow",
          Action: ["ecs:DescribeServices", "ecs:UpdateService"],
          Resource: args.ecsServices.map((s) => arn("ecs", pulumi.interpolate`service/${s.clusterName}/${s.serviceName}`)),
        },
      );
    }
    if (args.nodeGroups.length > 0) {
      statements.push({
        Sid: "ScaleNodeGroups",
        Effect: "Allow",
        Action: ["eks:UpdateNodegroupConfig"],
        Resource: args.nodeGroups.map((g) => arn("eks", pulumi.interpolate`nodegroup/${g.clusterName}/${g.nodeGroupName}/*`)),
      });
    }
    if (args.database) {
      const cluster = args.database.kind === "cluster";
      statements.push({
        Sid: "StopAndStartDatabase",
        Effect: "Allow",
        Action: cluster ? ["rds:StartDBCluster", "rds:StopDBCluster"] : ["rds:StartDBInstance", "rds:StopDBInstance"],
        Resource: arn("rds", pulumi.interpolate`${cluster ? "cluster" : "db"}:${args.database.identifier}`),
      });
    }
    if (statements.length === 0) throw new Error("office hours need at least one service, node group or database to schedule");
    const policy = new aws.iam.RolePolicy(`${name}-office-hours`, { role: this.role.id, policy: policyJson(statements) }, parent);

    const schedule = (key: string, at: ClockTime, target: string, input: pulumi.Output<string>) => {
      this.schedules[key] = new aws.scheduler.Schedule(
        `${name}-${key}`,
        {
          name: key,
          groupName: this.group.name,
          description: `Office hours (${args.days} ${clock(args.start)}-${clock(args.stop)} ${args.timezone}): ${key}`,
          scheduleExpression: weeklyCron(at, args.days),
          scheduleExpressionTimezone: args.timezone,
          flexibleTimeWindow: { mode: "OFF" },
          target: { arn: `arn:aws:scheduler:::aws-sdk:${target}`, roleArn: this.role.arn, input, retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 } },
        },
        { parent: this, dependsOn: [policy] },
      );
    };

    // Universal targets take the SDK's request shape (PascalCase members, `Db` not `DB`).
    for (const s of args.ecsServices) {
      const target = (min: number, max: number) =>
        pulumi.jsonStringify({
          ServiceNamespace: "ecs",
          ResourceId: pulumi.interpolate`service/${s.clusterName}/${s.serviceName}`,
          ScalableDimension: "ecs:service:DesiredCount",
          MinCapacity: min,
          MaxCapacity: max,
        });
      schedule(`stop-service-${s.key}`, args.stop, "applicationautoscaling:registerScalableTarget", target(0, 0));
      schedule(`start-service-${s.key}`, args.start, "applicationautoscaling:registerScalableTarget", target(s.minCapacity, s.maxCapacity));
    }
    for (const g of args.nodeGroups) {
      const target = (min: number, desired: number) =>
        pulumi.jsonStringify({ ClusterName: g.clusterName, NodegroupName: g.nodeGroupName, ScalingConfig: { MinSize: min, DesiredSize: desired, MaxSize: g.maxSize } });
      schedule(`stop-nodes-${g.key}`, args.stop, "eks:updateNodegroupConfig", target(0, 0));
      schedule(`start-nodes-${g.key}`, args.start, "eks:updateNodegroupConfig", target(g.minSize, g.desiredSize));
    }
    if (args.database) {
      const member = args.database.kind === "cluster" ? { api: "DBCluster", field: "DbClusterIdentifier" } : { api: "DBInstance", field: "DbInstanceIdentifier" };
      const input = pulumi.jsonStringify({ [member.field]: args.database.identifier });
      schedule("stop-database", shift(args.stop, databaseLagMinutes), `rds:stop${member.api}`, input);
      schedule("start-database", shift(args.start, -databaseLeadMinutes), `rds:start${member.api}`, input);
    }

    this.registerOutputs({ scheduleGroupName: this.group.name, scheduleNames: Object.keys(this.schedules) });
  }
}

/** `start` moved by `minutes`, on the same day (config keeps start and stop far enough from midnight). */
export function shift(time: ClockTime, minutes: number): ClockTime {
  const total = time.hour * 60 + time.minute + minutes;
  if (total < 0 || total >= 24 * 60) throw new Error(`office hours: ${clock(time)} shifted by ${minutes} minutes leaves the day`);
  return { hour: Math.floor(total / 60), minute: total % 60 };
}

function clock(time: ClockTime): string {
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}
