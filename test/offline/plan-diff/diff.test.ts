import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { diffPlans, formatPlanDiff, PlanResource } from "../../../offline/plan-diff";

/** A resource as a render captures it, with what a test needs set. */
function resource(type: string, name: string, inputs: Record<string, unknown>, more: Partial<PlanResource> = {}): PlanResource {
  return {
    urn: `urn:pulumi:test::aws-platform::${type}::${name}`,
    type,
    name,
    custom: true,
    inputs,
    options: { protect: false, ignoreChanges: [] },
    ...more,
  };
}

const secret = (value: string): unknown => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

describe("plan diff", () => {
  it("reports creations, deletions and in-place updates with the fields that change", () => {
    const before = [resource("aws:sqs/queue:Queue", "a", { name: "a", messageRetentionSeconds: 60 }), resource("aws:sns/topic:Topic", "gone", { name: "gone" })];
    const after = [resource("aws:sqs/queue:Queue", "a", { name: "a", messageRetentionSeconds: 120 }), resource("aws:sns/topic:Topic", "new", { name: "new" })];
    const diff = diffPlans(before, after);
    assert.deepEqual(diff.created.map((r) => r.name), ["new"]);
    assert.deepEqual(diff.deleted.map((r) => r.name), ["gone"]);
    assert.deepEqual(diff.updated.map((r) => [r.name, r.fields.map((f) => `${f.path}: ${String(f.before)} -> ${String(f.after)}`)]), [["a", ["messageRetentionSeconds: 60 -> 120"]]]);
    assert.deepEqual(diff.replaced, []);
  });

  it("replaces a resource when a ForceNew field changes, and says which field and rule", () => {
    const before = [resource("aws:sqs/queue:Queue", "q", { name: "orders", delaySeconds: 0 })];
    const after = [resource("aws:sqs/queue:Queue", "q", { name: "orders-v2", delaySeconds: 5 })];
    const [replacement] = diffPlans(before, after).replaced;
    assert.deepEqual(replacement.because.map((b) => b.field), ["name"]);
    assert.match(replacement.because[0].rule, /internal\/service\/sqs queueSchema/);
    assert.deepEqual(replacement.fields.map((f) => f.path).sort(), ["delaySeconds", "name"]);
  });

  it("redacts secrets in the fields it reports, and still sees them change", () => {
    const before = [resource("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretId: "arn:s", secretString: secret("old-password") })];
    const after = [resource("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretId: "arn:s", secretString: secret("new-password") })];
    const diff = diffPlans(before, after);
    const text = formatPlanDiff(diff).join("\n");
    assert.equal(diff.replaced.length, 1, "a new secret_string is a new version");
    assert.ok(text.includes('secretString: "[secret]" -> "[secret]"'), text);
    assert.ok(!text.includes("password"), `a secret value reached the report:\n${text}`);
  });

  it("leaves out fields the new registration ignores", () => {
    const before = [resource("aws:ecs/service:Service", "s", { name: "s", desiredCount: 2 })];
    const after = [resource("aws:ecs/service:Service", "s", { name: "s", desiredCount: 4 }, { options: { protect: false, ignoreChanges: ["desiredCount"] } })];
    assert.deepEqual(diffPlans(before, after).updated, []);
  });

  it("replaces what holds a replaced resource's computed id (unknown until the replacement, as in a preview)", () => {
    const key = (keyUsage: string) => resource("aws:kms/key:Key", "key", { keyUsage }, { id: "1234abcd-12ab-34cd-56ef-1234567890ab", state: { keyUsage, arn: "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } });
    const volume = resource("aws:ebs/volume:Volume", "disk", { availabilityZone: "ap-northeast-2a", kmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, {
      options: { protect: false, ignoreChanges: [], propertyDependencies: { kmsKeyId: ["urn:pulumi:test::aws-platform::aws:kms/key:Key::key"] } },
    });
    const diff = diffPlans([key("ENCRYPT_DECRYPT"), volume], [key("SIGN_VERIFY"), volume]);
    assert.deepEqual(diff.replaced.map((r) => r.name), ["key", "disk"]);
    assert.equal(diff.replaced[1].fields[0].unknownAfter, "urn:pulumi:test::aws-platform::aws:kms/key:Key::key");
  });

  it("fails on a protected resource replaced or deleted, unless the new config acknowledges it", () => {
    const locked = { protect: true, ignoreChanges: [] };
    const before = [resource("aws:s3/bucket:Bucket", "files", { bucket: "files-1" }, { options: locked }), resource("aws:sqs/queue:Queue", "dlq", { name: "dlq" }, { options: locked })];
    const after = [resource("aws:s3/bucket:Bucket", "files", { bucket: "files-2" })];
    const refused = diffPlans(before, after);
    assert.deepEqual(refused.protectedChanges.map((c) => `${c.change} ${c.name} ${c.acknowledged}`), ["replace files false", "delete dlq false"]);
    assert.equal(refused.errors.length, 2);
    assert.match(refused.errors[0], /aws:s3\/bucket:Bucket files is protected and this change replaces it: name it in platform:acknowledgedReplacements/);

    const accepted = diffPlans(before, after, { acknowledged: ["files", "aws:sqs/queue:Queue::dlq"] });
    assert.deepEqual(accepted.errors, []);
    assert.ok(accepted.protectedChanges.every((c) => c.acknowledged));
  });

  it("fails on an acknowledgement that names no protected resource this change replaces or deletes", () => {
    const before = [resource("aws:s3/bucket:Bucket", "files", { bucket: "files-1" }, { options: { protect: true, ignoreChanges: [] } })];
    const diff = diffPlans(before, before, { acknowledged: ["files", "typo"] });
    assert.deepEqual(diff.errors, [
      "platform:acknowledgedReplacements names files, which this change neither replaces nor deletes: remove it (an acknowledged resource is not protected)",
      "platform:acknowledgedReplacements names typo, which is no protected resource of the stack",
    ]);
  });

  it("refuses an ECS capacity provider strategy update without a forced deployment, naming resource and field", () => {
    const service = (weight: number, more: Record<string, unknown> = {}) =>
      resource("aws:ecs/service:Service", "web", { name: "web", capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight, base: 0 }], ...more });
    const refused = diffPlans([service(80)], [service(50)]);
    assert.deepEqual(refused.refused.map((r) => `${r.name} ${r.field}`), ["web capacityProviderStrategies"]);
    assert.match(refused.errors[0], /aws:ecs\/service:Service web: the provider refuses this update of capacityProviderStrategies: force_new_deployment should be true/);
    assert.deepEqual(diffPlans([service(80, { forceNewDeployment: true })], [service(50, { forceNewDeployment: true })]).errors, []);
  });

  it("refuses a major engine upgrade without allowMajorVersionUpgrade, as RDS does at apply; minor upgrades pass", () => {
    const db = (engineVersion: string, allow: boolean) =>
      resource("aws:rds/instance:Instance", "db", { identifier: "db", engine: "postgres", engineVersion, allowMajorVersionUpgrade: allow });
    const refused = diffPlans([db("16.4", false)], [db("17", false)]);
    assert.match(refused.errors[0] ?? "", /aws:rds\/instance:Instance db: RDS refuses this update of engineVersion: 16\.4 -> 17 is a major version upgrade/);
    assert.deepEqual(diffPlans([db("16.4", true)], [db("17", true)]).errors, []);
    assert.deepEqual(diffPlans([db("16.4", false)], [db("16.6", false)]).errors, []);
    const cluster = (engineVersion: string) => resource("aws:rds/cluster:Cluster", "c", { clusterIdentifier: "c", engine: "aurora-mysql", engineVersion });
    assert.equal(diffPlans([cluster("8.0.mysql_aurora.3.05.2")], [cluster("8.0.mysql_aurora.3.08.0")]).errors.length, 0);
    assert.equal(diffPlans([cluster("5.7.mysql_aurora.2.11.2")], [cluster("8.0.mysql_aurora.3.08.0")]).refused.length, 1);
  });

  it("fails on a type it has no replacement rules for", () => {
    const before = [resource("aws:sfn/stateMachine:StateMachine", "m", { name: "a" })];
    assert.throws(() => diffPlans(before, [resource("aws:sfn/stateMachine:StateMachine", "m", { name: "b" })]), /no replacement rules for aws:sfn\/stateMachine:StateMachine/);
  });
});
