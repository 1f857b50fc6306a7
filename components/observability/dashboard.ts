import * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec, Metric } from "./alarms";

/**
 * A CloudWatch dashboard body (seed 003 7-4, seed 004's 14-widget dashboard): the alarm states
 * first, then one graph per alarmed metric with its threshold drawn in, grouped by tier.
 */
export function dashboardBody(region: string, specs: readonly AlarmSpec[], alarmArns: readonly pulumi.Input<string>[]): pulumi.Output<string> {
  const order: AlarmSpec["group"][] = ["services", "load-balancers", "database", "cache", "jobs", "backup"];
  const sorted = [...specs].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  const widgets: unknown[] = [
    { type: "alarm", x: 0, y: 0, width: 24, height: 4, properties: { title: "Alarms", alarms: [...alarmArns], sortBy: "stateUpdatedTimestamp", states: [] } },
  ];
  sorted.forEach((spec, index) => {
    widgets.push({
      type: "metric",
      x: (index % 2) * 12,
      y: 4 + Math.floor(index / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: spec.description,
        region,
        view: "timeSeries",
        period: spec.periodSeconds,
        metrics: spec.expression
          ? [[{ expression: spec.expression, label: spec.key, id: "e0" }], ...spec.metrics.map((m, i) => metricLine(m, { id: `m${i}`, visible: false }))]
          : spec.metrics.map((m) => metricLine(m, {})),
        annotations: { horizontal: [{ label: "alarm", value: spec.threshold }] },
      },
    });
  });
  return pulumi.jsonStringify({ widgets });
}

/** `[namespace, metric, dim, value, ..., { stat }]`, the dashboard's metric array form. */
function metricLine(metric: Metric, options: Record<string, unknown>): unknown[] {
  const dims = Object.entries(metric.dimensions).flatMap(([name, value]) => [name, value]);
  return [metric.namespace, metric.metricName, ...dims, { stat: metric.stat, ...options }];
}
