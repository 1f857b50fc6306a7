import { strict as assert } from "assert";
import { StackOperationError } from "../../../automation/driver/types";
import { fleetGraph } from "../../../automation/fleet/graph";
import { FleetRunOptions, runFleet } from "../../../automation/fleet/run";
import { describePlan, FleetLineView } from "../../../automation/fleet/view";
import { MemoryProgressStore } from "../../../automation/rollout/progress-file";
import { ResumeError } from "../../../automation/rollout/run";
import { FakeClock } from "../../helpers/fake-clock";
import { FakeDriver } from "../../helpers/fake-driver";
import { smallFleet } from "../../helpers/fleet";

const names = smallFleet().stacks.map((s) => s.name);
const outputs = Object.fromEntries(names.map((s) => [s, { healthUrl: `https://${s}.example.test/healthz` }]));

function setup(driver: FakeDriver, store = new MemoryProgressStore(), resume = false) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const fleet = smallFleet();
  const options: FleetRunOptions = {
    graph: fleetGraph(fleet),
    limits: fleet.concurrency,
    driver,
    probe: () => Promise.resolve({ ok: true, status: 200 }),
    clock,
    store,
    view: new FleetLineView((line) => lines.push(line), clock),
    resume,
    health: { attempts: 1, intervalMs: 1, timeoutMs: 1 },
  };
  return { options, lines, store };
}

const ran = (driver: FakeDriver) => [...new Set(driver.calls.map((c) => c.stack))].sort();

describe("fleet rollout", () => {
  it("prints the plan before it starts: limits, levels, the longest chain, why each stack waits", () => {
    const fleet = smallFleet();
    const lines = describePlan(fleetGraph(fleet), fleet.concurrency, "fleet.yaml", true);
    assert.equal(lines[0], "Fleet rollout plan (fleet.yaml): 5 stacks in 2 accounts and 2 regions");
    assert.equal(lines[1], "limits: 4 stacks at once, 2 per account, 3 per region");
    assert.deepEqual(lines.filter((l) => l.startsWith("level ")), ["level 1 (1): a-dev", "level 2 (2): a-prod, b-dev", "level 3 (2): a-prod-dr, b-prod"]);
    assert.ok(lines.includes("longest chain (3 stacks): a-dev > b-dev > b-prod"));
    assert.ok(lines.includes("b-prod [prod, ap-northeast-2] after b-dev (dev before prod), a-prod (baseline of account 'prod' in ap-northeast-2 first)"));
  });

  it("runs every stack's steps in the graph's order", async () => {
    const driver = new FakeDriver({ outputs });
    const { options, lines } = setup(driver);
    const result = await runFleet(options);
    assert.equal(result.ok, true);
    const firstCall = (stack: string) => driver.trace().indexOf(`preview ${stack}`);
    const lastCall = (stack: string) => driver.trace().lastIndexOf(`preview ${stack}`);
    for (const [stack, deps] of Object.entries(options.graph.deps)) {
      for (const dep of deps) assert.ok(lastCall(dep) < firstCall(stack), `${dep} finished before ${stack} started`);
    }
    assert.equal(driver.trace().filter((c) => c.startsWith("up ")).length, 5);
    assert.ok(driver.maxActive >= 2, "b-dev and a-prod run at once");
    assert.ok(lines.some((l) => /\[5\/5 done, 0 running\] \S+: succeeded/.test(l)), lines.join("\n"));
  });

  it("stops the line on a failure mid-wave, lets the running stack finish, and resumes with the rest", async () => {
    // b-dev and a-prod both wait for a-dev only: they run together, and b-dev's update fails.
    const driver = new FakeDriver({ outputs }).failOn("b-dev", "up", () => new StackOperationError("b-dev", "up", "AccessDenied"));
    const { options, store } = setup(driver);
    const result = await runFleet(options);
    assert.equal(result.ok, false);
    assert.deepEqual(result.failed, { stack: "b-dev", step: "up", error: "up of b-dev failed: AccessDenied" });
    const status = (stack: string) => store.saved?.stacks[stack].status;
    assert.deepEqual(names.map((s) => [s, status(s)]), [
      ["a-dev", "succeeded"],
      ["b-dev", "failed"],
      ["a-prod", "succeeded"],
      ["b-prod", "pending"],
      ["a-prod-dr", "pending"],
    ], "a-prod was running when b-dev failed and finished every step; nothing started after the failure");
    assert.deepEqual(ran(driver), ["a-dev", "a-prod", "b-dev"]);

    const again = new FakeDriver({ outputs });
    const resumed = setup(again, store, true);
    const second = await runFleet(resumed.options);
    assert.equal(second.ok, true);
    assert.deepEqual(ran(again), ["a-prod-dr", "b-dev", "b-prod"], "the stacks that succeeded do not run again");
    assert.ok(resumed.lines[0].startsWith("resuming: 2 stacks already succeeded"));
    await assert.rejects(runFleet(setup(new FakeDriver({ outputs }), store, true).options), /nothing to resume: every stack in \(memory\) succeeded/);
  });

  it("refuses to resume a progress file of another fleet", async () => {
    const store = new MemoryProgressStore();
    const { options } = setup(new FakeDriver({ outputs }).failOn("a-dev", "preview", () => new Error("boom")), store);
    await runFleet(options);
    const saved = store.saved;
    assert.ok(saved);
    store.saved = { ...saved, waves: [...saved.waves, ["c-dev"]], stacks: { ...saved.stacks, "c-dev": { wave: 4, status: "pending" } } };
    await assert.rejects(runFleet(setup(new FakeDriver(), store, true).options), (error: Error) => {
      assert.ok(error instanceof ResumeError);
      assert.match(error.message, /is for another fleet \(gone since: c-dev\)/);
      return true;
    });
  });
});
