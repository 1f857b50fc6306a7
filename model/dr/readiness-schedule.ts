import { scheduleExpressionProblem } from "../schedule/expression";
import { longestGapMinutes } from "../schedule/interval";

/**
 * The readiness check's schedule (`platform:dr.readiness.schedule`): how often the standby region
 * asks "would a failover now meet its targets?" (components/dr/readiness.ts). Pure.
 *
 * Only `rate(...)`: runs evenly spaced, so one alarm period fits every gap between two runs.
 *
 * The range:
 * - at least 5 minutes: the replication metrics it reads are 1-minute datapoints that CloudWatch
 *   publishes a minute or more late, and one run makes a few dozen read calls; faster tells nothing
 *   new and multiplies the API calls;
 * - at most 12 hours: the alarm watches a window of two runs (so one late run never alarms, and a run
 *   that did not happen at all does), and an alarm's Period x EvaluationPeriods may not exceed one
 *   day (CloudWatch API Reference, PutMetricAlarm: "the maximum value of Period x
 *   EvaluationPeriods is 86,400 seconds").
 */
export const readinessIntervalMinutes = { min: 5, max: 12 * 60 } as const;

/** The problem with a readiness schedule, or undefined when it is a rate within the range. */
export function readinessScheduleProblem(expression: string): string | undefined {
  const syntax = scheduleExpressionProblem(expression, ["rate"]);
  if (syntax) return syntax;
  const minutes = longestGapMinutes(expression);
  if (minutes < readinessIntervalMinutes.min || minutes > readinessIntervalMinutes.max) {
    return `runs every ${minutes} min; allowed: every ${readinessIntervalMinutes.min} min to ${readinessIntervalMinutes.max / 60} hours (rate(5 minutes) .. rate(12 hours))`;
  }
  return undefined;
}

/** Minutes between two runs of a valid readiness schedule. */
export function readinessInterval(expression: string): number {
  return longestGapMinutes(expression);
}

/**
 * The alarm's window in seconds: two runs. Any run in it that missed a check alarms; a window with
 * no run at all (the function failed to start, the schedule was disabled) counts as missed too.
 */
export function readinessAlarmPeriodSeconds(expression: string): number {
  return 2 * readinessInterval(expression) * 60;
}

/** Runs a month (30.4 days), for the estimate. */
export function readinessRunsPerMonth(expression: string): number {
  return Math.round((30.4 * 24 * 60) / readinessInterval(expression));
}

/** Where the check's result is published (CloudWatch custom metric), per standby stack. */
export const readinessMetric = { namespace: "Platform/DR", name: "ReadinessChecksMissed", dimension: "Standby" } as const;
