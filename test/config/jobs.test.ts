import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../config";
import { expectIssue, sectionOf, withSection } from "../helpers/config-issues";
import { stackConfig } from "../helpers/stacks";

/** A valid job that needs no other tier: seed 004's report generator on its schedule. */
const reportGenerator = {
  name: "report-generator",
  runtime: "nodejs24.x",
  handler: "index.handler",
  code: "jobs/report-generator",
  memoryMb: 1024,
  timeoutSeconds: 300,
  triggers: [{ type: "schedule", expression: "cron(0 0 * * ? *)" }],
};

function withJobs(...functions: unknown[]): Record<string, string> {
  return withSection("prod", "platform:jobs", { functions });
}

function withJob(change: Record<string, unknown>): Record<string, string> {
  return withJobs({ ...reportGenerator, ...change });
}

const job = "platform:jobs.functions[0]";

describe("jobs config", () => {
  it("accepts the report generator with Lambda's defaults filled in", () => {
    const [fn] = loadPlatformConfig(withJob({})).jobs.functions;
    assert.equal(fn.architecture, "arm64");
    assert.equal(fn.retryAttempts, 2);
    assert.equal(fn.vpc, false);
    assert.deepEqual(fn.triggers, [{ type: "schedule", expression: "cron(0 0 * * ? *)", timezone: "Asia/Seoul" }]);
  });

  describe("rejects", () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ["memory below Lambda's 128 MB", { memoryMb: 64 }, `${job}.memoryMb`, /at least 128/],
      ["memory above Lambda's 10240 MB", { memoryMb: 10241 }, `${job}.memoryMb`, /at most 10240/],
      ["a timeout of 0 s", { timeoutSeconds: 0 }, `${job}.timeoutSeconds`, /at least 1/],
      ["a timeout above Lambda's 900 s", { timeoutSeconds: 901 }, `${job}.timeoutSeconds`, /at most 900/],
      ["seed 004's Node.js 18, which Lambda no longer creates", { runtime: "nodejs18.x" }, `${job}.runtime`, /allowed: nodejs22.x, nodejs24.x, python3.11/],
      ["an unknown architecture", { architecture: "arm" }, `${job}.architecture`, /allowed: arm64, x86_64/],
      ["a cron() EventBridge rejects", { triggers: [{ type: "schedule", expression: "cron(0 0 * * * *)" }] }, `${job}.triggers[0].expression`, /'\?' in exactly one of day-of-month and day-of-week/],
      ["a rate() with the wrong unit", { triggers: [{ type: "schedule", expression: "rate(1 hours)" }] }, `${job}.triggers[0].expression`, /singular unit: rate\(1 hour\)/],
      ["a time zone that is not IANA", { triggers: [{ type: "schedule", expression: "rate(1 hour)", timezone: "KST" }] }, `${job}.triggers[0].timezone`, /IANA time zone such as Asia\/Seoul/],
      ["an unknown trigger type", { triggers: [{ type: "sqs" }] }, `${job}.triggers[0].type`, /is not allowed \(allowed: s3, event, schedule\)/],
      ["an S3 trigger on a bucket the stack does not have", { triggers: [{ type: "s3", bucket: "uploads", prefix: "uploads/" }] }, `${job}.triggers[0].bucket`, /is not a bucket of platform:storage \(allowed: files, static\)/],
      ["access to a bucket the stack does not have", { permissions: { buckets: [{ bucket: "uploads", access: "read" }] } }, `${job}.permissions.buckets[0].bucket`, /is not a bucket of platform:storage \(allowed: files, static\)/],
      ["an event pattern without a source", { triggers: [{ type: "event", pattern: { "detail-type": ["OrderCreated"] } }] }, `${job}.triggers[0].pattern.source`, /a pattern without a source matches every event/],
      ["an event pattern with a bare value", { triggers: [{ type: "event", pattern: { source: ["shop"], "detail-type": "OrderCreated" } }] }, `${job}.triggers[0].pattern.detail-type`, /must be a list of values/],
      ["an event pattern on an unknown field", { triggers: [{ type: "event", pattern: { source: ["shop"], kind: ["x"] } }] }, `${job}.triggers[0].pattern.kind`, /is not an event field \(allowed: version, id, detail-type, source/],
      ["two unnamed triggers of one type", { triggers: [{ type: "schedule", expression: "rate(1 hour)" }, { type: "schedule", expression: "rate(1 day)" }] }, `${job}.triggers[1].name`, /'schedule' names another trigger of this job/],
      ["a code directory that does not exist", { code: "jobs/report-writer" }, `${job}.code`, /is not a directory of the repository/],
      ["a code directory outside the repository", { code: "jobs/../../etc" }, `${job}.code`, /must stay inside the repository/],
      ["a handler module the directory lacks", { handler: "main.handler" }, `${job}.handler`, /needs main.mjs or .js or .cjs in jobs\/report-generator/],
      ["a handler function the module does not define", { handler: "index.run" }, `${job}.handler`, /names run, which index.js does not define/],
      ["a Python handler in a Node.js directory", { runtime: "python3.11" }, `${job}.handler`, /needs index.py in jobs\/report-generator/],
      ["a malformed handler", { handler: "index" }, `${job}.handler`, /must be <module>.<function>/],
      ["a variable Lambda reserves", { environment: { AWS_REGION: "ap-northeast-2" } }, `${job}.environment.AWS_REGION`, /is set by Lambda itself/],
      ["an environment over Lambda's 4 KB", { environment: { BIG: "x".repeat(4100) } }, `${job}.environment`, /is 4103 bytes; Lambda allows 4096/],
      ["a malformed secret reference", { secrets: { OPENAI_API_KEY: "arn:aws:s3:::bucket" } }, `${job}.secrets.OPENAI_API_KEY`, /Secrets Manager ARN or a secret name/],
      ["SMS_ENABLED set by hand", { environment: { SMS_ENABLED: "true" } }, `${job}.environment.SMS_ENABLED`, /is set by the platform from permissions.sms .*set permissions.sms: true instead/],
      ["a secret that is also a plain variable", { environment: { TOKEN: "x" }, secrets: { TOKEN: "platform/prod/token" } }, `${job}.secrets.TOKEN`, /is also a plain environment variable/],
      ["reaching the data tier from outside the VPC", { reaches: ["cache"] }, `${job}.vpc`, /must be true: the job reaches the cache, which only answer inside the VPC/],
      ["no reserved concurrency at all", { reservedConcurrency: 0 }, `${job}.reservedConcurrency`, /at least 1/],
      ["three async retries", { retryAttempts: 3 }, `${job}.retryAttempts`, /at most 2/],
      ["write access where the job's own S3 trigger fires", { triggers: [{ type: "s3", bucket: "files", prefix: "uploads/" }], permissions: { buckets: [{ bucket: "files", access: "readwrite", prefix: "uploads/thumbs/" }] } }, `${job}.permissions.buckets[0].prefix`, /cannot invoke itself in a loop/],
      ["an unknown permission", { permissions: { queues: ["q"] } }, `${job}.permissions.queues`, /not a known setting \(allowed: buckets, sesIdentities, sms, eventBuses\)/],
    ];
    for (const [what, change, path, message] of cases) {
      it(what, () => expectIssue(withJob(change), path, message));
    }

    it("reaching a database the stack lacks (a standby without a copy of the primary's)", () => {
      const config = withSection("prod-dr", "platform:jobs", { functions: [{ ...reportGenerator, reaches: ["database"], vpc: true }] });
      // A standby's jobs reach the dr tier's copy, as its services do; without one there is nothing to reach.
      const dr = JSON.parse(config["platform:dr"]) as { promote: { database: string }; replica: { database?: unknown } };
      dr.promote.database = "none";
      delete dr.replica.database;
      config["platform:dr"] = JSON.stringify(dr);
      expectIssue(config, `${job}.reaches[0]`, /names the database but the stack has none \(platform:data\)/);
    });

    it("two jobs with one name", () => expectIssue(withJobs(reportGenerator, reportGenerator), "platform:jobs.functions[1].name", /is used by another job/));

    it("more reserved concurrency than the account leaves", () =>
      expectIssue(withJobs({ ...reportGenerator, reservedConcurrency: 500 }, { ...reportGenerator, name: "report-copy", reservedConcurrency: 500 }), "platform:jobs.functions", /reserve 1000 concurrent executions in total; .* at most 900/));

    it("two S3 triggers on the same keys", () =>
      expectIssue(
        withJob({ triggers: [{ type: "s3", name: "originals", bucket: "files", prefix: "uploads/" }, { type: "s3", name: "all", bucket: "files" }] }),
        `${job}.triggers[1]`,
        /overlaps the S3 trigger at jobs.functions\[0\].triggers\[0\] on bucket 'files'/,
      ));

    it("a function name longer than Lambda's 64 characters", () => {
      const config = withJob({ name: "a-report-generator-with-long-nam" });
      config["platform:project"] = "averyveryverylongname1";
      config["platform:environment"] = "production-standby-01";
      // The prefix makes bucket and cache names too long as well: one issue, at the project, naming the job.
      expectIssue(config, "platform:project", /makes \d+ physical names invalid \(.*platform:jobs\.functions\[0\]\.name/);
    });

    it("a schedule name longer than EventBridge's 64 characters", () => {
      const config = withJob({ triggers: [{ type: "schedule", name: "nightly-sales-summary", expression: "cron(0 0 * * ? *)" }] });
      config["platform:project"] = "openmarket-commerce-kr";
      expectIssue(config, `${job}.triggers[0]`, /schedule name 'openmarket-commerce-kr-prod-report-generator-nightly-sales-summary' longer than the 64 characters/);
    });
  });

  describe("logs", () => {
    it("rejects a job retention CloudWatch does not offer", () =>
      expectIssue(withSection("prod", "platform:logs", { retentionDays: 30, jobRetentionDays: 10 }), "platform:logs.jobRetentionDays", /CloudWatch Logs retention \(one of 1, 3, 5, 7, 14/));

    it("keeps the seeds' retentions: services 30 d and jobs 14 d in prod, 7 d for both in dev", () => {
      assert.deepEqual(sectionOf("prod", "platform:logs"), { retentionDays: 30, jobRetentionDays: 14 });
      assert.deepEqual(sectionOf("dev", "platform:logs"), { retentionDays: 7, jobRetentionDays: 7 });
      assert.ok(loadPlatformConfig(stackConfig("prod")));
    });
  });
});
