import { strict as assert } from "assert";
import { StackLockedError, StackOperationError } from "../../../automation/driver/types";
import { MemoryProgressStore, RolloutStep, rolloutSteps } from "../../../automation/rollout/progress-file";
import { ResumeError, RolloutOptions, runRollout } from "../../../automation/rollout/run";
import { LineView, summaryTable, TtyView } from "../../../automation/rollout/view";
import type { HttpProbe } from "../../../automation/shared/http";
import { rolloutGraph, StackGraph } from "../../../automation/stacks/graph";
import { FakeClock } from "../../helpers/fake-clock";
import { FakeDriver } from "../../helpers/fake-driver";

const stacks = ["dev", "staging", "prod", "prod-dr"];
const healthUrl = (stack: string) => `https://${stack}.example.test/healthz`;
const outputs = Object.fromEntries(stacks.map((s) => [s, { healthUrl: healthUrl(s) }]));

/** A probe that answers 200 except for the URLs listed as down. */
function probeWith(down: Set<string> = new Set(), probed: string[] = []): HttpProbe {
  return (url) => {
    probed.push(url);
    return Promise.resolve(down.has(url) ? { ok: false, status: 503, error: "HTTP 503" } : { ok: true, status: 200 });
  };
}

function setup(driver: FakeDriver, extra: Partial<RolloutOptions> = {}) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const store = (extra.store as MemoryProgressStore | undefined) ?? new MemoryProgressStore();
  const options: RolloutOptions = {
    graph: rolloutGraph,
    driver,
    probe: probeWith(),
    clock,
    store,
    view: new LineView((line) => lines.push(line), clock),
    resume: false,
    health: { attempts: 3, intervalMs: 5_000, timeoutMs: 1_000 },
    ...extra,
  };
  return { options, clock, lines, store };
}

/** The driver calls of one stack's full rollout. */
const fullStack = (stack: string) => [`preview ${stack}`, `up ${stack}`, `preview ${stack}`];

