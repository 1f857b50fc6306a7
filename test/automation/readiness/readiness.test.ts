import { strict as assert } from "assert";
import * as path from "path";
import { readinessCommand } from "../../../automation/readiness/cli";
import { repoRoot, stackFilePath } from "../../../automation/plan/stack-file";
import { fakeAws, minutesAgo, now } from "../../helpers/readiness-aws";

async function run(files: string[], aws = fakeAws()) {
  const lines: string[] = [];
  const result = await readinessCommand({ files }, aws.clients, now, (l) => lines.push(l));
  return { ...result, lines, text: lines.join("\n") };
}

const prodDr = stackFilePath("prod-dr");
const blueprint = (product: string) => path.join(repoRoot, "blueprints", product, "Pulumi.prod-dr.yaml");
const check = (r: Awaited<ReturnType<typeof run>>, name: string) => r.reports[0].checks.find((c) => c.check === name);

describe("readiness: would a failover now meet its targets (fakes of the AWS SDK)", () => {
  it("prod-dr with every copy current, services, images, secrets, records and quota in place: ready, exit 0", async () => {
    const r = await run([prodDr]);
    assert.equal(r.exitCode, 0, r.text);
    assert.deepEqual(
      r.reports[0].checks.map((c) => c.check),
      [
        "RPO: database",
        "RPO: bucket files",
        "failback: bucket files replicates back",
        "capacity: services",
        "quota: Fargate on-demand vCPU (L-3032A538)",
        "quota: Fargate Spot vCPU (L-36FBB829)",
        "image: platform-prod/frontend:1.0.0",
        "image: platform-prod/backend:1.0.0",
        "secret: platform/prod-dr/nextauth",
        "secret: platform/prod-dr/anthropic",
        "secret: platform/prod-dr/github-oauth",
        "secret: platform/prod-dr/database",
        "secret: platform/prod-dr/redis-auth",
        "certificate: platform-dr.example.com",
        "certificate: api.platform.example.com",
        "failover records",
        "health check",
      ],
    );
    assert.match(r.lines[0], /^prod-dr \(ap-northeast-1\) standing by for prod: READY/);
  });

  it("reads each lag where AWS reports it: the replica's in the standby region, S3's per rule in the source region", async () => {
    const aws = fakeAws();
    await run([prodDr], aws);
    const lag = aws.state.metricQueries.find((q) => q.input.MetricDataQueries?.[0]?.MetricStat?.Metric?.MetricName === "ReplicaLag");
    assert.equal(lag?.region, "ap-northeast-1");
    assert.deepEqual(lag?.input.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions, [{ Name: "DBInstanceIdentifier", Value: "platform-prod-dr-db" }]);
    const s3 = aws.state.metricQueries.find((q) => q.input.MetricDataQueries?.[0]?.MetricStat?.Metric?.MetricName === "ReplicationLatency");
    assert.equal(s3?.region, "ap-northeast-2");
    assert.deepEqual(s3?.input.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions, [
      { Name: "SourceBucket", Value: "platform-prod-files-123456789012-ap-northeast-2" },
      { Name: "DestinationBucket", Value: "platform-prod-dr-files-123456789012-ap-northeast-1" },
      { Name: "RuleId", Value: "standby" },
    ]);
  });

  it("reports each replica's reverse rule, read in the standby region: missing, disabled or elsewhere is missed (issue 16, item 5)", async () => {
    const aws = fakeAws();
    const ready = await run([prodDr], aws);
    assert.deepEqual(check(ready, "failback: bucket files replicates back"), {
      check: "failback: bucket files replicates back",
      ok: true,
      detail: "platform-prod-dr-files-123456789012-ap-northeast-1: rule failback into platform-prod-files-123456789012-ap-northeast-2: Enabled",
    });
    assert.deepEqual(aws.state.replicationReads, ["platform-prod-dr-files-123456789012-ap-northeast-1@ap-northeast-1"]);
    for (const [change, found] of [
      [{ reverseRule: "missing" }, "no such rule"],
      [{ reverseRule: "Disabled" }, "Disabled, into platform-prod-files-123456789012-ap-northeast-2"],
      [{ reverseInto: "someone-elses-bucket" }, "Enabled, into someone-elses-bucket"],
    ] as const) {
      const broken = fakeAws();
      Object.assign(broken.state, change);
      const r = await run([prodDr], broken);
      assert.equal(r.exitCode, 1);
      assert.equal(
        check(r, "failback: bucket files replicates back")?.detail,
        `platform-prod-dr-files-123456789012-ap-northeast-1: rule failback into platform-prod-files-123456789012-ap-northeast-2: ${found}: roll prod-dr out (replicateBack)`,
      );
    }
  });

  it("a replica lagging beyond the RPO, or files lagging beyond theirs: not ready, exit 1, naming the target", async () => {
    const aws = fakeAws();
    aws.state.metrics.ReplicaLag = 420;
    aws.state.metrics.ReplicationLatency = 1200;
    const r = await run([prodDr], aws);
    assert.equal(r.exitCode, 1);
    assert.equal(check(r, "RPO: database")?.ok, false);
    assert.match(check(r, "RPO: database")!.detail, /7 min of data not in ap-northeast-1, above platform:dr.targets.rpoMinutes 5 min/);
    assert.match(check(r, "RPO: bucket files")!.detail, /20 min .* above platform:dr.targets.filesRpoMinutes 15 min/);
    assert.match(r.lines[0], /NOT READY/);
  });

  it("a lag nobody measured is not a lag of zero", async () => {
    const aws = fakeAws();
    aws.state.metrics.ReplicaLag = undefined;
    const r = await run([prodDr], aws);
    assert.equal(r.exitCode, 1);
    assert.match(check(r, "RPO: database")!.detail, /nothing measured/);
  });

  it("an image not replicated, a secret without its value, services gone and a quota the scale-up would hit: each missed", async () => {
    const aws = fakeAws();
    aws.state.missingImages = ["platform-prod/backend"];
    aws.state.secrets["platform/prod-dr/anthropic"] = "no-value";
    aws.state.secrets["platform/prod-dr/nextauth"] = "missing";
    aws.state.inactiveServices = ["frontend"];
    aws.state.missingCertificates = ["api.platform.example.com"];
    // prod-dr's serving minimum: 4 + 4 tasks (office hours) of 0.5 and 1 vCPU, one on-demand base each, 80 % Spot: 3 + 3 Spot tasks at worst.
    aws.state.quotas["L-36FBB829"] = 6;
    aws.state.usage["Standard/Spot"] = 2;
    const r = await run([prodDr], aws);
    assert.equal(r.exitCode, 1);
    const missed = r.reports[0].checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);
    assert.deepEqual(missed, [
      "capacity: services: not ACTIVE in platform-prod-dr-cluster: frontend",
      "quota: Fargate Spot vCPU (L-36FBB829): the scale-up needs 4.5 vCPU; quota 6, in use 2, free 4",
      "image: platform-prod/backend:1.0.0: not in ap-northeast-1's registry: check the registry's replication",
      "secret: platform/prod-dr/nextauth: missing in ap-northeast-1",
      "secret: platform/prod-dr/anthropic: exists in ap-northeast-1 without a value: put it (aws secretsmanager put-secret-value)",
      "certificate: api.platform.example.com: no issued certificate for it in ap-northeast-1 (ACM certificates are regional)",
    ]);
  });

  it("failover records without a SECONDARY, or a health check no checker reports on: missed", async () => {
    const aws = fakeAws();
    aws.state.roles = ["PRIMARY"];
    aws.state.healthReports = [];
    const r = await run([prodDr], aws);
    assert.equal(r.exitCode, 1);
    assert.equal(check(r, "failover records")?.detail, "api.platform.example.com: found PRIMARY, want PRIMARY and SECONDARY");
    assert.equal(check(r, "health check")?.detail, "hc-1: no checker reports");
  });

  it("CodeMate's backup-and-restore standby: judged by the age of the newest copy in its vault against the 24 h RPO", async () => {
    const aws = fakeAws();
    const fresh = await run([blueprint("codemate")], aws);
    assert.equal(fresh.exitCode, 0, fresh.text);
    assert.deepEqual(fresh.reports[0].checks.map((c) => c.check), ["RPO: database", "RPO: bucket files"]);
    assert.match(fresh.text, /backup-restore: a restore by hand, RTO 60 min/);
    aws.state.copies = [{ created: minutesAgo(30 * 60) }];
    const stale = await run([blueprint("codemate")], aws);
    assert.equal(stale.exitCode, 1);
    assert.match(check(stale, "RPO: database")!.detail, /backup-copy: 1800 min of data not in ap-northeast-1, above platform:dr.targets.rpoMinutes 1440 min/);
    aws.state.copies = [];
    assert.match(check(await run([blueprint("codemate")], aws), "RPO: bucket files")!.detail, /nothing measured/);
  });

  it("several standbys at once; bad input (not a standby) is exit 2 with nothing checked", async () => {
    const both = await run([prodDr, blueprint("hooklabs")]);
    assert.equal(both.exitCode, 0, both.text);
    assert.deepEqual(both.reports.map((x) => x.standby), ["prod-dr", "prod-dr"]);
    assert.deepEqual(both.reports[1].checks.filter((c) => c.check.startsWith("RPO")).map((c) => c.check), ["RPO: bucket assets"]);
    const bad = await run([stackFilePath("prod")]);
    assert.equal(bad.exitCode, 2);
    assert.deepEqual(bad.reports, []);
    assert.match(bad.text, /not a standby/);
  });
});
