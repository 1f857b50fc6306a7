import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EventTriggerSettings, ScheduleTriggerSettings, triggerKey } from "../../model/jobs/settings";
import { StackContext } from "../shared/context";
import { policyJson } from "../shared/iam";
import type { JobSpec, ScheduleGroupRef } from "./spec";
import { queueSendStatements } from "./permissions";

export interface EventTriggerArgs {
  /** The stack's account and region facts (every tier component receives them). */
  readonly context: StackContext;
  /** The job the rule invokes: names the rule `<functionName>-<trigger key>`. */
  readonly job: JobSpec;
  /** The bus and the event pattern. */
  readonly trigger: EventTriggerSettings;
  /** The job's function. */
  readonly functionArn: pulumi.Input<string>;
  /** true: the rule is DISABLED, false: ENABLED (a standby's); undefined: the provider's default. */
  readonly paused?: boolean;
}

/**
 * An EventBridge rule on a bus that invokes the job (seed 004: order notification on the
 * order-created event). Only this rule may invoke the function through this permission.
 */
export class EventTrigger extends pulumi.ComponentResource {
  readonly rule: aws.cloudwatch.EventRule;

  constructor(name: string, args: EventTriggerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:jobs:EventTrigger", name, {}, opts);
    const parent = { parent: this };
    const { trigger, job } = args;
    this.rule = new aws.cloudwatch.EventRule(
      name,
      {
        name: `${job.functionName}-${triggerKey(trigger)}`,
        description: `Invokes ${job.functionName}`,
        eventBusName: trigger.bus,
        eventPattern: JSON.stringify(trigger.pattern),
        // Set on a standby only (paused given): a primary keeps the provider default, ENABLED, unchanged.
        state: triggerState(args.paused),
      },
      parent,
    );
    const permission = new aws.lambda.Permission(
      name,
      { function: args.functionArn, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: this.rule.arn },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      name,
      {
        rule: this.rule.name,
        eventBusName: trigger.bus,
        arn: args.functionArn,
        // Lambda queues the event and retries the function itself; these retries cover delivery only.
        retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
      },
      { parent: this, dependsOn: [permission] },
    );
    this.registerOutputs({ ruleArn: this.rule.arn });
  }
}

export interface ScheduleTriggerArgs {
  /** The account scopes the scheduler role's trust and queue grants. */
  readonly context: StackContext;
  /** The job the schedule runs: names the schedule `<functionName>-<trigger key>`. */
  readonly job: JobSpec;
  /** The expression and its time zone. */
  readonly trigger: ScheduleTriggerSettings;
  /** The job's function. */
  readonly functionArn: pulumi.Input<string>;
  /** The job's dead-letter queue: undeliverable invocations go there. */
  readonly deadLetterQueueArn: pulumi.Input<string>;
  /** The queue's key (the data key). */
  readonly queueKeyArn: pulumi.Input<string>;
  /** The tier's schedule group; the role trusts schedules of this group only. */
  readonly group: ScheduleGroupRef;
  /** true: the schedule is DISABLED, false: ENABLED (a standby's); undefined: the provider's default. */
  readonly paused?: boolean;
}

/**
 * An EventBridge Scheduler schedule in the stack's time zone (seed 004: daily at 00:00 KST, hourly).
 * Scheduler invokes with its own role, which may invoke this function and nothing else, and
 * sends undeliverable invocations to the job's dead-letter queue.
 */
export class ScheduleTrigger extends pulumi.ComponentResource {
  readonly schedule: aws.scheduler.Schedule;
  readonly role: aws.iam.Role;

  constructor(name: string, args: ScheduleTriggerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:jobs:ScheduleTrigger", name, {}, opts);
    const parent = { parent: this };
    const { context, trigger, job } = args;
    this.role = new aws.iam.Role(
      `${name}-role`,
      { assumeRolePolicy: schedulerTrustPolicy(context, args.group.arn), description: `Lets EventBridge Scheduler invoke ${job.functionName}` },
      parent,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: this.role.id,
        policy: policyJson([
          { Sid: "InvokeJob", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: args.functionArn },
          ...queueSendStatements(context, "DeadLetters", args.deadLetterQueueArn, args.queueKeyArn),
        ]),
      },
      parent,
    );
    this.schedule = new aws.scheduler.Schedule(
      name,
      {
        name: `${job.functionName}-${triggerKey(trigger)}`,
        groupName: args.group.name,
        description: `Runs ${job.functionName}`,
        scheduleExpression: trigger.expression,
        scheduleExpressionTimezone: trigger.timezone,
        flexibleTimeWindow: { mode: "OFF" },
        // Set on a standby only (paused given): a primary keeps the provider default, ENABLED, unchanged.
        state: triggerState(args.paused),
        target: {
          arn: args.functionArn,
          roleArn: this.role.arn,
          // Scheduler fills in the time the run was due, so a late retry still reports on the right period.
          input: JSON.stringify({ source: "platform.scheduler", job: job.key, trigger: triggerKey(trigger), scheduledTime: "<aws.scheduler.scheduled-time>" }),
          retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 },
          deadLetterConfig: { arn: args.deadLetterQueueArn },
        },
      },
      { parent: this, dependsOn: [policy] },
    );
    this.registerOutputs({ scheduleArn: this.schedule.arn });
  }
}

/** Scheduler may assume the role only for schedules of this account's group (confused deputy). */
export function schedulerTrustPolicy(context: StackContext, groupArn: pulumi.Input<string>): pulumi.Output<string> {
  return policyJson([
    {
      Effect: "Allow",
      Principal: { Service: "scheduler.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": context.accountId, "aws:SourceArn": groupArn } },
    },
  ]);
}

/** DISABLED while paused, ENABLED when a standby serves; left to the provider's default (ENABLED) when not a standby's. */
function triggerState(paused: boolean | undefined): "DISABLED" | "ENABLED" | undefined {
  return paused === undefined ? undefined : paused ? "DISABLED" : "ENABLED";
}
