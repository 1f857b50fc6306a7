import * as pulumi from "@pulumi/pulumi";

/** Facts about the target account and region that every tier needs to build names and ARNs. */
export interface StackContext {
  /** `<project>-<environment>`, the prefix of every logical and physical name. */
  readonly namePrefix: string;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** `aws` outside China and GovCloud; from the partition look-up. */
  readonly partition: pulumi.Input<string>;
}
