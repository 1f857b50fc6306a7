import { strict as assert } from "assert";
import { measure } from "../../../automation/drill/record";
import { drillSteps } from "../../../automation/drill/steps";
import { awsReseedCloud } from "../../../automation/drill/aws/instances";
import { MemoryReseedStore } from "../../../automation/drill/reseed/report";
import { runReseed } from "../../../automation/drill/reseed/run";
import { validateReseed } from "../../../automation/drill/reseed/validate";
import { harness, Harness, pairStacks } from "../../helpers/drill-harness";
import { instanceArn } from "../../helpers/fake-rds";

const fenceAt = Date.parse("2026-11-01T01:00:00Z");
const replica = "platform-prod-dr-files-123456789012-ap-northeast-1";
const source = "platform-prod-files-123456789012-ap-northeast-2";

describe("failback: complete, with replication both ways (issue 16, item 5)", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("reads the reverse rule's ReplicationLatency at its fence, in the standby's region, and counts it in the RPO", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback", files: true });
    Object.assign(h.aws.s3, { latencySeconds: 48, pendingOperations: 3 });
    const record = await h.run();

    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(record.filesAtFence, [{ key: "files", sourceBucket: replica, replicaBucket: source, latencySeconds: 48, pendingOperations: 3, datapoint: { at: fenceAt, periodSeconds: 60 } }]);
    assert.equal(measure(record).rpoSeconds, 48);
    // S3 publishes a rule's metrics in its source bucket's region: the replica's, Tokyo.
    assert.ok(h.aws.trace.includes(`cloudwatch@ap-northeast-1 GetMetricData ReplicationLatency ${replica}`), h.aws.trace.join("\n"));
    assert.ok(!h.aws.trace.some((call) => call.startsWith("cloudwatch@ap-northeast-2 GetMetricData ReplicationLatency")), "not the forward rule's");
    assert.ok(h.store.markdown.includes(`- files: files (${replica} -> ${source}): 48 s behind, 3 operations pending`), h.store.markdown);
  });

  it("checks the reverse rule on S3 before anything changes, and says so in the plan", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback", files: true });
    const record = await h.run();
    const stores = record.steps.find((s) => s.id === "stores");
    assert.ok(stores?.detail.includes(`files back to prod: ${replica}: rule failback into ${source} Enabled`), stores?.detail.join("\n"));
    const plan = drillSteps.find((s) => s.id === "stores")?.plan(h.setup) ?? [];
    assert.ok(plan.includes("the same DescribeGlobalClusters: prod's cluster is a secondary member again (IsWriter false), re-seeded as a follower of prod-dr's"), plan.join("\n"));
    assert.ok(plan.some((line) => line.startsWith("S3 GetBucketReplication (ap-northeast-1) of each replica bucket: its reverse rule into prod's bucket is there and Enabled")), plan.join("\n"));
    const read = h.aws.trace.indexOf(`s3@ap-northeast-1 GetBucketReplication ${replica}`);
    assert.ok(read >= 0 && read < h.aws.trace.findIndex((call) => call.includes("RegisterScalableTarget")), "read before the fence");
  });

  for (const [state, detail] of [
    ["missing", `${replica}: no rule failback into ${source}`],
    ["Disabled", `${replica}: rule failback into ${source} Disabled`],
  ] as const) {
    it(`refuses a failback whose reverse rule is ${state.toLowerCase()}, before anything changes, saying what to do`, async () => {
      h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback", files: true });
      h.aws.reverseRule = state;
      const record = await h.run();
      assert.equal(record.stoppedAt, "stores");
      assert.equal(
        record.steps.find((s) => s.id === "stores")?.error,
        `the files written in prod-dr would not reach prod: ${detail}. Set platform:dr.replica.buckets[].replicateBack to true (its default) on prod-dr and roll it out (npm run rollout -- --stacks prod-dr); ` +
          "for a rule disabled by hand, enable it (aws s3api put-bucket-replication) or roll prod-dr out again; objects written before the rule existed need S3 Batch Replication into prod's bucket",
      );
      assert.ok(!h.aws.trace.some((call) => /RegisterScalableTarget|UpdateService|Switchover|setConfig/.test(call)), h.aws.trace.join("\n"));
    });
  }

  it("refuses a drill output without the reverse rule (replicateBack off, or a standby not rolled out since), without asking S3", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", files: "one-way" });
    // A drill forward needs no reverse rule.
    h.aws.lagSeconds = [2, 3, 0];
    assert.equal((await h.run()).outcome, "passed");
    h.aws.restore();
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback", files: "one-way" });
    const record = await h.run();
    assert.equal(record.stoppedAt, "stores");
    assert.match(record.steps.find((s) => s.id === "stores")?.error ?? "", /^the files written in prod-dr would not reach prod: platform-prod-dr-files-123456789012-ap-northeast-1: the drill output names no reverse rule \(platform:dr\.replica\.buckets\[\]\.replicateBack\)\./);
    assert.ok(!h.aws.trace.some((call) => call.includes("GetBucketReplication")));
  });

  it("leaves a bucket whose config turns replicateBack off out of the failback, saying where its files stay", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback", files: "one-way" });
    // The harness's replica settings are its own copy; the bucket list is replaced, not edited (the stack files' objects are shared).
    const replica = h.setup.standby.config.dr?.replica as unknown as { buckets: readonly object[] };
    replica.buckets = replica.buckets.map((b) => ({ ...b, replicateBack: false, replicateBackOffReason: "thumbnails only: regenerated after a failback" }));
    const record = await h.run();
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(record.filesAtFence, []);
    assert.ok(record.steps.find((s) => s.id === "stores")?.detail.includes("files files: replicateBack is off (thumbnails only: regenerated after a failback): objects written in prod-dr stay there"));
    assert.ok(!h.aws.trace.some((call) => call.includes("GetBucketReplication") || call.includes("ReplicationLatency")));
  });

  it("Aurora: waits for prod's cluster to follow again; refuses while it is not a secondary of the global cluster", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback" });
    // After an unplanned failover with AllowDataLoss, prod's cluster is out until its region recovers.
    h.aws.db.members = ["standby"];
    const record = await h.run();
    assert.equal(record.stoppedAt, "stores");
    assert.equal(
      record.steps.find((s) => s.id === "stores")?.error,
      "prod's cluster is not a secondary of the global database yet (global cluster available, writer arn:aws:rds:ap-northeast-1:123456789012:cluster:platform-prod-dr-db, no secondary): it must follow prod-dr's again before the failback. " +
        "After an unplanned failover Aurora adds it back as a secondary once ap-northeast-2 recovers (aws rds describe-global-clusters --region ap-northeast-1 shows it with IsWriter false); " +
        "if it was removed from the global cluster, add a new secondary cluster in ap-northeast-2 (aws rds create-db-cluster --global-cluster-identifier ..., then import it into prod's state), wait for its lag, and run the failback again",
    );
    assert.ok(!h.aws.trace.some((call) => /RegisterScalableTarget|UpdateService|Switchover/.test(call)));
  });

  it("Aurora: a follower again, but further behind than the RPO, is refused too", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback" });
    h.aws.lagSeconds = [400];
    const record = await h.run();
    assert.equal(record.stoppedAt, "lag");
    assert.equal(record.steps.find((s) => s.id === "lag")?.error, "replication lag 400 s is over the RPO target of 5 min");
    assert.ok(record.steps.find((s) => s.id === "stores")?.detail.some((line) => line.endsWith("secondary platform-prod-db")));
  });

  it("RDS: refuses before the re-seed, before anything changes, saying to run npm run reseed first", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", kind: "failback" });
    const record = await h.run();
    assert.equal(record.stoppedAt, "stores");
    assert.equal(
      record.steps.find((s) => s.id === "stores")?.error,
      "prod's database does not follow prod-dr's (platform-prod-db available, standalone): a promoted RDS read replica cannot switch back, so prod's instance must first be re-seeded as a read replica of prod-dr's. " +
        "Run npm run reseed -- --from prod-dr --to prod (it keeps the old instance under a new name), then the failback again",
    );
    assert.ok(!h.aws.trace.some((call) => /RegisterScalableTarget|UpdateService|PromoteReadReplica|pulumi (up|refresh|setConfig)/.test(call)), h.aws.trace.join("\n"));
    const plan = drillSteps.find((s) => s.id === "stores")?.plan(h.setup) ?? [];
    assert.ok(plan.some((line) => line.startsWith("RDS DescribeDBInstances (ap-northeast-2): prod's instance is a read replica of prod-dr's")), plan.join("\n"));
  });

  it("RDS: after npm run reseed, waits for ReplicaLag 0 after the fence and promotes prod's instance, with prod's backups; then says to re-seed prod-dr", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", kind: "failback" });
    const reseed = await runReseed({
      setup: validateReseed({ from: "prod-dr", to: "prod" }, pairStacks({ primaryState: "standby", standbyState: "serving" })),
      driver: h.driver,
      clock: h.clock,
      makeCloud: (targets) => awsReseedCloud(h?.aws.clients as Harness["aws"]["clients"], targets, h?.clock as Harness["clock"]),
      store: new MemoryReseedStore(),
    });
    assert.equal(reseed.outcome, "done");
    h.aws.lagSeconds = [3, 0];
    const start = h.aws.trace.length;
    const record = await h.run();

    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    const trace = h.aws.trace.slice(start);
    const fence = trace.findIndex((call) => call.includes("RegisterScalableTarget"));
    const promote = trace.indexOf("rds@ap-northeast-2 PromoteReadReplica platform-prod-db");
    assert.ok(fence >= 0 && promote > fence, trace.join("\n"));
    assert.ok(trace.slice(fence, promote).includes("cloudwatch@ap-northeast-2 GetMetricData ReplicaLag platform-prod-db"), "waited for the lag on prod's instance");
    const prod = h.aws.rdsModel.get("primary", "platform-prod-db");
    const config = h.setup.primary.config.data?.database;
    assert.deepEqual({ source: prod?.source, status: prod?.status, backups: prod?.backupRetention, window: prod?.backupWindow }, { source: undefined, status: "available", backups: config?.backupRetentionDays, window: config?.backupWindow });
    assert.equal(h.aws.rdsModel.get("standby", "platform-prod-dr-db")?.source, undefined, "prod-dr's instance stands alone");
    assert.ok(record.steps.find((s) => s.id === "stores")?.detail.includes(`prod's instance: platform-prod-db available, replica of ${instanceArn("ap-northeast-1", "platform-prod-dr-db")}`));
    assert.ok(record.recovery.includes("Then rebuild prod-dr's replica: npm run reseed -- --from prod --to prod-dr (prod-dr's instance stands alone since the drill; it keeps it under a new name)"), record.recovery.join("\n"));
    assert.ok(!trace.some((call) => call.includes("PromoteReadReplica platform-prod-dr-db")));
  });
});
