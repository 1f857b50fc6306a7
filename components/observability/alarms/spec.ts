import * as pulumi from "@pulumi/pulumi";
import type { AlarmSeverity } from "../../../model/observability/settings";

/**
 * The seeds' alarms as data: what to watch, for how long, and against which threshold. The
 * component turns each spec into a CloudWatch alarm and the dashboard into widgets, so both
 * always show the same metrics. Durations are the seeds' and cited where they are defined.
 */

export interface Metric {
  /** CloudWatch namespace, e.g. `AWS/ECS`. */
  readonly namespace: string;
  /** The metric's name in its namespace. */
  readonly metricName: string;
  /** The dimensions that pick the resource. */
  readonly dimensions: Readonly<Record<string, pulumi.Input<string>>>;
  /** `Average`, `Sum`, `Maximum`, `Minimum`, or a percentile such as `p95`. */
  readonly stat: Statistic;
}

/** A CloudWatch statistic, or an extended (percentile) one. */
export type Statistic = "Average" | "Sum" | "Maximum" | "Minimum" | `p${number}`;

export interface AlarmSpec {
  /** Stable key: the alarm's logical and physical name suffix, e.g. `service-cpu-api`. */
  readonly key: string;
  /** Dashboard row the metric belongs to. */
  readonly group: "services" | "load-balancers" | "database" | "cache" | "jobs" | "backup";
  /** The alarm's description and the graph's title: what breaches, and for how long. */
  readonly description: string;
  /** One metric, or several combined by `expression` (MAX/SUM over cache nodes). */
  readonly metrics: readonly Metric[];
  /** Metric math over `m0`, `m1`, ...; the single metric itself when omitted. */
  readonly expression?: string;
  /** Length of one datapoint. */
  readonly periodSeconds: number;
  /** Datapoints looked at. */
  readonly evaluationPeriods: number;
  /** Breaching datapoints among them that raise the alarm. */
  readonly datapointsToAlarm: number;
  /** Above or below `threshold`. */
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold";
  /** In the metric's unit (percent, seconds, count, bytes). */
  readonly threshold: pulumi.Input<number>;
  /** A quiet metric (no traffic, no jobs run) is not a problem unless said otherwise. */
  readonly treatMissingData: "missing" | "notBreaching" | "breaching";
}

/**
 * Alarms that warn rather than page (Onno, section 7-2, which splits onno-critical-alerts from
 * onno-warnings): load and latency that may pass on their own. Everything else is critical: users
 * get errors, a store is filling or losing data, a job or backup failed.
 */
const warningPrefixes = ["service-cpu-", "service-memory-", "response-time-", "cache-cpu", "cache-memory", "job-throttles-"] as const;

/** The severity of one of the platform's alarms, by its key. */
export function alarmSeverity(key: string): AlarmSeverity {
  return warningPrefixes.some((prefix) => key.startsWith(prefix)) ? "warning" : "critical";
}

// Seeds 000/001: "> 80 % for 5 minutes": five one-minute datapoints, all breaching.
export const fiveMinutes = { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } as const;
// Seeds 000/001: counts "per 5 minutes": one five-minute sum.
export const perFiveMinutes = { periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;

/** An alarm on a value above its threshold: most of the seeds' alarms. */
export function above(
  key: string,
  group: AlarmSpec["group"],
  description: string,
  metrics: Metric[],
  window: { periodSeconds: number; evaluationPeriods: number; datapointsToAlarm: number },
  threshold: pulumi.Input<number>,
  treatMissingData: AlarmSpec["treatMissingData"],
): AlarmSpec {
  return { key, group, description, metrics, ...window, comparison: "GreaterThanThreshold", threshold, treatMissingData };
}
