import type * as pulumi from "@pulumi/pulumi";
import type { AlarmThresholds } from "../../../model/observability/settings";
import { above, AlarmSpec, fiveMinutes, Metric } from "./spec";

/**
 * An ECS service. EKS workloads are watched by seed 004's Prometheus and Alertmanager in the
 * cluster (the EKS tier runs no CloudWatch Container Insights agent, so there is no metric here).
 */
export interface ServiceTarget {
  /** The service's name: its alarms' key. */
  readonly key: string;
  /** The ECS cluster's name (a metric dimension). */
  readonly clusterName: pulumi.Input<string>;
  /** The ECS service's name (a metric dimension). */
  readonly serviceName: pulumi.Input<string>;
}

export function serviceAlarms(services: readonly ServiceTarget[], t: AlarmThresholds): AlarmSpec[] {
  return services.flatMap((service) => {
    const metric = (metricName: string): Metric => ({ namespace: "AWS/ECS", metricName, dimensions: { ClusterName: service.clusterName, ServiceName: service.serviceName }, stat: "Average" });
    return [
      above(`service-cpu-${service.key}`, "services", `${service.key}: CPU above ${t.serviceCpuPercent} % for 5 minutes`, [metric("CPUUtilization")], fiveMinutes, t.serviceCpuPercent, "missing"),
      above(`service-memory-${service.key}`, "services", `${service.key}: memory above ${t.serviceMemoryPercent} % for 5 minutes`, [metric("MemoryUtilization")], fiveMinutes, t.serviceMemoryPercent, "missing"),
    ];
  });
}
