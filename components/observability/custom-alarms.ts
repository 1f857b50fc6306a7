import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSeverity, ApplicationAlarmSettings, LogTextAlarmSettings } from "../../model/observability/settings";
import { alarmName } from "../../model/observability/alarm-keys";
import type { StackContext } from "../shared/context";
import type { DashboardAlarm, DashboardGraph } from "./dashboard";

/**
 * Alarms on what the application says rather than what AWS measures (Onno, section 7): a count of
 * log lines that carry a text (a CloudWatch Logs metric filter and its alarm), and alarms on the
 * metrics the application publishes itself. Each comes with its graph: the dashboard draws them in
 * their own row after the platform's metrics (Onno 7-1 sends log lines to the dashboard; 7-4 draws
 * WebSocket connections and the AI service's latency).
 */

/** A log-text alarm with the log group it counts in (the ECS service's). */
export interface LogTextAlarmTarget extends LogTextAlarmSettings {
  /** The alarm's key. */
  readonly key: string;
  /** The log group the filter reads (`/ecs/<prefix>/<service>`). */
  readonly logGroupName: pulumi.Input<string>;
}

/** The namespace of the metrics the platform's log filters publish. */
export const logTextNamespace = (namePrefix: string) => `${namePrefix}/LogText`;

/**
 * A filter pattern that matches the text itself: CloudWatch Logs reads an unquoted `[ERROR]` as a
 * space-delimited pattern with one field (which matches every one-word line), so a term with
 * anything but letters, digits and `_` goes in double quotes (CloudWatch Logs User Guide, "Filter
 * pattern syntax for metric filters": matching terms in unstructured log events). The config
 * refuses a text with a double quote of its own.
 */
export function logTextPattern(text: string): string {
  return `"${text}"`;
}

/** Metrics Insights over every series of the metric, whatever dimensions the application adds (Onno's [Server]). */
export function applicationQuery(alarm: ApplicationAlarmSettings): string {
  return `SELECT ${alarm.aggregate}(${alarm.metricName}) FROM "${alarm.namespace}"`;
}

export interface CustomAlarmsArgs {
  readonly context: StackContext;
  readonly logTexts: readonly LogTextAlarmTarget[];
  readonly applications: Readonly<Record<string, ApplicationAlarmSettings>>;
  /** The topic each severity pages. */
  readonly topics: Readonly<Record<AlarmSeverity, pulumi.Input<string>>>;
}

/** A custom alarm and its graph. */
export interface CustomAlarm extends DashboardAlarm {
  readonly alarm: aws.cloudwatch.MetricAlarm;
}

/** Creates the filters and alarms under `parent`; returns the alarms, with their graphs, by key. */
export function customAlarms(name: string, args: CustomAlarmsArgs, parent: pulumi.Resource): Record<string, CustomAlarm> {
  const { context, topics } = args;
  const alarms: Record<string, CustomAlarm> = {};
  const add = (key: string, alarm: aws.cloudwatch.MetricAlarm, graph: DashboardGraph) => {
    alarms[key] = { alarm, graph, arn: alarm.arn };
  };
  const actions = (severity: AlarmSeverity) => ({ alarmActions: [topics[severity]], okActions: [topics[severity]] });
  for (const alarm of args.logTexts) {
    const key = `log-text-${alarm.key}`;
    const metricName = alarm.key;
    const namespace = logTextNamespace(context.namePrefix);
    const filter = new aws.cloudwatch.LogMetricFilter(
      `${name}-${key}`,
      {
        name: `${context.namePrefix}-${alarm.key}`,
        logGroupName: alarm.logGroupName,
        pattern: logTextPattern(alarm.text),
        // One per matching line; 0 when the service logs without a match, so the alarm sees quiet as 0.
        metricTransformation: { name: metricName, namespace, value: "1", defaultValue: "0", unit: "Count" },
      },
      { parent },
    );
    const window = alarm.periodMinutes === 1 ? "1 minute" : `${alarm.periodMinutes} minutes`;
    const description = `${alarm.service}: more than ${alarm.threshold} log lines with ${alarm.text} in ${window} (${alarm.severity})`;
    const metric = { namespace, metricName, dimensions: {}, stat: "Sum" } as const;
    const made = new aws.cloudwatch.MetricAlarm(
      `${name}-${key}`,
      {
        name: alarmName(context.namePrefix, key),
        alarmDescription: description,
        namespace,
        metricName,
        statistic: metric.stat,
        period: alarm.periodMinutes * 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: alarm.threshold,
        treatMissingData: "notBreaching",
        ...actions(alarm.severity),
      },
      { parent, dependsOn: [filter] },
    );
    add(key, made, { key, group: "application", description, metrics: [metric], periodSeconds: alarm.periodMinutes * 60, threshold: alarm.threshold });
  }
  for (const [appKey, alarm] of Object.entries(args.applications)) {
    const key = `app-${appKey}`;
    const window = alarm.periodMinutes === 1 ? "1 minute" : `${alarm.periodMinutes} minutes`;
    const description = `${alarm.namespace} ${alarm.metricName} (${alarm.aggregate}) ${alarm.comparison} ${alarm.threshold} for ${alarm.periods} x ${window} (${alarm.severity}); published by the application`;
    const made = new aws.cloudwatch.MetricAlarm(
      `${name}-${key}`,
      {
        name: alarmName(context.namePrefix, key),
        alarmDescription: description,
        metricQueries: [{ id: "q0", expression: applicationQuery(alarm), period: alarm.periodMinutes * 60, label: appKey, returnData: true }],
        evaluationPeriods: alarm.periods,
        datapointsToAlarm: alarm.periods,
        comparisonOperator: alarm.comparison === "below" ? "LessThanThreshold" : "GreaterThanThreshold",
        threshold: alarm.threshold,
        // No data until the application publishes: INSUFFICIENT_DATA, never a page.
        treatMissingData: "missing",
        ...actions(alarm.severity),
      },
      { parent },
    );
    // The query is the graph: every series it finds, as the alarm sees them.
    add(key, made, { key, group: "application", description, metrics: [], expression: applicationQuery(alarm), periodSeconds: alarm.periodMinutes * 60, threshold: alarm.threshold });
  }
  return alarms;
}
