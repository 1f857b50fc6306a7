/**
 * `platform:account`: which AWS account a stack deploys into, how the program's providers reach
 * it, and whether this stack owns the account's singletons in its region (the account baseline).
 */
export interface AccountSettings {
  /** The 12-digit account id: every AWS provider of the stack allows this account and no other. */
  readonly id: string;
  /** The role every provider assumes in that account; the ambient credentials are used as they are when omitted. */
  readonly role?: AccountRole;
  /** A named profile of the shared AWS config that the providers start from (a workstation); none in CI. */
  readonly profile?: string;
  /** Present in the one stack per account and region that owns the account's singletons there. */
  readonly baseline?: AccountBaselineSettings;
}

/** An IAM role of the stack's account that the providers assume (sts:AssumeRole). */
export interface AccountRole {
  /** `arn:<partition>:iam::<account id>:role/<path/name>`, in the stack's account. */
  readonly arn: string;
  /** The role session's name (CloudTrail records it); `pulumi-<project>-<environment>` when omitted. */
  readonly sessionName?: string;
  /** The external id the role's trust policy asks for, when it asks for one. */
  readonly externalId?: string;
}

/**
 * What an account holds once per region (or once per account): created only by the stack that
 * owns the baseline of its account and region, and assumed by every other stack there.
 */
export interface AccountBaselineSettings {
  /**
   * The account's multi-region CloudTrail trail. One per account: it records every region, and
   * CloudTrail allows 5 trails per region (a multi-region trail counts in each).
   */
  readonly cloudTrail: boolean;
  /** The GuardDuty detector of this account and region (GuardDuty allows one per account per region). */
  readonly guardDuty: boolean;
  /** The rules of this region's ECR registry replication configuration (one configuration per registry). */
  readonly registryReplication: readonly RegistryReplicationRule[];
}

/** One rule of the registry's replication configuration: repositories whose names start with a prefix, copied to a region. */
export interface RegistryReplicationRule {
  /** The destination region, in the same account (the standby's region). */
  readonly region: string;
  /** Name prefixes (ECR PREFIX_MATCH filters), e.g. `platform-prod/`; every repository when omitted. */
  readonly repositoryPrefixes?: readonly string[];
}

/** `pulumi-<project>-<environment>`: the session name CloudTrail shows for the stack's API calls. */
export function defaultSessionName(project: string, environment: string): string {
  // STS takes 2-64 characters; project and environment are at most 22 each.
  return `pulumi-${project}-${environment}`.slice(0, 64);
}

/**
 * Account ids the AWS documentation uses in its examples: a stack file holding one has not been
 * given its real account yet (the repository's stack files and blueprints hold only these).
 */
export const documentationAccountIds: readonly string[] = ["111122223333", "444455556666", "777788889999", "123456789012"];

/** The AWS partition of a region: ARNs and service principals are built with it. */
export function partitionOfRegion(region: string): "aws" | "aws-cn" | "aws-us-gov" {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The parts of an IAM role ARN, or undefined when the text is not one. */
export function parseRoleArn(arn: string): { readonly partition: string; readonly accountId: string; readonly name: string } | undefined {
  // IAM role names: 1-64 of [\w+=,.@-]; a path of the same characters between slashes (IAM CreateRole).
  const match = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/.exec(arn);
  return match ? { partition: match[1], accountId: match[2], name: match[3] } : undefined;
}
