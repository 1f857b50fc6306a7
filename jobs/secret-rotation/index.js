"use strict";
// Secrets Manager's rotation function for the platform's secrets (issue 15, item 2; Onno, seed 003,
// section 5-4: the database password every 30 days, the JWT secret every 90 days; HookLabs, seed
// 000: automatic secret rotation). Secrets Manager calls it four times per rotation, once per step
// ("Rotation by Lambda function", Secrets Manager User Guide: createSecret, setSecret, testSecret,
// finishSecret), with the secret, the new version's token and the step.
//
// What it rotates (ROTATION_KIND):
// - rds-instance / rds-cluster: the master password, changed through RDS's own API
//   (ModifyDBInstance / ModifyDBCluster MasterUserPassword, ApplyImmediately). The function needs no
//   network path to the database; RDS applies the change asynchronously, so testSecret waits until
//   no MasterUserPassword change is pending. A read replica (and the standby region's cross-region
//   replica) receives the new password through replication.
// - elasticache: the AUTH token, through ModifyReplicationGroup with AuthTokenUpdateStrategy ROTATE
//   ("Modifying the AUTH token on an existing cluster", ElastiCache User Guide): the old and the new
//   token are both accepted afterwards, so running clients keep working until they restart.
// - follow: the standby region's copy of the primary's database credentials (components/dr): the
//   replica already has the primary's password (replication copies the users), so the new value is
//   the primary's current username and password (SOURCE_SECRET_ARN, read in its own region) with the
//   copy's own host and port. Run daily, it keeps the copy at most a day behind a rotation of the
//   primary, also when the standby's stack is not rolled out.
// - generated: an application secret the platform generates (a JWT or NextAuth signing secret);
//   the secret's whole value is the random string, and nothing else holds it.
// The secret's value format is kept: JSON with the password under VALUE_KEY, or a plain string.
//
// ECS injects secrets into a task when it starts, so after finishSecret the function forces a new
// deployment of the services named in REDEPLOY_SERVICES (JSON list of {cluster, service}): their
// new tasks read the rotated value.

const crypto = require("crypto");

const kinds = ["rds-instance", "rds-cluster", "elasticache", "generated", "follow"];

function makeHandler(deps) {
  return async function handler(event) {
    const settings = readSettings(deps.env);
    const { SecretId: secretId, ClientRequestToken: token, Step: step } = event ?? {};
    if (typeof secretId !== "string" || typeof token !== "string") throw new Error("rotation event: SecretId and ClientRequestToken are required");
    const metadata = await deps.secrets.describeSecret(secretId);
    if (metadata.RotationEnabled === false) throw new Error(`secret ${secretId} does not have rotation enabled`);
    const stages = (metadata.VersionIdsToStages ?? {})[token];
    if (!stages) throw new Error(`secret ${secretId} has no version ${token} to rotate to`);
    if (stages.includes("AWSCURRENT")) {
      // A retried step of a rotation that already finished.
      deps.log({ level: "INFO", message: "version already current", step });
      return;
    }
    if (!stages.includes("AWSPENDING")) throw new Error(`secret ${secretId} version ${token} is not AWSPENDING`);
    const step_ = steps[step];
    if (!step_) throw new Error(`rotation event: unknown step ${String(step)}`);
    await step_(deps, settings, secretId, token, metadata);
    deps.log({ level: "INFO", message: "rotation step done", step, kind: settings.kind });
  };
}

