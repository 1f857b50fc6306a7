import { strict as assert } from "assert";
import { fleetGraph } from "../../../automation/fleet/graph";
import { drawDurations, mulberry32, SimulatedDriver, simulateFleet, syntheticFleet } from "../../../automation/fleet/simulate";
import { parseFleet } from "../../../automation/fleet/schema";
import { MemoryProgressStore } from "../../../automation/rollout/progress-file";
import { stringify } from "yaml";

/**
 * The 200-stack simulation runs the real scheduler and steps in virtual time, so its timings are
 * exact and may be asserted: no wall clock is read.
 */
describe("fleet simulation (virtual time)", () => {
  const fleet = syntheticFleet(25, { overall: 20 });

  it("is a valid fleet file of 200 stacks", () => {
    assert.equal(fleet.stacks.length, 200);
    assert.equal(Object.keys(fleetGraph(parseFleet(stringify(fleet), "synthetic")).deps).length, 200);
  });

  it("draws the same durations from the same seed, and others from another", () => {
    assert.deepEqual(Array.from({ length: 3 }, mulberry32(7)), Array.from({ length: 3 }, mulberry32(7)));
    const a = drawDurations(fleet.stacks, fleet.environments, 1);
    assert.deepEqual(a, drawDurations(fleet.stacks, fleet.environments, 1));
    assert.notDeepEqual(a, drawDurations(fleet.stacks, fleet.environments, 2));
  });

  it("finishes on the critical path exactly when the limits never bind", async () => {
    const result = await simulateFleet(syntheticFleet(25, { overall: 200 }), { seed: 1 });
    assert.equal(result.result.ok, true);
    assert.equal(result.makespanMs, result.criticalPathMs, "a stack starts the moment its last predecessor succeeds");
  });

  for (const seed of [1, 2, 3]) {
    it(`stays between the lower bounds and list scheduling's bound at concurrency 20 (seed ${seed})`, async () => {
      const r = await simulateFleet(fleet, { seed });
      assert.equal(r.result.ok, true);
      assert.equal(r.result.progress.waves.flat().length, 200);
      // No schedule beats the longest chain or the work spread over 20 slots; a greedy list
      // scheduler that never idles while a stack is ready ends within their sum (Graham, 1969).
      assert.ok(r.makespanMs >= Math.max(r.criticalPathMs, r.workBoundMs));
      assert.ok(r.makespanMs <= r.criticalPathMs + r.workBoundMs, `${r.makespanMs} > ${r.criticalPathMs} + ${r.workBoundMs}`);
    });
  }

  it("reaches the 5 % bound of the critical path once concurrency makes the chain the limit (40 for these seeds)", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await simulateFleet(syntheticFleet(25, { overall: 40 }), { seed });
      assert.ok(r.ratio <= 1.05, `seed ${seed}: ${r.ratio.toFixed(3)}`);
    }
  });

  it("stops on a failure in the simulated fleet and finishes on resume", async () => {
    const store = new MemoryProgressStore();
    const first = await simulateFleet(fleet, { seed: 1, store, driver: (clock, d) => new SimulatedDriver(clock, d).failOnce("p03-qa", "up") });
    assert.equal(first.result.ok, false);
    assert.equal(first.result.failed?.stack, "p03-qa");
    const records = Object.values(store.saved?.stacks ?? {});
    assert.equal(records.filter((r) => r.status === "running").length, 0, "every running stack finished");
    const pending = records.filter((r) => r.status === "pending").length;
    assert.ok(pending > 0);
    const second = await simulateFleet(fleet, { seed: 1, store, resume: true });
    assert.equal(second.result.ok, true);
  });
});
