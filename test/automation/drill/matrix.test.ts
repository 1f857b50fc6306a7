import { strict as assert } from "assert";
import type { DrillMode } from "../../../automation/drill/cloud";
import { measure, stepIds, StepId } from "../../../automation/drill/record";
import { drillSteps } from "../../../automation/drill/steps";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy } from "../../../model/dr/settings";
import { harness, Harness } from "../../helpers/drill-harness";

/**
 * Every data-store pair the stacks and blueprints promote, in both modes. Pulumi.prod-dr.yaml and
 * the newsforge and onno prod-dr blueprints: an RDS cross-region read replica and an empty standby
 * cache. The dr tier's other pair: an Aurora global database and a Redis global datastore.
 */
const pairs: { database: DatabaseStandbyStrategy; cache: CacheStandbyStrategy }[] = [
  { database: "rds-replica", cache: "warm-empty" },
  { database: "aurora-global", cache: "global-datastore" },
];
const modes: DrillMode[] = ["planned", "unplanned"];

/**
 * Steps that cannot fail by an error of theirs, and why: an unplanned drill treats the serving
 * side as lost, so its health is recorded, not required.
 */
function absorbs(id: StepId, mode: DrillMode): boolean {
  return id === "from-healthy" && mode === "unplanned";
}

/** Steps with nothing to call for a pair: the standby's empty cache is its own already, nothing to promote. */
function callsNothing(id: StepId, pair: (typeof pairs)[number]): boolean {
  return id === "promote-cache" && pair.cache === "warm-empty";
}

/** Calls that change something in the cloud or in Pulumi. */
const changing = /UpdateService|Switchover|Failover|Promote|Disassociate|UpdateHealthCheck|pulumi (up|setConfig|refresh)/;
const titleToId = new Map(drillSteps.map((step) => [step.title, step.id]));

/**
 * A harness whose first call during step `id` fails once: an AWS or Pulumi call is denied, a
 * health probe answers 502. The step is told by the drill's own log line as it starts.
 */
function failingAt(pair: (typeof pairs)[number], mode: DrillMode, id: StepId): { h: Harness; calls: () => number; log: (line: string) => void } {
  const h = harness({ ...pair, mode });
  // A planned promotion of a read replica waits for the lag to reach 0 once writes are fenced.
  h.aws.lagSeconds = [2, 3, 0];
  let current: StepId | undefined;
  let failed = false;
  let calls = 0;
  const push = h.aws.trace.push.bind(h.aws.trace);
  h.aws.trace.push = (...items: string[]) => {
    if (current === id) calls++;
    if (current === id && !failed) {
      failed = true;
      // A probe does not throw: the URL answers 502, once (a check probes once) or, for the
      // verification, which waits for the new side, until the wait runs out. Any other call is denied.
      const probe = /^probe (\S+)$/.exec(items[0]);
      if (probe) h.aws.slow.set(probe[1], id === "verify" ? 1_000 : 1);
      else throw Object.assign(new Error(`injected: ${items[0]} denied`), { name: "AccessDeniedException" });
    }
    return push(...items);
  };
  const log = (line: string) => {
    const title = /^\[T\+[^\]]*\] (?:check: )?(.*)$/.exec(line)?.[1];
    if (title !== undefined) current = titleToId.get(title);
  };
  return { h, calls: () => calls, log };
}

describe("drill: failure and resume at every step, for every data-store pair and mode", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  for (const pair of pairs) {
    for (const mode of modes) {
      const name = `${pair.database} + ${pair.cache}, ${mode}`;
      it(`${name}: runs through when nothing fails`, async () => {
        h = harness({ ...pair, mode });
        h.aws.lagSeconds = [2, 3, 0];
        const record = await h.run();
        assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
      });

      for (const id of stepIds) {
        it(`${name}: ${id} fails, the drill stops there with a recovery, and --resume completes it`, async () => {
          const setup = failingAt(pair, mode, id);
          h = setup.h;
          const stopped = await h.run({ log: setup.log });
          const index = stepIds.indexOf(id);
          const step = stopped.steps[index];
          if (callsNothing(id, pair)) {
            assert.equal(setup.calls(), 0, `${id} calls nothing for ${name}`);
            assert.ok(["skipped", "done"].includes(step.status), `${id} made no call and is ${step.status}`);
            assert.equal(stopped.outcome, "passed");
            return;
          }
          assert.ok(setup.calls() > 0, `${id} made a call that could fail`);
          if (absorbs(id, mode)) {
            assert.notEqual(stopped.stoppedAt, id, "an unplanned drill records the serving side's health without requiring it");
            assert.equal(stopped.outcome, "passed", JSON.stringify(stopped.steps.filter((s) => s.error)));
            return;
          }
          assert.equal(stopped.outcome, "stopped");
          assert.equal(stopped.stoppedAt, id);
          assert.equal(step.status, "failed");
          assert.match(step.error ?? "", /^injected: .* denied$|HTTP 502/);
          assert.deepEqual(stopped.steps.slice(0, index).map((s) => s.status).filter((s) => s !== "done" && s !== "skipped"), [], "every earlier step finished");
          assert.deepEqual(stopped.steps.slice(index + 1).map((s) => s.status), stepIds.slice(index + 1).map(() => "not-run"), "nothing ran after it");
          assert.ok(stopped.recovery.length > 0, "the report says how to recover");
          assert.deepEqual(h.store.last, JSON.parse(JSON.stringify(stopped)), "the saved report is the final record");
          if (step.kind === "check") {
            assert.deepEqual(h.aws.trace.filter((call) => changing.test(call)), [], "a failed pre-check changes nothing");
            assert.match(stopped.recovery[0], /^Nothing was changed/);
            return;
          }
          assert.match(stopped.recovery.join("\n"), new RegExp(`npm run drill -- --primary prod --standby prod-dr --mode ${mode} --resume`));

          h.aws.slow.clear();
          const saved = h.store.latestStopped("drill", "prod", "prod-dr");
          assert.ok(saved);
          const record = await h.run({ resume: saved });
          assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
          assert.equal(record.startedAt, stopped.startedAt, "the same drill, continued");
          if (stopped.fence) assert.equal(record.fence?.at, stopped.fence.at, "the RTO still counts from the first fence");
          else assert.ok(record.fence, "the fence is recorded when it runs again");
          assert.ok((measure(record).rtoSeconds ?? 0) > 0);
        });
      }
    }
  }
});
