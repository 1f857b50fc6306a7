import { Inputs } from "./inputs";

/** What the mock knows of an explicit aws provider: where its calls go, and as which account and principal. */
export interface AwsProviderFacts {
  readonly region: string;
  /** The account its credentials reach; empty when the provider was told not to look it up. */
  readonly accountId: string;
  /** The principal GetCallerIdentity answers with. */
  readonly callerArn: string;
}

/**
 * The account an explicit aws provider works in, determined the way the provider does it when it
 * is configured, before any resource operation (terraform-provider-aws
 * internal/conns/config.go ConfigureProvider, which the Pulumi provider bridges; aws-sdk-go-base
 * GetAwsAccountIDAndPartition and Config.VerifyAccountIDAllowed):
 * - with `assumeRoles`, the credentials are the role's: its account;
 * - otherwise the credentials it starts from (the environment's, or a named profile's): the
 *   ambient account of this mock cloud;
 * - with both `skipCredentialsValidation` and `skipRequestingAccountId` set, no account is looked
 *   up at all: the id is empty.
 * Then `allowedAccountIds` refuses any other account, the empty id included: "AWS account ID not
 * allowed: <id>". Provider inputs reach a mock as JSON text (the SDK serialises them so), so lists
 * and flags are parsed here.
 */
export function configureAwsProvider(name: string, inputs: Inputs, ambientAccountId: string): AwsProviderFacts {
  const region = typeof inputs.region === "string" ? inputs.region : "";
  const roles = jsonList(inputs.assumeRoles);
  const role = roles.length > 0 ? roleOf(name, roles[roles.length - 1]) : undefined;
  const skipsLookup = flag(inputs.skipCredentialsValidation) && flag(inputs.skipRequestingAccountId);
  const accountId = skipsLookup ? "" : (role?.accountId ?? ambientAccountId);
  const allowed = jsonList(inputs.allowedAccountIds).map(String);
  if (allowed.length > 0 && !allowed.includes(accountId)) {
    const why = skipsLookup ? " (skipCredentialsValidation and skipRequestingAccountId leave the provider no account id to check)" : "";
    throw new Error(`provider ${name}: AWS account ID not allowed: ${accountId}${why}; allowedAccountIds is [${allowed.join(", ")}]`);
  }
  const callerArn = role ? `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${role.sessionName}` : `arn:aws:iam::${accountId}:user/platform-engineer`;
  return { region, accountId, callerArn };
}

function roleOf(provider: string, value: unknown): { accountId: string; name: string; sessionName: string } {
  const role = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const arn = typeof role.roleArn === "string" ? role.roleArn : "";
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
  if (!match) throw new Error(`provider ${provider}: assumeRoles roleArn ${JSON.stringify(arn)} is not an IAM role ARN (STS AssumeRole refuses it)`);
  return { accountId: match[1], name: match[2], sessionName: typeof role.sessionName === "string" ? role.sessionName : "session" };
}

/** A provider input list: JSON text as the SDK hands provider inputs over, or a list. */
function jsonList(value: unknown): unknown[] {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed : [];
}

function flag(value: unknown): boolean {
  return value === true || value === "true";
}
