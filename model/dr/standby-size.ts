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
