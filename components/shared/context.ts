import * as pulumi from "@pulumi/pulumi";

/** Facts about the target account and region that every tier needs to build names and ARNs. */
export interface StackContext {
  /** `<project>-<environment>`, the prefix of every logical and physical name. */
  readonly namePrefix: string;
  /** The stack's AWS region (`aws:region`): service endpoint names and ARNs are built with it. */
  readonly region: string;
  /** The account the provider deploys to, from the caller-identity look-up (the provider allows `platform:account.id` only). */
  readonly accountId: pulumi.Input<string>;
  /** `aws` outside China and GovCloud; from the partition look-up. */
  readonly partition: pulumi.Input<string>;
  /**
   * How the stack's credentials reach its account (`platform:account`): what anything that calls
   * AWS outside the providers must use too, such as a cluster's kubeconfig. None: the ambient credentials.
   */
  readonly access?: AccountAccess;
}

/** The role and profile the stack's providers start from. */
export interface AccountAccess {
  /** The role every provider assumes. */
  readonly roleArn?: string;
  /** The named profile of the shared AWS config the credentials come from. */
  readonly profile?: string;
}
