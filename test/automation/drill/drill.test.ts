import { strict as assert } from "assert";
import { measure } from "../../../automation/drill/record";
import { defaultTimings } from "../../../automation/drill/steps";
import { harness, Harness } from "../../helpers/drill-harness";

const standbyLb = "prod-dr-alb-1234567890.ap-northeast-1.elb.amazonaws.com";
const primaryLb = "prod-alb-1234567890.ap-northeast-2.elb.amazonaws.com";
const standbyArn = "arn:aws:rds:ap-northeast-1:123456789012:cluster:platform-prod-dr-db";
const primaryArn = "arn:aws:rds:ap-northeast-2:123456789012:cluster:platform-prod-db";

/** The calls every drill prod -> prod-dr makes around its engine-specific ones. */
const fence = [
  "ecs@ap-northeast-2 DescribeServices",
  "autoscaling@ap-northeast-2 DescribeScalableTargets",
  "autoscaling@ap-northeast-2 RegisterScalableTarget api min=0 max=0 suspended=111",
  "autoscaling@ap-northeast-2 RegisterScalableTarget web min=0 max=0 suspended=111",
  "ecs@ap-northeast-2 UpdateService api=0",
  "ecs@ap-northeast-2 UpdateService web=0",
];
const drained = ["ecs@ap-northeast-2 DescribeServices", "ecs@ap-northeast-2 DescribeServices"];
const scaleAndSwitch = [
  "pulumi setConfig prod-dr platform:dr.state=serving",
  "pulumi up prod-dr",
  "ecs@ap-northeast-1 DescribeServices",
  "ecs@ap-northeast-1 DescribeServices",
  "route53 UpdateHealthCheck inverted=true",
  "route53 TestDNSAnswer",
  `resolve ${standbyLb}`,
  "route53 TestDNSAnswer",
  `resolve ${standbyLb}`,
  "probe https://app.example.test/healthz",
  "pulumi refresh prod",
  "pulumi refresh prod-dr",
  "pulumi setConfig prod platform:dr.state=standby",
];

