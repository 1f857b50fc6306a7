import { strict as assert } from "assert";
import fc from "fast-check";
import { runRules } from "../../automation/plan/policy-engine";
import { packConfig } from "../../policies/lib/enforcement";
import { unknownValue } from "../../policies/lib/unknown";
import { allRules } from "../../policies/rules";
import { CapturedResource } from "../../offline";
import { renderPolicyFixture } from "../helpers/policy";

const pairs = (violations: readonly { rule: string; urn?: string }[]) => new Set(violations.map((v) => `${v.rule} ${v.urn}`));

/** Every path to a value inside `value` (objects and arrays, then their members), e.g. `defaultActions.0.targetGroupArn`. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...paths(inner, [...prefix, key])]);
}

/** A copy of `value` with the value at `path` replaced by the unknown sentinel. */
function withUnknown(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return unknownValue;
  // Members are read and written by key, in arrays too ("0"); a missing member becomes an object.
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[path[0]] = withUnknown((value as Record<string, unknown> | undefined)?.[path[0]], path.slice(1));
  return copy;
}

/** A copy of inputs or state with the value at `path` (never empty) replaced by the unknown sentinel. */
const withUnknownAt = (properties: Record<string, unknown>, path: readonly string[]) => withUnknown(properties, path) as Record<string, unknown>;

/**
 * A preview hands the pack unknown values wherever an input depends on a resource not yet created.
 * Property: whatever inputs are unknown, no rule crashes and no violation appears that the fully
 * known stack does not have (rules judge what is known; the rest is "not judged", never a guess).
 */
describe("policy rules under unknown values (preview)", function () {
  this.timeout(60000);

  it("never crash and never invent a violation, whichever inputs are unknown", async () => {
    const { resources } = await renderPolicyFixture();
    const config = packConfig(allRules, "mandatory");
    const known = await runRules(allRules, resources, config);
    const full = pairs(known.violations);
    // Whole properties and values nested in them (one ARN inside a list), in inputs and outputs alike.
    const slots = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")).flatMap((r) => paths(r.inputs).map((path) => ({ urn: r.urn, path })));

    await fc.assert(
      fc.asyncProperty(fc.subarray(slots, { minLength: 1, maxLength: 4 }), async (chosen) => {
        const preview: CapturedResource[] = resources.map((r) => {
          const mine = chosen.filter((c) => c.urn === r.urn);
          if (mine.length === 0) return r;
          let inputs = r.inputs;
          let state = r.state;
          for (const { path } of mine) {
            inputs = withUnknownAt(inputs, path);
            state = withUnknownAt(state, path);
          }
          return { ...r, inputs, state };
        });
        const result = await runRules(allRules, preview, config);
        assert.deepEqual(result.errors, []);
        const invented = [...pairs(result.violations)].filter((p) => !full.has(p));
        assert.deepEqual(invented, []);
      }),
      { numRuns: 60 },
    );
  });

  it("reports what it could not judge: an unknown trust policy is named, not passed", async () => {
    const { resources } = await renderPolicyFixture();
    const role = resources.find((r) => r.name === "iam-trust-scoped-bad");
    assert.ok(role);
    const preview = resources.map((r) => (r === role ? { ...r, inputs: { ...r.inputs, assumeRolePolicy: unknownValue } } : r));
    const result = await runRules(allRules, preview, packConfig(allRules, "mandatory"));
    assert.ok(!result.violations.some((v) => v.rule === "iam-trust-scoped"));
    assert.deepEqual(
      result.notJudged.filter((n) => n.rule === "iam-trust-scoped").map((n) => n.message),
      ["string value at .assumeRolePolicy can't be known during preview"],
    );
  });
});
