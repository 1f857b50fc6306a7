import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformSettings } from "../../model/platform";
import type { StackContext } from "../shared/context";
import { defaultTags } from "./tags";

/** What every tier of the stack is built with: the provider and the account and region facts. */
export interface StackBase {
  readonly context: StackContext;
  /** The stack's AWS provider: its region, and the default tags on every taggable resource. */
  readonly provider: aws.Provider;
  /** Options every tier component takes: the stack's provider. */
  readonly opts: pulumi.ComponentResourceOptions;
}

/**
 * The provider and the facts names and ARNs are built from. The account and partition come from
 * look-ups, so the same program deploys to any account the credentials reach.
 */
export function stackBase(config: PlatformSettings): StackBase {
  const provider = new aws.Provider("platform", { region: config.region as aws.Region, defaultTags: { tags: defaultTags(config) } });
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const partition = aws.getPartitionOutput({}, { provider });
  return {
    provider,
    opts: { providers: { aws: provider } },
    context: { namePrefix: `${config.project}-${config.environment}`, region: config.region, accountId: identity.accountId, partition: partition.partition },
  };
}

/** CloudFront takes certificates (and global web ACLs) from us-east-1 only: a provider there when the stack has CloudFront. */
export function globalProvider(config: PlatformSettings): aws.Provider | undefined {
  return config.edge?.cloudFront ? new aws.Provider("platform-us-east-1", { region: "us-east-1", defaultTags: { tags: defaultTags(config) } }) : undefined;
}
