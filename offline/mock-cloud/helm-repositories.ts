/**
 * What the Helm repositories the platform installs from publish, as their indexes listed it.
 * `helm install` resolves a chart version in the repository's index.yaml and fails when it is not
 * there ("chart "<name>" version "<v>" not found in <repo> repository"): under `atomic` nothing is
 * installed, and every Kubernetes object that waits on the release fails with it. The mock cloud
 * refuses such a release the same way, so a pin to an unpublished version fails the render.
 *
 * Each snapshot lists the versions from `recordedFrom` on (older ones are not recorded, published or
 * not). When a chart is bumped past a snapshot, check the repository's index and extend the list.
 */

interface ChartIndexSnapshot {
  /** The index (or release list) read, and when it was generated. */
  readonly source: string;
  /** Oldest version recorded; versions before it are not judged published or unpublished. */
  readonly recordedFrom: string;
  /** Published versions, oldest first, space-separated. */
  readonly versions: string;
}

const eksCharts = "https://aws.github.io/eks-charts index.yaml (aws/eks-charts gh-pages), generated 2026-08-03";

/** By repository URL (no trailing slash), then chart name. */
const snapshots: Readonly<Record<string, Readonly<Record<string, ChartIndexSnapshot>>>> = {
  "https://aws.github.io/eks-charts": {
    "aws-load-balancer-controller": {
      source: eksCharts,
      recordedFrom: "1.10.0",
      versions: "1.10.0 1.10.1 1.11.0 1.12.0 1.13.0 1.13.1 1.13.2 1.13.3 1.13.4 1.14.0 1.14.1 1.15.0 1.16.0 1.17.0 1.17.1 3.0.0 3.1.0 3.2.0 3.2.1 3.2.2 3.3.0 3.4.0 3.4.1 3.4.2 3.4.3 3.5.0",
    },
    // 0.2.1 appears only in aws/eks-charts#1372, an open pull request.
    "aws-for-fluent-bit": {
      source: eksCharts,
      recordedFrom: "0.1.20",
      versions: "0.1.20 0.1.21 0.1.22 0.1.23 0.1.24 0.1.25 0.1.26 0.1.27 0.1.28 0.1.29 0.1.30 0.1.31 0.1.32 0.1.33 0.1.34 0.1.35 0.2.0",
    },
  },
  "https://kubernetes-sigs.github.io/metrics-server": {
    "metrics-server": {
      source: "https://kubernetes-sigs.github.io/metrics-server/index.yaml (kubernetes-sigs/metrics-server gh-pages), generated 2026-06-11",
      recordedFrom: "3.5.0",
      versions: "3.5.0 3.6.0 3.7.0 3.8.0 3.8.1 3.8.2 3.8.3 3.8.4 3.9.0 3.10.0 3.11.0 3.12.0 3.12.1 3.12.2 3.13.0 3.13.1",
    },
  },
  "https://charts.external-secrets.io": {
    "external-secrets": {
      source: "https://charts.external-secrets.io/index.yaml (external-secrets/external-secrets gh-pages), generated 2026-08-08",
      recordedFrom: "0.18.0",
      versions: "0.18.0 0.18.1 0.18.2 0.19.0 0.19.1 0.19.2 0.20.1 0.20.2 0.20.3 0.20.4 1.0.0 1.1.0 1.1.1 1.2.0 1.2.1 1.3.1 1.3.2 2.0.0 2.0.1 2.1.0 2.2.0 2.3.0 2.4.0 2.4.1 2.5.0 2.6.0 2.7.0 2.8.0 2.9.0",
    },
  },
  "https://kubernetes.github.io/autoscaler": {
    "cluster-autoscaler": {
      source: "kubernetes/autoscaler release tags cluster-autoscaler-chart-<version> (chart-releaser publishes one per index entry), read 2026-12-05 at commit 55c37cd (2026-08-22)",
      recordedFrom: "9.50.0",
      versions: "9.50.0 9.50.1 9.51.0 9.52.0 9.52.1 9.53.0 9.54.0 9.54.1 9.55.0 9.55.1 9.56.0 9.57.0 9.58.0 9.59.0",
    },
  },
  "https://prometheus-community.github.io/helm-charts": {
    "kube-prometheus-stack": {
      // The index itself is too large to keep; chart-releaser publishes one release per version into it.
      source: "prometheus-community/helm-charts release tags kube-prometheus-stack-<version>, read 2026-08-22",
      recordedFrom: "77.0.0",
      versions:
        "77.0.0 77.0.1 77.0.2 77.1.0 77.1.1 77.1.2 77.1.3 77.2.0 77.2.1 77.3.0 77.4.0 77.5.0 77.6.0 77.6.1 77.6.2 77.7.0 77.8.0 77.9.0 77.9.1 77.10.0 77.11.0 77.11.1 77.12.0 77.12.1 77.13.0 77.14.0",
    },
  },
};

/** Why `helm install` of this chart version would fail to find it, or undefined when it is published. */
export function chartVersionProblem(repo: string, chart: string, version: string): string | undefined {
  const url = repo.replace(/\/+$/, "");
  const repository = snapshots[url];
  if (!repository) return `the mock cloud has no index of the Helm repository ${repo}: record it in offline/mock-cloud/helm-repositories.ts`;
  const snapshot = repository[chart];
  if (!snapshot) return `the mock cloud's index of ${url} does not record chart "${chart}": record it in offline/mock-cloud/helm-repositories.ts`;
  const versions = snapshot.versions.split(" ");
  if (versions.includes(version)) return undefined;
  if (compareChartVersions(version, snapshot.recordedFrom) < 0) {
    return `chart "${chart}" version "${version}" predates the versions recorded from ${snapshot.recordedFrom} (${snapshot.source}): check the index and extend offline/mock-cloud/helm-repositories.ts`;
  }
  return `chart "${chart}" version "${version}" not found in ${url} repository (${snapshot.source}: ${snapshot.recordedFrom} to ${versions[versions.length - 1]})`;
}

/** Orders x.y.z versions by their numeric parts. */
function compareChartVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
