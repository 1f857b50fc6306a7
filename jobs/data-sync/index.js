"use strict";
// Seed 004's data sync, run by EventBridge Scheduler every hour. It loads the inventory feed
// (a JSON list of { sku, stock } at INVENTORY_KEY) into the Redis hash the storefront reads,
// building the new hash beside the old one and swapping it in with RENAME, so readers never see
// a half-written inventory. Both keys share the {inventory} hash tag: one cluster slot.
const { RedisClient } = require("./redis");

const liveKey = "{inventory}";
const nextKey = "{inventory}:next";
const fieldsPerCommand = 500;

function makeHandler(deps) {
  return async function handler(event) {
    const bucket = requiredEnv(deps.env, "INVENTORY_BUCKET");
    const key = requiredEnv(deps.env, "INVENTORY_KEY");
    const items = parseInventory(await deps.readJson(bucket, key));
    const redis = await deps.redis();
    try {
      await redis.command(["DEL", nextKey]);
      for (let i = 0; i < items.length; i += fieldsPerCommand) {
        const batch = items.slice(i, i + fieldsPerCommand).flatMap((item) => [item.sku, String(item.stock)]);
        await redis.command(["HSET", nextKey, ...batch]);
      }
      if (items.length > 0) await redis.command(["RENAME", nextKey, liveKey]);
      else await redis.command(["DEL", liveKey]);
      const syncedAt = (event.scheduledTime ? new Date(event.scheduledTime) : deps.now()).toISOString();
      await redis.command(["HSET", "{inventory}:meta", "syncedAt", syncedAt, "skus", String(items.length)]);
      deps.log({ level: "INFO", message: "inventory synced", skus: items.length, syncedAt });
      return { skus: items.length, syncedAt };
    } finally {
      await redis.close();
    }
  };
}

function parseInventory(feed) {
  if (!Array.isArray(feed)) throw new Error("inventory feed: must be a JSON list of { sku, stock }");
  const seen = new Set();
  return feed.map((item, index) => {
    if (!item || typeof item.sku !== "string" || item.sku.length === 0) throw new Error(`inventory feed: item ${index} has no sku`);
    if (!Number.isInteger(item.stock) || item.stock < 0) throw new Error(`inventory feed: ${item.sku} needs a whole, non-negative stock`);
    if (seen.has(item.sku)) throw new Error(`inventory feed: ${item.sku} is listed twice`);
    seen.add(item.sku);
    return { sku: item.sku, stock: item.stock };
  });
}

/** The cache's AUTH token secret: a plain string, or JSON with an authToken/password/token field. */
function authToken(secretString) {
  try {
    const parsed = JSON.parse(secretString);
    if (parsed && typeof parsed === "object") return parsed.authToken ?? parsed.password ?? parsed.token;
  } catch {
    // not JSON: the token itself
  }
  return secretString;
}

function requiredEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function awsDependencies() {
  const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");
  const { SecretsManagerClient, GetSecretValueCommand } = require("@aws-sdk/client-secrets-manager");
  const s3 = new S3Client({});
  const secrets = new SecretsManagerClient({});
  let password;
  return {
    env: process.env,
    now: () => new Date(),
    log: (entry) => console.log(JSON.stringify(entry)),
    readJson: async (bucket, key) => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToString()),
    redis: async () => {
      // Read once per execution environment; a rotated token is picked up by the next cold start.
      password ??= authToken((await secrets.send(new GetSecretValueCommand({ SecretId: requiredEnv(process.env, "CACHE_SECRET_ID") }))).SecretString);
      return new RedisClient({ host: requiredEnv(process.env, "CACHE_HOST"), port: Number(requiredEnv(process.env, "CACHE_PORT")), password });
    },
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
exports.authToken = authToken;
