import { strict as assert } from "assert";
import { deliveryProblems, ecsDeploymentConfiguration, DeliverySettings } from "../../../model/compute/delivery";

const rolling: DeliverySettings = { strategy: "rolling", rollbackOn: [] };

describe("model: progressive delivery on ECS (compute.ecs.services.<name>.delivery)", () => {
  describe("the rendered ECS deploymentConfiguration, per strategy", () => {
    it("rolling: ECS's ROLLING with no bake time and no traffic steps", () => {
      assert.deepEqual(ecsDeploymentConfiguration(rolling), { strategy: "ROLLING" });
    });

    it("blue-green: BLUE_GREEN, all traffic at once, the old revision kept for the bake time", () => {
      assert.deepEqual(ecsDeploymentConfiguration({ strategy: "blue-green", bakeMinutes: 15, rollbackOn: ["5xx-rate"] }), { strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" });
    });

    it("canary: one canary step and its bake, then the rest", () => {
      assert.deepEqual(ecsDeploymentConfiguration({ strategy: "canary", trafficSteps: [10, 100], stepBakeMinutes: 10, bakeMinutes: 5, rollbackOn: [] }), {
        strategy: "CANARY",
        bakeTimeInMinutes: "5",
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "10" },
      });
    });

    it("linear: equal steps (NewsForge's 10 % steps pass through its 10 % and 50 %)", () => {
      const steps = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
      assert.deepEqual(ecsDeploymentConfiguration({ strategy: "linear", trafficSteps: steps, stepBakeMinutes: 5, bakeMinutes: 10, rollbackOn: [] }), {
        strategy: "LINEAR",
        bakeTimeInMinutes: "10",
        linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: "5" },
      });
      assert.deepEqual(ecsDeploymentConfiguration({ strategy: "linear", trafficSteps: [50, 100], stepBakeMinutes: 0, bakeMinutes: 0, rollbackOn: [] }).linearConfiguration, { stepPercent: 50, stepBakeTimeInMinutes: "0" });
    });
  });

  describe("traffic steps ECS cannot run are problems naming the field", () => {
    const problems = (settings: DeliverySettings) => deliveryProblems(settings).map((p) => `${p.path.join(".")}: ${p.message}`);

    it("accepts what each strategy can do", () => {
      assert.deepEqual(problems(rolling), []);
      assert.deepEqual(problems({ strategy: "canary", trafficSteps: [0.5, 100], rollbackOn: [] }), []);
      assert.deepEqual(problems({ strategy: "linear", trafficSteps: [25, 50, 75, 100], rollbackOn: [] }), []);
      assert.deepEqual(problems({ strategy: "blue-green", rollbackOn: [] }), []);
    });

    it("a list that does not end at 100 %", () => {
      assert.deepEqual(problems({ strategy: "canary", trafficSteps: [10, 50], rollbackOn: [] }), ["trafficSteps: must end at 100 (the last step sends all traffic to the new revision), not 50"]);
    });

    it("a list that is not increasing", () => {
      assert.deepEqual(problems({ strategy: "linear", trafficSteps: [20, 10, 100], rollbackOn: [] }), ["trafficSteps.1: must be above the step before it (20): traffic only moves forward"]);
      assert.ok(problems({ strategy: "canary", trafficSteps: [100, 100], rollbackOn: [] }).includes("trafficSteps.1: must be above the step before it (100): traffic only moves forward"));
    });

    it("a step that is not a multiple of 0.1 % or out of 0.1-100", () => {
      assert.deepEqual(problems({ strategy: "canary", trafficSteps: [0.05, 100], rollbackOn: [] }), ["trafficSteps.0: must be a multiple of 0.1 from 0.1 to 100 (ECS CanaryConfiguration.canaryPercent), not 0.05"]);
    });

    it("10 -> 50 -> 100 as a canary: ECS's CANARY has one step, so the field says what ECS can run", () => {
      assert.deepEqual(problems({ strategy: "canary", trafficSteps: [10, 50, 100], rollbackOn: [] }), [
        "trafficSteps: ECS CANARY shifts one canary step, then all traffic: give [<percent>, 100] (e.g. [10, 100]), or use strategy linear with equal steps (e.g. [10, 20, ..., 100], which stops at 10 and 50)",
      ]);
    });

    it("unequal linear steps, and linear steps below ECS's 3 %", () => {
      assert.deepEqual(problems({ strategy: "linear", trafficSteps: [10, 50, 100], rollbackOn: [] }), [
        "trafficSteps: ECS LINEAR shifts equal steps: each step must add 10 (the first step), e.g. [10, 20, ..., 100]; 50 adds 40",
      ]);
      assert.deepEqual(problems({ strategy: "linear", trafficSteps: Array.from({ length: 50 }, (_, i) => (i + 1) * 2), rollbackOn: [] }), [
        "trafficSteps.0: ECS LINEAR steps are 3-100 % (LinearConfiguration.stepPercent), not 2",
      ]);
    });

    it("steps or bake times given to a strategy that has none", () => {
      assert.deepEqual(problems({ strategy: "blue-green", trafficSteps: [100], rollbackOn: [] }), ["trafficSteps: blue-green shifts all traffic at once; traffic steps apply to canary and linear"]);
      assert.deepEqual(problems({ strategy: "rolling", bakeMinutes: 10, rollbackOn: [] }), ["bakeMinutes: rolling deployments have no bake time (ECS uses it with blue-green, canary and linear)"]);
      assert.deepEqual(problems({ strategy: "rolling", stepBakeMinutes: 10, rollbackOn: [] }), ["stepBakeMinutes: applies to canary and linear, not rolling"]);
      assert.deepEqual(problems({ strategy: "canary", rollbackOn: [] }), ["trafficSteps: canary needs its traffic steps, e.g. [10, 100]"]);
    });
  });
});
