import { strict as assert } from "assert";
import { explainDrill } from "../../../automation/drill/explain";
import { measure } from "../../../automation/drill/record";
import { fenceUnreachable, isUnreachable } from "../../../automation/drill/unreachable";
import { harness, Harness } from "../../helpers/drill-harness";

const primaryCalls = (h: Harness) => h.aws.trace.filter((call) => call.startsWith("ecs@ap-northeast-2") || call.startsWith("autoscaling@ap-northeast-2"));
const resumed = { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false };
const fenceStep = (record: { steps: { id: string; status: string; detail: string[]; error?: string }[] }) => record.steps.find((s) => s.id === "fence")!;

describe("drill: an unplanned fence of a region that does not answer", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("records the fence as unreachable, goes on, and takes the RPO from the last known lag", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" });
    h.aws.lagSeconds = [4, 250];
    h.aws.goesDown("ap-northeast-2");
    const record = await h.run();

    assert.equal(record.outcome, "passed");
    const fence = fenceStep(record);
    assert.equal(fence.status, "done");
    assert.deepEqual(fence.detail, [
      `${fenceUnreachable}: ap-northeast-2 did not answer (TimeoutError: connect ETIMEDOUT ap-northeast-2); its writes are presumed stopped`,
      "RPO from the last known lag: 4 s, measured 0s before the fence",
    ]);
    // One attempt to reach the region, no scaling there, and no second lag read: the pre-check's is the RPO.
    assert.deepEqual(primaryCalls(h), ["ecs@ap-northeast-2 DescribeServices"]);
    assert.equal(h.aws.trace.filter((call) => call.includes("GetMetricData")).length, 1);
    assert.equal(record.lagAtFenceSeconds, 4);
    assert.equal(record.fence?.region, "ap-northeast-2");
    assert.deepEqual(record.fence?.services, []);
    assert.equal(record.fence?.unreachable, "TimeoutError: connect ETIMEDOUT ap-northeast-2");
    // The rest of the failover ran in the standby region and through Route 53.
    assert.ok(h.aws.trace.includes("rds@ap-northeast-1 PromoteReadReplica platform-prod-dr-db"));
    assert.ok(h.aws.trace.includes("route53 UpdateHealthCheck inverted=true"));
    const m = measure(record);
    assert.equal(m.rpoSeconds, 4);
    assert.equal(m.rpoPass, true);
    assert.equal(m.rtoSeconds, (record.firstHealthyAt! - record.fence.at) / 1000);
    assert.ok(h.store.markdown.includes(`- ${fenceUnreachable}: ap-northeast-2 did not answer (TimeoutError: connect ETIMEDOUT ap-northeast-2); nothing was scaled there, and the RPO is the last lag measured before the fence.`));
    assert.ok(h.store.markdown.includes("| RPO: replication lag at the fence, database and files | 5 min | 4 s | pass |"));
  });

  it("keeps what it fenced when the region goes down half-way, and still goes on", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", mode: "unplanned" });
    h.aws.lagSeconds = [2];
    // The describes, both scalable targets and the first UpdateService answer; the second one times out.
    h.aws.goesDown("ap-northeast-2", 5);
    const record = await h.run();

    assert.equal(record.outcome, "passed");
    assert.deepEqual(primaryCalls(h), [
      "ecs@ap-northeast-2 DescribeServices",
      "autoscaling@ap-northeast-2 DescribeScalableTargets",
      "autoscaling@ap-northeast-2 RegisterScalableTarget api min=0 max=0 suspended=111",
      "autoscaling@ap-northeast-2 RegisterScalableTarget web min=0 max=0 suspended=111",
      "ecs@ap-northeast-2 UpdateService api=0",
      "ecs@ap-northeast-2 UpdateService web=0",
    ]);
    assert.deepEqual(record.fence?.services, [
      { name: "api", previousDesired: 2, scaling: { minCapacity: 2, maxCapacity: 5, suspendedState: resumed } },
      { name: "web", previousDesired: 2, scaling: { minCapacity: 2, maxCapacity: 6, suspendedState: resumed } },
    ]);
    assert.equal(fenceStep(record).detail[0], `${fenceUnreachable}: ap-northeast-2 did not answer (TimeoutError: connect ETIMEDOUT ap-northeast-2); its writes are presumed stopped`);
    assert.equal(record.lagAtFenceSeconds, 2);
    assert.ok(h.aws.trace.some((call) => call.startsWith("rds@ap-northeast-1 FailoverGlobalCluster")));
  });

  it("treats a region lost while the fence waits for tasks to stop the same way", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" });
    h.aws.lagSeconds = [3, 5];
    // Describe, the scalable targets (read, then two registered), two UpdateService calls: then the drain's describe times out.
    h.aws.goesDown("ap-northeast-2", 6);
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    // The lag was read at the fence before the region went: that one is the RPO.
    assert.equal(record.lagAtFenceSeconds, 5);
    assert.equal(fenceStep(record).detail.filter((line) => line.startsWith(fenceUnreachable)).length, 1);
  });

  it("has no RPO to take when nothing replicates", async () => {
    h = harness({ database: "none", cache: "none", mode: "unplanned" });
    h.aws.goesDown("ap-northeast-2");
    const record = await h.run();
    assert.equal(record.outcome, "passed");
    assert.equal(record.lagAtFenceSeconds, null);
    assert.equal(fenceStep(record).detail.length, 1);
  });

  it("stops a planned drill: a planned switchover never presumes the primary is down", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "planned" });
    // The load balancer still answers the pre-check; the ECS API of the region does not.
    h.aws.goesDown("ap-northeast-2", 0, { healthUrl: false });
    const record = await h.run();
    assert.equal(record.outcome, "stopped");
    assert.equal(record.stoppedAt, "fence");
    assert.equal(fenceStep(record).error, "connect ETIMEDOUT ap-northeast-2");
    assert.equal(record.fence, undefined, "nothing was fenced");
  });

  it("stops an unplanned drill when the region answers with a refusal", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" });
    h.aws.failOn("UpdateService");
    const record = await h.run();
    assert.equal(record.outcome, "stopped");
    assert.equal(record.stoppedAt, "fence");
    assert.equal(fenceStep(record).error, "User is not authorized to perform: UpdateService");
    assert.equal(record.fence?.unreachable, undefined);
  });

  it("says so in the dry run of an unplanned drill, and only there", () => {
    const unplanned = explainDrill(harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" }).setup).join("\n");
    const planned = explainDrill(harness({ database: "rds-replica", cache: "warm-empty", mode: "planned" }).setup).join("\n");
    const line = `ap-northeast-2 does not answer (timeout, no connection): record "${fenceUnreachable}", take the RPO from the last lag the pre-check measured, and go on`;
    assert.ok(unplanned.includes(line), unplanned);
    assert.ok(!planned.includes(line));
  });
});

describe("drill: what counts as a region that does not answer", () => {
  it("a timeout or a connection that could not be made, also wrapped", () => {
    const timeout = Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
    const refused = Object.assign(new Error("connect ECONNREFUSED 1.2.3.4:443"), { code: "ECONNREFUSED" });
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND ecs.ap-northeast-2.amazonaws.com"), { code: "ENOTFOUND" });
    const wrapped = new Error("fetch failed", { cause: Object.assign(new Error("connect"), { code: "UND_ERR_CONNECT_TIMEOUT" }) });
    for (const error of [timeout, refused, dns, wrapped]) assert.equal(isUnreachable(error), true, error.message);
  });

  it("not an answer, whatever it says, nor anything else", () => {
    const denied = Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
    const unavailable = Object.assign(new Error("Service Unavailable"), { name: "ServiceUnavailable", code: "ETIMEDOUT", $metadata: { httpStatusCode: 503 } });
    for (const error of [denied, unavailable, new Error("boom"), "ETIMEDOUT", undefined, null]) assert.equal(isUnreachable(error), false, String(error));
  });
});
