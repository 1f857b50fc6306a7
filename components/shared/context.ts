import * as pulumi from "@pulumi/pulumi";

/** Facts about the target account and region that every tier needs to build names and ARNs. */
export interface StackContext {
  /** `<project>-<environment>`, the prefix of every logical and physical name. */
  readonly namePrefix: string;
  /** The stack's AWS region (`aws:region`): service endpoint names and ARNs are built with it. */
  readonly region: string;
  /** The account the provider deploys to, from the caller-identity look-up (never configured). */
  readonly accountId: pulumi.Input<string>;
  /** `aws` outside China and GovCloud; from the partition look-up. */
  readonly partition: pulumi.Input<string>;
}
