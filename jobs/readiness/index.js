"use strict";
// The readiness check on a schedule (issue 16, item 3): in the standby region, an EventBridge rule
// runs this function, which asks what `npm run readiness` asks (would a failover now meet its
// targets? every store's lag against its RPO, the services and the Fargate quota a scale-up
// needs, images, secrets, certificates, the failover records and their health check) with the
// same code: ./checks.js is automation/readiness/evaluate.ts and aws.ts, bundled by `npm run docs`
// (a test holds it equal to its sources). Each Lambda folder is zipped on its own, so the checks
// are bundled into it rather than required from automation/.
//
// It only reads. The result is one CloudWatch metric, the number of checks missed (0: ready),
// written in the embedded metric format to standard output: CloudWatch Logs extracts it, so the
// role needs no cloudwatch:PutMetricData (CloudWatch User Guide, "Using the embedded metric format
// with Lambda"). An alarm on that metric notifies the stack's alert topic (components/dr/readiness.ts).

const checks = require("./checks.js");

function makeHandler(deps) {
  return async function handler() {
    const spec = parseSpec(deps.env.SPEC);
    const now = deps.now();
    let missed;
    let lines;
    try {
      const report = await checks.assessReadiness(spec, new checks.AwsReadinessCloud(deps.clients, { standby: spec.region, primary: spec.primaryRegion }), now);
      missed = report.checks.filter((c) => !c.ok).length;
      lines = checks.formatReport(report);
    } catch (error) {
      // A check that could not be made is a target not known to be met: it counts as missed
      // (as the command's "anything not measured counts as missed"), and the error is logged.
      missed = 1;
      lines = [`${spec.standby}: the readiness checks could not run: ${error && error.name ? `${error.name}: ` : ""}${error && error.message ? error.message : String(error)}`];
    }
    deps.emit(metricRecord(deps.env, spec.standby, missed, now));
    deps.log({ level: missed === 0 ? "INFO" : "WARN", message: missed === 0 ? "ready" : "not ready", standby: spec.standby, missed, report: lines });
    return { ready: missed === 0, missed };
  };
}

/** The embedded-metric-format record (CloudWatch User Guide, "Specification: Embedded metric format"). */
function metricRecord(env, standby, missed, now) {
  const namespace = requiredEnv(env, "METRIC_NAMESPACE");
  const name = requiredEnv(env, "METRIC_NAME");
  const dimension = requiredEnv(env, "METRIC_DIMENSION");
  return {
    _aws: { Timestamp: now.getTime(), CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [[dimension]], Metrics: [{ Name: name, Unit: "Count" }] }] },
    [dimension]: standby,
    [name]: missed,
  };
}

function parseSpec(text) {
  const spec = JSON.parse(text ?? "null");
  if (!spec || typeof spec.standby !== "string" || typeof spec.region !== "string" || typeof spec.primaryRegion !== "string" || !Array.isArray(spec.stores)) {
    throw new Error("SPEC must be the standby's readiness spec as JSON (model/dr/readiness-spec.ts)");
  }
  return spec;
}

function requiredEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** SDK clients by region, created on first use; the Lambda Node.js 20 runtime includes the AWS SDK for JavaScript v3. */
function awsClients() {
  const cache = new Map();
  const get = (key, make) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key);
  };
  const regional = (pkg, ctor) => (region) => get(`${ctor}:${region}`, () => new (require(pkg)[ctor])({ region }));
  return {
    cloudwatch: regional("@aws-sdk/client-cloudwatch", "CloudWatchClient"),
    acm: regional("@aws-sdk/client-acm", "ACMClient"),
    backup: regional("@aws-sdk/client-backup", "BackupClient"),
    ecs: regional("@aws-sdk/client-ecs", "ECSClient"),
    ecr: regional("@aws-sdk/client-ecr", "ECRClient"),
    secrets: regional("@aws-sdk/client-secrets-manager", "SecretsManagerClient"),
    quotas: regional("@aws-sdk/client-service-quotas", "ServiceQuotasClient"),
    s3: regional("@aws-sdk/client-s3", "S3Client"),
    // Route 53's control plane is in us-east-1.
    route53: () => regional("@aws-sdk/client-route-53", "Route53Client")("us-east-1"),
  };
}

function awsDependencies() {
  return {
    env: process.env,
    now: () => new Date(),
    clients: awsClients(),
    // Straight to standard output: with the JSON log format, console.log would wrap the record in a
    // "message" field, and CloudWatch Logs extracts metrics only from a record that is the EMF object.
    emit: (record) => process.stdout.write(`${JSON.stringify(record)}\n`),
    log: (entry) => console.log(JSON.stringify(entry)),
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
exports.awsClients = awsClients;
