import type * as pulumi from "@pulumi/pulumi";
import { targetGroupAlarmKeys } from "../../../model/observability/alarm-keys";
import type { AlarmThresholds } from "../../../model/observability/settings";
import { AlarmSpec, Metric, perFiveMinutes, Statistic } from "./spec";

/** A load balancer of the edge tier and its target groups. */
export interface LoadBalancerTarget {
  /** The alarms' key prefix. */
  readonly key: "alb" | "nlb";
  /** Application (5xx, latency and unhealthy hosts) or network (unhealthy hosts only). */
  readonly kind: "application" | "network";
  /** `app/<name>/<id>` (the part of the ARN after `loadbalancer/`). */
  readonly arnSuffix: pulumi.Input<string>;
  /** Target groups by service, with their `targetgroup/<name>/<id>` ARN suffixes. */
  readonly targetGroups: readonly {
    /** The service's name. */
    readonly key: string;
    /** `targetgroup/<name>/<id>`. */
    readonly arnSuffix: pulumi.Input<string>;
    /**
     * The alternate group of a service whose traffic ECS shifts (blue-green, canary, linear). ECS
     * swaps the two after each deployment and the new revision serves from whichever is not
     * production, so every alarm watches both: sums for counts, the larger for p95 and unhealthy.
     */
    readonly alternateArnSuffix?: pulumi.Input<string>;
  }[];
}

export function loadBalancerAlarms(balancers: readonly LoadBalancerTarget[], t: AlarmThresholds): AlarmSpec[] {
  return balancers.flatMap((lb) =>
    lb.targetGroups.flatMap((tg) => {
      const namespace = lb.kind === "application" ? "AWS/ApplicationELB" : "AWS/NetworkELB";
      const groups = [tg.arnSuffix, ...(tg.alternateArnSuffix === undefined ? [] : [tg.alternateArnSuffix])];
      /** The metric on every group of the service, and the math that joins them (`m0` alone for one group). */
      const across = (metricName: string, stat: Statistic, join: "SUM" | "MAX", offset = 0) => ({
        metrics: groups.map((group): Metric => ({ namespace, metricName, dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: group }, stat })),
        expression: groups.length > 1 ? `${join}([${groups.map((_, i) => `m${i + offset}`).join(",")}])` : undefined,
      });
      const key = `${lb.key}-${tg.key}`;
      const unhealthy: AlarmSpec = {
        key: targetGroupAlarmKeys.unhealthyHosts(lb.key, tg.key),
        group: "load-balancers",
        description: `${key}: unhealthy targets for 2 minutes`,
        ...across("UnHealthyHostCount", "Maximum", "MAX"),
        // Seed 001: UnHealthyHostCount > 0 for 2 minutes.
        periodSeconds: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparison: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
      };
      if (lb.kind === "network") return [unhealthy];
      const window = t.target5xxWindowMinutes;
      const specs: AlarmSpec[] = [
        {
          key: targetGroupAlarmKeys.responseTime(lb.key, tg.key),
          group: "load-balancers",
          description: `${key}: p95 target response time above ${t.responseTimeP95Seconds} s`,
          ...across("TargetResponseTime", "p95", "MAX"),
          ...perFiveMinutes,
          comparison: "GreaterThanThreshold",
          threshold: t.responseTimeP95Seconds,
          treatMissingData: "notBreaching",
        },
        {
          key: targetGroupAlarmKeys.target5xx(lb.key, tg.key),
          group: "load-balancers",
          description: `${key}: more than ${t.target5xxPer5Minutes} target 5xx responses in ${window === 1 ? "1 minute" : `${window} minutes`}`,
          ...across("HTTPCode_Target_5XX_Count", "Sum", "SUM"),
          // Seed 000: per 5 minutes; CodeMate (section 10): > 10 within 1 minute. One datapoint of the window.
          periodSeconds: window * 60,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          comparison: "GreaterThanThreshold",
          threshold: t.target5xxPer5Minutes,
          treatMissingData: "notBreaching",
        },
      ];
      if (t.target5xxRate) specs.push(errorRateAlarm(key, targetGroupAlarmKeys.target5xxRate(lb.key, tg.key), t.target5xxRate, across));
      return [...specs, unhealthy];
    }),
  );
}

/**
 * The share of requests answered 5xx, by metric math (NewsForge: error rate > 5 %; Onno, section 7-2:
 * > 5 % for two consecutive 5-minute periods): 5xx responses over requests, across the service's
 * target groups. A period without requests is 0 %, not a breach.
 */
function errorRateAlarm(
  key: string,
  alarmKey: string,
  rate: NonNullable<AlarmThresholds["target5xxRate"]>,
  across: (metricName: string, stat: Statistic, join: "SUM" | "MAX", offset?: number) => { metrics: Metric[]; expression?: string },
): AlarmSpec {
  const errors = across("HTTPCode_Target_5XX_Count", "Sum", "SUM");
  const requests = across("RequestCount", "Sum", "SUM", errors.metrics.length);
  const total = (ids: readonly number[]) => (ids.length > 1 ? `(${ids.map((i) => `FILL(m${i},0)`).join("+")})` : `FILL(m${ids[0]},0)`);
  const errorSum = total(errors.metrics.map((_, i) => i));
  const requestSum = total(requests.metrics.map((_, i) => i + errors.metrics.length));
  return {
    key: alarmKey,
    group: "load-balancers",
    description: `${key}: more than ${rate.percent} % of requests answered 5xx for ${rate.periods} x ${rate.periodMinutes} minutes`,
    metrics: [...errors.metrics, ...requests.metrics],
    // An empty group (the alternate between deployments) counts 0; a period without requests is 0 %.
    expression: `IF(${requestSum}>0,100*${errorSum}/${requestSum},0)`,
    periodSeconds: rate.periodMinutes * 60,
    evaluationPeriods: rate.periods,
    datapointsToAlarm: rate.periods,
    comparison: "GreaterThanThreshold",
    threshold: rate.percent,
    treatMissingData: "notBreaching",
  };
}
