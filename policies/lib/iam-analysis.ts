/**
 * The IAM questions, one function per rule, over normalised statements and the action catalog.
 * Each returns findings (messages); statements with unknown parts are judged on what is known and
 * the unknown parts are returned for the caller to report as "not judged during preview".
 */
import { CatalogAction, changes, resolveAction } from "./action-catalog";
import { wildcardOnlyAllowList } from "./iam-allow-list";
import { hasConditionOn, hasWildcard, isAllResources, NormalStatement, Principals, principalAccount, wildcardMatch } from "./policy-document";
import { isUnknown } from "./unknown";

export interface Findings {
  readonly violations: string[];
  /** Where a value needed for the judgement was unknown. */
  readonly unknown: string[];
}

const empty = (): Findings => ({ violations: [], unknown: [] });

const allows = (s: NormalStatement) => s.effect === "Allow";

/** Actions that are the whole service (`s3:*`) or everything (`*`). */
export function isServiceWildcard(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** No `*` or `service:*`; a partial wildcard must match something and must not reach permission management. */
export async function wildcardActionFindings(s: NormalStatement): Promise<Findings> {
  const out = empty();
  if (!allows(s)) return out;
  for (const action of s.actions) {
    if (isUnknown(action)) {
      out.unknown.push(`${s.label}: Action`);
      continue;
    }
    if (isServiceWildcard(action)) {
      out.violations.push(`${s.label}: allows '${action}'; list the actions one by one`);
      continue;
    }
    if (!hasWildcard(action)) continue;
    const resolved = await resolveAction(action);
    if (resolved.kind !== "actions") continue; // reported by iam-actions-exist
    if (resolved.actions.length === 0) {
      out.violations.push(`${s.label}: '${action}' matches no AWS action`);
      continue;
    }
    const permissions = resolved.actions.filter((a) => a.accessLevels.has("Permissions management"));
    if (permissions.length > 0) {
      out.violations.push(`${s.label}: '${action}' expands to permission management (${sample(permissions)}); list the actions one by one`);
    }
  }
  return out;
}

/** Every action names a real AWS action (a typo grants nothing and hides the intended grant). */
export async function unknownActionFindings(s: NormalStatement): Promise<Findings> {
  const out = empty();
  for (const action of [...s.actions, ...s.notActions]) {
    if (isUnknown(action)) {
      out.unknown.push(`${s.label}: Action`);
      continue;
    }
    if (action === "*") continue;
    const resolved = await resolveAction(action);
    if (resolved.kind === "malformed") out.violations.push(`${s.label}: '${action}' is not of the form service:Action`);
    else if (resolved.kind === "unknown-service") out.violations.push(`${s.label}: '${action}': no AWS service '${resolved.service}'`);
    else if (resolved.actions.length === 0 && !hasWildcard(action)) out.violations.push(`${s.label}: '${action}' is not an action of ${action.split(":")[0]} (typo?)`);
  }
  return out;
}

/**
 * Identity policies: write, permission-management and tagging actions name their resources.
 * Actions AWS only grants on `*` pass when they are on the allow-list.
 */
export async function wildcardResourceFindings(s: NormalStatement): Promise<Findings> {
  const out = empty();
  if (!allows(s)) return out;
  const wild = s.resources.filter((r) => !isUnknown(r) && isAllResources(r));
  if (s.resources.some(isUnknown) && wild.length === 0) out.unknown.push(`${s.label}: Resource`);
  if (wild.length === 0) return out;
  const offending: CatalogAction[] = [];
  for (const action of s.actions) {
    if (isUnknown(action)) {
      out.unknown.push(`${s.label}: Action`);
      continue;
    }
    const resolved = await resolveAction(action);
    if (resolved.kind !== "actions") continue;
    for (const a of resolved.actions) {
      if (changes(a) && !wildcardOnlyAllowList.has(a.name.toLowerCase())) offending.push(a);
    }
  }
  if (offending.length > 0) {
    const onlyStar = offending.filter((a) => a.wildcardOnly);
    const hint = onlyStar.length > 0 ? `; AWS only grants ${sample(onlyStar)} on '*': add ${onlyStar.length === 1 ? "it" : "them"} to the allow-list with the reason` : "";
    out.violations.push(`${s.label}: ${sample(offending)} on '${wild[0]}'; name the resources${hint}`);
  }
  return out;
}

/** `iam:PassRole` (or a pattern matching it) on `*` or on every role. */
export function passRoleFindings(s: NormalStatement): Findings {
  const out = empty();
  if (!allows(s)) return out;
  const passes = s.actions.some((a) => !isUnknown(a) && wildcardMatch(a, "iam:PassRole"));
  if (!passes) {
    if (s.actions.some(isUnknown)) out.unknown.push(`${s.label}: Action`);
    return out;
  }
  for (const resource of s.resources) {
    if (isUnknown(resource)) out.unknown.push(`${s.label}: Resource`);
    else if (isAllResources(resource) || /:role\/\*$/.test(resource) || /^arn:[^:]*:iam::\*:/.test(resource)) {
      out.violations.push(`${s.label}: iam:PassRole on '${resource}'; name the roles it may pass`);
    }
  }
  return out;
}

/** Allow statements list what they grant: no NotAction, NotResource or NotPrincipal. */
export function negationFindings(s: NormalStatement): Findings {
  const out = empty();
  if (!allows(s)) return out;
  if (s.notActions.length > 0) out.violations.push(`${s.label}: Allow with NotAction grants every other action`);
  if (s.notResources.length > 0) out.violations.push(`${s.label}: Allow with NotResource grants every other resource`);
  if (s.notPrincipal) out.violations.push(`${s.label}: Allow with NotPrincipal grants every other principal`);
  return out;
}

/** Condition keys that tie a cross-account or federated principal to a specific caller. */
const crossAccountKeys = ["sts:externalid", "aws:principalorgid", "aws:principalarn", "aws:principalaccount", "aws:sourceidentity", "aws:sourcearn", "aws:sourceaccount", "aws:principalorgpaths"];

/**
 * Trust policies name specific principals: no `*`; federated (OIDC / SAML) principals are bound by
 * an audience or subject condition; an AWS principal outside `trustedAccountIds` needs a condition.
 */
export function trustFindings(s: NormalStatement, trustedAccountIds: readonly string[]): Findings {
  const out = empty();
  if (!allows(s)) return out;
  const principal = s.principal;
  if (!principal) {
    out.violations.push(`${s.label}: a trust statement without a Principal`);
    return out;
  }
  if (principal.anyone) {
    out.violations.push(`${s.label}: trusts any principal ('*'); name the service, role or account`);
    return out;
  }
  for (const federated of principal.federated) {
    if (isUnknown(federated)) continue; // the provider ARN is not needed to judge the condition
    if (s.unknownParts.includes("Condition")) {
      out.unknown.push(`${s.label}: Condition`);
      continue;
    }
    if (!hasFederatedCondition(s)) {
      out.violations.push(`${s.label}: federated principal without an audience or subject condition: any identity of that provider may assume the role`);
    }
  }
  for (const aws of principal.aws) {
    if (isUnknown(aws)) {
      out.unknown.push(`${s.label}: Principal.AWS`);
      continue;
    }
    const account = principalAccount(aws);
    if (account === "*") {
      out.violations.push(`${s.label}: trusts '${aws}' in any account`);
      continue;
    }
    if (account && trustedAccountIds.includes(account)) continue;
    if (hasConditionOn(s, crossAccountKeys)) continue;
    if (s.unknownParts.includes("Condition")) out.unknown.push(`${s.label}: Condition`);
    else {
      out.violations.push(`${s.label}: trusts ${account ? `account ${account}` : `'${aws}'`} without a condition (sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn); list the account in trustedAccountIds if it is one of ours`);
    }
  }
  return out;
}

function hasFederatedCondition(s: NormalStatement): boolean {
  for (const block of Object.values(s.conditions)) {
    for (const key of Object.keys(block)) {
      const k = key.toLowerCase();
      if (k.endsWith(":sub") || k.endsWith(":aud") || k.endsWith(":oaud") || k.endsWith(":amr")) return true;
    }
  }
  return false;
}

/** Keys that scope a grant to a caller: the resource it acts for, an account or an organisation. */
const sourceKeys = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceowner", "aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:sourcevpce", "aws:sourcevpc", "kms:calleraccount", "kms:viaservice"];
const sourcePrefixes = ["kms:encryptioncontext:"];

/**
 * Resource policies (bucket, key, queue, topic, repository, secret, vault, log and bus policies):
 * `Resource: "*"` there means the resource the policy is attached to, so it is not judged. Anyone
 * (`*`) must be narrowed by a source or organisation condition; a service principal must be
 * scoped by the source ARN or account it acts for (the confused-deputy guard).
 */
export function resourcePolicyFindings(s: NormalStatement): Findings {
  const out = empty();
  if (!allows(s)) return out;
  const principal: Principals | undefined = s.principal;
  if (!principal) return out;
  const scoped = hasConditionOn(s, sourceKeys, sourcePrefixes);
  const needsScope = principal.anyone || principal.service.length > 0;
  if (needsScope && !scoped && s.unknownParts.includes("Condition")) {
    out.unknown.push(`${s.label}: Condition`);
    return out;
  }
  if (principal.anyone && !scoped) {
    out.violations.push(`${s.label}: allows anyone ('*') without a source or organisation condition: the resource is public`);
  }
  if (principal.service.length > 0 && !scoped) {
    out.violations.push(`${s.label}: service principal ${principal.service.join(", ")} without aws:SourceArn or aws:SourceAccount: another account's resource could use this grant`);
  }
  return out;
}

function sample(actions: readonly CatalogAction[]): string {
  const names = actions.slice(0, 3).map((a) => a.name);
  return actions.length > 3 ? `${names.join(", ")} and ${actions.length - 3} more` : names.join(", ");
}
