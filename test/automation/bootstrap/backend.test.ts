import { strict as assert } from "assert";
import { backendUrl, bootstrapBackend, BootstrapError, secretsProviderUrl } from "../../../automation/bootstrap/backend";
import * as path from "path";
import { bootstrapTargets, stackBackend } from "../../../automation/bootstrap/targets";
import { loadFleetFile } from "../../../automation/fleet/schema";
import { FakeBackendCloud } from "../../helpers/fake-backend";

const target = { accountId: "123456789012", region: "ap-northeast-2" };
const bucket = "pulumi-state-123456789012-ap-northeast-2";

describe("bootstrap: the state backend of an account and region", () => {
  let cloud: FakeBackendCloud;
  beforeEach(() => (cloud = new FakeBackendCloud(target.accountId, target.region)));
  afterEach(() => cloud.restore());

  it("creates a versioned, KMS-encrypted, TLS-only, private, protected bucket and a rotating key", async () => {
    const changes = await bootstrapBackend(cloud.clients(), target);
    const key = [...cloud.keys.values()][0];
    assert.equal(cloud.aliases.get("alias/pulumi-state-secrets"), key.arn);
    assert.equal(key.rotation, true);
    assert.deepEqual(JSON.parse(key.policy).Statement.map((s: { Sid: string }) => s.Sid), ["EnableIamPolicies", "DenyStateKeyDeletion"]);
    const state = cloud.buckets.get(bucket);
    assert.ok(state);
    assert.equal(state.region, "ap-northeast-2");
    assert.equal(state.versioning, "Enabled");
    assert.deepEqual(state.encryption, { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: key.arn }, BucketKeyEnabled: true }] });
    assert.deepEqual(state.publicAccessBlock, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const policy = JSON.parse(state.policy ?? "{}");
    assert.deepEqual(policy.Statement[0], {
      Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    assert.deepEqual(policy.Statement[1], { Sid: "DenyStateBucketDeletion", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: `arn:aws:s3:::${bucket}` });
    assert.deepEqual(changes.map((c) => `${c.action} ${c.resource}`), [
      "created kms key alias/pulumi-state-secrets",
      "updated kms key alias/pulumi-state-secrets rotation",
      `created s3 bucket ${bucket}`,
      `updated s3 bucket ${bucket} public access block`,
      `updated s3 bucket ${bucket} versioning`,
      `updated s3 bucket ${bucket} encryption`,
      `updated s3 bucket ${bucket} policy`,
    ]);
  });

  it("changes nothing on a second run", async () => {
    await bootstrapBackend(cloud.clients(), target);
    const writes = cloud.writes().length;
    const second = await bootstrapBackend(cloud.clients(), target);
    assert.equal(cloud.writes().length, writes, `second run wrote: ${cloud.writes().slice(writes).join(", ")}`);
    assert.deepEqual(second.map((c) => c.action), ["unchanged", "unchanged"]);
  });

  it("puts back what someone loosened, and keeps their own statements", async () => {
    await bootstrapBackend(cloud.clients(), target);
    const state = cloud.buckets.get(bucket);
    assert.ok(state);
    state.versioning = "Suspended";
    const policy = JSON.parse(state.policy ?? "{}");
    const theirs = { Sid: "AllowAuditRead", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/audit" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` };
    state.policy = JSON.stringify({ ...policy, Statement: [theirs, policy.Statement[1]] });
    const key = [...cloud.keys.values()][0];
    key.rotation = false;
    const changes = await bootstrapBackend(cloud.clients(), target);
    assert.deepEqual(changes.filter((c) => c.action !== "unchanged").map((c) => c.resource), [
      "kms key alias/pulumi-state-secrets rotation",
      `s3 bucket ${bucket} versioning`,
      `s3 bucket ${bucket} policy`,
    ]);
    assert.deepEqual(JSON.parse(cloud.buckets.get(bucket)?.policy ?? "{}").Statement.map((s: { Sid: string }) => s.Sid), ["AllowAuditRead", "DenyStateBucketDeletion", "DenyInsecureTransport"]);
  });

  it("adds the deletion guard to a key made with KMS's default policy without a second grant", async () => {
    const made = await cloud.clients().kms.send(new (await import("@aws-sdk/client-kms")).CreateKeyCommand({}));
    cloud.aliases.set("alias/pulumi-state-secrets", made.KeyMetadata?.Arn ?? "");
    await bootstrapBackend(cloud.clients(), target);
    assert.deepEqual(JSON.parse([...cloud.keys.values()][0].policy).Statement.map((s: { Sid: string }) => s.Sid), ["Enable IAM User Permissions", "DenyStateKeyDeletion"]);
  });

  it("refuses credentials of another account before changing anything", async () => {
    cloud.restore();
    cloud = new FakeBackendCloud(target.accountId, target.region, "444455556666");
    await assert.rejects(bootstrapBackend(cloud.clients(), target), (error: Error) => error instanceof BootstrapError && /reach account 444455556666, not 123456789012: nothing was changed/.test(error.message));
    assert.deepEqual(cloud.writes(), []);
  });

  it("refuses a bucket of that name owned by another account", async () => {
    cloud.buckets.set(bucket, { region: "ap-northeast-2", owner: "999999999999" });
    await assert.rejects(bootstrapBackend(cloud.clients(), target), /bucket pulumi-state-123456789012-ap-northeast-2 exists but not in account 123456789012/);
    assert.deepEqual(cloud.writes().filter((w) => w.includes("Bucket")), []);
  });

  it("names the backend and the secrets provider for pulumi login and stack init", () => {
    assert.equal(backendUrl(target), "s3://pulumi-state-123456789012-ap-northeast-2?region=ap-northeast-2");
    assert.equal(secretsProviderUrl(target), "awskms://alias/pulumi-state-secrets?region=ap-northeast-2");
  });
});

describe("bootstrap: the fleet's backends", () => {
  it("bootstraps every account and region the fleet deploys into, and puts a standby's state beside its primary's", () => {
    const fleet = loadFleetFile(path.join(__dirname, "../../../fleet.yaml"));
    assert.deepEqual(bootstrapTargets(fleet).map((t) => `${t.account} ${t.accountId} ${t.region}`), [
      "dev 111122223333 ap-northeast-2",
      "staging 444455556666 ap-northeast-2",
      "prod 123456789012 ap-northeast-2",
      "prod 123456789012 ap-northeast-1",
    ]);
    assert.deepEqual(bootstrapTargets(fleet, { account: "prod", region: "ap-northeast-1" }).length, 1);
    assert.equal(stackBackend(fleet, "prod"), "s3://pulumi-state-123456789012-ap-northeast-2?region=ap-northeast-2");
    assert.equal(stackBackend(fleet, "prod-dr"), stackBackend(fleet, "prod"), "a StackReference resolves within one backend only");
  });
});
