/**
 * How the policy pack treats the stack (`platform:policy`): mandatory rules block everywhere;
 * the per-environment rules block when `enforcement` is `mandatory` and only warn when `advisory`.
 */
export interface PolicySettings {
  readonly enforcement: "mandatory" | "advisory";
  /** Our own AWS accounts: trust policies may name them without an extra condition. */
  readonly trustedAccountIds: readonly string[];
  /** Violations accepted on named resources, each with its reason (policies/lib/suppressions.ts). */
  readonly suppressions: readonly PolicySuppression[];
}

/** One accepted violation: the rule, the resource (logical name, glob or URN), why, and until when. */
export interface PolicySuppression {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
  /** Last day it applies (`YYYY-MM-DD`); none: until removed. */
  readonly expires?: string;
}
