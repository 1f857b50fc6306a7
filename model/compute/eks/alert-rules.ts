/**
 * The platform's Prometheus alert rules for an EKS stack: ten, as seed 004 counts them (Phase 8,
 * Prometheus: "10개 알림 규칙 설정"). The seed counts its rules but lists none, so each rule here
 * watches one of its stated targets that Prometheus can see inside the cluster: the "성능 지표"
 * (performance targets) table's pod restarts (target 0) and availability (> 99.5 %), its DR
 * scenarios' pod and node failures ("Pod 장애", "Node 장애"), its HPA (2-10 at 70 % CPU) and node
 * group, and its Prometheus volume (100Gi). The table's request latency (P95 < 500 ms, P99 < 1 s),
 * error rate, RDS and Redis targets are CloudWatch metrics: they stay CloudWatch alarms in the
 * observability tier, where the seed's own CloudWatch alarms are (Phase 8: "7개 알람 (RDS,
 * ElastiCache, Lambda)"); the application exports no request metrics of its own yet (the seed's
 * next steps: "커스텀 메트릭 추가").
 *
 * Thresholds are fixed here rather than config: they are part of what the rules mean. Every rule
 * carries `severity` (critical or warning) and `area` (application or cluster), the labels the
 * Alertmanager routes in config match on. Pure data, no Pulumi.
 */

export type Severity = "critical" | "warning";
export type Area = "application" | "cluster";

export interface AlertRule {
  /** The alert's name (Prometheus's `alert`). */
  readonly alert: string;
  /** PromQL; `$namespace` is replaced by the application's namespace. */
  readonly expr: string;
  /** How long the condition must hold before the alert fires. */
  readonly for: string;
  readonly severity: Severity;
  readonly area: Area;
  readonly summary: string;
  /** Where in seed 004 the target comes from. */
  readonly seed: string;
}

export const alertRules: readonly AlertRule[] = [
  {
    alert: "PodRestarting",
    expr: 'increase(kube_pod_container_status_restarts_total{namespace="$namespace"}[15m]) > 0',
    for: "0m",
    severity: "warning",
    area: "application",
    summary: "{{ $labels.pod }} restarted in the last 15 minutes",
    seed: "성능 지표: Pod 재시작 횟수, target 0",
  },
  {
    alert: "PodCrashLooping",
    expr: 'max by (namespace, pod, container) (kube_pod_container_status_waiting_reason{namespace="$namespace", reason="CrashLoopBackOff"}) > 0',
    for: "5m",
    severity: "critical",
    area: "application",
    summary: "{{ $labels.pod }} ({{ $labels.container }}) is in CrashLoopBackOff",
    seed: "DR 시나리오 1: Pod 장애, restarted within a minute",
  },
  {
    alert: "DeploymentReplicasUnavailable",
    expr: 'kube_deployment_status_replicas_available{namespace="$namespace"} < kube_deployment_spec_replicas{namespace="$namespace"}',
    for: "10m",
    severity: "critical",
    area: "application",
    summary: "{{ $labels.deployment }} has fewer available replicas than it asks for",
    seed: "성능 지표: 가용성 > 99.5 %",
  },
  {
    alert: "HpaAtMaximum",
    expr: 'kube_horizontalpodautoscaler_status_current_replicas{namespace="$namespace"} >= kube_horizontalpodautoscaler_spec_max_replicas{namespace="$namespace"}',
    for: "15m",
    severity: "warning",
    area: "application",
    summary: "{{ $labels.horizontalpodautoscaler }} has run at its maximum replicas for 15 minutes",
    seed: "확장성: HPA maxReplicas 10 at 70 % CPU",
  },
  {
    alert: "ContainerMemoryNearLimit",
    expr:
      'max by (namespace, pod, container) (container_memory_working_set_bytes{namespace="$namespace", container!=""}) / ' +
      'max by (namespace, pod, container) (kube_pod_container_resource_limits{namespace="$namespace", resource="memory"}) > 0.9',
    for: "10m",
    severity: "warning",
    area: "application",
    summary: "{{ $labels.pod }} ({{ $labels.container }}) uses over 90 % of its memory limit",
    seed: "애플리케이션 현황: memory limit 2Gi per pod",
  },
  {
    alert: "PodsPending",
    expr: 'sum by (namespace) (kube_pod_status_phase{phase="Pending"}) > 0',
    for: "15m",
    severity: "warning",
    area: "cluster",
    summary: "{{ $value }} pods in {{ $labels.namespace }} have waited 15 minutes for a node (the node group may be at its maxSize)",
    seed: "확장성: EKS Cluster Autoscaler, node group 2-4 (용량 계획: 2 -> 6)",
  },
  {
    alert: "NodeNotReady",
    expr: 'kube_node_status_condition{condition="Ready", status="true"} == 0',
    for: "5m",
    severity: "critical",
    area: "cluster",
    summary: "node {{ $labels.node }} has not been Ready for 5 minutes",
    seed: "DR 시나리오 2: Node 장애, rescheduled within 5 minutes",
  },
  {
    alert: "NodeCpuHigh",
    expr: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.8',
    for: "15m",
    severity: "warning",
    area: "cluster",
    summary: "node {{ $labels.instance }} CPU above 80 % for 15 minutes",
    seed: "EKS Nodes t3.medium; the platform's CPU alarm threshold, 80 %",
  },
  {
    alert: "NodeMemoryHigh",
    expr: "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes > 0.85",
    for: "15m",
    severity: "warning",
    area: "cluster",
    summary: "node {{ $labels.instance }} memory above 85 % for 15 minutes",
    seed: "EKS Nodes t3.medium; the platform's memory alarm threshold, 85 %",
  },
  {
    alert: "PersistentVolumeFillingUp",
    expr: "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.15",
    for: "15m",
    severity: "warning",
    area: "cluster",
    summary: "volume {{ $labels.persistentvolumeclaim }} has less than 15 % free",
    seed: "모니터링 메트릭: Prometheus PVC 100Gi, 30 days",
  },
];

/** The rule group as a PrometheusRule's spec takes it, for the application's namespace. */
export function prometheusRuleGroups(namespace: string): { name: string; rules: Record<string, unknown>[] }[] {
  return [
    {
      name: "platform",
      rules: alertRules.map((rule) => ({
        alert: rule.alert,
        expr: rule.expr.split("$namespace").join(namespace),
        for: rule.for,
        labels: { severity: rule.severity, area: rule.area },
        annotations: { summary: rule.summary, seed: `OpenMarket design (seed 004): ${rule.seed}` },
      })),
    },
  ];
}
