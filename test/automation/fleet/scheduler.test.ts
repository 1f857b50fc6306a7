import { strict as assert } from "assert";
import { schedule, ScheduleOptions } from "../../../automation/fleet/scheduler";
import { VirtualClock } from "../../../automation/fleet/virtual-clock";
import type { StackGraph } from "../../../automation/stacks/graph";

/** Runs the scheduler in virtual time where each stack takes `durations[stack]` ms; records starts and peaks. */
async function simulate(deps: StackGraph, durations: Record<string, number>, extra: Partial<ScheduleOptions> = {}, failing = new Set<string>()) {
  const clock = new VirtualClock();
  const starts: Record<string, number> = {};
  let running: string[] = [];
  const peaks = { overall: 0, account: 0, region: 0 };
  const accountOf = extra.accountOf ?? (() => "acct");
  const regionOf = extra.regionOf ?? (() => "region");
  const count = (of: (s: string) => string) => Math.max(0, ...[...new Set(running.map(of))].map((k) => running.filter((s) => of(s) === k).length));
  const result = await clock.run(() =>
    schedule({
      deps,
      limits: { overall: 100 },
      accountOf,
      regionOf,
      ...extra,
      run: async (stack) => {
        starts[stack] = clock.now();
        running.push(stack);
        peaks.overall = Math.max(peaks.overall, running.length);
        peaks.account = Math.max(peaks.account, count(accountOf));
        peaks.region = Math.max(peaks.region, count(regionOf));
        await clock.sleep(durations[stack]);
        running = running.filter((s) => s !== stack);
        return !failing.has(stack);
      },
    }),
  );
  return { result, starts, peaks, end: clock.now() };
}

describe("fleet scheduler", () => {
  it("starts a stack as soon as the stacks it waits for finished, not when its wave did", async () => {
    // Waves would be [a, c] then [b, d]: d would wait for a's 10 s and end at 15 s.
    const { starts, end } = await simulate({ a: [], b: ["a"], c: [], d: ["c"] }, { a: 10_000, b: 1_000, c: 5_000, d: 5_000 });
    assert.deepEqual(starts, { a: 0, c: 0, d: 5_000, b: 10_000 });
    assert.equal(end, 11_000, "the critical path a -> b");
  });

  it("keeps the overall, per-account and per-region limits", async () => {
    const deps: StackGraph = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`s${i}`, []]));
    const durations = Object.fromEntries(Object.keys(deps).map((s, i) => [s, 1_000 + (i % 5) * 700]));
    const accountOf = (s: string) => `acct${Number(s.slice(1)) % 3}`;
    const regionOf = (s: string) => `region${Number(s.slice(1)) % 2}`;
    const { peaks, result } = await simulate(deps, durations, { limits: { overall: 7, perAccount: 3, perRegion: 4 }, accountOf, regionOf });
    assert.equal(result.succeeded.length, 24);
    assert.deepEqual(peaks, { overall: 7, account: 3, region: 4 });
    const unbounded = await simulate(deps, durations, { limits: { overall: 7 }, accountOf, regionOf });
    assert.ok(unbounded.peaks.account > 3, `without the per-account limit an account runs more than 3: ${JSON.stringify(unbounded.peaks)}`);
    const tight = await simulate(deps, durations, { limits: { overall: 7, perAccount: 1 }, accountOf, regionOf });
    assert.equal(tight.peaks.account, 1);
    assert.equal(tight.peaks.overall, 3, "three accounts, one stack each");
  });

  it("starts the stack with the longest chain after it first when slots are short", async () => {
    // One slot: a long chain x -> y -> z beside two loose stacks; the chain's head goes first.
    const { starts } = await simulate({ loose1: [], loose2: [], x: [], y: ["x"], z: ["y"] }, { loose1: 1, loose2: 1, x: 1, y: 1, z: 1 }, { limits: { overall: 1 } });
    assert.equal(starts.x, 0);
  });

  it("ranks by the remaining path's estimated time, not its count of stacks, when given estimates", async () => {
    // One slot: `long` alone takes 30 s; the chain x -> y -> z takes 3 s. Counted, the chain's
    // head goes first (3 stacks after it > 1); timed, the 30 s stack does.
    const deps: StackGraph = { long: [], x: [], y: ["x"], z: ["y"] };
    const durations = { long: 30_000, x: 1_000, y: 1_000, z: 1_000 };
    const counted = await simulate(deps, durations, { limits: { overall: 1 } });
    assert.equal(counted.starts.x, 0, "by count the chain's head is first");
    const timed = await simulate(deps, durations, { limits: { overall: 1 }, estimate: (s) => durations[s as keyof typeof durations] });
    assert.deepEqual(timed.starts, { long: 0, x: 30_000, y: 31_000, z: 32_000 }, "by estimated time the 30 s stack is first");
  });

  it("keeps the graph's order and the limits whatever the estimates say", async () => {
    // Estimates that put z (waiting for y, waiting for x) first: it still starts after y finished.
    const { starts, peaks } = await simulate({ x: [], y: ["x"], z: ["y"], a: [], b: [] }, { x: 1_000, y: 1_000, z: 1_000, a: 1_000, b: 1_000 }, { limits: { overall: 2 }, estimate: (s) => (s === "z" ? 1e9 : 1) });
    assert.ok(starts.z >= starts.y + 1_000 && starts.y >= starts.x + 1_000);
    assert.equal(peaks.overall, 2);
  });

  it("stops the line on the first failure: nothing starts after it, the running stacks finish", async () => {
    const deps: StackGraph = { a: [], b: [], c: [], late: [], after: ["a"] };
    const { result, starts } = await simulate(deps, { a: 1_000, b: 5_000, c: 5_000, late: 1_000, after: 1_000 }, { limits: { overall: 3 } }, new Set(["a"]));
    assert.deepEqual(result.failed, ["a"]);
    assert.deepEqual([...result.succeeded].sort(), ["b", "c"], "b and c were running when a failed: they finish");
    assert.deepEqual([...result.notStarted].sort(), ["after", "late"]);
    assert.equal(starts.late, undefined, "late had a free slot after a failed, and did not start");
  });

  it("skips the stacks a resumed rollout already finished", async () => {
    const { starts } = await simulate({ a: [], b: ["a"] }, { a: 1, b: 1 }, { done: new Set(["a"]) });
    assert.deepEqual(starts, { b: 0 });
  });

  it("stops starting stacks once the operator stops it", async () => {
    let stop = false;
    const { result } = await simulate({ a: [], b: ["a"] }, { a: 1, b: 1 }, { stopped: () => stop });
    assert.equal(result.succeeded.length, 2);
    stop = true;
    const stopped = await simulate({ a: [], b: ["a"] }, { a: 1, b: 1 }, { stopped: () => stop });
    assert.deepEqual(stopped.result.notStarted.slice().sort(), ["a", "b"]);
  });
});
