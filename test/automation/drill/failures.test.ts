import { strict as assert } from "assert";
import { StackOperationError } from "../../../automation/driver/types";
import { measure, StepId, stepIds } from "../../../automation/drill/record";
import { harness, Harness } from "../../helpers/drill-harness";

const resume = "npm run drill -- --primary prod --standby prod-dr --mode planned --resume";
const scalableTarget = (service: string, max: number) =>
  `  aws application-autoscaling register-scalable-target --region ap-northeast-2 --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id service/platform-prod/${service} ` +
  `--min-capacity 2 --max-capacity ${max} --suspended-state DynamicScalingInSuspended=false,DynamicScalingOutSuspended=false,ScheduledScalingSuspended=false`;
const restore = [
  scalableTarget("api", 5),
  "  aws ecs update-service --region ap-northeast-2 --cluster platform-prod --service api --desired-count 2",
  scalableTarget("web", 6),
  "  aws ecs update-service --region ap-northeast-2 --cluster platform-prod --service web --desired-count 2",
];

/** How to make each step fail, in a planned drill with an Aurora global database and a Redis global datastore. */
const failures: Record<StepId, { inject: (h: Harness) => void; error: RegExp; recovery: string[] }> = {
  targets: {
    inject: (h) => h.driver.failOn("prod-dr", "outputs", () => new StackOperationError("prod-dr", "outputs", "no stack named prod-dr")),
    error: /^outputs of prod-dr failed: no stack named prod-dr$/,
    recovery: ["Nothing was changed: the drill stopped in its pre-checks.", "Fix what the failed check reports and run the drill again (without --resume)."],
  },
  "from-healthy": {
    inject: (h) => h.aws.down.add("https://prod-origin.example.test/healthz"),
    error: /^https:\/\/prod-origin\.example\.test\/healthz is not healthy \(HTTP 503\): a planned switchover starts from a healthy side$/,
    recovery: ["Nothing was changed: the drill stopped in its pre-checks.", "Fix what the failed check reports and run the drill again (without --resume)."],
  },
  stores: {
    inject: (h) => h.aws.failOn("DescribeGlobalClusters"),
    error: /^User is not authorized to perform: DescribeGlobalClusters$/,
    recovery: ["Nothing was changed: the drill stopped in its pre-checks.", "Fix what the failed check reports and run the drill again (without --resume)."],
  },
  capacity: {
    inject: (h) => h.aws.missing.add("standby:web"),
    error: /^services not ACTIVE on the new side: web \(MISSING\)$/,
    recovery: ["Nothing was changed: the drill stopped in its pre-checks.", "Fix what the failed check reports and run the drill again (without --resume)."],
  },
  lag: {
    inject: (h) => (h.aws.lagSeconds = [301]),
    error: /^replication lag 301 s is over the RPO target of 5 min$/,
    recovery: ["Nothing was changed: the drill stopped in its pre-checks.", "Fix what the failed check reports and run the drill again (without --resume)."],
  },
  fence: {
    inject: (h) => h.aws.failOn("UpdateService"),
    error: /^User is not authorized to perform: UpdateService$/,
    recovery: [
      "Writes on prod may be partly fenced: some of its services may be scaled to 0. The data stores were not touched.",
      `Continue: ${resume}`,
      "Or abandon and restore prod's services:",
      ...restore,
    ],
  },
  "promote-database": {
    inject: (h) => h.aws.failOn("SwitchoverGlobalCluster"),
    error: /^User is not authorized to perform: SwitchoverGlobalCluster$/,
    recovery: [
      "prod is fenced; the database promotion did not complete. Look at the database first (the report's timeline shows its last state).",
      `Continue (recommended): ${resume}`,
      "Abandon only if prod's database is still the writer: restore prod's services:",
      ...restore,
    ],
  },
  "promote-cache": {
    inject: (h) => h.aws.failOn("FailoverGlobalReplicationGroup"),
    error: /^User is not authorized to perform: FailoverGlobalReplicationGroup$/,
    recovery: [`prod-dr's database takes writes now: the way back is forward. Continue: ${resume}`, "Once prod-dr serves traffic, return with: npm run failback -- --primary prod --standby prod-dr."],
  },
  scale: {
    inject: (h) => h.driver.failOn("prod-dr", "up", () => new StackOperationError("prod-dr", "up", "aws:ecs:Service api: InvalidParameterException")),
    error: /^up of prod-dr failed: aws:ecs:Service api: InvalidParameterException$/,
    recovery: [`prod-dr's database takes writes now: the way back is forward. Continue: ${resume}`, "Once prod-dr serves traffic, return with: npm run failback -- --primary prod --standby prod-dr."],
  },
  dns: {
    inject: (h) => h.aws.failOn("UpdateHealthCheck"),
    error: /^User is not authorized to perform: UpdateHealthCheck$/,
    recovery: [`prod-dr's database takes writes now: the way back is forward. Continue: ${resume}`, "Once prod-dr serves traffic, return with: npm run failback -- --primary prod --standby prod-dr."],
  },
  verify: {
    inject: (h) => h.aws.slow.set("https://app.example.test/healthz", 1000),
    error: /^timed out after 15m 00s waiting for https:\/\/app\.example\.test\/healthz to answer; last: https:\/\/app\.example\.test\/healthz: HTTP 502$/,
    recovery: [`prod-dr's database takes writes now: the way back is forward. Continue: ${resume}`, "Once prod-dr serves traffic, return with: npm run failback -- --primary prod --standby prod-dr."],
  },
  reconcile: {
    inject: (h) => h.driver.failOn("prod", "refresh", () => new StackOperationError("prod", "refresh", "error: the current deployment has 1 resource(s) with pending operations")),
    error: /^refresh of prod failed: error: the current deployment has 1 resource\(s\) with pending operations$/,
    recovery: [
      "prod-dr serves traffic, but Pulumi state and config are not reconciled: do not run pulumi up on prod until they are.",
      `Continue: ${resume} (refreshes both stacks and records the states)`,
    ],
  },
};

