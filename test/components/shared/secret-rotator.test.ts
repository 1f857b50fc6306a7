import { strict as assert } from "assert";
import type { CapturedResource } from "../../../offline";
import { input, named, ofType, renderStack } from "../../helpers/stacks";

const T = {
  rotation: "aws:secretsmanager/secretRotation:SecretRotation",
  secret: "aws:secretsmanager/secret:Secret",
  fn: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  instance: "aws:rds/instance:Instance",
  group: "aws:elasticache/replicationGroup:ReplicationGroup",
};

interface PolicyStatement {
  Sid: string;
  Action: string[];
  Resource: string | string[];
  Condition?: unknown;
}
const statements = (policy: CapturedResource): PolicyStatement[] => JSON.parse(String(input(policy, "policy"))).Statement;
const env = (fn: CapturedResource) => (input<{ variables: Record<string, string> }>(fn, "environment")).variables;

describe("secret rotation (issue 15; Onno, seed 003, section 5-4; HookLabs, seed 000)", () => {
  it("rotates prod's database password and cache token every 30 days through their own functions", async () => {
    const { resources } = await renderStack("prod");
    const rotations = ofType(resources, T.rotation);
    assert.deepEqual(rotations.map((r) => r.name).sort(), ["platform-prod-cache-rotation-rotation", "platform-prod-db-rotation-rotation"]);
    for (const rotation of rotations) assert.deepEqual(input(rotation, "rotationRules"), { automaticallyAfterDays: 30 });
    const dbSecret = named(resources, T.secret, "platform-prod-db-secret");
    const dbRotation = named(resources, T.rotation, "platform-prod-db-rotation-rotation");
    assert.equal(input(dbRotation, "secretId"), dbSecret.state.arn);
    const fn = named(resources, T.fn, "platform-prod-db-rotation");
    assert.equal(input(dbRotation, "rotationLambdaArn"), fn.state.arn);
    // RDS's API changes the password: the function has no network path to the database.
    assert.equal(input(fn, "vpcConfig"), undefined);
    const instance = named(resources, T.instance, "platform-prod-db-instance");
    assert.deepEqual(
      { kind: env(fn).ROTATION_KIND, target: env(fn).TARGET_ID, key: env(fn).VALUE_KEY, length: env(fn).VALUE_LENGTH },
      { kind: "rds-instance", target: instance.state.identifier ?? input(instance, "identifier"), key: "password", length: "40" },
    );
    // Only the backend reads the database's secret (Pulumi.prod.yaml, CodeMate seed 001 section 5).
    assert.deepEqual(JSON.parse(env(fn).REDEPLOY_SERVICES), [{ cluster: "platform-prod-cluster", service: "backend" }]);
    const invoke = named(resources, T.permission, "platform-prod-db-rotation-invoke");
    assert.deepEqual(
      { principal: input(invoke, "principal"), sourceArn: input(invoke, "sourceArn") },
      { principal: "secretsmanager.amazonaws.com", sourceArn: dbSecret.state.arn },
    );
  });

  it("gives each function a role for its own secret, its own store and the services that read it, action by action", async () => {
    const { resources } = await renderStack("prod");
    const db = statements(named(resources, T.rolePolicy, "platform-prod-db-rotation-policy"));
    const bySid = Object.fromEntries(db.map((s) => [s.Sid, s]));
    assert.deepEqual(Object.keys(bySid), ["WriteOwnLogs", "RotateOwnSecret", "UseSecretKey", "DecryptOwnEnvironment", "SetMasterPassword", "RestartReadingServices"]);
    assert.equal(bySid.RotateOwnSecret.Resource, named(resources, T.secret, "platform-prod-db-secret").state.arn);
    assert.deepEqual(bySid.SetMasterPassword.Action, ["rds:DescribeDBInstances", "rds:ModifyDBInstance"]);
    assert.equal(bySid.SetMasterPassword.Resource, named(resources, T.instance, "platform-prod-db-instance").state.arn);
    assert.deepEqual(bySid.RestartReadingServices.Resource, ["arn:aws:ecs:ap-northeast-2:123456789012:service/platform-prod-cluster/backend"]);
    const cache = statements(named(resources, T.rolePolicy, "platform-prod-cache-rotation-policy"));
    const setToken = cache.find((s) => s.Sid === "SetAuthToken");
    assert.deepEqual(setToken?.Action, ["elasticache:DescribeReplicationGroups", "elasticache:ModifyReplicationGroup"]);
    assert.equal(setToken?.Resource, named(resources, T.group, "platform-prod-cache-group").state.arn);
    for (const s of [...db, ...cache]) for (const r of [s.Resource].flat()) assert.ok(!String(r).endsWith("*") || s.Sid === "WriteOwnLogs", `${s.Sid}: ${r}`);
  });

  it("leaves no secret-rotation suppression on any credentials secret", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const { resources } = await renderStack(stack);
      for (const secret of ofType(resources, T.secret)) {
        const tags = input<Record<string, string> | undefined>(secret, "tags") ?? {};
        assert.equal(tags["policy-suppress:secret-rotation"], undefined, `${stack}: ${secret.name}`);
      }
    }
  });
});
