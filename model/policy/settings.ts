/**
 * How the policy pack treats the stack (`platform:policy`): mandatory rules block everywhere;
 * the per-environment rules block when `enforcement` is `mandatory` and only warn when `advisory`.
 */
export interface PolicySettings {
  readonly enforcement: "mandatory" | "advisory";
  /** Our own AWS accounts: trust policies may name them without an extra condition. */
  readonly trustedAccountIds: readonly string[];
}
