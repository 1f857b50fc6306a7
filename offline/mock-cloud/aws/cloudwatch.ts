import { list, num, records, str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf, globalArnOf } from "./shared";

const comparisonOperators = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerOrGreaterThanUpperThreshold",
  "LessThanLowerThreshold",
  "GreaterThanUpperThreshold",
];
const statistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

/** Rejects what PutMetricAlarm rejects. */
function checkAlarm(ctx: ModelContext): void {
  const { inputs } = ctx;
  const name = str(inputs, "name") ?? "";
  const fail = (message: string) => {
    throw new Error(`cloudwatch: alarm ${name || ctx.name}: ${message}`);
  };
  if (name.length === 0 || name.length > 255) fail("AlarmName must be 1-255 characters");
  const operator = str(inputs, "comparisonOperator");
  if (operator === undefined || !comparisonOperators.includes(operator)) fail(`unknown ComparisonOperator ${operator}`);
  const evaluationPeriods = num(inputs, "evaluationPeriods");
  if (evaluationPeriods === undefined || !(evaluationPeriods >= 1)) fail("EvaluationPeriods must be at least 1");
  const datapointsToAlarm = num(inputs, "datapointsToAlarm");
  if (datapointsToAlarm !== undefined && evaluationPeriods !== undefined && datapointsToAlarm > evaluationPeriods) fail("DatapointsToAlarm exceeds EvaluationPeriods");
  if (typeof inputs.threshold !== "number") fail("needs a numeric Threshold");
  const single = inputs.metricName !== undefined;
  const queries = records(inputs, "metricQueries") ?? [];
  const math = queries.length > 0;
  if (single === math) fail("needs exactly one of MetricName or Metrics");
  if (single) {
    if (!inputs.namespace) fail("needs a Namespace");
    const statistic = str(inputs, "statistic");
    const extendedStatistic = str(inputs, "extendedStatistic");
    if ((statistic === undefined) === (extendedStatistic === undefined)) fail("needs exactly one of Statistic or ExtendedStatistic");
    if (statistic !== undefined && !statistics.includes(statistic)) fail(`unknown Statistic ${statistic}`);
    if (extendedStatistic !== undefined && !/^p(\d{1,2}(\.\d+)?|100)$/.test(extendedStatistic)) fail(`bad ExtendedStatistic ${extendedStatistic}`);
    const period = num(inputs, "period");
    if (period === undefined || !(period >= 60 && period % 60 === 0)) fail(`Period ${period} must be a multiple of 60`);
  } else {
    if (queries.length > 10 + 1) fail("metric math alarms take at most 10 metrics");
    const returned = queries.filter((q) => q.returnData);
    if (returned.length !== 1) fail("exactly one metric query must return data");
  }
  for (const action of [...(list(inputs, "alarmActions") ?? []), ...(list(inputs, "okActions") ?? [])]) {
    if (!/^arn:aws[a-z-]*:(sns|autoscaling|ec2|ssm|lambda):/.test(String(action))) fail(`unsupported action ${String(action)}`);
  }
}

export const cloudwatchResources: Record<string, ResourceModel> = {
  "aws:cloudwatch/metricAlarm:MetricAlarm": (ctx) => {
    checkAlarm(ctx);
    const name = String(ctx.inputs.name);
    return { id: name, state: { arn: arnOf(ctx, "cloudwatch", `alarm:${name}`) } };
  },
  "aws:cloudwatch/dashboard:Dashboard": (ctx) => {
    const name = String(ctx.inputs.dashboardName);
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw new Error(`cloudwatch: invalid dashboard name '${name}'`);
    // CloudWatch API reference, "Dashboard Body Structure and Syntax": at most 500 widgets, and an
    // alarm status widget lists 1-100 alarm ARNs.
    const body = JSON.parse(String(ctx.inputs.dashboardBody)) as { widgets?: { type?: string; properties?: { alarms?: unknown[] } }[] };
    if (!Array.isArray(body.widgets) || body.widgets.length === 0 || body.widgets.length > 500) {
      throw new Error(`cloudwatch: dashboard ${name} needs 1-500 widgets`);
    }
    for (const widget of body.widgets) {
      const alarms = widget.properties?.alarms;
      if (widget.type === "alarm" && (!Array.isArray(alarms) || alarms.length === 0 || alarms.length > 100)) {
        throw new Error(`cloudwatch: dashboard ${name}: an alarm widget lists 1-100 alarms, not ${Array.isArray(alarms) ? alarms.length : 0}`);
      }
    }
    // Dashboards are global: their ARN has no region.
    return { id: name, state: { dashboardArn: globalArnOf(ctx, "cloudwatch", `dashboard/${name}`) } };
  },
};
