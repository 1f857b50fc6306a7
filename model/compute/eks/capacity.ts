/**
 * Whether the services can all reach their HorizontalPodAutoscaler maxima on the node groups at
 * their maxSize (issue 15: OpenMarket's two HPAs allow 10 + 10 pods while its nodes stayed at 2).
 * Pods that never fit sit in Pending: the autoscaler cannot add a node past maxSize.
 *
 * offered = sum over groups of maxSize x what one node of the group's smallest type schedules after
 *           the DaemonSets (instance-types.ts: allocatable, then DaemonSet requests)
 *           - the cluster's own pods (the reservation below)
 * needed  = sum over services of scaling.max x the pod's requests
 *
 * An aggregate: it ignores how pods pack onto nodes (a 250m pod leaves a node's last 75m unused),
 * so passing it is necessary, not sufficient; failing it is certain. Pure logic, no Pulumi.
 */
import { instanceTypes, Resources, schedulable } from "./instance-types";

/**
 * Requests of the cluster's own pods that are not DaemonSets, as this platform sets them
 * (components/compute/eks/controllers.ts, autoscaler.ts and monitoring.ts, seed 004's sizes) or as
 * the EKS add-on installs them. A pod whose chart sets no request reserves nothing and is not listed.
 */
export const systemPods: Readonly<Record<string, { readonly replicas: number; readonly each: Resources; readonly with?: "monitoring" | "autoscaler" }>> = {
  // controllers.ts: replicaCount 2, requests 100m / 128Mi.
  "aws-load-balancer-controller": { replicas: 2, each: { millicores: 100, mebibytes: 128 } },
  // controllers.ts: one replica, 100m / 200Mi.
  "metrics-server": { replicas: 1, each: { millicores: 100, mebibytes: 200 } },
  // controllers.ts: the operator, 50m / 128Mi (its webhook and cert controller request nothing).
  "external-secrets": { replicas: 1, each: { millicores: 50, mebibytes: 128 } },
  // The CoreDNS add-on's Deployment: 2 replicas, 100m / 70Mi each (coredns manifest defaults).
  coredns: { replicas: 2, each: { millicores: 100, mebibytes: 70 } },
  // The EBS CSI add-on's controller: 2 replicas of six containers at 10m / 40Mi each (aws-ebs-csi-driver values.yaml).
  "ebs-csi-controller": { replicas: 2, each: { millicores: 60, mebibytes: 240 } },
  // autoscaler.ts: one replica, 100m / 300Mi.
  "cluster-autoscaler": { replicas: 1, each: { millicores: 100, mebibytes: 300 }, with: "autoscaler" },
  // monitoring.ts, seed 004's table: Prometheus, Grafana, Alertmanager, kube-state-metrics.
  prometheus: { replicas: 1, each: { millicores: 500, mebibytes: 1024 }, with: "monitoring" },
  grafana: { replicas: 1, each: { millicores: 250, mebibytes: 512 }, with: "monitoring" },
  alertmanager: { replicas: 1, each: { millicores: 100, mebibytes: 128 }, with: "monitoring" },
  "kube-state-metrics": { replicas: 1, each: { millicores: 100, mebibytes: 128 }, with: "monitoring" },
};

/** What the cluster's own pods request in all, given which optional parts are installed. */
export function systemReservation(installed: { readonly monitoring: boolean; readonly autoscaler: boolean }): Resources {
  let millicores = 0;
  let mebibytes = 0;
  for (const pod of Object.values(systemPods)) {
    if (pod.with && !installed[pod.with]) continue;
    millicores += pod.replicas * pod.each.millicores;
    mebibytes += pod.replicas * pod.each.mebibytes;
  }
  return { millicores, mebibytes };
}

export interface GroupAtMax {
  readonly instanceTypes: readonly string[];
  readonly maxSize: number;
}

export interface ServiceAtMax {
  readonly maxPods: number;
  readonly requests: Resources;
}

export interface CapacityFit {
  readonly needed: Resources;
  readonly offered: Resources;
  readonly reserved: Resources;
  readonly fits: boolean;
}

/** The services at their maxima against the groups at maxSize, less the reservation. */
export function capacityAtMax(
  groups: readonly GroupAtMax[],
  services: readonly ServiceAtMax[],
  installed: { readonly monitoring: boolean; readonly autoscaler: boolean },
): CapacityFit {
  let nodeMillicores = 0;
  let nodeMebibytes = 0;
  for (const group of groups) {
    const rooms = group.instanceTypes.filter((t) => instanceTypes[t]).map((t) => schedulable(instanceTypes[t], installed.monitoring));
    if (rooms.length === 0) continue;
    // Any node of the group may be its smallest type.
    nodeMillicores += group.maxSize * Math.min(...rooms.map((r) => r.millicores));
    nodeMebibytes += group.maxSize * Math.min(...rooms.map((r) => r.mebibytes));
  }
  const reserved = systemReservation(installed);
  const offered = { millicores: nodeMillicores - reserved.millicores, mebibytes: Math.floor(nodeMebibytes - reserved.mebibytes) };
  const needed = {
    millicores: services.reduce((n, s) => n + s.maxPods * s.requests.millicores, 0),
    mebibytes: Math.ceil(services.reduce((n, s) => n + s.maxPods * s.requests.mebibytes, 0)),
  };
  return { needed, offered, reserved, fits: needed.millicores <= offered.millicores && needed.mebibytes <= offered.mebibytes };
}
