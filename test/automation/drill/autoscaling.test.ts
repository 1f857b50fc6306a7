import { strict as assert } from "assert";
import { DrillInputError, validateDrill } from "../../../automation/drill/validate";
import type { DrillRecord, FenceRecord } from "../../../automation/drill/record";
import type { StackInfo } from "../../../automation/stacks/catalog";
import { harness, Harness, pairStacks } from "../../helpers/drill-harness";
import type { FakeScalableTarget } from "../../helpers/fake-aws";

const resumed = { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false };
const suspendedAll = { dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true };
const bounds = (target: FakeScalableTarget | undefined) => target && { min: target.min, max: target.max, suspended: target.suspended };

describe("drill: a fence that holds against Application Auto Scaling", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("keeps prod at 0 tasks while its policies enforce the minimum and the weekday 09:00 action raises it to 4", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    // 09:00 on a weekday comes while the fence waits for prod's tasks to stop.
    h.aws.dueAt("primary", "office-hours", 2);
    const record = await h.run();

    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual([...h.aws.services.primary.values()].map((s) => [s.desired, s.running]), [[0, 0], [0, 0]]);
    assert.deepEqual(bounds(h.aws.scaling.primary.get("api")), { min: 0, max: 0, suspended: suspendedAll });
    assert.deepEqual(bounds(h.aws.scaling.primary.get("web")), { min: 0, max: 0, suspended: suspendedAll });
    assert.ok(!h.aws.trace.some((call) => call.includes("scheduled action")), "the suspended schedule did not run");
    // What was there before, for the failback.
    assert.deepEqual(record.fence?.services, [
      { name: "api", previousDesired: 2, scaling: { minCapacity: 2, maxCapacity: 5, suspendedState: resumed } },
      { name: "web", previousDesired: 2, scaling: { minCapacity: 2, maxCapacity: 6, suspendedState: resumed } },
    ]);
    // Bounds and suspension first, then the desired count: the other order lets the minimum bring tasks back.
    const fence = h.aws.trace.filter((call) => call.startsWith("autoscaling@ap-northeast-2") || call.startsWith("ecs@ap-northeast-2 UpdateService"));
    assert.deepEqual(fence.slice(0, 5), [
      "autoscaling@ap-northeast-2 DescribeScalableTargets",
      "autoscaling@ap-northeast-2 RegisterScalableTarget api min=0 max=0 suspended=111",
      "autoscaling@ap-northeast-2 RegisterScalableTarget web min=0 max=0 suspended=111",
      "ecs@ap-northeast-2 UpdateService api=0",
      "ecs@ap-northeast-2 UpdateService web=0",
    ]);
  });

  it("stops the drill when something scales the fenced side back up, instead of waiting it out", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    // Someone's pulumi up of prod registers its program's bounds (min 2) again while the fence waits.
    h.aws.between("primary", 1, () => h!.aws.scaleTo("primary", 2, 5));
    const record = await h.run();
    assert.equal(record.outcome, "stopped");
    assert.equal(record.stoppedAt, "fence");
    assert.match(record.steps.find((s) => s.id === "fence")?.error ?? "", /^the fence did not hold: api wants 2 tasks, web wants 2 tasks on prod/);
  });

  it("failback restores exactly the bounds and suspension the drill saved, and resumes the standby's scaling", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback" });
    const drillFence: FenceRecord = {
      at: Date.parse("2026-10-31T01:00:00Z"),
      region: "ap-northeast-2",
      cluster: "platform-prod",
      services: [
        { name: "api", previousDesired: 2, scaling: { minCapacity: 2, maxCapacity: 5, suspendedState: resumed } },
        // An operator had suspended scale-in on web before the drill: that is what comes back.
        { name: "web", previousDesired: 3, scaling: { minCapacity: 3, maxCapacity: 6, suspendedState: { ...resumed, dynamicScalingInSuspended: true } } },
      ],
    };
    const record = await h.run({ drillFence: { startedAt: Date.parse("2026-10-31T00:55:00Z"), fence: drillFence } });

    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(bounds(h.aws.scaling.primary.get("api")), { min: 2, max: 5, suspended: resumed });
    assert.deepEqual(bounds(h.aws.scaling.primary.get("web")), { min: 3, max: 6, suspended: { ...resumed, dynamicScalingInSuspended: true } });
    // prod-dr: back at its pilot-light bounds (its pulumi up), with its scaling no longer suspended.
    assert.deepEqual(bounds(h.aws.scaling.standby.get("api")), { min: 0, max: 0, suspended: resumed });
    assert.deepEqual(record.drillFence?.fence.services.map((s) => s.name), ["api", "web"], "kept in the failback's own record, for --resume");
    assert.ok(h.store.markdown.includes("web: min 3, max 6, suspended: scale-in"), h.store.markdown);
  });

  it("failback without a saved drill fence resumes scaling and leaves the bounds to pulumi up, and says so", async () => {
    h = harness({ database: "aurora-global", cache: "global-datastore", kind: "failback" });
    const record = await h.run();
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(bounds(h.aws.scaling.primary.get("api")), { min: 2, max: 5, suspended: resumed });
    const scale = record.steps.find((s) => s.id === "scale");
    assert.ok(scale?.detail.some((line) => line.startsWith("no saved drill fence")), scale?.detail.join("\n"));
  });

  it("a drill that died mid-fence resumes with the values from before its first attempt", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    // The process dies right after the first RegisterScalableTarget: nothing it did later is saved.
    let dead = false;
    const save = h.store.save.bind(h.store);
    h.store.save = (r: DrillRecord) => {
      if (!dead) save(r);
    };
    h.aws.dieAfter("RegisterScalableTarget", () => (dead = true));
    await h.run();
    const saved = h.store.last;
    assert.equal(saved.outcome, "running", "the last record written before the process died");
    assert.deepEqual(bounds(h.aws.scaling.primary.get("api")), { min: 0, max: 0, suspended: suspendedAll }, "api was fenced before it died");

    dead = false;
    const record = await h.run({ resume: saved });
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(
      record.fence?.services.map((s) => s.scaling),
      [
        { minCapacity: 2, maxCapacity: 5, suspendedState: resumed },
        { minCapacity: 2, maxCapacity: 6, suspendedState: resumed },
      ],
    );
  });

  it("the abandon commands restore the bounds and suspension before the desired count", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.failOn("PromoteReadReplica");
    h.aws.lagSeconds = [2, 3, 0];
    const record = await h.run();
    assert.equal(record.stoppedAt, "promote-database");
    assert.deepEqual(record.recovery.slice(3, 5), [
      "  aws application-autoscaling register-scalable-target --region ap-northeast-2 --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id service/platform-prod/api --min-capacity 2 --max-capacity 5 --suspended-state DynamicScalingInSuspended=false,DynamicScalingOutSuspended=false,ScheduledScalingSuspended=false",
      "  aws ecs update-service --region ap-northeast-2 --cluster platform-prod --service api --desired-count 2",
    ]);
  });
});

describe("drill: office hours on the side to fence", () => {
  it("refuses a drill whose primary runs office hours: their start schedule registers the minimum again", () => {
    const stacks = pairStacks();
    const prod = stacks.get("prod") as StackInfo;
    stacks.set("prod", { ...prod, config: { ...prod.config, officeHours: { enabled: true, days: "MON-FRI", start: "09:00", stop: "18:00", timezone: "Asia/Seoul" } } });
    assert.throws(
      () => validateDrill({ kind: "drill", primary: "prod", standby: "prod-dr", mode: "planned", force: false }, stacks),
      (error: unknown) =>
        error instanceof DrillInputError &&
        error.problems.includes(
          "prod runs office hours (platform:officeHours.enabled): its 09:00 start schedule calls RegisterScalableTarget with the services' minimum, which would start the fenced services again; set platform:officeHours.enabled to false and roll prod out before the drill",
        ),
    );
  });
});
