// The contract between `npm run plan` and its steps. It lives apart from steps.ts, the ordered
// list, so a step imports the contract without importing the list that imports every step.
import type { PlatformSettings } from "../../model/platform";
import type { CapturedResource } from "../../offline";

/** What a plan step sees: the validated config and everything the program registered. */
export interface PlanContext {
  readonly stack: string;
  readonly region: string;
  readonly config: PlatformSettings;
  readonly rawConfig: Readonly<Record<string, string>>;
  readonly resources: readonly CapturedResource[];
  readonly outputs: Record<string, unknown>;
  /** `out/<stack>/`; steps write their artefacts here. */
  readonly outDir: string;
}

export interface StepOutcome {
  /** Lines for the console. */
  readonly lines: readonly string[];
  /** Markdown for out/<stack>/report.md. */
  readonly markdown?: string;
  /** True when the plan must exit non-zero (a mandatory violation). */
  readonly failed: boolean;
}

/**
 * A stage of `npm run plan` after the render: the policy gate, the cost estimate and the
 * diagram plug in here, each in its own module.
 */
export interface PlanStep {
  readonly title: string;
  run(context: PlanContext): StepOutcome | Promise<StepOutcome>;
}
