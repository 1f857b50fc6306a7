import { strict as assert } from "assert";
import { estimateCost } from "../../../automation/cost/engine";
import { readStackFile } from "../../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../../config";
import type { RenderResult } from "../../../offline";
import { renderConfig, renderStackFile, stackConfig } from "../../helpers/stacks";

const priced = (result: RenderResult, raw: Record<string, string>) => {
  const config = loadPlatformConfig(raw);
  return estimateCost(result.resources, { region: result.region, usage: config.cost.usage, officeHours: config.officeHours });
};

/** A stack's raw config with `platform:cost.usage` changed. */
function withUsage(raw: Record<string, string>, usage: Record<string, unknown>): Record<string, string> {
  const cost = JSON.parse(raw["platform:cost"] ?? "{}") as { usage?: Record<string, unknown> };
  return { ...raw, "platform:cost": JSON.stringify({ ...cost, usage: { ...cost.usage, ...usage } }) };
}

// Issue 15, item 7: each seed's own alarms and log settings, priced.
describe("cost: the seeds' own alarms and log settings", () => {
  it("prices HookLabs' X-Ray traces beyond the free 100,000 at $5 a million (usage.xrayTracesMillions)", async () => {
    const file = "blueprints/hooklabs/Pulumi.prod.yaml";
    const raw = readStackFile(file).config;
    const estimate = priced(await renderStackFile(file), raw);
    const xray = estimate.lines.filter((l) => l.service === "X-Ray");
    const usage = loadPlatformConfig(raw).cost.usage.xrayTracesMillions;
    assert.ok(usage > 0.1, "the blueprint states its trace volume");
    assert.equal(xray.length, 1);
    assert.equal(xray[0].basis, "usage");
    assert.ok(Math.abs(xray[0].quantity - (usage - 0.1)) < 1e-9);
    assert.ok(Math.abs(xray[0].monthlyUsd - (usage - 0.1) * 5) < 1e-9);
  });

  it("prices no traces for a stack whose services are not traced, whatever its usage says", async () => {
    const raw = withUsage(stackConfig("prod"), { xrayTracesMillions: 3 });
    const estimate = priced(await renderConfig(raw, "prod"), raw);
    assert.deepEqual(estimate.lines.filter((l) => l.service === "X-Ray"), []);
  });

  it("prices Onno's [ERROR] filter as one custom metric and its application alarms as one alarm metric each", async () => {
    const file = "blueprints/onno/Pulumi.prod.yaml";
    const estimate = priced(await renderStackFile(file), readStackFile(file).config);
    const filters = estimate.lines.filter((l) => l.item === "log metric filter's custom metric");
    assert.deepEqual(filters.map((l) => [l.service, l.quantity, l.monthlyUsd, l.resources]), [["CloudWatch", 1, 0.3, ["onno-prod-log-text-api-errors"]]]);
    const alarms = estimate.lines.filter((l) => l.service === "CloudWatch" && l.item === "alarms");
    const priced_ = alarms.flatMap((l) => l.resources);
    for (const name of ["onno-prod-log-text-api-errors", "onno-prod-app-websocket-connection-drop", "onno-prod-app-openai-latency-high"]) assert.ok(priced_.includes(name), name);
  });
});
