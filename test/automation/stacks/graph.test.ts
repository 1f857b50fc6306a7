import { strict as assert } from "assert";
import { checkStandbyOrder, loadStacks, StackConfigError, stackFileNames } from "../../../automation/stacks/catalog";
import { findCycle, GraphError, rolloutGraph, selectStacks, validateGraph, waves } from "../../../automation/stacks/graph";

describe("rollout graph", () => {
  it("declares dev -> staging -> prod -> prod-dr, one stack per wave", () => {
    assert.deepEqual(waves(rolloutGraph), [["dev"], ["staging"], ["prod"], ["prod-dr"]]);
  });

  it("runs stacks without a path between them in the same wave", () => {
    const graph = { base: [], api: ["base"], web: ["base"], edge: ["api", "web"], docs: [] };
    assert.deepEqual(waves(graph), [["base", "docs"], ["api", "web"], ["edge"]]);
  });

  it("keeps the order between selected stacks when the ones between them are left out", () => {
    assert.deepEqual(selectStacks(rolloutGraph, ["prod-dr", "dev"]), { dev: [], "prod-dr": ["dev"] });
    assert.deepEqual(waves(selectStacks(rolloutGraph, ["prod", "dev"])), [["dev"], ["prod"]]);
    assert.deepEqual(waves(selectStacks(rolloutGraph, ["prod"])), [["prod"]]);
    const diamond = { base: [], api: ["base"], web: ["base"], edge: ["api", "web"] };
    assert.deepEqual(selectStacks(diamond, ["edge", "base", "api"]), { base: [], api: ["base"], edge: ["api"] });
  });

  it("rejects an unknown stack in the selection, naming the known ones", () => {
    assert.throws(() => selectStacks(rolloutGraph, ["prod", "qa"]), { name: "GraphError", message: "unknown stack 'qa' (known: dev, staging, prod, prod-dr)" });
  });

  it("rejects a cycle, showing it, before anything runs", () => {
    const graph = { dev: ["prod"], staging: ["dev"], prod: ["staging"] };
    assert.deepEqual(findCycle(graph), ["dev", "prod", "staging", "dev"]);
    assert.throws(() => waves(graph), { name: "GraphError", message: "the rollout graph has a cycle: dev -> prod -> staging -> dev" });
    assert.throws(() => validateGraph({ a: ["a"] }), { message: "stack 'a' depends on itself" });
  });

  it("rejects a dependency on a stack outside the graph and a graph stack without a stack file", () => {
    assert.throws(() => validateGraph({ dev: [], prod: ["qa"] }), { message: "stack 'prod' depends on unknown stack 'qa' (known: dev, prod)" });
    assert.throws(() => validateGraph({ ...rolloutGraph, qa: ["dev"] }, stackFileNames()), { message: "stack 'qa' is in the rollout graph but has no stack file Pulumi.qa.yaml" });
    validateGraph(rolloutGraph, stackFileNames());
  });

  it("requires the graph to roll a standby's primary out before it", () => {
    const stacks = loadStacks(["prod", "prod-dr"]);
    checkStandbyOrder(rolloutGraph, stacks);
    assert.throws(() => checkStandbyOrder({ prod: [], "prod-dr": [] }, stacks), {
      message: "stack 'prod-dr' stands by for 'prod' but the rollout graph does not order 'prod' before it",
    });
    assert.throws(() => checkStandbyOrder({ "prod-dr": [] }, stacks), { message: "stack 'prod-dr' stands by for 'prod', which is not in the rollout graph" });
  });

  it("reads every stack file offline and reports unknown stacks", () => {
    assert.deepEqual([...loadStacks(["dev", "staging", "prod", "prod-dr"]).keys()], ["dev", "staging", "prod", "prod-dr"]);
    assert.throws(() => loadStacks(["qa"]), (error: unknown) => {
      assert.ok(error instanceof StackConfigError);
      assert.equal(error.message, "unknown stack 'qa': no Pulumi.qa.yaml (stacks: dev, prod, prod-dr, staging)");
      return true;
    });
    assert.ok(new GraphError("x") instanceof Error);
  });
});
