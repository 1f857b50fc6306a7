import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { renderProgram } from "../../offline";
import { fixturePath } from "../helpers/paths";

const sdk = pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] };
const render = () => renderProgram({ project: "fixture", stack: "fixture", config: { "aws:region": "ap-northeast-2" }, programPath: fixturePath("source-positions") });

describe("source positions while a program renders", () => {
  afterEach(() => delete process.env.PLAN_STACK_TRACES);

  it("are not captured during the render, and are again after it", async () => {
    const result = await render();
    assert.equal(result.outputs.positions, 0);
    assert.ok(sdk.stackTrace(0).length > 0, "the SDK's own capture is back after the render");
  });

  it("are captured with PLAN_STACK_TRACES set, for debugging", async () => {
    process.env.PLAN_STACK_TRACES = "1";
    const result = await render();
    assert.ok(Number(result.outputs.positions) > 0);
  });
});
