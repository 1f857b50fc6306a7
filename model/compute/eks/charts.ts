/**
 * The Helm charts the EKS variant installs, pinned, with the Kubernetes minor versions each one's
 * publisher supports. A chart upgrade changes the values it accepts, so it is a reviewed code
 * change (with its tests), not a config edit; config validation refuses a cluster version outside
 * the range of a chart the stack installs (config/sections/compute-eks-checks.ts).
 *
 * Each row cites where the version is published and where its range is stated. A row without a
 * `max` has no upper bound stated by its publisher; a row without a `min` has no range at all.
 *
 * Pure data and logic: no Pulumi imports, so the config schema can use it.
 */
import { compareVersions } from "./versions";

export interface KubernetesRange {
  /** Oldest supported Kubernetes minor version, e.g. `1.22`. */
  readonly min?: string;
  /** Newest supported Kubernetes minor version. */
  readonly max?: string;
}

export interface ChartPin {
  readonly chart: string;
  readonly version: string;
  readonly repo: string;
  /** The application the chart deploys at this version. */
  readonly appVersion: string;
  /** Kubernetes minor versions the publisher supports, inclusive. */
  readonly kubernetes: KubernetesRange;
  /** Where the version is published and where its range is stated. */
  readonly source: string;
  /** Installed only with the monitoring stack (`compute.eks.monitoring.enabled`). */
  readonly monitoring: boolean;
  /** Installed only with node autoscaling (`compute.eks.autoscaler.enabled`). */
  readonly autoscaler?: boolean;
}

export const charts = {
  /** AWS Load Balancer Controller v2.14.0; its IAM policy is components/compute/eks/lb-controller-policy.ts. */
  loadBalancerController: {
    chart: "aws-load-balancer-controller",
    version: "1.14.0",
    repo: "https://aws.github.io/eks-charts",
    appVersion: "v2.14.0",
    kubernetes: { min: "1.22" },
    source:
      "https://aws.github.io/eks-charts/index.yaml (aws/eks-charts gh-pages, generated 2026-08-03) lists 1.14.0; " +
      "kubernetes-sigs/aws-load-balancer-controller docs/deploy/installation.md at v2.14.0: \"v2.5.0+ requires Kubernetes 1.22+\"",
    monitoring: false,
  },
  /** metrics-server v0.8: the resource metrics API the HorizontalPodAutoscalers read. */
  metricsServer: {
    chart: "metrics-server",
    version: "3.13.0",
    repo: "https://kubernetes-sigs.github.io/metrics-server/",
    appVersion: "0.8.0",
    kubernetes: { min: "1.31" },
    source:
      "https://kubernetes-sigs.github.io/metrics-server/index.yaml (generated 2026-06-11) lists 3.13.0 (app 0.8.0); " +
      "kubernetes-sigs/metrics-server README.md, Compatibility Matrix: \"0.8.x | metrics.k8s.io/v1beta1 | 1.31+\"",
    monitoring: false,
  },
  /**
   * External Secrets Operator: serves the external-secrets.io/v1 API the workloads use. ESO tests
   * each minor on the Kubernetes versions of its own table only, and 0.18.x stopped at 1.33.
   */
  externalSecrets: {
    chart: "external-secrets",
    version: "2.6.0",
    repo: "https://charts.external-secrets.io",
    appVersion: "v2.6.0",
    kubernetes: { min: "1.34", max: "1.35" },
    source:
      "https://charts.external-secrets.io/index.yaml (external-secrets/external-secrets gh-pages, generated 2026-08-08) lists 2.6.0; " +
      "external-secrets docs/introduction/stability-support.md: \"2.6 | 1.34-1.35\" (0.18.x: 1.33; 0.20.x is the first for 1.34)",
    monitoring: false,
  },
  /** Prometheus Operator, Prometheus, Alertmanager, Grafana, Node Exporter, kube-state-metrics. */
  kubePrometheusStack: {
    chart: "kube-prometheus-stack",
    version: "77.14.0",
    repo: "https://prometheus-community.github.io/helm-charts",
    appVersion: "v0.85.0",
    kubernetes: { min: "1.25" },
    source:
      "prometheus-community/helm-charts release kube-prometheus-stack-77.14.0 (2025-10-07); " +
      "its charts/kube-prometheus-stack/Chart.yaml: kubeVersion \">=1.25.0-0\" (Helm refuses to install it on an older cluster)",
    monitoring: true,
  },
  /**
   * AWS for Fluent Bit 3.2.1 with the CloudWatch Logs output. 0.2.0 is the newest version the
   * index publishes: 0.2.1 exists only in an open pull request (aws/eks-charts#1372).
   */
  fluentBit: {
    chart: "aws-for-fluent-bit",
    version: "0.2.0",
    repo: "https://aws.github.io/eks-charts",
    appVersion: "3.2.1",
    kubernetes: {},
    source:
      "https://aws.github.io/eks-charts/index.yaml (aws/eks-charts gh-pages, generated 2026-08-03): 0.2.0 is the newest aws-for-fluent-bit; " +
      "its stable/aws-for-fluent-bit/Chart.yaml states no kubeVersion and the chart's README no Kubernetes range",
    monitoring: true,
  },
  /**
   * Cluster Autoscaler 1.34.2. Its minor version follows Kubernetes' exactly and upstream asks for
   * the release of the cluster's own minor, so the range is one version: a cluster upgrade is also
   * a reviewed bump of this row (chart 9.54.0 moved to 1.35.0).
   */
  clusterAutoscaler: {
    chart: "cluster-autoscaler",
    version: "9.53.0",
    repo: "https://kubernetes.github.io/autoscaler",
    appVersion: "1.34.2",
    kubernetes: { min: "1.34", max: "1.34" },
    source:
      "kubernetes/autoscaler tag cluster-autoscaler-chart-9.53.0, cluster-autoscaler/charts/cluster-autoscaler/Chart.yaml (commit 0aebca554d, 2025-12-02): version 9.53.0, appVersion 1.34.2; " +
      "cluster-autoscaler/README.md: \"versioning scheme was changed to match Kubernetes minor releases exactly\" and \"use the latest Cluster Autoscaler release that corresponds to the minor version of Kubernetes that their cluster is running\"",
    monitoring: false,
    autoscaler: true,
  },
} as const satisfies Record<string, ChartPin>;

/** The charts a stack installs: the controllers always, the monitoring charts with monitoring, the autoscaler with autoscaling. */
export function installedCharts(monitoring: boolean, autoscaler = false): ChartPin[] {
  return Object.values(charts).filter((pin: ChartPin) => (monitoring || !pin.monitoring) && (autoscaler || !pin.autoscaler));
}

/** Why a chart does not support a Kubernetes minor version, or undefined when it does. */
export function chartSupportProblem(pin: ChartPin, kubernetesVersion: string): string | undefined {
  const { min, max } = pin.kubernetes;
  const tooOld = min !== undefined && compareVersions(kubernetesVersion, min) < 0;
  const tooNew = max !== undefined && compareVersions(kubernetesVersion, max) > 0;
  if (!tooOld && !tooNew) return undefined;
  const range = max === undefined ? `${min}+` : min === max ? min : `${min}-${max}`;
  return `${pin.chart} ${pin.version} supports Kubernetes ${range} (${pin.source})`;
}
