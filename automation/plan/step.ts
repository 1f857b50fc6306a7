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

/** What the steps found that plan.json records, for a later `plan --compare-to`. */
export interface PlanFacts {
  /** The monthly estimate per tier; null when the region has no price table. */
  readonly cost?: {
    readonly region: string;
    readonly hours: number;
    readonly totalMonthlyUsd: number;
    readonly tiers: readonly { readonly tier: string; readonly monthlyUsd: number }[];
  } | null;
  /** The gate's unsuppressed findings. */
  readonly policy?: {
    readonly enforcement: string;
    readonly violations: readonly PolicyFinding[];
    readonly suppressed: number;
  };
}

export interface PolicyFinding {
  readonly rule: string;
  readonly level: string;
  /** `type name` of the resource, or `stack`. */
  readonly resource: string;
  readonly urn?: string;
  readonly message: string;
}

export interface StepOutcome {
  /** Lines for the console. */
  readonly lines: readonly string[];
  /** One line for `plan --quiet` (the summary). */
  readonly summary?: string;
  /** What plan.json records of this step. */
  readonly facts?: PlanFacts;
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
  /** A short name for the progress lines (`[plan] gate in 0.40 s`). */
  readonly name: string;
  readonly title: string;
  run(context: PlanContext): StepOutcome | Promise<StepOutcome>;
}