describe("rollout", () => {
  it("rolls every stack out in graph order: preview, up, health, second preview", async () => {
    const driver = new FakeDriver({ outputs });
    const probed: string[] = [];
    const { options, store } = setup(driver, { probe: probeWith(new Set(), probed) });
    const result = await runRollout(options);
    assert.equal(result.ok, true);
    assert.deepEqual(driver.trace(), stacks.flatMap(fullStack));
    assert.deepEqual(probed, stacks.map(healthUrl));
    assert.equal(driver.maxActive, 1, "one stack per wave: never two at once");
    for (const stack of stacks) {
      assert.deepEqual(store.saved?.stacks[stack], {
        ...store.saved?.stacks[stack],
        status: "succeeded",
        previewChanges: 3,
        upChanges: 3,
        health: "ok (1 try)",
      });
    }
  });

  it("runs the stacks of one wave concurrently and the next wave after both", async () => {
    const graph: StackGraph = { base: [], api: ["base"], web: ["base"], edge: ["api", "web"] };
    const driver = new FakeDriver();
    const { options } = setup(driver, { graph });
    const result = await runRollout(options);
    assert.equal(result.ok, true);
    assert.equal(driver.maxActive, 2);
    const trace = driver.trace();
    const lastOfWave2 = Math.max(trace.lastIndexOf("preview api"), trace.lastIndexOf("preview web"));
    assert.equal(trace.indexOf("preview edge"), lastOfWave2 + 1, "edge starts after api and web both finished");
    assert.deepEqual(trace.slice(0, 3), fullStack("base"));
    assert.deepEqual(trace.slice(3, 5).sort(), ["preview api", "preview web"]);
  });

  describe("a failure at any step of any stack", () => {
    for (const [index, stack] of stacks.entries()) {
      for (const step of rolloutSteps) {
        it(`${stack} / ${step}: stops all later work, and --resume continues at ${stack}`, async () => {
          const driver = new FakeDriver({ outputs });
          const down = new Set<string>();
          if (step === "preview") driver.failOn(stack, "preview", () => new StackOperationError(stack, "preview", "provider crashed"));
          if (step === "up") driver.failOn(stack, "up", () => new StackOperationError(stack, "up", "CreateDBInstance: quota exceeded"));
          if (step === "health") down.add(healthUrl(stack));
          if (step === "converged") driver.diverge(stack);
          const { options, store, lines } = setup(driver, { probe: probeWith(down) });

          const result = await runRollout(options);
          assert.equal(result.ok, false);
          assert.equal(result.failed?.stack, stack);
          assert.equal(result.failed?.step, step);
          const expected = [...stacks.slice(0, index).flatMap(fullStack), ...callsUntil(stack, step)];
          assert.deepEqual(driver.trace(), expected, "nothing runs after the failed step");
          assert.equal(store.saved?.stacks[stack].status, "failed");
          for (const later of stacks.slice(index + 1)) assert.equal(store.saved?.stacks[later].status, "pending");
          assert.ok(lines.some((line) => line.includes(`${stack}: FAILED at ${step}`)), lines.join("\n"));

          const again = new FakeDriver({ outputs });
          const resumed = await runRollout({ ...options, driver: again, probe: probeWith(), resume: true, store });
          assert.equal(resumed.ok, true);
          assert.deepEqual(again.trace(), stacks.slice(index).flatMap(fullStack), "resume starts at the failed stack");
          assert.ok(stacks.every((s) => store.saved?.stacks[s].status === "succeeded"));
        });
      }
    }
  });

  it("stops the other stacks of the wave after their current step when one fails", async () => {
    const graph: StackGraph = { base: [], api: ["base"], web: ["base"], edge: ["api", "web"] };
    const driver = new FakeDriver().failOn("api", "up", () => new StackOperationError("api", "up", "boom"));
    const { options, store } = setup(driver, { graph });
    const result = await runRollout(options);
    assert.equal(result.failed?.stack, "api");
    assert.equal(store.saved?.stacks.web.status, "stopped");
    assert.equal(store.saved?.stacks.edge.status, "pending");
    assert.ok(!driver.trace().some((call) => call.endsWith(" edge")));
    assert.deepEqual(driver.trace().filter((call) => call.endsWith(" web")), ["preview web", "up web"], "web finished the update it had started, then stopped");

    const again = new FakeDriver();
    await runRollout({ ...options, driver: again, resume: true });
    assert.deepEqual(again.trace().filter((call) => call.endsWith(" base")), [], "base succeeded before and is not run again");
    assert.deepEqual(again.trace().slice(-3), fullStack("edge"));
  });

  it("waits for a locked stack with backoff and never cancels the other update", async () => {
    const driver = new FakeDriver({ outputs }).failOn("prod", "up", () => new StackLockedError("prod", "another update is in progress"), 1, 3);
    const { options, clock, lines } = setup(driver);
    const result = await runRollout(options);
    assert.equal(result.ok, true);
    assert.deepEqual(driver.trace().filter((call) => call === "up prod"), ["up prod", "up prod", "up prod", "up prod"]);
    assert.deepEqual(clock.sleeps.slice(0, 3), [10_000, 20_000, 40_000]);
    assert.equal(lines.filter((line) => /prod: locked by another update; waiting \d+ s \(attempt \d, never cancelling it\)/.test(line)).length, 3);
    assert.ok(!driver.trace().some((call) => call.startsWith("cancel")));
  });

  it("gives up waiting on a lock after the limit, without cancelling, and says how to go on", async () => {
    const driver = new FakeDriver({ outputs }).failOn("staging", "preview", () => new StackLockedError("staging"), 1, 1000);
    const { options } = setup(driver, { lockWait: { initialDelayMs: 60_000, maxDelayMs: 120_000, maxWaitMs: 10 * 60_000 } });
    const result = await runRollout(options);
    assert.equal(result.failed?.stack, "staging");
    assert.match(result.failed?.error ?? "", /^stack staging stayed locked by another update for 9 min; nothing was cancelled\. .*rerun with --resume\.$/);
    assert.ok(!driver.trace().includes("up staging"));
  });

  it("stops the rollout on a mandatory policy violation in the preview, before up", async () => {
    const violation = { policyPack: "platform", policy: "rds-encrypted", level: "mandatory" as const, message: "storage must be encrypted", urn: "urn:pulumi:prod::p::aws:rds/instance:Instance::db" };
    const advisory = { policyPack: "platform", policy: "tags", level: "advisory" as const, message: "missing Owner tag" };
    const driver = new FakeDriver({ outputs, violations: { staging: [advisory], prod: [advisory, violation] } });
    const { options, lines } = setup(driver);
    const result = await runRollout(options);
    assert.deepEqual(result.failed, {
      stack: "prod",
      step: "preview",
      error: "mandatory policy violation:\n  [rds-encrypted] storage must be encrypted (urn:pulumi:prod::p::aws:rds/instance:Instance::db)",
    });
    assert.deepEqual(driver.trace(), [...fullStack("dev"), ...fullStack("staging"), "preview prod"]);
    assert.ok(lines.some((line) => line.endsWith("staging: advisory policy tags: missing Owner tag")), "advisory violations are shown, not fatal");
  });

  it("skips the health check, visibly, for a stack that publishes no healthUrl", async () => {
    const driver = new FakeDriver({ outputs: { dev: {} } });
    const { options, store } = setup(driver, { graph: { dev: [] } });
    assert.equal((await runRollout(options)).ok, true);
    assert.equal(store.saved?.stacks.dev.health, "skipped: the stack publishes no healthUrl output");
  });

  it("retries the health check and fails with the last answer", async () => {
    const driver = new FakeDriver({ outputs });
    const { options, clock } = setup(driver, { graph: { dev: [] }, probe: probeWith(new Set([healthUrl("dev")])) });
    const result = await runRollout(options);
    assert.equal(result.failed?.error, "https://dev.example.test/healthz is not healthy after 3 tries: HTTP 503");
    assert.deepEqual(clock.sleeps, [5_000, 5_000]);
  });

  it("stops between steps when interrupted, and resumes there", async () => {
    const driver = new FakeDriver({ outputs });
    let interrupted = false;
    const probe: HttpProbe = () => {
      interrupted = true;
      return Promise.resolve({ ok: true, status: 200 });
    };
    const { options, store } = setup(driver, { probe, stopped: () => interrupted });
    const result = await runRollout(options);
    assert.equal(result.ok, false);
    assert.equal(store.saved?.stacks.dev.status, "stopped");
    assert.equal(store.saved?.stacks.dev.step, "converged");
    assert.deepEqual(driver.trace(), ["preview dev", "up dev"]);
  });

  it("refuses to resume without progress, or with a different selection", async () => {
    const { options } = setup(new FakeDriver());
    await assert.rejects(runRollout({ ...options, resume: true }), { message: "nothing to resume: no progress file at (memory)" });
    const store = new MemoryProgressStore();
    await runRollout({ ...options, store, graph: { dev: [], staging: ["dev"] }, driver: new FakeDriver().failOn("staging", "up", () => new Error("x")) });
    await assert.rejects(runRollout({ ...options, store, resume: true }), (error: unknown) => {
      assert.ok(error instanceof ResumeError);
      assert.match(error.message, /is for the stacks dev, staging; resume with --stacks dev,staging or start a new rollout without --resume$/);
      return true;
    });
  });

  it("draws live lines on a terminal and clears them before the summary", async () => {
    const graph: StackGraph = { base: [], api: ["base"], web: ["base"] };
    let written = "";
    const stream = { columns: 60, write: (text: string) => ((written += text), true) } as unknown as NodeJS.WriteStream;
    const { options } = setup(new FakeDriver(), { graph, view: new TtyView(stream) });
    await runRollout(options);
    assert.match(written, /^wave 1: base\nwave 2: api, web \(concurrently\)\n/);
    assert.match(written, / {2}api {8}preview 12\/12 same pulumi:pulumi:Stack\n/, "a live line: step, done/total, current operation");
    assert.ok(written.includes("\x1b[1A\x1b[2K"), "live lines are redrawn in place");
    assert.ok(written.endsWith(`${summaryTable((options.store as MemoryProgressStore).saved!).join("\n")}\n`));
  });

  it("ends with a summary table of every stack", async () => {
    const driver = new FakeDriver({ outputs }).failOn("prod", "up", () => new StackOperationError("prod", "up", "boom"));
    const { options, lines } = setup(driver);
    const result = await runRollout(options);
    const table = summaryTable(result.progress);
    assert.deepEqual(table.map((line) => line.split(/\s+/).slice(0, 4).join(" ")), [
      "wave stack status step",
      "---- ------- --------- ----",
      "1 dev succeeded 3",
      "2 staging succeeded 3",
      "3 prod failed up",
      "4 prod-dr not run",
    ]);
    assert.deepEqual(lines.slice(-6), table);
  });
});

/** The driver calls a stack makes until (and including) the step that fails. */
function callsUntil(stack: string, step: RolloutStep): string[] {
  return { preview: [`preview ${stack}`], up: [`preview ${stack}`, `up ${stack}`], health: [`preview ${stack}`, `up ${stack}`], converged: fullStack(stack) }[step];
}
