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
  const name = String(inputs.name ?? "");
  const fail = (message: string) => {
    throw new Error(`cloudwatch: alarm ${name || ctx.name}: ${message}`);
  };
  if (name.length === 0 || name.length > 255) fail("AlarmName must be 1-255 characters");
  if (!comparisonOperators.includes(inputs.comparisonOperator)) fail(`unknown ComparisonOperator ${inputs.comparisonOperator}`);
  if (!(inputs.evaluationPeriods >= 1)) fail("EvaluationPeriods must be at least 1");
  if (inputs.datapointsToAlarm !== undefined && inputs.datapointsToAlarm > inputs.evaluationPeriods) fail("DatapointsToAlarm exceeds EvaluationPeriods");
  if (typeof inputs.threshold !== "number") fail("needs a numeric Threshold");
  const single = inputs.metricName !== undefined;
  const math = Array.isArray(inputs.metricQueries) && inputs.metricQueries.length > 0;
  if (single === math) fail("needs exactly one of MetricName or Metrics");
  if (single) {
    if (!inputs.namespace) fail("needs a Namespace");
    if ((inputs.statistic === undefined) === (inputs.extendedStatistic === undefined)) fail("needs exactly one of Statistic or ExtendedStatistic");
    if (inputs.statistic !== undefined && !statistics.includes(inputs.statistic)) fail(`unknown Statistic ${inputs.statistic}`);
    if (inputs.extendedStatistic !== undefined && !/^p(\d{1,2}(\.\d+)?|100)$/.test(inputs.extendedStatistic)) fail(`bad ExtendedStatistic ${inputs.extendedStatistic}`);
    if (!(inputs.period >= 60 && inputs.period % 60 === 0)) fail(`Period ${inputs.period} must be a multiple of 60`);
  } else {
    if (inputs.metricQueries.length > 10 + 1) fail("metric math alarms take at most 10 metrics");
    const returned = inputs.metricQueries.filter((q: { returnData?: boolean }) => q.returnData);
    if (returned.length !== 1) fail("exactly one metric query must return data");
  }
  for (const action of [...(inputs.alarmActions ?? []), ...(inputs.okActions ?? [])]) {
    if (!/^arn:aws[a-z-]*:(sns|autoscaling|ec2|ssm|lambda):/.test(String(action))) fail(`unsupported action ${action}`);
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
    const body = JSON.parse(String(ctx.inputs.dashboardBody)) as { widgets?: unknown[] };
    if (!Array.isArray(body.widgets) || body.widgets.length === 0 || body.widgets.length > 500) {
      throw new Error(`cloudwatch: dashboard ${name} needs 1-500 widgets`);
    }
    // Dashboards are global: their ARN has no region.
    return { id: name, state: { dashboardArn: globalArnOf(ctx, "cloudwatch", `dashboard/${name}`) } };
  },
};