describe("drill: the cloud calls, per mode and engine", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("planned, Aurora global database and Redis global datastore: switchover and datastore failover", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", mode: "planned" });
    h.aws.lagSeconds = [1.2, 0.8];
    const record = await h.run();
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(h.aws.trace, [
      "pulumi outputs prod-dr",
      "probe https://prod-origin.example.test/healthz",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "ecs@ap-northeast-1 DescribeServices",
      "cloudwatch@ap-northeast-1 GetMetricData AuroraGlobalDBReplicationLag platform-prod-dr-db",
      ...fence,
      "cloudwatch@ap-northeast-1 GetMetricData AuroraGlobalDBReplicationLag platform-prod-dr-db",
      ...drained,
      "rds@ap-northeast-1 DescribeGlobalClusters",
      `rds@ap-northeast-1 SwitchoverGlobalCluster to=${standbyArn}`,
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-1 FailoverGlobalReplicationGroup primary=platform-prod-dr-cache@ap-northeast-1",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      ...scaleAndSwitch,
    ]);
    assert.equal(record.lagAtFenceSeconds, 0.8);
  });

  it("unplanned, Aurora global database and Redis global datastore: failover with data loss allowed, datastore left", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", mode: "unplanned" });
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    assert.deepEqual(h.aws.trace, [
      "pulumi outputs prod-dr",
      "probe https://prod-origin.example.test/healthz",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "ecs@ap-northeast-1 DescribeServices",
      "cloudwatch@ap-northeast-1 GetMetricData AuroraGlobalDBReplicationLag platform-prod-dr-db",
      ...fence,
      "cloudwatch@ap-northeast-1 GetMetricData AuroraGlobalDBReplicationLag platform-prod-dr-db",
      ...drained,
      "rds@ap-northeast-1 DescribeGlobalClusters",
      `rds@ap-northeast-1 FailoverGlobalCluster to=${standbyArn} allowDataLoss=true`,
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-1 DisassociateGlobalReplicationGroup platform-prod-dr-cache@ap-northeast-1",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-1 DescribeReplicationGroups platform-prod-dr-cache",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-1 DescribeReplicationGroups platform-prod-dr-cache",
      ...scaleAndSwitch,
    ]);
  });

  it("planned, RDS read replica and an empty warm cache: waits for the replica to catch up, then promotes it", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "planned" });
    h.aws.lagSeconds = [2, 3, 1, 0];
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    assert.deepEqual(h.aws.trace, [
      "pulumi outputs prod-dr",
      "probe https://prod-origin.example.test/healthz",
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
      "elasticache@ap-northeast-1 DescribeReplicationGroups platform-prod-dr-cache",
      "ecs@ap-northeast-1 DescribeServices",
      "cloudwatch@ap-northeast-1 GetMetricData ReplicaLag platform-prod-dr-db",
      ...fence,
      "cloudwatch@ap-northeast-1 GetMetricData ReplicaLag platform-prod-dr-db",
      ...drained,
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
      "cloudwatch@ap-northeast-1 GetMetricData ReplicaLag platform-prod-dr-db",
      "cloudwatch@ap-northeast-1 GetMetricData ReplicaLag platform-prod-dr-db",
      "rds@ap-northeast-1 PromoteReadReplica platform-prod-dr-db",
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
      ...scaleAndSwitch,
    ]);
    assert.equal(record.steps.find((s) => s.id === "promote-cache")?.status, "skipped");
    assert.equal(record.lagAtFenceSeconds, 3);
  });

  it("unplanned, RDS read replica: promotes right away without waiting for the lag", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" });
    h.aws.lagSeconds = [2, 3, 1, 0];
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    const promote = h.aws.trace.indexOf("rds@ap-northeast-1 PromoteReadReplica platform-prod-dr-db");
    assert.deepEqual(h.aws.trace.slice(promote - 3, promote + 3), [
      ...drained,
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
      "rds@ap-northeast-1 PromoteReadReplica platform-prod-dr-db",
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
      "rds@ap-northeast-1 DescribeDBInstances platform-prod-dr-db",
    ]);
    assert.equal(h.aws.trace.filter((call) => call.includes("GetMetricData")).length, 2, "the pre-check and the fence read the lag; nothing waits for it");
  });

  it("no replicated stores: promotes nothing and does not measure an RPO", async () => {
    h = harness({ database: "none", cache: "none" });
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    assert.ok(!h.aws.trace.some((call) => /^(rds|elasticache|cloudwatch)@/.test(call)), h.aws.trace.join("\n"));
    assert.deepEqual(
      record.steps.filter((s) => s.status === "skipped").map((s) => s.id),
      ["lag", "promote-database", "promote-cache"],
    );
    assert.equal(record.lagAtFenceSeconds, null);
    assert.deepEqual(measure(record).rpoSeconds, null);
  });

  it("a warm standby is checked at its warm size and scaled from there", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", standbyTasks: 1 });
    h.aws.lagSeconds = [2, 3, 0];
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    assert.deepEqual(record.steps.find((s) => s.id === "capacity")?.detail, ["api ACTIVE 1/1, web ACTIVE 1/1"]);
  });

  it("stops a warm standby that runs fewer tasks than its posture, before anything changes", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", standbyTasks: 2 });
    h.aws.scaleTo("standby", 1);
    const record = await h.run();
    assert.equal(record.stoppedAt, "capacity");
    assert.equal(record.steps.find((s) => s.id === "capacity")?.error, "standby services should run at least 2 tasks (warm): api wants 1, web wants 1; roll the standby out first");
    assert.ok(!h.aws.trace.some((call) => call.includes("UpdateService")));
  });

  it("failback: the same steps from prod-dr back to prod, as a planned switchover", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback" });
    const record = await h.run();
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(h.aws.trace, [
      "pulumi outputs prod-dr",
      "probe https://prod-dr-origin.example.test/healthz",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "ecs@ap-northeast-2 DescribeServices",
      "cloudwatch@ap-northeast-2 GetMetricData AuroraGlobalDBReplicationLag platform-prod-db",
      "ecs@ap-northeast-1 DescribeServices",
      "autoscaling@ap-northeast-1 DescribeScalableTargets",
      "autoscaling@ap-northeast-1 RegisterScalableTarget api min=0 max=0 suspended=111",
      "autoscaling@ap-northeast-1 RegisterScalableTarget web min=0 max=0 suspended=111",
      "ecs@ap-northeast-1 UpdateService api=0",
      "ecs@ap-northeast-1 UpdateService web=0",
      "cloudwatch@ap-northeast-2 GetMetricData AuroraGlobalDBReplicationLag platform-prod-db",
      "ecs@ap-northeast-1 DescribeServices",
      "ecs@ap-northeast-1 DescribeServices",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      `rds@ap-northeast-2 SwitchoverGlobalCluster to=${primaryArn}`,
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "rds@ap-northeast-1 DescribeGlobalClusters",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-2 FailoverGlobalReplicationGroup primary=platform-prod-cache@ap-northeast-2",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "elasticache@ap-northeast-1 DescribeGlobalReplicationGroups",
      "pulumi setConfig prod platform:dr.state=serving",
      "pulumi up prod",
      // No drill report in this store: scaling resumed, bounds as pulumi up set them.
      "autoscaling@ap-northeast-2 DescribeScalableTargets",
      "autoscaling@ap-northeast-2 RegisterScalableTarget api suspended=000",
      "autoscaling@ap-northeast-2 RegisterScalableTarget web suspended=000",
      "ecs@ap-northeast-2 DescribeServices",
      "ecs@ap-northeast-2 DescribeServices",
      "route53 UpdateHealthCheck inverted=false",
      "route53 TestDNSAnswer",
      `resolve ${primaryLb}`,
      "route53 TestDNSAnswer",
      `resolve ${primaryLb}`,
      "probe https://app.example.test/healthz",
      "pulumi refresh prod-dr",
      "pulumi refresh prod",
      "pulumi setConfig prod-dr platform:dr.state=standby",
      "pulumi up prod-dr",
      "autoscaling@ap-northeast-1 RegisterScalableTarget api suspended=000",
      "autoscaling@ap-northeast-1 RegisterScalableTarget web suspended=000",
    ]);
    assert.deepEqual(record.configChanges, [
      { stack: "prod", key: "platform:dr.state", value: "serving" },
      { stack: "prod-dr", key: "platform:dr.state", value: "standby" },
    ]);
    assert.deepEqual([...h.aws.services.standby.values()].map((s) => s.desired), [0, 0], "prod-dr is back at its pilot-light size");
  });
});