/** Calls that change something in the cloud or in Pulumi. */
const changing = /UpdateService|Switchover|Failover|Promote|Disassociate|UpdateHealthCheck|pulumi (up|setConfig|refresh)/;

describe("drill: a failure at each step", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  for (const id of stepIds) {
    const failure = failures[id];
    it(`${id}: stops there, leaves a report saying where and how to recover`, async () => {
      h = harness({ database: "aurora-global", cache: "global-datastore" });
      failure.inject(h);
      const record = await h.run();
      const index = stepIds.indexOf(id);
      assert.equal(record.outcome, "stopped");
      assert.equal(record.stoppedAt, id);
      const step = record.steps[index];
      assert.equal(step.status, "failed");
      assert.match(step.error ?? "", failure.error);
      assert.deepEqual(record.steps.slice(0, index).map((s) => s.status).filter((s) => s !== "done" && s !== "skipped"), [], "every earlier step finished");
      assert.deepEqual(record.steps.slice(index + 1).map((s) => s.status), stepIds.slice(index + 1).map(() => "not-run"), "nothing ran after it");
      assert.deepEqual(record.recovery, failure.recovery);
      assert.deepEqual(h.store.last, JSON.parse(JSON.stringify(record)), "the saved report is the final record");
      assert.match(h.store.markdown, new RegExp(`Outcome: \\*\\*STOPPED at ${id}\\*\\*`));
      assert.match(h.store.markdown, /## How to recover/);
      if (step.kind === "check") {
        assert.deepEqual(h.aws.trace.filter((call) => changing.test(call)), [], "a failed pre-check changes nothing");
      }
    });

    if (failures[id].recovery[0].startsWith("Nothing was changed")) continue;
    it(`${id}: --resume continues at the failed step and completes the drill`, async () => {
      h = harness({ database: "aurora-global", cache: "global-datastore" });
      failure.inject(h);
      const stopped = await h.run();
      h.aws.slow.clear();
      const before = h.aws.trace.length;
      const saved = h.store.latestStopped("drill", "prod", "prod-dr");
      assert.ok(saved);
      const record = await h.run({ resume: saved });
      assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
      assert.equal(record.startedAt, stopped.startedAt, "the same drill, continued");
      const resumed = h.aws.trace.slice(before);
      assert.equal(resumed[0], "pulumi outputs prod-dr", "the targets are read again");
      assert.ok(!resumed.includes("probe https://prod-origin.example.test/healthz"), "the pre-checks do not run again");
      const index = stepIds.indexOf(id);
      for (const done of stepIds.slice(5, index)) assert.equal(record.steps[stepIds.indexOf(done)].startedAt, stopped.steps[stepIds.indexOf(done)].startedAt, `${done} did not run again`);
      assert.equal(record.fence?.at, stopped.fence?.at, "the RTO still counts from the first fence");
      assert.ok((measure(record).rtoSeconds ?? 0) > 0);
    });
  }

  it("stops at the next wait on Ctrl-C and says how to continue", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    let interrupted = false;
    const record = await h.run({
      stopped: () => interrupted,
      makeCloud: () => {
        const cloud = h!.aws.cloud(h!.clock);
        const scale = cloud.scaleService.bind(cloud);
        cloud.scaleService = async (...args) => {
          interrupted = true;
          return scale(...args);
        };
        return cloud;
      },
    });
    assert.equal(record.stoppedAt, "fence");
    assert.equal(record.steps[stepIds.indexOf("fence")].status, "interrupted");
    assert.equal(record.steps[stepIds.indexOf("fence")].error, "interrupted (Ctrl-C)");
    assert.equal(record.recovery[1], `Continue: ${resume}`);
  });

  it("refuses to resume a drill of another pair, in another mode, or one that finished", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore" });
    h.aws.failOn("UpdateHealthCheck");
    const stopped = await h.run();
    await assert.rejects(h.run({ resume: { ...stopped, mode: "unplanned" } }), { message: "the saved drill runs in unplanned mode: resume it with --mode unplanned" });
    await assert.rejects(h.run({ resume: { ...stopped, standby: "staging-dr" } }), { message: "the saved drill is for prod / staging-dr, not this drill of prod / prod-dr" });
    await assert.rejects(h.run({ resume: { ...stopped, outcome: "passed" } }), /did not stop half-way \(passed\): nothing to resume$/);
  });
});
