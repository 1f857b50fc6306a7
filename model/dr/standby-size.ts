import type { DrState } from "./settings";

/** The scaling of one service as the compute tier takes it (min, desired, max and schedules). */
export interface Scaling {
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  readonly schedules: readonly { readonly minCapacity: number; readonly maxCapacity?: number }[];
}

/**
 * A standby stack's service size: its configured (serving) size while it serves, and the standby
 * posture's `tasksPerService` while it stands by (pilot light: 0, warm: the minimum). Standing by,
 * min, desired and max are all that number, so Application Auto Scaling scales a service that
 * served back down when the stack returns to standby, and the schedules (seed 003's office hours)
 * keep their resources but hold the same bounds instead of waking a pilot light every morning.
 * Raising `min` when the state flips to serving is what scales the services out.
 */
export function standbySize<S extends Scaling>(scaling: S, state: DrState, tasksPerService: number): S {
  if (state === "serving") return scaling;
  const n = tasksPerService;
  return { ...scaling, min: n, desired: n, max: n, schedules: scaling.schedules.map((s) => ({ ...s, minCapacity: n, maxCapacity: n })) };
}

/** The size of one EKS node group as the compute tier takes it. */
export interface NodeGroupSize {
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
}

/**
 * An EKS standby's node group: its configured size while it serves, and `nodesPerGroup` nodes
 * (min and desired) while it stands by (the config keeps it within maxSize). maxSize stays: once the
 * state flips to serving the HPAs raise the pods, and the Cluster Autoscaler adds nodes for the
 * ones pending, up to it; returning to standby, it removes the nodes the pods no longer need.
 */
export function standbyNodeGroup<G extends NodeGroupSize>(group: G, state: DrState, nodesPerGroup: number | undefined): G {
  if (state === "serving" || nodesPerGroup === undefined) return group;
  return { ...group, minSize: nodesPerGroup, desiredSize: nodesPerGroup };
}
