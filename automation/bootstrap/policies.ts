/**
 * The resource policies of the state backend, and the merge that keeps a second run from
 * changing anything (or anyone else's statements). Pure: no AWS calls.
 */

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: unknown;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** The statements bootstrap owns, by Sid; any other statement of the policy is left as it is. */
export const protectionStatementIds = {
  bucket: ["DenyInsecureTransport", "DenyStateBucketDeletion"],
  key: ["EnableIamPolicies", "DenyStateKeyDeletion"],
} as const;

/**
 * TLS only: every request without TLS is denied (aws:SecureTransport false; the S3 user guide's
 * "enforce encryption in transit" policy, and CIS AWS Foundations 3.1.1). Protected: deleting the
 * bucket is denied to everyone, so removing the state takes a deliberate policy edit first (the
 * equivalent of Pulumi's `protect` for a resource no stack owns).
 */
export function bucketPolicy(bucket: string): PolicyDocument {
  const arn = `arn:aws:s3:::${bucket}`;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
      { Sid: "DenyStateBucketDeletion", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: arn },
    ],
  };
}

/**
 * The key's policy: KMS's default statement (the account's IAM policies decide who uses the key;
 * AWS KMS developer guide, "Default key policy"), and a denial of scheduling its deletion: a
 * deleted key makes every secret in every stack's state unreadable, for good.
 */
export function keyPolicy(accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
      { Sid: "DenyStateKeyDeletion", Effect: "Deny", Principal: "*", Action: "kms:ScheduleKeyDeletion", Resource: "*" },
    ],
  };
}

/**
 * The policy `current` (JSON, or undefined when there is none) with the statements of `desired`
 * whose Sid is in `owned` put in: undefined when it already has them, so nothing is written.
 * Other statements stay. A key created with KMS's own default policy has the same grant under
 * another Sid ("Enable IAM User Permissions"); that one counts as ours.
 */
export function mergeStatements(current: string | undefined, desired: PolicyDocument, owned: readonly string[]): PolicyDocument | undefined {
  if (current === undefined) return desired;
  const parsed = JSON.parse(current) as { Version?: string; Statement?: PolicyStatement | PolicyStatement[] };
  const statements = parsed.Statement === undefined ? [] : Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  let changed = false;
  const result = [...statements];
  for (const wanted of desired.Statement.filter((s) => owned.includes(s.Sid))) {
    if (statements.some((s) => sameGrant(s, wanted))) continue;
    const at = result.findIndex((s) => s.Sid === wanted.Sid);
    if (at >= 0) result[at] = wanted;
    else result.push(wanted);
    changed = true;
  }
  return changed ? { Version: "2012-10-17", Statement: result } : undefined;
}

/** Same effect, principal, actions, resources and condition; AWS may return a one-element list as a string. */
function sameGrant(a: PolicyStatement, b: PolicyStatement): boolean {
  const norm = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length === 1 ? norm(value[0]) : value.map(norm).map((v) => JSON.stringify(v)).sort();
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, norm(v)]));
    return value;
  };
  const body = (s: PolicyStatement) => JSON.stringify(norm({ Effect: s.Effect, Principal: s.Principal, Action: s.Action, Resource: s.Resource, Condition: s.Condition ?? null }));
  return body(a) === body(b);
}
