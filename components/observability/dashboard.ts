import * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec, Metric } from "./alarms";
import { jsonText } from "../shared/json";

/**
 * What one dashboard may hold, from CloudWatch's "Dashboard Body Structure and Syntax" (API
 * reference): a body has at most 500 widgets, and an alarm status widget's `alarms` lists at most
 * 100 alarm ARNs. A stack with more alarms gets more dashboards (`<prefix>`, `<prefix>-2`, ...).
 */
export const dashboardLimits = { widgets: 500, alarmsPerWidget: 100 } as const;

/** Graphs per dashboard: with their alarm status widgets (one per 100) they fill at most 500 widgets. */
const graphsPerPage = (() => {
  let graphs = dashboardLimits.widgets;
  while (graphs + Math.ceil(graphs / dashboardLimits.alarmsPerWidget) > dashboardLimits.widgets) graphs--;
  return graphs;
})();

/** The alarms (by key, in dashboard order) split into dashboards that each keep the limits. */
export function dashboardPages<T>(alarms: readonly T[]): T[][] {
  const pages: T[][] = [];
  for (let start = 0; start < alarms.length; start += graphsPerPage) pages.push(alarms.slice(start, start + graphsPerPage));
  return pages.length > 0 ? pages : [[]];
}

/**
 * Dashboard rows: the platform's own metrics by tier (alarms/), then what the application says
 * (custom-alarms.ts: log lines, its own metrics), then the dr tier's readiness check.
 */
export type DashboardGroup = AlarmSpec["group"] | "application" | "dr";

/**
 * One alarm's graph: what it watches (a metric, metric math over `m0`, `m1`, ..., or a Metrics
 * Insights query as the expression with no metrics), drawn with its threshold under its description.
 */
export type DashboardGraph = Pick<AlarmSpec, "key" | "description" | "metrics" | "expression" | "periodSeconds" | "threshold"> & {
  readonly group: DashboardGroup;
};

/** An alarm as the dashboards show it: its state (by ARN) in the status widget, its metric as a graph. */
export interface DashboardAlarm {
  readonly graph: DashboardGraph;
  readonly arn: pulumi.Input<string>;
}

/** The rows in the order the dashboards draw them. */
export function dashboardOrder<T extends { readonly group: DashboardGroup }>(graphs: readonly T[]): T[] {
  const order: DashboardGroup[] = ["services", "load-balancers", "database", "cache", "jobs", "backup", "application", "dr"];
  return [...graphs].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

/**
 * A CloudWatch dashboard body (seed 003 7-4, seed 004's 14-widget dashboard): the alarm states
 * first, then one graph per alarmed metric with its threshold drawn in, grouped by tier. `specs`
 * is one page of `dashboardPages`, in `dashboardOrder`; `alarmArns` are that page's alarms. A
 * Metrics Insights query is drawn as the graph's expression, as the console does (CloudWatch User
 * Guide, "Query your metrics with CloudWatch Metrics Insights": a query can be graphed and added
 * to a dashboard).
 */
export function dashboardBody(region: string, specs: readonly DashboardGraph[], alarmArns: readonly pulumi.Input<string>[]): pulumi.Output<string> {
  const sorted = dashboardOrder(specs);
  const statusWidgets = alarmArns.length > 0 ? chunks(alarmArns, dashboardLimits.alarmsPerWidget) : [[]];
  const widgets: unknown[] = statusWidgets.map((arns, index) => ({
    type: "alarm",
    x: 0,
    y: index * 4,
    width: 24,
    height: 4,
    properties: { title: statusWidgets.length > 1 ? `Alarms (${index + 1}/${statusWidgets.length})` : "Alarms", alarms: arns, sortBy: "stateUpdatedTimestamp", states: [] },
  }));
  const top = statusWidgets.length * 4;
  sorted.forEach((spec, index) => {
    widgets.push({
      type: "metric",
      x: (index % 2) * 12,
      y: top + Math.floor(index / 2) * 6,
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
  return jsonText({ widgets });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** `[namespace, metric, dim, value, ..., { stat }]`, the dashboard's metric array form. */
function metricLine(metric: Metric, options: Record<string, unknown>): unknown[] {
  const dims = Object.entries(metric.dimensions).flatMap(([name, value]) => [name, value]);
  return [metric.namespace, metric.metricName, ...dims, { stat: metric.stat, ...options }];
}
