import { strict as assert } from "assert";
import { estimatesFromProgress } from "../../../automation/fleet/estimates";
import type { RolloutProgress } from "../../../automation/rollout/progress-file";

describe("fleet estimates from the last rollout", () => {
  const progress = (stacks: RolloutProgress["stacks"]): RolloutProgress => ({ version: 1, waves: [Object.keys(stacks)], startedAt: 0, updatedAt: 0, stacks });

  it("takes each succeeded stack's time from its first step to its last; the others get the median", () => {
    const estimate = estimatesFromProgress(
      progress({
        a: { wave: 1, status: "succeeded", startedAt: 0, finishedAt: 60_000 },
        b: { wave: 1, status: "succeeded", startedAt: 10_000, finishedAt: 310_000 },
        c: { wave: 1, status: "succeeded", startedAt: 0, finishedAt: 120_000 },
        failed: { wave: 1, status: "failed", startedAt: 0, finishedAt: 5_000 },
      }),
    );
    assert.ok(estimate);
    assert.deepEqual(["a", "b", "c", "failed", "new"].map(estimate), [60_000, 300_000, 120_000, 120_000, 120_000]);
  });

  it("gives none without a timed stack: the scheduler then counts stacks", () => {
    assert.equal(estimatesFromProgress(undefined), undefined);
    assert.equal(estimatesFromProgress(progress({ a: { wave: 1, status: "pending" } })), undefined);
  });
});
