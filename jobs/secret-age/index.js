"use strict";
// The reminder for secrets their owner rotates (issue 15, item 2): third-party API keys that only
// the vendor can issue (HookLabs, seed 000: Convex, Clerk, Gemini, ...; Onno, seed 003, section
// 5-4: OpenAI, Pinecone, Stripe). Once a day it reads each secret's LastChangedDate
// (DescribeSecret, AWS Secrets Manager API Reference) and publishes one message to the stack's
// alert topic naming every secret older than its limit, or never set. It reads no secret value.

const DAY_MS = 24 * 3600 * 1000;

function makeHandler(deps) {
  return async function handler() {
    const secrets = parseSecrets(deps.env.SECRETS);
    const topicArn = requiredEnv(deps.env, "TOPIC_ARN");
    const now = deps.now();
    const overdue = [];
    for (const secret of secrets) {
      const metadata = await deps.describeSecret(secret.secretId);
      const hasValue = Object.keys(metadata.VersionIdsToStages ?? {}).length > 0;
      const changed = new Date(metadata.LastChangedDate ?? metadata.CreatedDate);
      const ageDays = Math.floor((now.getTime() - changed.getTime()) / DAY_MS);
      if (!hasValue) overdue.push(`${secret.key}: no value has been set (aws secretsmanager put-secret-value)`);
      else if (ageDays > secret.maxAgeDays) overdue.push(`${secret.key}: last changed ${changed.toISOString().slice(0, 10)}, ${ageDays} days ago (limit ${secret.maxAgeDays})`);
    }
    if (overdue.length > 0) {
      await deps.publish(topicArn, `${deps.env.STACK ?? "stack"}: ${overdue.length} secret(s) to rotate`, [
        "These secrets are rotated by their owner (the vendor that issued them). Issue a new key, then put it:",
        "  aws secretsmanager put-secret-value --secret-id <name> --secret-string <value>",
        "and restart the services that read it (ECS reads secrets at task start).",
        "",
        ...overdue,
      ].join("\n"));
    }
    deps.log({ level: "INFO", message: "secret ages checked", checked: secrets.length, overdue: overdue.length });
    return { checked: secrets.length, overdue: overdue.length };
  };
}

function parseSecrets(text) {
  const parsed = JSON.parse(text ?? "[]");
  if (!Array.isArray(parsed) || parsed.some((s) => typeof s.key !== "string" || typeof s.secretId !== "string" || !Number.isInteger(s.maxAgeDays))) {
    throw new Error("SECRETS must be a JSON list of {key, secretId, maxAgeDays}");
  }
  return parsed;
}

function requiredEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function awsDependencies() {
  // The Lambda Node.js 20 runtime includes the AWS SDK for JavaScript v3.
  const sm = require("@aws-sdk/client-secrets-manager");
  const sns = require("@aws-sdk/client-sns");
  const secrets = new sm.SecretsManagerClient({});
  const topics = new sns.SNSClient({});
  return {
    env: process.env,
    now: () => new Date(),
    log: (entry) => console.log(JSON.stringify(entry)),
    describeSecret: (id) => secrets.send(new sm.DescribeSecretCommand({ SecretId: id })),
    // SNS e-mail subjects are at most 100 characters.
    publish: (topicArn, subject, message) => topics.send(new sns.PublishCommand({ TopicArn: topicArn, Subject: subject.slice(0, 100), Message: message })),
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