const steps = {
  /** Puts the new value as AWSPENDING, unless a retried call put it already. */
  async createSecret(deps, settings, secretId, token) {
    const pending = await deps.secrets.getSecretValue(secretId, { versionId: token, stage: "AWSPENDING" });
    if (pending) return;
    const current = await deps.secrets.getSecretValue(secretId, { stage: "AWSCURRENT" });
    if (!current) throw new Error(`secret ${secretId} has no AWSCURRENT value`);
    if (settings.kind === "follow") {
      const source = parseJson(await deps.source.getCurrent(settings.sourceSecretArn));
      if (typeof source.username !== "string" || typeof source.password !== "string") throw new Error("the primary's secret lacks username or password");
      await deps.secrets.putSecretValue(secretId, token, JSON.stringify({ ...parseJson(current), username: source.username, password: source.password }), ["AWSPENDING"]);
      return;
    }
    const value = randomValue(settings.length, settings.alphabet, deps.randomBytes);
    await deps.secrets.putSecretValue(secretId, token, withValue(current, settings.valueKey, value), ["AWSPENDING"]);
  },

  /** Hands the pending value to the store. */
  async setSecret(deps, settings, secretId, token) {
    if (settings.kind === "generated" || settings.kind === "follow") return;
    const value = readValue(await requiredPending(deps, secretId, token), settings.valueKey);
    if (settings.kind === "rds-instance") await deps.rds.modifyInstance(settings.targetId, value);
    else if (settings.kind === "rds-cluster") await deps.rds.modifyCluster(settings.targetId, value);
    else await deps.elasticache.rotateAuthToken(settings.targetId, value);
  },

  /** Waits until the store has applied the new value (RDS and ElastiCache apply asynchronously). */
  async testSecret(deps, settings, secretId, token) {
    const value = readValue(await requiredPending(deps, secretId, token), settings.valueKey);
    // A followed value is the primary's: its length is whatever the primary's rotation chose.
    if (settings.kind === "follow") return;
    if (value.length !== settings.length) throw new Error(`secret ${secretId}: the pending value is not ${settings.length} characters`);
    if (settings.kind === "generated") return;
    for (let attempt = 1; ; attempt++) {
      const state = await storeState(deps, settings);
      if (state.settled) return;
      if (attempt >= settings.waitAttempts) throw new Error(`${settings.targetId}: the new credentials were not applied after ${attempt} checks (${state.detail})`);
      await deps.sleep(settings.waitSeconds * 1000);
    }
  },

  /** Moves AWSCURRENT to the new version, then restarts the services that hold the old value. */
  async finishSecret(deps, settings, secretId, token, metadata) {
    const current = Object.entries(metadata.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes("AWSCURRENT"));
    await deps.secrets.updateSecretVersionStage(secretId, "AWSCURRENT", token, current?.[0]);
    for (const target of settings.redeploy) await deps.ecs.forceNewDeployment(target.cluster, target.service);
  },
};

async function requiredPending(deps, secretId, token) {
  const pending = await deps.secrets.getSecretValue(secretId, { versionId: token, stage: "AWSPENDING" });
  if (!pending) throw new Error(`secret ${secretId} has no AWSPENDING value for version ${token}`);
  return pending;
}

async function storeState(deps, settings) {
  if (settings.kind === "elasticache") {
    const group = await deps.elasticache.describeReplicationGroup(settings.targetId);
    const pending = group.PendingModifiedValues?.AuthTokenStatus;
    return { settled: group.Status === "available" && !pending, detail: `status ${group.Status}${pending ? `, auth token ${pending}` : ""}` };
  }
  const described = settings.kind === "rds-instance" ? await deps.rds.describeInstance(settings.targetId) : await deps.rds.describeCluster(settings.targetId);
  const pending = Boolean(described.PendingModifiedValues?.MasterUserPassword);
  return { settled: described.Status === "available" && !pending, detail: `status ${described.Status}${pending ? ", password change pending" : ""}` };
}

/** The secret's value with `value` in place of the old one: a JSON field, or the whole string. */
function withValue(current, valueKey, value) {
  if (!valueKey) return value;
  const parsed = parseJson(current);
  if (typeof parsed[valueKey] !== "string") throw new Error(`the secret's JSON has no ${valueKey} to rotate`);
  return JSON.stringify({ ...parsed, [valueKey]: value });
}

function readValue(text, valueKey) {
  if (!valueKey) return text;
  const value = parseJson(text)[valueKey];
  if (typeof value !== "string") throw new Error(`the secret's JSON has no ${valueKey}`);
  return value;
}

function parseJson(text) {
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === "object") return parsed;
  } catch {
    // fall through: never print the value
  }
  throw new Error("the secret's value is not a JSON object");
}

/**
 * `length` characters drawn uniformly from `alphabet` (rejection sampling, so no character is more
 * likely than another), with at least one lower-case letter, upper-case letter and digit, as the
 * stores' password rules ask.
 */
