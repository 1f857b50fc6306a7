import { strict as assert } from "assert";
import { fleetGraph, releaseBound } from "../../../automation/fleet/graph";
import { drawDurations, expectedStackTime, mulberry32, SimulatedDriver, simulateFleet, stackTime, syntheticFleet } from "../../../automation/fleet/simulate";
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

  it("bounds by release dates: the work that cannot start before r runs after r", () => {
    // a gates b, c, d (2 s each) on 2 slots: nothing but a can run in the first 4 s, then 6 s of
    // work on 2 slots: no schedule ends before 7 s, while the chain is 6 s and work / 2 is 5 s.
    const deps = { a: [], b: ["a"], c: ["a"], d: ["a"] };
    const time = (s: string) => (s === "a" ? 4_000 : 2_000);
    assert.equal(releaseBound(deps, time, 2), 7_000);
    assert.equal(releaseBound(deps, time, 1), 10_000, "one slot: all the work");
  });

  it("ranks by expected times from the distribution, not the drawn ones", () => {
    // dev: 2 x 60 s previews + 67.5 s health + a 4 min median update x exp(0.125); prod 13 min.
    assert.equal(Math.round(expectedStackTime(fleet.environments, "dev")), Math.round(187_500 + 240_000 * Math.exp(0.125)));
    assert.equal(Math.round(expectedStackTime(fleet.environments, "prod")), Math.round(187_500 + 780_000 * Math.exp(0.125)));
    // Over 200 draws the mean stack time lies near the expected one (within 5 %): the estimate is the distribution's.
    const drawn = drawDurations(fleet.stacks, fleet.environments, 11);
    const mean = fleet.stacks.reduce((sum, s) => sum + stackTime(drawn.get(s.name) ?? { preview: 0, up: 0, health: 0, converged: 0 }), 0) / 200;
    const expected = fleet.stacks.reduce((sum, s) => sum + expectedStackTime(fleet.environments, s.environment), 0) / 200;
    assert.ok(Math.abs(mean / expected - 1) < 0.05, `${mean} vs ${expected}`);
  });

  it("cannot meet 5 % of the critical path at concurrency 20: the lower bound is above it (seeds 1-5)", async () => {
    // The measured table of docs/fleet.md (npm run fleet -- simulate), pinned: minutes to 0.1.
    const minutes = (ms: number) => Math.round(ms / 6_000) / 10;
    const table: Record<number, [number, number, number, number]> = {};
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await simulateFleet(fleet, { seed });
      table[seed] = [minutes(r.makespanMs), minutes(r.criticalPathMs), minutes(r.workBoundMs), minutes(r.releaseBoundMs)];
      assert.ok(r.releaseBoundMs > 1.05 * r.criticalPathMs, `seed ${seed}: no schedule of this fleet ends within 5 % of its critical path at 20`);
      assert.ok(r.makespanMs >= r.releaseBoundMs && r.releaseBoundMs >= r.workBoundMs);
    }
    assert.deepEqual(table, {
      1: [158.4, 118.7, 129.2, 137.2],
      2: [148.0, 109.9, 127.9, 134.9],
      3: [148.6, 105.9, 128.6, 134.7],
      4: [146.6, 113.7, 126.6, 133.2],
      5: [178.8, 129.2, 129.5, 137.0],
    });
  });

  it("would end within 5 % of the release bound if it knew each stack's time beforehand (no real scheduler does)", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await simulateFleet(fleet, { seed, priority: "drawn" });
      const ratio = r.makespanMs / r.releaseBoundMs;
      assert.ok(ratio >= 1 && ratio <= 1.05, `seed ${seed}: ${ratio.toFixed(3)}`);
    }
  });

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
