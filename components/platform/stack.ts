import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountSettings, defaultSessionName } from "../../model/account/settings";
import type { PlatformSettings } from "../../model/platform";
import type { StackContext } from "../shared/context";
import type { ProviderAccess } from "../shared/provider-access";
import { defaultTags } from "./tags";

/** What every tier of the stack is built with: the provider and the account and region facts. */
export interface StackBase {
  readonly context: StackContext;
  /** The stack's AWS provider: its region, its account, and the default tags on every taggable resource. */
  readonly provider: aws.Provider;
  /** Options every tier component takes: the stack's provider. */
  readonly opts: pulumi.ComponentResourceOptions;
  /** The account settings every further aws provider of the stack is built with (`providerAccess`). */
  readonly access: ProviderAccess;
}

/** `platform:account` as the arguments every aws provider of the stack takes (see ProviderAccess). */
export function providerAccess(account: AccountSettings | undefined, config: Pick<PlatformSettings, "project" | "environment">): ProviderAccess {
  if (!account) return {};
  const { role } = account;
  return {
    allowedAccountIds: [account.id],
    ...(role
      ? { assumeRoles: [{ roleArn: role.arn, sessionName: role.sessionName ?? defaultSessionName(config.project, config.environment), ...(role.externalId ? { externalId: role.externalId } : {}) }] }
      : {}),
    ...(account.profile ? { profile: account.profile } : {}),
  };
}

/**
 * The provider and the facts names and ARNs are built from. The account and partition come from
 * look-ups through the provider, which allows the configured account only.
 */
export function stackBase(config: PlatformSettings): StackBase {
  const access = providerAccess(config.account, config);
  const provider = new aws.Provider("platform", { region: config.region as aws.Region, defaultTags: { tags: defaultTags(config) }, ...access });
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const partition = aws.getPartitionOutput({}, { provider });
  return {
    provider,
    access,
    opts: { providers: { aws: provider } },
    context: {
      namePrefix: `${config.project}-${config.environment}`,
      region: config.region,
      accountId: identity.accountId,
      partition: partition.partition,
      access: config.account ? { roleArn: config.account.role?.arn, profile: config.account.profile } : undefined,
    },
  };
}

/** CloudFront takes certificates (and global web ACLs) from us-east-1 only: a provider there when the stack has CloudFront. */
export function globalProvider(config: PlatformSettings, { access }: StackBase): aws.Provider | undefined {
  return config.edge?.cloudFront ? new aws.Provider("platform-us-east-1", { region: "us-east-1", defaultTags: { tags: defaultTags(config) }, ...access }) : undefined;
}