describe("drill: RTO and RPO from the recorded timeline", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("measures RTO from the fence to the first healthy response and RPO as the lag at the fence", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 42, 0];
    const record = await h.run();
    const fence = record.steps.find((s) => s.id === "fence");
    assert.equal(record.fence?.at, fence?.startedAt, "the fence takes effect when the services are scaled to 0");
    // Each wait below polls once (15 s): tasks drain, the replica promotes, the standby scales, DNS flips.
    assert.equal((record.firstHealthyAt as number) - (record.fence?.at as number), 4 * 15_000);
    assert.deepEqual(measure(record), { rtoSeconds: 60, rpoSeconds: 42, rtoPass: true, rpoPass: true });
    assert.equal(record.outcome, "passed");
    assert.match(h.store.markdown, /\| RTO: fence to first healthy response through DNS \| 30 min \| 1m 00s \| pass \|/);
    assert.match(h.store.markdown, /\| RPO: replication lag at the fence, database and files \| 5 min \| 42 s \| pass \|/);
  });

  it("fails the targets it misses, and says so", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" });
    h.aws.lagSeconds = [2, 400];
    // The public name answers 502 for 159 probes (about 40 minutes) after the switch.
    h.aws.slow.set("https://app.example.test/healthz", 159);
    const record = await h.run({ timings: { ...defaultTimings, verifyMs: 60 * 60_000 } });
    const m = measure(record);
    assert.equal(m.rpoSeconds, 400);
    assert.equal(m.rpoPass, false);
    assert.equal(m.rtoSeconds, 4 * 15 + 159 * 15, "four waits of one poll each, then 159 failed probes 15 s apart");
    assert.equal(m.rtoPass, false);
    assert.equal(record.outcome, "missed-targets");
    assert.match(h.store.markdown, /Outcome: \*\*COMPLETED, TARGETS MISSED\*\*/);
    assert.match(h.store.markdown, /\| RTO: .* \| 30 min \| 40m 45s \| \*\*FAIL\*\* \|/);
  });

  it("judges the measurements against the targets exactly at the limit", () => {
    const base = { targets: { rtoMinutes: 30, rpoMinutes: 5 }, fence: { at: 0, region: "r", cluster: "c", services: [] }, firstHealthyAt: 30 * 60_000, lagAtFenceSeconds: 300 };
    assert.deepEqual(measure(base as never), { rtoSeconds: 1800, rpoSeconds: 300, rtoPass: true, rpoPass: true });
    assert.deepEqual(measure({ ...base, firstHealthyAt: 30 * 60_000 + 1000, lagAtFenceSeconds: 300.5 } as never), { rtoSeconds: 1801, rpoSeconds: 300.5, rtoPass: false, rpoPass: false });
    assert.deepEqual(measure({ targets: base.targets } as never), { rtoSeconds: undefined, rpoSeconds: undefined, rtoPass: undefined, rpoPass: undefined });
  });
});
