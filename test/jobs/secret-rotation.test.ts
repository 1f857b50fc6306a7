import { strict as assert } from "assert";
import * as crypto from "crypto";
import * as path from "path";
import { repoRoot } from "../helpers/paths";

/* The rotation function (jobs/secret-rotation) against an in-memory Secrets Manager, RDS,
   ElastiCache and ECS: the four steps Secrets Manager calls, in order, and their retries. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a handler is a .js file outside the TypeScript program
const rotation = require(path.join(repoRoot, "jobs", "secret-rotation", "index.js"));

type Versions = Record<string, { value?: string; stages: string[] }>;

function fakeCloud(initial: string, options: { pendingChecks?: number } = {}) {
  const versions: Versions = { v1: { value: initial, stages: ["AWSCURRENT"] } };
  const calls: string[] = [];
  let pendingChecks = options.pendingChecks ?? 0;
  const describe = () => {
    const settled = pendingChecks-- <= 0;
    return { Status: settled ? "available" : "modifying", PendingModifiedValues: settled ? {} : { MasterUserPassword: "****", AuthTokenStatus: "ROTATING" } };
  };
  const deps = {
    env: {} as Record<string, string>,
    log: () => undefined,
    sleep: () => Promise.resolve(calls.push("sleep")),
    randomBytes: (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256)),
    secrets: {
      describeSecret: () =>
        Promise.resolve({ RotationEnabled: true, VersionIdsToStages: Object.fromEntries(Object.entries(versions).map(([id, v]) => [id, [...v.stages]])) }),
      getSecretValue: (_: string, { versionId, stage }: { versionId?: string; stage: string }) => {
        const found = Object.entries(versions).find(([id, v]) => (!versionId || id === versionId) && v.stages.includes(stage));
        // A version RotateSecret labelled AWSPENDING has no value until createSecret puts one.
        return Promise.resolve(found?.[1].value);
      },
      putSecretValue: (_: string, token: string, value: string, stages: string[]) => {
        calls.push(`put ${token}`);
        versions[token] = { value, stages };
        return Promise.resolve();
      },
      updateSecretVersionStage: (_: string, stage: string, moveTo: string, removeFrom?: string) => {
        calls.push(`stage ${stage} ${removeFrom} -> ${moveTo}`);
        if (removeFrom) versions[removeFrom].stages = ["AWSPREVIOUS"];
        versions[moveTo].stages = [stage];
        return Promise.resolve();
      },
    },
    rds: {
      modifyInstance: (id: string, password: string) => Promise.resolve(calls.push(`ModifyDBInstance ${id} ${password.length}`)),
      modifyCluster: (id: string, password: string) => Promise.resolve(calls.push(`ModifyDBCluster ${id} ${password.length}`)),
      describeInstance: () => Promise.resolve(describe()),
      describeCluster: () => Promise.resolve(describe()),
    },
    elasticache: {
      rotateAuthToken: (id: string, token: string) => Promise.resolve(calls.push(`ModifyReplicationGroup ${id} ROTATE ${token.length}`)),
      describeReplicationGroup: () => Promise.resolve(describe()),
    },
    ecs: { forceNewDeployment: (cluster: string, service: string) => Promise.resolve(calls.push(`UpdateService ${cluster}/${service} forceNewDeployment`)) },
  };
  return { deps, versions, calls };
}

/** RotateSecret: Secrets Manager labels the new version's id AWSPENDING, then calls the four steps. */
function startRotation(versions: Versions, token = "v2") {
  versions[token] = { stages: ["AWSPENDING"] };
}

async function rotate(handler: (e: unknown) => Promise<void>, versions: Versions, token = "v2") {
  if (!versions[token]) startRotation(versions, token);
  for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await handler({ SecretId: "s", ClientRequestToken: token, Step });
}

const dbSecret = JSON.stringify({ engine: "postgres", host: "db", port: 5432, username: "onno", password: "old-password-000000000000000000000000000", dbname: "onno" });

