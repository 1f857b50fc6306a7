import type * as aws from "@pulumi/aws";

/**
 * `platform:account` as aws provider arguments, which every provider a stack builds takes.
 * Explicit providers read no `aws:` config (only the default provider does: Pulumi's
 * configuration docs), so `aws:allowedAccountIds` or `aws:assumeRoles` in a stack file would do
 * nothing. `allowedAccountIds` makes the provider refuse credentials of any other account when it
 * is configured, before any call ("AWS account ID not allowed: <id>"; terraform-provider-aws
 * internal/conns/config.go, aws-sdk-go-base Config.VerifyAccountIDAllowed); `assumeRoles` switches
 * to the stack's role in that account first. Empty without account settings (a disposable stack
 * on the ambient credentials).
 */
export interface ProviderAccess {
  readonly allowedAccountIds?: string[];
  readonly assumeRoles?: aws.types.input.ProviderAssumeRole[];
  readonly profile?: string;
}
