import { ApiException, AppsV1Api, AutoscalingV2Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { HpaBounds, WorkloadState } from "../cloud";
import type { EksTargets } from "../targets";
import { eksToken, tokenLifetimeMs } from "./eks-token";

/**
 * The drill's Kubernetes calls on an EKS side, through @kubernetes/client-node (the Kubernetes
 * project's own JavaScript client): a Deployment's scale subresource (apps/v1 Scale: GET and PATCH
 * `.../deployments/<name>/scale`, what `kubectl scale` uses), its pods by the selector the scale
 * subresource reports, and its HorizontalPodAutoscaler (autoscaling/v2). Patches are JSON Patch
 * (RFC 6902), the client's default content type for PATCH.
 */

export interface KubernetesApis {
  readonly apps: AppsV1Api;
  readonly autoscaling: AutoscalingV2Api;
  readonly core: CoreV1Api;
}

/** The APIs of one cluster, reached with a fresh token (the drill outlives one: a token lasts 15 minutes). */
export type KubernetesConnect = (cluster: EksTargets, region: string) => Promise<KubernetesApis>;

/** Client-node's APIs on one server with one bearer token; `certificateAuthority` is base64 PEM, as EKS gives it. */
export function kubernetesApis(options: { readonly server: string; readonly certificateAuthority?: string; readonly token: string }): KubernetesApis {
  const kc = new KubeConfig();
  // Client-node refuses plain HTTP unless TLS checks are off: allowed only for a loopback server
  // (the tests' fake API server), never for a cluster endpoint, which the targets require as https.
  const loopback = /^http:\/\/127\.0\.0\.1:\d+$/.test(options.server);
  kc.loadFromOptions({
    clusters: [{ name: "drill", server: options.server, caData: options.certificateAuthority, skipTLSVerify: loopback }],
    users: [{ name: "drill", token: options.token }],
    contexts: [{ name: "drill", cluster: "drill", user: "drill" }],
    currentContext: "drill",
  });
  return { apps: kc.makeApiClient(AppsV1Api), autoscaling: kc.makeApiClient(AutoscalingV2Api), core: kc.makeApiClient(CoreV1Api) };
}

/**
 * Connects to a cluster's public endpoint with a token signed by `credentials` (the drill's AWS
 * identity, which needs an EKS access entry on the cluster: the deployer role CI runs as has one).
 * Tokens are renewed two thirds into their 15 minutes, so a call never carries one about to expire.
 */
export function eksConnect(credentials: AwsCredentialIdentityProvider, now: () => number = Date.now): KubernetesConnect {
  const cache = new Map<string, { apis: KubernetesApis; at: number }>();
  return async (cluster, region) => {
    const held = cache.get(cluster.endpoint);
    if (held && now() - held.at < (tokenLifetimeMs * 2) / 3) return held.apis;
    const at = now();
    const token = await eksToken({ clusterName: cluster.clusterName, region, credentials, signingDate: new Date(at) });
    const apis = kubernetesApis({ server: cluster.endpoint, certificateAuthority: cluster.certificateAuthority, token });
    cache.set(cluster.endpoint, { apis, at });
    return apis;
  };
}

const notFound = (error: unknown) => error instanceof ApiException && error.code === 404;

/** Each workload's Deployment (scale subresource and ready replicas), its pods and its HPA. */
export async function readWorkloads(apis: KubernetesApis, cluster: EksTargets): Promise<WorkloadState[]> {
  const { namespace } = cluster;
  const states: WorkloadState[] = [];
  for (const { deployment: name, hpa } of cluster.workloads) {
    let scale;
    try {
      scale = await apis.apps.readNamespacedDeploymentScale({ name, namespace });
    } catch (error) {
      if (!notFound(error)) throw error;
      states.push({ name, found: false, replicas: 0, readyReplicas: 0, pods: 0 });
      continue;
    }
    // Scale's status.readyReplicas is not in apps/v1 Scale: the Deployment's status has it.
    const deployment = await apis.apps.readNamespacedDeployment({ name, namespace });
    // status.selector: "label query over pods that should match the replicas count" (apps/v1 ScaleStatus).
    const selector = scale.status?.selector;
    const pods = selector ? (await apis.core.listNamespacedPod({ namespace, labelSelector: selector })).items.length : 0;
    states.push({
      name,
      found: true,
      replicas: scale.spec?.replicas ?? 0,
      readyReplicas: deployment.status?.readyReplicas ?? 0,
      pods,
      ...(await readHpa(apis, namespace, hpa)),
    });
  }
  return states;
}

async function readHpa(apis: KubernetesApis, namespace: string, name: string): Promise<{ hpa?: HpaBounds }> {
  try {
    const hpa = await apis.autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace });
    // minReplicas "defaults to 1 pod" when unset (autoscaling/v2 HorizontalPodAutoscalerSpec).
    return { hpa: { name, minReplicas: hpa.spec?.minReplicas ?? 1, maxReplicas: hpa.spec?.maxReplicas ?? 0 } };
  } catch (error) {
    if (notFound(error)) return {};
    throw error;
  }
}

/** PATCH the scale subresource: spec.replicas only, as `kubectl scale` does. */
export async function scaleDeployment(apis: KubernetesApis, namespace: string, name: string, replicas: number): Promise<void> {
  await apis.apps.patchNamespacedDeploymentScale({ name, namespace, body: [{ op: "replace", path: "/spec/replicas", value: replicas }] });
}

/** PATCH the HPA's bounds; `add` sets minReplicas also where it was left to its default. */
export async function patchHpaBounds(apis: KubernetesApis, namespace: string, bounds: HpaBounds): Promise<void> {
  await apis.autoscaling.patchNamespacedHorizontalPodAutoscaler({
    name: bounds.name,
    namespace,
    body: [
      { op: "add", path: "/spec/minReplicas", value: bounds.minReplicas },
      { op: "replace", path: "/spec/maxReplicas", value: bounds.maxReplicas },
    ],
  });
}