describe("job handlers: secret rotation (Onno, seed 003, section 5-4)", () => {
  it("rotates an RDS master password through ModifyDBInstance, waits for it to apply, then makes it current and redeploys the services", async () => {
    const cloud = fakeCloud(dbSecret, { pendingChecks: 2 });
    cloud.deps.env = { ROTATION_KIND: "rds-instance", TARGET_ID: "onno-prod-db", VALUE_KEY: "password", VALUE_LENGTH: "40", VALUE_SPECIALS: "!#$", REDEPLOY_SERVICES: '[{"cluster":"c","service":"api"}]' };
    const handler = rotation.makeHandler(cloud.deps);
    await rotate(handler, cloud.versions);
    assert.deepEqual(cloud.calls, ["put v2", "ModifyDBInstance onno-prod-db 40", "sleep", "sleep", "stage AWSCURRENT v1 -> v2", "UpdateService c/api forceNewDeployment"]);
    const rotated = JSON.parse(cloud.versions.v2.value ?? "");
    assert.deepEqual({ ...rotated, password: "x" }, { ...JSON.parse(dbSecret), password: "x" }, "host, port, user and database stay");
    assert.notEqual(rotated.password, JSON.parse(dbSecret).password);
    assert.match(rotated.password, /^[A-Za-z0-9!#$]{40}$/);
    assert.deepEqual(cloud.versions.v1.stages, ["AWSPREVIOUS"]);
  });

  it("uses ModifyDBCluster for Aurora and ROTATE for an ElastiCache AUTH token (old and new both accepted)", async () => {
    const aurora = fakeCloud(dbSecret);
    aurora.deps.env = { ROTATION_KIND: "rds-cluster", TARGET_ID: "hl-prod-db", VALUE_KEY: "password", VALUE_LENGTH: "40" };
    await rotate(rotation.makeHandler(aurora.deps), aurora.versions);
    assert.deepEqual(aurora.calls, ["put v2", "ModifyDBCluster hl-prod-db 40", "stage AWSCURRENT v1 -> v2"]);

    const cache = fakeCloud(JSON.stringify({ authToken: "t".repeat(64), host: "cache", port: 6379 }));
    cache.deps.env = { ROTATION_KIND: "elasticache", TARGET_ID: "onno-prod-cache", VALUE_KEY: "authToken", VALUE_LENGTH: "64", VALUE_SPECIALS: "!&#$^<>-" };
    await rotate(rotation.makeHandler(cache.deps), cache.versions);
    assert.deepEqual(cache.calls, ["put v2", "ModifyReplicationGroup onno-prod-cache ROTATE 64", "stage AWSCURRENT v1 -> v2"]);
  });

  it("rotates a generated application secret (a JWT signing secret) without touching any store", async () => {
    const cloud = fakeCloud("j".repeat(64));
    cloud.deps.env = { ROTATION_KIND: "generated", VALUE_LENGTH: "64" };
    await rotate(rotation.makeHandler(cloud.deps), cloud.versions);
    assert.deepEqual(cloud.calls, ["put v2", "stage AWSCURRENT v1 -> v2"]);
    assert.match(cloud.versions.v2.value ?? "", /^[A-Za-z0-9]{64}$/);
  });

  it("follows the primary in the standby region: the primary's username and password with the copy's own host, no store touched", async () => {
    const copy = JSON.stringify({ engine: "postgres", host: "standby-db.tokyo", port: 5432, username: "onno", password: "old-password-000000000000000000000000000", dbname: "onno" });
    const cloud = fakeCloud(copy);
    const primary = JSON.stringify({ engine: "postgres", host: "db.seoul", port: 5432, username: "onno", password: "rotated-in-seoul-AAAA1111", dbname: "onno" });
    const read: string[] = [];
    Object.assign(cloud.deps, { source: { getCurrent: (arn: string) => Promise.resolve(read.push(arn) && primary) } });
    cloud.deps.env = { ROTATION_KIND: "follow", SOURCE_SECRET_ARN: "arn:aws:secretsmanager:ap-northeast-2:1:secret:onno/prod/database-AbCdEf", VALUE_KEY: "password", VALUE_LENGTH: "40", REDEPLOY_SERVICES: '[{"cluster":"onno-prod-dr-cluster","service":"api"}]' };
    await rotate(rotation.makeHandler(cloud.deps), cloud.versions);
    assert.deepEqual(read, ["arn:aws:secretsmanager:ap-northeast-2:1:secret:onno/prod/database-AbCdEf"]);
    assert.deepEqual(JSON.parse(cloud.versions.v2.value ?? ""), { ...JSON.parse(copy), password: "rotated-in-seoul-AAAA1111" });
    assert.deepEqual(cloud.calls, ["put v2", "stage AWSCURRENT v1 -> v2", "UpdateService onno-prod-dr-cluster/api forceNewDeployment"]);
  });

  it("does nothing twice: a retried createSecret keeps the pending value, a retried step of a finished rotation is a no-op", async () => {
    const cloud = fakeCloud("j".repeat(64));
    cloud.deps.env = { ROTATION_KIND: "generated", VALUE_LENGTH: "64" };
    const handler = rotation.makeHandler(cloud.deps);
    cloud.versions.v2 = { value: "p".repeat(63) + "A1", stages: ["AWSPENDING"] };
    await handler({ SecretId: "s", ClientRequestToken: "v2", Step: "createSecret" });
    assert.equal(cloud.versions.v2.value, "p".repeat(63) + "A1");
    await handler({ SecretId: "s", ClientRequestToken: "v2", Step: "finishSecret" });
    await handler({ SecretId: "s", ClientRequestToken: "v2", Step: "finishSecret" });
    assert.equal(cloud.calls.filter((c) => c.startsWith("stage")).length, 1);
  });

  it("fails the rotation when the store never applies the password, and refuses bad events and settings", async () => {
    const cloud = fakeCloud(dbSecret, { pendingChecks: 99 });
    cloud.deps.env = { ROTATION_KIND: "rds-instance", TARGET_ID: "db", VALUE_KEY: "password", VALUE_LENGTH: "40", WAIT_ATTEMPTS: "3" };
    const handler = rotation.makeHandler(cloud.deps);
    startRotation(cloud.versions);
    await handler({ SecretId: "s", ClientRequestToken: "v2", Step: "createSecret" });
    await handler({ SecretId: "s", ClientRequestToken: "v2", Step: "setSecret" });
    await assert.rejects(handler({ SecretId: "s", ClientRequestToken: "v2", Step: "testSecret" }), /db: the new credentials were not applied after 3 checks \(status modifying, password change pending\)/);
    assert.deepEqual(cloud.versions.v1.stages, ["AWSCURRENT"], "the old password stays current");
    await assert.rejects(handler({ SecretId: "s", ClientRequestToken: "v9", Step: "setSecret" }), /has no version v9/);
    await assert.rejects(handler({ SecretId: "s", ClientRequestToken: "v2", Step: "dance" }), /unknown step dance/);
    cloud.deps.env = { ROTATION_KIND: "mongo", VALUE_LENGTH: "40" };
    await assert.rejects(handler({ SecretId: "s", ClientRequestToken: "v2", Step: "setSecret" }), /ROTATION_KIND must be one of/);
  });

  it("draws characters from the alphabet only, with a lower-case letter, an upper-case letter and a digit", () => {
    for (let i = 0; i < 50; i++) {
      const value: string = rotation.randomValue(20, "abcXYZ019-", crypto.randomBytes);
      assert.match(value, /^[abcXYZ019-]{20}$/);
      assert.match(value, /[a-z]/);
      assert.match(value, /[A-Z]/);
      assert.match(value, /[0-9]/);
    }
  });
});

describe("job handlers: secret age reminder (HookLabs, seed 000; Onno, seed 003, section 5-4)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a handler is a .js file outside the TypeScript program
  const age = require(path.join(repoRoot, "jobs", "secret-age", "index.js"));
  const secrets = [
    { key: "openai-api-key", secretId: "arn:openai", maxAgeDays: 90 },
    { key: "stripe-api-key", secretId: "arn:stripe", maxAgeDays: 90 },
    { key: "pinecone-api-key", secretId: "arn:pinecone", maxAgeDays: 90 },
  ];
  const described: Record<string, { LastChangedDate?: string; CreatedDate: string; VersionIdsToStages?: Record<string, string[]> }> = {
    "arn:openai": { LastChangedDate: "2026-08-01T00:00:00Z", CreatedDate: "2026-01-01T00:00:00Z", VersionIdsToStages: { a: ["AWSCURRENT"] } },
    "arn:stripe": { LastChangedDate: "2026-11-01T00:00:00Z", CreatedDate: "2026-01-01T00:00:00Z", VersionIdsToStages: { b: ["AWSCURRENT"] } },
    "arn:pinecone": { CreatedDate: "2026-12-01T00:00:00Z" },
  };

  it("publishes one reminder naming the secrets past their age and those never set, and none when all are fresh", async () => {
    const published: [string, string, string][] = [];
    const deps = {
      env: { SECRETS: JSON.stringify(secrets), TOPIC_ARN: "arn:topic", STACK: "onno-prod" },
      now: () => new Date("2026-12-05T00:00:00Z"),
      log: () => undefined,
      describeSecret: (id: string) => Promise.resolve(described[id]),
      publish: (topic: string, subject: string, message: string) => Promise.resolve(published.push([topic, subject, message])),
    };
    assert.deepEqual(await age.makeHandler(deps)(), { checked: 3, overdue: 2 });
    assert.equal(published.length, 1);
    const [topic, subject, message] = published[0];
    assert.equal(topic, "arn:topic");
    assert.equal(subject, "onno-prod: 2 secret(s) to rotate");
    assert.match(message, /openai-api-key: last changed 2026-08-01, 126 days ago \(limit 90\)/);
    assert.match(message, /pinecone-api-key: no value has been set/);
    assert.doesNotMatch(message, /stripe/);

    published.length = 0;
    deps.env.SECRETS = JSON.stringify([secrets[1]]);
    assert.deepEqual(await age.makeHandler(deps)(), { checked: 1, overdue: 0 });
    assert.equal(published.length, 0);
    deps.env.SECRETS = '[{"key":"x"}]';
    await assert.rejects(age.makeHandler(deps)(), /SECRETS must be a JSON list/);
  });
});
