import { changeSteps } from "./changes";
import { checkSteps } from "./checks";
import type { DrillStep } from "./context";

export { defaultTimings, InterruptedError } from "./context";
export type { DrillStep, DrillTimings, StepContext } from "./context";

/** Every step of a drill or failback, in order: checks first (nothing changes), then changes. */
export const drillSteps: readonly DrillStep[] = [...checkSteps, ...changeSteps];
