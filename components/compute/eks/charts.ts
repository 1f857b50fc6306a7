/**
 * Helm charts the EKS variant installs, pinned: a chart upgrade changes the values it accepts, so
 * it is a reviewed code change (with its tests), not a config edit.
 */
export interface ChartRef {
  readonly chart: string;
  readonly version: string;
  readonly repo: string;
}

export const charts = {
  /** Controller v2.14.0; its IAM policy is lb-controller-policy.ts. */
  loadBalancerController: { chart: "aws-load-balancer-controller", version: "1.14.0", repo: "https://aws.github.io/eks-charts" },
  /** metrics-server v0.8: the resource metrics API the HorizontalPodAutoscalers read. */
  metricsServer: { chart: "metrics-server", version: "3.13.0", repo: "https://kubernetes-sigs.github.io/metrics-server/" },
  /** External Secrets Operator: serves the external-secrets.io/v1 API used by workloads.ts. */
  externalSecrets: { chart: "external-secrets", version: "0.18.1", repo: "https://charts.external-secrets.io" },
  /** Prometheus Operator, Prometheus, Alertmanager, Grafana, Node Exporter, kube-state-metrics. */
  kubePrometheusStack: { chart: "kube-prometheus-stack", version: "77.14.0", repo: "https://prometheus-community.github.io/helm-charts" },
  /** Fluent Bit with the CloudWatch Logs output. */
  fluentBit: { chart: "aws-for-fluent-bit", version: "0.2.1", repo: "https://aws.github.io/eks-charts" },
} as const satisfies Record<string, ChartRef>;
