import type * as pulumi from "@pulumi/pulumi";
import type { AlarmThresholds } from "../../../model/observability/settings";
import { above, AlarmSpec, Metric, perFiveMinutes } from "./spec";

/** A job of the jobs tier. */
export interface JobTarget {
  /** The job's key: its alarms' key suffix. */
  readonly key: string;
  /** The Lambda function's name (errors and throttles). */
  readonly functionName: pulumi.Input<string>;
  /** The dead-letter queue's name (a message there raises the alarm). */
  readonly deadLetterQueueName: pulumi.Input<string>;
  /** The job's EventBridge rules by trigger key, with their bus (failed invocations). */
  readonly eventRules: readonly {
    /** The trigger's key. */
    readonly key: string;
    /** The rule's name (a metric dimension). */
    readonly name: pulumi.Input<string>;
    /** The rule's bus; `default` adds no bus dimension. */
    readonly bus: string;
  }[];
}

export function jobAlarms(jobs: readonly JobTarget[], t: AlarmThresholds): AlarmSpec[] {
  return jobs.flatMap((job) => {
    const fn = { FunctionName: job.functionName };
    return [
      above(`job-errors-${job.key}`, "jobs", `${job.key}: more than ${t.lambdaErrorsPer5Minutes} errors in 5 minutes`, [{ namespace: "AWS/Lambda", metricName: "Errors", dimensions: fn, stat: "Sum" }], perFiveMinutes, t.lambdaErrorsPer5Minutes, "notBreaching"),
      above(`job-throttles-${job.key}`, "jobs", `${job.key}: more than ${t.lambdaThrottlesPer5Minutes} throttles in 5 minutes`, [{ namespace: "AWS/Lambda", metricName: "Throttles", dimensions: fn, stat: "Sum" }], perFiveMinutes, t.lambdaThrottlesPer5Minutes, "notBreaching"),
      // A dead letter is an event the job gave up on: any one of them needs a person.
      above(`job-dead-letters-${job.key}`, "jobs", `${job.key}: the dead-letter queue is not empty`, [{ namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: job.deadLetterQueueName }, stat: "Maximum" }], perFiveMinutes, 0, "notBreaching"),
      ...job.eventRules.map((rule) =>
        above(
          `job-delivery-${job.key}-${rule.key}`,
          "jobs",
          `${job.key}: EventBridge could not deliver ${rule.key} events`,
          [{ namespace: "AWS/Events", metricName: "FailedInvocations", dimensions: rule.bus === "default" ? { RuleName: rule.name } : { RuleName: rule.name, EventBusName: rule.bus }, stat: "Sum" }],
          perFiveMinutes,
          0,
          "notBreaching",
        ),
      ),
    ];
  });
}

/** Failed backup and copy jobs of the vault (AWS Backup publishes them per vault). */
export function backupAlarms(vaultName: pulumi.Input<string>, copies: boolean): AlarmSpec[] {
  const metric = (metricName: string): Metric => ({ namespace: "AWS/Backup", metricName, dimensions: { BackupVaultName: vaultName }, stat: "Sum" });
  const window = { periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;
  return [
    above("backup-jobs-failed", "backup", "a backup job failed", [metric("NumberOfBackupJobsFailed")], window, 0, "notBreaching"),
    ...(copies ? [above("backup-copies-failed", "backup", "a copy to the standby region failed", [metric("NumberOfCopyJobsFailed")], window, 0, "notBreaching")] : []),
  ];
}
