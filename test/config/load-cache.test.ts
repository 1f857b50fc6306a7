import { strict as assert } from "assert";
import type { z } from "zod";
import { readStackFile, stackFilePath } from "../../automation/plan/stack-file";
import { ConfigError, loadPlatformConfig, validatedLimit } from "../../config";
import { crossChecks, ObjectConfig } from "../../config/schema";

type Check = (config: ObjectConfig, ctx: z.RefinementCtx) => void;

// One process validates the same config again and again (the plan's config step, its render and
// its cost step; the fleet's catalog; a test's renders): each distinct input is validated once.
describe("platform config: each input validated once", () => {
  // A cross-field check that only counts: every validation runs each check once.
  let validations = 0;
  const counter: Check = () => void validations++;
  before(() => (crossChecks as Check[]).push(counter));
  after(() => (crossChecks as Check[]).splice((crossChecks as Check[]).indexOf(counter), 1));

  const prod = () => readStackFile(stackFilePath("prod"));
  /** prod's config with another monthly budget (any positive amount is valid). */
  const withBudget = (usd: number) => {
    const file = prod();
    const observability = JSON.parse(file.config["platform:observability"]) as { budget: Record<string, unknown> };
    return { ...file.config, "platform:observability": JSON.stringify({ ...observability, budget: { ...observability.budget, monthlyUsd: usd } }) };
  };

  it("validates an input it has seen only the first time, and hands out equal settings", () => {
    const file = prod();
    const before = validations;
    const first = loadPlatformConfig(file.config, file.secretKeys, { written: file.written });
    const second = loadPlatformConfig({ ...file.config }, [...file.secretKeys], { written: { ...file.written } });
    assert.equal(validations - before, 1);
    assert.deepEqual(second, first);
  });

  it("hands each caller its own settings: an edit of one does not reach the next", () => {
    const file = prod();
    const first = loadPlatformConfig(file.config, file.secretKeys) as unknown as { network: { vpcCidr: string } };
    first.network.vpcCidr = "10.99.0.0/16";
    const second = loadPlatformConfig(file.config, file.secretKeys) as unknown as { network: { vpcCidr: string } };
    assert.notEqual(second.network.vpcCidr, "10.99.0.0/16");
  });

  it("validates again when any part of the input differs: a value, the secret keys, the options", () => {
    const file = prod();
    const before = validations;
    loadPlatformConfig(withBudget(501), file.secretKeys);
    loadPlatformConfig(withBudget(502), file.secretKeys);
    loadPlatformConfig(withBudget(502), file.secretKeys, { project: "platform" });
    assert.equal(validations - before, 3);
    assert.throws(() => loadPlatformConfig(withBudget(502), ["platform:observability"]), ConfigError, "a secret key is a config error, not the cached settings");
  });

  it("throws for an invalid input every time, and keeps nothing for it", () => {
    const invalid = withBudget(-1);
    assert.throws(() => loadPlatformConfig(invalid), ConfigError);
    const before = validations;
    assert.throws(() => loadPlatformConfig(invalid), ConfigError);
    assert.equal(validations - before, 1);
  });

  it(`keeps at most ${validatedLimit} inputs, dropping the oldest`, () => {
    const before = validations;
    for (let usd = 1000; usd < 1000 + validatedLimit + 1; usd++) loadPlatformConfig(withBudget(usd));
    assert.equal(validations - before, validatedLimit + 1);
    loadPlatformConfig(withBudget(1000 + validatedLimit)); // the newest: kept
    assert.equal(validations - before, validatedLimit + 1);
    loadPlatformConfig(withBudget(1000)); // the oldest: dropped
    assert.equal(validations - before, validatedLimit + 2);
  });
});
