import { chartVersionProblem } from "./helm-repositories";
import { autoName, hex, uuid } from "./ids";
import { record, str } from "./inputs";
import { ModelContext, ModelResult, ResourceModel } from "./model";

/**
 * Kubernetes objects as the API server answers them: the Pulumi Kubernetes provider names unnamed
 * objects `<logical name>-<suffix>`, ids are `<namespace>/<name>` (or `<name>` when cluster-scoped),
 * and the server adds uid, resourceVersion and creationTimestamp. Services get a cluster IP from
 * EKS's service range; an ALB Ingress gets the DNS name the load balancer controller publishes.
 */

function object(ctx: ModelContext, extra: (name: string, namespace: string | undefined) => Record<string, unknown> = () => ({})): ModelResult {
  const metadata = record(ctx.inputs, "metadata") ?? {};
  const name = str(metadata, "name") ?? autoName(ctx.name, ctx.seed);
  const namespace = str(metadata, "namespace");
  return {
    id: namespace ? `${namespace}/${name}` : name,
    state: {
      metadata: { ...metadata, name, uid: uuid(ctx.seed), resourceVersion: "1", generation: 1, creationTimestamp: "2026-11-21T00:00:00Z" },
      ...extra(name, namespace),
    },
  };
}

const plain: ResourceModel = (ctx) => object(ctx);

export const kubernetesResources: Record<string, ResourceModel> = {
  "kubernetes:core/v1:Namespace": (ctx) => object(ctx, () => ({ status: { phase: "Active" } })),
  "kubernetes:core/v1:ServiceAccount": plain,
  "kubernetes:core/v1:Secret": plain,
  "kubernetes:core/v1:ConfigMap": plain,
  "kubernetes:monitoring.coreos.com/v1:PrometheusRule": plain,
  "kubernetes:core/v1:Service": (ctx) =>
    object(ctx, () => {
      const n = parseInt(hex(ctx.seed, 4), 16);
      return { spec: { ...record(ctx.inputs, "spec"), clusterIP: `172.20.${(n >> 8) % 256}.${n % 254 + 1}` } };
    }),
  "kubernetes:apps/v1:Deployment": plain,
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": plain,
  "kubernetes:policy/v1:PodDisruptionBudget": plain,
  "kubernetes:storage.k8s.io/v1:StorageClass": plain,
  "kubernetes:networking.k8s.io/v1:Ingress": (ctx) =>
    object(ctx, (name, namespace) => ({
      status: {
        loadBalancer: {
          ingress: [
            {
              hostname: `k8s-${(namespace ?? "default").slice(0, 8)}-${name.slice(0, 8)}-${hex(ctx.seed, 10)}-${parseInt(hex(ctx.seed, 8), 16) % 2000000000}.${ctx.region}.elb.amazonaws.com`,
            },
          ],
        },
      },
    })),
  "kubernetes:external-secrets.io/v1:SecretStore": plain,
  "kubernetes:external-secrets.io/v1:ExternalSecret": plain,
  "kubernetes:helm.sh/v3:Release": (ctx) => {
    const chart = str(ctx.inputs, "chart");
    const version = str(ctx.inputs, "version");
    const repo = str(record(ctx.inputs, "repositoryOpts"), "repo");
    // A chart from a repository at a pinned version: Helm looks the version up in the repository's index.
    if (chart && version && repo) {
      const problem = chartVersionProblem(repo, chart, version);
      if (problem) throw new Error(problem);
    }
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    const namespace = str(ctx.inputs, "namespace") ?? "default";
    return {
      id: `${namespace}/${name}`,
      state: { name, namespace, status: { name, namespace, chart: ctx.inputs.chart, version: ctx.inputs.version, status: "deployed", revision: 1 } },
    };
  },
};
