/**
 * AWS's default key policy statement: the account that owns the KMS key, as its root principal,
 * allowed `kms:*` on `*` (the key). It gives no one access by itself: it lets the account's IAM
 * policies grant access to the key, and without it IAM policies grant nothing on the key ("Default
 * key policy", section "Allows access to the AWS account and enables IAM policies", AWS KMS
 * Developer Guide). AWS applies it to every key created without a policy and recommends keeping
 * it, so `kms:*` there is not the wildcard grant iam-no-wildcard-actions is about, provided the
 * account is the key's own: the same statement naming another account hands that account the key.
 */
import { NormalStatement, principalAccount } from "./policy-document";
import { isUnknown } from "./unknown";

/** The account of an account-root principal (`arn:<partition>:iam::<account>:root` or the bare id). */
export function rootAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:iam::\d{12}:root$/.test(principal) ? principalAccount(principal) : undefined;
}

export interface DefaultStatement {
  /** The root accounts the statement names. */
  readonly accounts: readonly string[];
  /** A principal is unknown (a preview): the accounts are not all known yet. */
  readonly unknown: boolean;
}

/**
 * The statement as AWS's default statement: Allow, only account-root AWS principals, exactly
 * `kms:*` on `*` (conditions only narrow it). Undefined for any other statement.
 */
export function asDefaultKeyStatement(s: NormalStatement): DefaultStatement | undefined {
  if (s.effect !== "Allow" || !s.principal || s.principal.anyone) return undefined;
  const p = s.principal;
  if (p.service.length > 0 || p.federated.length > 0 || p.canonicalUser.length > 0 || p.aws.length === 0) return undefined;
  if (s.notActions.length > 0 || s.notResources.length > 0 || s.notPrincipal) return undefined;
  if (s.actions.length !== 1 || s.actions[0].toLowerCase() !== "kms:*") return undefined;
  if (s.resources.length !== 1 || s.resources[0] !== "*") return undefined;
  const accounts: string[] = [];
  let unknown = false;
  for (const principal of p.aws) {
    if (isUnknown(principal)) {
      unknown = true;
      continue;
    }
    const account = rootAccount(principal);
    if (!account) return undefined;
    accounts.push(account);
  }
  return { accounts, unknown };
}

/** The account in a KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`). */
export function keyAccount(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  const match = /^arn:[^:]+:kms:[^:]*:(\d{12}):key\//.exec(arn);
  return match ? match[1] : undefined;
}
