import { strict as assert } from "assert";
import { measure } from "../../../automation/drill/record";
import { harness, Harness } from "../../helpers/drill-harness";

/** The fake clock's start, on a minute: the prod -> prod-dr drills here fence at this moment. */
const fenceAt = Date.parse("2026-11-01T01:00:00Z");

describe("drill: an RPO that counts the database and the files, at the fence", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("takes the database lag from the datapoint that contains the fence, not one published minutes before it", async () => {
    // Aurora's switchover does not wait on the lag metric, so the outage does not depend on CloudWatch.
    h = harness({ database: "aurora-global", cache: "global-datastore" });
    // CloudWatch is 2.5 minutes behind: at the fence its newest datapoint is from 00:57.
    h.aws.metricDelayMs = 150_000;
    h.aws.lagAt = (minute) => (minute < fenceAt ? 9 : minute === fenceAt ? 40 : 0);
    const record = await h.run();

    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.equal(record.lagAtFenceSeconds, 40, "the minute of the fence, not 00:57's 9 s");
    assert.deepEqual(record.lagAtFenceDatapoint, { at: fenceAt, periodSeconds: 60 });
    assert.equal(measure(record).rpoSeconds, 40);
    // Read once the standby served: waiting for CloudWatch did not lengthen the outage.
    const verify = record.steps.find((s) => s.id === "verify");
    assert.ok(verify?.detail.includes("RPO readings at the fence complete"), verify?.detail.join("\n"));
    assert.ok(record.firstHealthyAt! < fenceAt + 150_000, "the RTO ended before the datapoint existed");
    assert.ok(h.store.markdown.includes("- database: 40 s, datapoint 2026-11-01T01:00:00.000Z (1m 00s period)"), h.store.markdown);
    assert.ok(h.store.markdown.includes("Resolution: CloudWatch 1-minute datapoints (Maximum)"));
  });

  it("counts the files: the RPO is the worst of the database lag and each bucket's S3 replication latency", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", files: true });
    h.aws.lagSeconds = [2, 3, 0];
    Object.assign(h.aws.s3, { latencySeconds: 95, pendingOperations: 12 });
    const record = await h.run();

    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.equal(record.lagAtFenceSeconds, 3);
    assert.deepEqual(record.filesAtFence, [
      {
        key: "files",
        sourceBucket: "platform-prod-files-123456789012-ap-northeast-2",
        replicaBucket: "platform-prod-dr-files-123456789012-ap-northeast-1",
        latencySeconds: 95,
        pendingOperations: 12,
        datapoint: { at: fenceAt, periodSeconds: 60 },
      },
    ]);
    assert.deepEqual(measure(record), { rtoSeconds: 60, rpoSeconds: 95, rtoPass: true, rpoPass: true });
    // S3 publishes replication metrics in the source bucket's region.
    assert.ok(h.aws.trace.includes("cloudwatch@ap-northeast-2 GetMetricData ReplicationLatency platform-prod-files-123456789012-ap-northeast-2"), h.aws.trace.join("\n"));
    assert.ok(h.store.markdown.includes("| RPO: replication lag at the fence, database and files | 5 min | 95 s | pass |"), h.store.markdown);
    assert.ok(
      h.store.markdown.includes(
        "- files: files (platform-prod-files-123456789012-ap-northeast-2 -> platform-prod-dr-files-123456789012-ap-northeast-1): 95 s behind, 12 operations pending, datapoint 2026-11-01T01:00:00.000Z (1m 00s period)",
      ),
    );
  });

  it("fails the RPO target when the files are further behind than it, even with the database caught up", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", files: true });
    h.aws.lagSeconds = [2, 0];
    h.aws.s3.latencySeconds = 420;
    const record = await h.run();
    assert.equal(record.outcome, "missed-targets");
    assert.equal(measure(record).rpoPass, false);
  });

  it("says what the cache loses, apart from the seconds", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    await h.run();
    assert.ok(
      h.store.markdown.includes(
        "- cache: not replicated: everything in prod's cache (sessions, queued jobs, cached pages) is lost; prod-dr's own cache starts from what it held when it was last warmed and fills again from the database (not counted in the RPO)",
      ),
      h.store.markdown,
    );
  });

  it("leaves the RPO not measured when no datapoint at the fence comes, without stopping the failover", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", files: true });
    // 9 minutes behind: the pre-check finds a datapoint in its 10 minutes, the fence's minute never comes in time.
    h.aws.metricDelayMs = 9 * 60_000;
    h.aws.lagAt = () => 1;
    const record = await h.run();
    assert.equal(record.outcome, "missed-targets");
    assert.ok(record.firstHealthyAt !== undefined, "the standby serves");
    assert.equal(measure(record).rpoSeconds, undefined);
    assert.match(record.steps.find((s) => s.id === "verify")?.detail.at(-1) ?? "", /^the RPO is not measured: timed out after 5m 00s waiting for CloudWatch's datapoints at the fence; last: no datapoint at the fence yet: database lag, files files$/);
  });

  it("an unplanned fence of a region that does not answer cannot read the files' metrics there, and says so", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", files: true, mode: "unplanned" });
    h.aws.lagSeconds = [4];
    h.aws.goesDown("ap-northeast-2");
    const record = await h.run();
    assert.equal(record.lagAtFenceSeconds, 4);
    assert.equal(record.filesAtFence?.[0].note, "ap-northeast-2 does not answer: S3 publishes a bucket's replication metrics in the source bucket's region");
    assert.equal(measure(record).rpoSeconds, undefined);
    assert.equal(record.outcome, "missed-targets");
  });
});
