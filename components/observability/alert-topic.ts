import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "../shared/context";
import { policyJson } from "../shared/iam";
import { jsonText } from "../shared/json";

/**
 * What reaches the stack's alert topic besides the alarms: ECS task crashes through an EventBridge
 * rule, and the topic's resource policy naming every publisher.
 */

/**
 * Tasks of the cluster that stopped because an essential container exited or the task could not
 * start: ECS sends "ECS Task State Change" events to the default bus, with `stopCode` on a stopped
 * task (ECS Developer Guide, "Amazon ECS task state change events"; Task.stopCode in the ECS API
 * Reference). Scaling in, deployments and Spot interruptions (ServiceSchedulerInitiated,
 * SpotInterruption) are routine and left out.
 */
export function taskCrashRule(name: string, context: StackContext, clusterArn: pulumi.Input<string>, parent: pulumi.Resource): aws.cloudwatch.EventRule {
  return new aws.cloudwatch.EventRule(
    name,
    {
      name: `${context.namePrefix}-task-crash`,
      description: `${context.namePrefix}: a task stopped because an essential container exited or it could not start`,
      eventPattern: jsonText({
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [clusterArn], lastStatus: ["STOPPED"], stopCode: ["EssentialContainerExited", "TaskFailedToStart"] },
      }),
    },
    { parent },
  );
}

/** Who may publish to the alert topic: the account, CloudWatch alarms, the crash rule and SES's feedback, over TLS only. */
export function topicPolicy(context: StackContext, topicArn: pulumi.Output<string>, crashRuleArn?: pulumi.Output<string>, mailConfigurationSetArn?: pulumi.Input<string>): pulumi.Output<string> {
  return policyJson([
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: pulumi.interpolate`arn:${context.partition}:iam::${context.accountId}:root` },
      Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
      Resource: topicArn,
    },
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["sns:Publish"],
      Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
    },
    ...(crashRuleArn
      ? [{ Sid: "TaskCrashRulePublishes", Effect: "Allow" as const, Principal: { Service: "events.amazonaws.com" }, Action: ["sns:Publish"], Resource: topicArn, Condition: { ArnEquals: { "aws:SourceArn": crashRuleArn } } }]
      : []),
    // SES publishes a configuration set's events as its service principal; the conditions hold it
    // to this account's set (SES Developer Guide, "Set up an Amazon SNS event destination").
    ...(mailConfigurationSetArn
      ? [
          {
            Sid: "MailFeedbackPublishes",
            Effect: "Allow" as const,
            Principal: { Service: "ses.amazonaws.com" },
            Action: ["sns:Publish"],
            Resource: topicArn,
            Condition: { StringEquals: { "aws:SourceAccount": context.accountId }, ArnEquals: { "aws:SourceArn": mailConfigurationSetArn } },
          },
        ]
      : []),
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["sns:Publish"],
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
