import type { RollbackSignal } from "../compute/delivery";

/**
 * Keys of the load balancers' per-target-group alarms. One function for the observability tier,
 * which names each alarm `<namePrefix>-<key>`, and for the compute tier, which hands the same names
 * to ECS as the alarms that roll a deployment back: the two cannot drift apart.
 */
export const targetGroupAlarmKeys = {
  responseTime: (lb: string, service: string) => `response-time-${lb}-${service}`,
  target5xx: (lb: string, service: string) => `target-5xx-${lb}-${service}`,
  target5xxRate: (lb: string, service: string) => `target-5xx-rate-${lb}-${service}`,
  unhealthyHosts: (lb: string, service: string) => `unhealthy-hosts-${lb}-${service}`,
} as const;

/** The physical name of an alarm of the observability tier. */
export function alarmName(namePrefix: string, key: string): string {
  return `${namePrefix}-${key}`;
}

/** The alarm behind each rollback signal of a service behind the ALB. */
export function rollbackAlarmName(namePrefix: string, signal: RollbackSignal, service: string): string {
  const key =
    signal === "5xx-count"
      ? targetGroupAlarmKeys.target5xx("alb", service)
      : signal === "5xx-rate"
        ? targetGroupAlarmKeys.target5xxRate("alb", service)
        : targetGroupAlarmKeys.responseTime("alb", service);
  return alarmName(namePrefix, key);
}
