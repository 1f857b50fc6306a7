import { z } from "zod";
import { parseRoleArn, partitionOfRegion } from "../../model/account/settings";
import { supportedRegions } from "../../model/network/regions";

/**
 * `platform:account`: the account the stack deploys into and how its providers reach it. Every
 * AWS provider the program builds is given `allowedAccountIds: [id]`, and the assumed role when
 * one is set: the AWS provider then refuses to run with credentials of any other account ("AWS
 * account ID not allowed", checked when the provider is configured, before any call).
 */

/** Account ids are not secret (AWS Account Management reference, "View AWS account identifiers"): plain config. */
export const accountId = z
  .string({ invalid_type_error: "must be a 12-digit account id in quotes ('111122223333'): unquoted, YAML reads a number and drops leading zeros" })
  .regex(/^\d{12}$/, "must be a 12-digit AWS account id");

/** STS AssumeRole RoleSessionName: 2-64 characters of [\w+=,.@-] (STS API reference). */
const sessionName = z.string().regex(/^[\w+=,.@-]{2,64}$/, "must be 2-64 characters of letters, digits and _+=,.@- (STS RoleSessionName)");
/** STS AssumeRole ExternalId: 2-1224 characters of [\w+=,.@:/-] (STS API reference). */
const externalId = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, "must be 2-1224 characters of letters, digits and _+=,.@:/- (STS ExternalId)");
/** A profile name as the shared config file and the AWS CLI take it. */
const profile = z.string().regex(/^[A-Za-z0-9_.+@=-]{1,64}$/, "must be a profile name of the shared AWS config: 1-64 letters, digits and _.+@=-");

/**
 * ECR RepositoryFilter.filter for PREFIX_MATCH: up to 256 characters of the repository-name
 * grammar, which may stop after a `/` (ECR API reference, RepositoryFilter).
 */
const repositoryPrefix = z
  .string()
  .max(256, "takes at most 256 characters (ECR RepositoryFilter)")
  .regex(/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]*(?:[._-][a-z0-9]+)*$/, "must be the start of an ECR repository name, e.g. `platform-prod/`");

export const registryReplicationRule = z
  .object({
    region: z.enum(supportedRegions as [string, ...string[]]).describe("The destination region, in this account: where a standby stack holds repositories of the same names."),
    repositoryPrefixes: z
      .array(repositoryPrefix)
      .min(1, "list at least one prefix, or leave the key out to replicate every repository")
      .max(100, "ECR takes at most 100 filters per rule")
      .optional()
      .describe("Repository name prefixes (PREFIX_MATCH), e.g. `platform-prod/` for a primary's repositories; every repository of the registry when omitted."),
  })
  .strict()
  .describe("One rule of this region's registry replication: repositories copied into another region of the same account.");

export const baselineSection = z
  .object({
    cloudTrail: z
      .boolean()
      .describe("The account's multi-region CloudTrail trail, to an encrypted bucket of its own (seed 001's checklist). One per account: it records every region, and CloudTrail allows 5 trails per region."),
    guardDuty: z.boolean().describe("The GuardDuty detector of this account and region (seeds 000 and 001); GuardDuty allows one detector per account per region."),
    registryReplication: z
      .array(registryReplicationRule)
      .max(10, "ECR takes at most 10 rules per replication configuration")
      .default([])
      .describe("The rules of this region's ECR registry replication configuration (one configuration per registry): a standby's repositories are copied by the baseline of its primary's account and region."),
  })
  .strict()
  .describe("Present in the one stack that owns this account's singletons in its region (`npm run accounts` refuses a second owner). Other stacks of the account and region assume them.");

export const accountSection = z
  .object({
    id: accountId.describe("The account the stack deploys into (quoted). Every AWS provider of the stack allows this account only: credentials of another account fail before any change."),
    role: z
      .object({
        arn: z.string().describe("The IAM role in this account that every provider assumes: `arn:aws:iam::<id>:role/<name>` (the role CI assumes)."),
        sessionName: sessionName.optional().describe("The role session's name, which CloudTrail records; `pulumi-<project>-<environment>` when omitted."),
        externalId: externalId.optional().describe("The external id the role's trust policy requires, if any (not a secret: it guards against a confused deputy)."),
      })
      .strict()
      .optional()
      .describe("The role to assume; without one the providers use the credentials they are started with, still held to `id`."),
    profile: profile.optional().describe("A named profile of the shared AWS config to start from (a workstation); CI leaves it out and passes credentials in the environment."),
    baseline: baselineSection.optional(),
  })
  .strict()
  .describe(
    "The AWS account of the stack and how its providers reach it. Required where data is protected. The ids in this repository's stack files and blueprints are AWS documentation examples (111122223333, 444455556666, 123456789012): set your accounts' ids before deploying.",
  );

export type AccountConfig = z.infer<typeof accountSection>;

type Path = (string | number)[];

/** What the rest of the stack's config says that the account section is checked against. */
export interface AccountCheckContext {
  readonly region: string;
  readonly dataProtection: "protected" | "disposable";
  /** `compute.engine` when the stack has compute. */
  readonly engine?: "ecs" | "eks";
}

/** Cross-field rules of `platform:account`; every problem reported with its path. */
export function checkAccount(account: AccountConfig | undefined, context: AccountCheckContext, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["account", ...path], message });
  if (!account) {
    if (context.dataProtection === "protected") {
      issue([], "is required where data is protected: name the account (`id`) so every provider refuses to deploy into any other");
    }
    return;
  }
  if (account.role) {
    const role = parseRoleArn(account.role.arn);
    if (!role) {
      issue(["role", "arn"], "must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>");
    } else {
      if (role.accountId !== account.id) issue(["role", "arn"], `is a role of account ${role.accountId}, not of the stack's account ${account.id}: the providers assume a role in the account they deploy into`);
      const partition = partitionOfRegion(context.region);
      if (role.partition !== partition) issue(["role", "arn"], `is in partition ${role.partition}, but ${context.region} is in ${partition}`);
    }
    // `aws eks get-token`, which the kubeconfig runs to reach the cluster as the role, takes a
    // role ARN but no external id (AWS CLI reference, eks get-token): the Kubernetes resources
    // could not be deployed.
    if (account.role.externalId && context.engine === "eks") {
      issue(["role", "externalId"], "cannot be used with compute engine eks: the kubeconfig assumes the role with `aws eks get-token --role-arn`, which passes no external id");
    }
  }
  const rules = account.baseline?.registryReplication ?? [];
  rules.forEach((rule, index) => {
    if (rule.region === context.region) issue(["baseline", "registryReplication", index, "region"], `is this stack's own region: ECR replicates a registry into other regions only`);
    if (rules.findIndex((r) => r.region === rule.region) !== index) issue(["baseline", "registryReplication", index, "region"], "is listed twice: one rule per destination region");
  });
}