function randomValue(length, alphabet, randomBytes = crypto.randomBytes) {
  const limit = 256 - (256 % alphabet.length);
  for (;;) {
    let out = "";
    while (out.length < length) {
      for (const byte of randomBytes(length * 2)) {
        if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
      }
    }
    if (/[a-z]/.test(out) && /[A-Z]/.test(out) && /[0-9]/.test(out)) return out;
  }
}

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function readSettings(env) {
  const kind = env.ROTATION_KIND;
  if (!kinds.includes(kind)) throw new Error(`ROTATION_KIND must be one of ${kinds.join(", ")}`);
  if (kind === "follow" && !env.SOURCE_SECRET_ARN) throw new Error("SOURCE_SECRET_ARN is not set");
  if (!["generated", "follow"].includes(kind) && !env.TARGET_ID) throw new Error("TARGET_ID is not set");
  const length = Number(env.VALUE_LENGTH);
  if (!Number.isInteger(length) || length < 16 || length > 4096) throw new Error("VALUE_LENGTH must be a whole number of 16-4096");
  return {
    kind,
    targetId: env.TARGET_ID,
    sourceSecretArn: env.SOURCE_SECRET_ARN,
    valueKey: env.VALUE_KEY || undefined,
    length,
    // The stores' own character rules travel with the function (RDS: no / " @ or space; ElastiCache: !&#$^<>- only).
    alphabet: letters + (env.VALUE_SPECIALS ?? ""),
    redeploy: JSON.parse(env.REDEPLOY_SERVICES || "[]"),
    waitAttempts: Number(env.WAIT_ATTEMPTS || 40),
    waitSeconds: Number(env.WAIT_SECONDS || 5),
  };
}

function awsDependencies() {
  // The Lambda Node.js 20 runtime includes the AWS SDK for JavaScript v3.
  const sm = require("@aws-sdk/client-secrets-manager");
  const rds = require("@aws-sdk/client-rds");
  const ec = require("@aws-sdk/client-elasticache");
  const ecs = require("@aws-sdk/client-ecs");
  const secrets = new sm.SecretsManagerClient({});
  const rdsClient = new rds.RDSClient({});
  const ecClient = new ec.ElastiCacheClient({});
  const ecsClient = new ecs.ECSClient({});
  return {
    env: process.env,
    log: (entry) => console.log(JSON.stringify(entry)),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    randomBytes: crypto.randomBytes,
    secrets: {
      describeSecret: (id) => secrets.send(new sm.DescribeSecretCommand({ SecretId: id })),
      getSecretValue: async (id, { versionId, stage }) => {
        try {
          const out = await secrets.send(new sm.GetSecretValueCommand({ SecretId: id, VersionId: versionId, VersionStage: stage }));
          return out.SecretString;
        } catch (error) {
          if (error.name === "ResourceNotFoundException") return undefined;
          throw error;
        }
      },
      putSecretValue: (id, token, value, stages) => secrets.send(new sm.PutSecretValueCommand({ SecretId: id, ClientRequestToken: token, SecretString: value, VersionStages: stages })),
      updateSecretVersionStage: (id, stage, moveTo, removeFrom) =>
        secrets.send(new sm.UpdateSecretVersionStageCommand({ SecretId: id, VersionStage: stage, MoveToVersionId: moveTo, RemoveFromVersionId: removeFrom })),
    },
    rds: {
      modifyInstance: (id, password) => rdsClient.send(new rds.ModifyDBInstanceCommand({ DBInstanceIdentifier: id, MasterUserPassword: password, ApplyImmediately: true })),
      modifyCluster: (id, password) => rdsClient.send(new rds.ModifyDBClusterCommand({ DBClusterIdentifier: id, MasterUserPassword: password, ApplyImmediately: true })),
      describeInstance: async (id) => {
        const out = await rdsClient.send(new rds.DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        const db = out.DBInstances[0];
        return { Status: db.DBInstanceStatus, PendingModifiedValues: db.PendingModifiedValues };
      },
      describeCluster: async (id) => {
        const out = await rdsClient.send(new rds.DescribeDBClustersCommand({ DBClusterIdentifier: id }));
        const db = out.DBClusters[0];
        return { Status: db.Status, PendingModifiedValues: db.PendingModifiedValues };
      },
    },
    elasticache: {
      rotateAuthToken: (id, token) =>
        ecClient.send(new ec.ModifyReplicationGroupCommand({ ReplicationGroupId: id, AuthToken: token, AuthTokenUpdateStrategy: "ROTATE", ApplyImmediately: true })),
      describeReplicationGroup: async (id) => (await ecClient.send(new ec.DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups[0],
    },
    source: {
      // The primary's secret, read in the primary's region (its ARN names it).
      getCurrent: async (arn) => {
        const region = String(arn).split(":")[3];
        const out = await new sm.SecretsManagerClient({ region }).send(new sm.GetSecretValueCommand({ SecretId: arn }));
        return out.SecretString;
      },
    },
    ecs: {
      forceNewDeployment: (cluster, service) => ecsClient.send(new ecs.UpdateServiceCommand({ cluster, service, forceNewDeployment: true })),
    },
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
exports.randomValue = randomValue;
