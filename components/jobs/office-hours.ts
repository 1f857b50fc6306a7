import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { weeklyCron } from "../../model/schedule/expression";
// The database's lead and lag live in model/: the config section checks start and stop leave room
// for them, and the cost estimate reads them too.
import { databaseLagMinutes, databaseLeadMinutes } from "../../model/schedule/office-hours";
import { StackContext } from "../shared/context";
import { policyJson, Statement } from "../shared/iam";
import { TierComponent } from "../shared/tier";
import { schedulerTrustPolicy } from "./triggers";
import { jsonText } from "../shared/json";

export interface OfficeHoursArgs {
  /** Names the schedule group `<namePrefix>-office-hours`; account, partition and region scope the role. */
  readonly context: StackContext;
  /** IANA zone the schedules are evaluated in (`platform:officeHours.timezone`). */
  readonly timezone: string;
  /** cron() day-of-week, e.g. `MON-FRI` (seed 004: weekdays). */
  readonly days: string;
  /** When the day begins: services and node groups start; the database starts `databaseLeadMinutes` earlier. */
  readonly start: ClockTime;
  /** When the day ends: services and node groups stop; the database stops `databaseLagMinutes` later. */
  readonly stop: ClockTime;
  /** ECS services with target tracking: their scalable target is pinned to 0 outside hours. */
  readonly ecsServices: readonly OfficeHoursService[];
  /** EKS managed node groups (seed 004's dev cluster): scaled to zero nodes outside hours. */
  readonly nodeGroups: readonly OfficeHoursNodeGroup[];
  /** The database to stop: an RDS instance or an Aurora cluster; none when omitted. */
  readonly database?: {
    /** `instance`: RDS Stop/StartDBInstance; `cluster`: Aurora Stop/StartDBCluster. */
    readonly kind: "instance" | "cluster";
    /** The instance or cluster identifier. */
    readonly identifier: pulumi.Input<string>;
  };
}

/** A time of day in the office hours' zone. */
export interface ClockTime {
  /** 0-23. */
  readonly hour: number;
  /** 0-59. */
  readonly minute: number;
}

/** An ECS service the schedules stop and start. */
export interface OfficeHoursService {
  /** The service's config name: names its schedules `stop-service-<key>`, `start-service-<key>`. */
  readonly key: string;
  /** The cluster's name. */
  readonly clusterName: pulumi.Input<string>;
  /** The ECS service's name. */
  readonly serviceName: pulumi.Input<string>;
  /** Fewest tasks restored when the day begins (the service's scaling `min`). */
  readonly minTasks: number;
  /** Most tasks restored when the day begins (the service's scaling `max`). */
  readonly maxTasks: number;
}

/** An EKS managed node group the schedules scale to zero and back. */
export interface OfficeHoursNodeGroup {
  /** The group's config key: names its schedules `stop-nodes-<key>`, `start-nodes-<key>`. */
  readonly key: string;
  /** The cluster's name. */
  readonly clusterName: pulumi.Input<string>;
  /** The node group's name in EKS. */
  readonly nodeGroupName: pulumi.Input<string>;
  /** Fewest nodes restored when the day begins (the group's `minSize`). */
  readonly minNodes: number;
  /** Nodes restored when the day begins (the group's `desiredSize`). */
  readonly desiredNodes: number;
  /** Most nodes, kept all day and night (the group's `maxSize`). */
  readonly maxNodes: number;
}

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
          // A universal target is an ARN of the stack's partition, like every other ARN here.
          target: { arn: pulumi.interpolate`arn:${args.context.partition}:scheduler:::aws-sdk:${target}`, roleArn: this.role.arn, input, retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 } },
        },
        { parent: this, dependsOn: [policy] },
      );
    };

    // Universal targets take the SDK's request shape (PascalCase members, `Db` not `DB`).
    for (const s of args.ecsServices) {
      const target = (min: number, max: number) =>
        jsonText({
          ServiceNamespace: "ecs",
          ResourceId: pulumi.interpolate`service/${s.clusterName}/${s.serviceName}`,
          ScalableDimension: "ecs:service:DesiredCount",
          MinCapacity: min,
          MaxCapacity: max,
        });
      schedule(`stop-service-${s.key}`, args.stop, "applicationautoscaling:registerScalableTarget", target(0, 0));
      schedule(`start-service-${s.key}`, args.start, "applicationautoscaling:registerScalableTarget", target(s.minTasks, s.maxTasks));
    }
    for (const g of args.nodeGroups) {
      const target = (min: number, desired: number) =>
        jsonText({ ClusterName: g.clusterName, NodegroupName: g.nodeGroupName, ScalingConfig: { MinSize: min, DesiredSize: desired, MaxSize: g.maxNodes } });
      schedule(`stop-nodes-${g.key}`, args.stop, "eks:updateNodegroupConfig", target(0, 0));
      schedule(`start-nodes-${g.key}`, args.start, "eks:updateNodegroupConfig", target(g.minNodes, g.desiredNodes));
    }
    if (args.database) {
      const member = args.database.kind === "cluster" ? { api: "DBCluster", field: "DbClusterIdentifier" } : { api: "DBInstance", field: "DbInstanceIdentifier" };
      const input = jsonText({ [member.field]: args.database.identifier });
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
