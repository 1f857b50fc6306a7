import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { readinessAlarmPeriodSeconds, readinessMetric } from "../../model/dr/readiness-schedule";
import type { ReadinessSpec } from "../../model/dr/readiness-spec";
import type { StackContext } from "../shared/context";
import { serviceTrustPolicy } from "../shared/iam";
import { TierComponent } from "../shared/tier";
import type { LogGroupArgs } from "../shared/logs";
import type { DashboardAlarm } from "../observability";
import { readinessStatements } from "./readiness-policy";

export interface ReadinessCheckArgs {
  readonly context: StackContext;
  /**
   * What to check (model/dr/readiness-spec.ts): known once the primary's outputs are read, so an
   * Output; it decides no resource, only the function's environment and its role's resources.
   */
  readonly spec: pulumi.Input<ReadinessSpec>;
  /** `platform:dr.readiness.schedule`: a rate() the config checked (5 minutes to 12 hours). */
  readonly schedule: string;
  /** The stack's alert topic: the alarm notifies it when a check is missed, and when all pass again. */
  readonly topicArn: pulumi.Input<string>;
  /** The zone of the failover records and the PRIMARY's health check, read by the check; none without a failover record. */
  readonly failover?: { readonly hostedZoneId: pulumi.Input<string>; readonly healthCheckId: pulumi.Input<string> };
  /** The function's log group; its key also encrypts the function's environment. */
  readonly logs: LogGroupArgs;
}

/** Where the function's code is, relative to the project root. */
export const readinessCodeDirectory = path.join("jobs", "readiness");

/**
 * `npm run readiness` on a schedule, in the standby region (as Route 53 ARC readiness checks run
 * continuously): an EventBridge rule runs jobs/readiness, which makes the command's reads and
 * writes the number of checks missed as a metric; an alarm on it notifies the alert topic. The
 * alarm's window is two runs and missing data counts as breaching, so a check that stopped
 * running alarms too. Lives in the standby region so the answer survives the primary's.
 */
export class ReadinessCheck extends TierComponent {
  readonly function: aws.lambda.Function;
  readonly alarm: aws.cloudwatch.MetricAlarm;
  /** The alarm with its graph, for the stack's dashboards (the observability tier draws them after this tier). */
  readonly dashboardAlarm: DashboardAlarm;

  constructor(name: string, args: ReadinessCheckArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dr", "ReadinessCheck", name, opts);
    const { context } = args;
    const parent = { parent: this };
    const functionName = `${context.namePrefix}-readiness`;
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.logs.retentionDays, kmsKeyId: args.logs.kmsKeyArn },
      { parent: this, protect: args.logs.protect },
    );
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", context.accountId), description: "Reads whether a failover now would meet its targets" }, parent);
    const spec = pulumi.output(args.spec);
    const policyDocument = pulumi
      .all([spec, context.accountId, args.failover?.hostedZoneId, args.failover?.healthCheckId, logGroup.arn, args.logs.kmsKeyArn])
      .apply(([s, accountId, hostedZoneId, healthCheckId, logGroupArn, keyArn]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
            { Sid: "DecryptOwnEnvironment", Effect: "Allow", Action: ["kms:Decrypt"], Resource: keyArn, Condition: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": functionName } } },
            ...readinessStatements(s, { accountId, hostedZoneId, healthCheckId }),
          ],
        }),
      );
    const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: policyDocument }, parent);
    this.function = new aws.lambda.Function(
      name,
      {
        name: functionName,
        description: `${context.namePrefix}: would a failover now meet its targets (npm run readiness, scheduled)`,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.FileArchive(readinessCodeDirectory),
        architectures: ["arm64"],
        memorySize: 256,
        // A few dozen reads, some in the primary's region: a region that does not answer is waited for by the SDK's retries.
        timeout: 120,
        role: role.arn,
        environment: {
          variables: {
            SPEC: spec.apply((s) => JSON.stringify(s)),
            METRIC_NAMESPACE: readinessMetric.namespace,
            METRIC_NAME: readinessMetric.name,
            METRIC_DIMENSION: readinessMetric.dimension,
            SCHEDULE: args.schedule,
          },
        },
        kmsKeyArn: args.logs.kmsKeyArn,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
      },
      { parent: this, dependsOn: [policy, logGroup] },
    );
    const rule = new aws.cloudwatch.EventRule(`${name}-schedule`, { name: `${functionName}-schedule`, description: "Readiness of the standby: would a failover now meet its targets", scheduleExpression: args.schedule }, parent);
    const invoke = new aws.lambda.Permission(
      `${name}-invoke`,
      { action: "lambda:InvokeFunction", function: this.function.name, principal: "events.amazonaws.com", sourceArn: rule.arn, sourceAccount: context.accountId },
      parent,
    );
    new aws.cloudwatch.EventTarget(`${name}-target`, { rule: rule.name, arn: this.function.arn }, { parent: this, dependsOn: [invoke] });
    const missed = { namespace: readinessMetric.namespace, metricName: readinessMetric.name, dimensions: { [readinessMetric.dimension]: spec.standby }, stat: "Maximum" } as const;
    const description = `A failover to ${context.namePrefix} now would miss a target (or the readiness check did not run): the function's log (/aws/lambda/${functionName}) has the report; npm run readiness prints it too`;
    const periodSeconds = readinessAlarmPeriodSeconds(args.schedule);
    const threshold = 1;
    this.alarm = new aws.cloudwatch.MetricAlarm(
      `${name}-missed`,
      {
        name: `${functionName}-missed`,
        alarmDescription: description,
        namespace: missed.namespace,
        metricName: missed.metricName,
        dimensions: missed.dimensions,
        statistic: missed.stat,
        period: periodSeconds,
        evaluationPeriods: 1,
        threshold,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // No run in two intervals: the check stopped; that is not "ready".
        treatMissingData: "breaching",
        alarmActions: [args.topicArn],
        okActions: [args.topicArn],
      },
      parent,
    );
    this.dashboardAlarm = { graph: { key: "readiness-missed", group: "dr", description, metrics: [missed], periodSeconds, threshold }, arn: this.alarm.arn };
    this.registerOutputs({ functionName: this.function.name, alarmName: this.alarm.name });
  }
}
