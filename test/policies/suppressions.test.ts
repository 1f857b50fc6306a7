import { strict as assert } from "assert";
import { packConfig } from "../../policies/lib/enforcement";
import { hasResourceCheck, rule } from "../../policies/lib/rule";
import { applicableSuppression, invalidReason, matchesResource, suppressedViolationSink, SuppressedViolation, suppressionTag, tagSuppressions } from "../../policies/lib/suppressions";
import { T } from "../../policies/lib/types";
import { allRules } from "../../policies/rules";
import { policySuppressions } from "../../policies/rules/suppressions";
import { policySuppressionTag, suppressionTagPrefix } from "../../components/shared/policy-suppression";
import { resourceArgs } from "../../automation/plan/policy-engine";
import { res, validate, validateStack } from "../helpers/policy";

const reason = "The design document accepts it: see section 7";
/** A rule that fails every queue and, as a stack check, every topic. */
const noQueues = rule({
  name: "test-no-queues",
  description: "test",
  theme: "governance",
  scope: "mandatory",
  fix: "none",
  types: [T.queue],
  checkResource: (_r, c) => c.report("a queue"),
  checkStack(stack, c) {
    for (const topic of stack.ofType(T.topic)) c.report("a topic", topic.urn);
  },
});

describe("policy suppressions", () => {
  it("match a logical name, a glob over names or a URN", () => {
    const r = { name: "platform-prod-db-secret", urn: "urn:pulumi:prod::aws-platform::aws:secretsmanager/secret:Secret::platform-prod-db-secret" };
    assert.ok(matchesResource("platform-prod-db-secret", r));
    assert.ok(matchesResource("platform-prod-*-secret", r));
    assert.ok(matchesResource("platform-pro?-db-secret", r));
    assert.ok(matchesResource(r.urn, r));
    assert.ok(!matchesResource("platform-prod-db", r));
    assert.ok(!matchesResource("platform.prod-db-secret", { name: "platformXprod-db-secret" }));
  });

  it("apply only with a reason of 10 characters or more and until the expiry day included", () => {
    assert.equal(invalidReason({ reason, expires: "2027-06-30" }, "2027-06-30"), undefined);
    assert.equal(invalidReason({ reason, expires: "2027-06-30" }, "2027-07-01"), "expired on 2027-06-30: fix the violation or renew the suppression with a new reason");
    assert.equal(invalidReason({ reason: "because" }), "has no reason (at least 10 characters say why the violation is accepted)");
    assert.equal(invalidReason({ reason, expires: "2027-02-30" }), "expires 2027-02-30, which is not a date (YYYY-MM-DD)");
    const r = { name: "q", urn: "urn:q" };
    assert.equal(applicableSuppression("x", r, [{ resource: "q", reason, expires: "2000-01-01" }]), undefined);
    assert.deepEqual(applicableSuppression("x", r, [{ resource: "q", reason }]), { resource: "q", reason, rule: "x", source: "config" });
  });

  it("read from a resource's policy-suppress:<rule> tag, with an optional until date", () => {
    assert.deepEqual(tagSuppressions("q", { Tier: "data", "policy-suppress:a": reason, "policy-suppress:b": `until 2027-01-31: ${reason}` }), [
      { rule: "a", resource: "q", reason, source: "tag" },
      { rule: "b", resource: "q", reason, expires: "2027-01-31", source: "tag" },
    ]);
    assert.deepEqual(suppressionTag("b", reason, "2027-01-31"), { "policy-suppress:b": `until 2027-01-31: ${reason}` });
  });

  it("are written by components as valid AWS tags in the form the pack reads", () => {
    assert.equal(suppressionTagPrefix, "policy-suppress:");
    assert.deepEqual(policySuppressionTag("b", reason, "2027-01-31"), suppressionTag("b", reason, "2027-01-31"));
    assert.throws(() => policySuppressionTag("b", "why not"), /10 characters or more/);
    assert.throws(() => policySuppressionTag("b", "Accepted (see the design), for now"), /not a valid tag value/);
    assert.throws(() => policySuppressionTag("b", "x".repeat(257)), /not a valid tag value/);
  });

  it("keep a suppressed violation out of the report and hand it to the offline gate's hook (resource and stack checks)", async () => {
    const config = { suppressions: [{ resource: "orders", reason }] };
    const queue = res(T.queue, "orders", {});
    assert.deepEqual((await validate(noQueues, queue, config)).violations, []);
    assert.deepEqual((await validate(noQueues, res(T.queue, "other", {}), config)).violations, ["a queue"]);
    assert.deepEqual((await validate(noQueues, res(T.queue, "tagged", { tags: { "policy-suppress:test-no-queues": reason } }))).violations, []);

    const seen: SuppressedViolation[] = [];
    const args = resourceArgs(queue, { config, onSuppressed: (s) => seen.push(s) });
    assert.equal(typeof (args as unknown as Record<symbol, unknown>)[suppressedViolationSink], "function");
    if (!hasResourceCheck(noQueues)) assert.fail("test-no-queues has a resource check");
    for (const v of [noQueues.validateResource].flat()) await v?.(args, () => assert.fail("reported"));
    assert.deepEqual(seen.map((s) => [s.rule, s.message, s.suppression.source]), [["test-no-queues", "a queue", "config"]]);

    const topics = [res(T.topic, "alerts", { tags: { "policy-suppress:test-no-queues": `until 2000-01-01: ${reason}` } }), res(T.topic, "events", {})];
    assert.deepEqual((await validateStack(noQueues, topics, { suppressions: [{ resource: "events", reason }] })).violations, ["a topic"]);
  });

  it("go to each rule's pack config, and all of them to policy-suppressions", () => {
    const config = packConfig(allRules, "mandatory", {}, [
      { rule: "public-entry-waf", resource: "cdn", reason, expires: "2027-06-30" },
      { rule: "no-such-rule", resource: "x", reason },
    ]);
    assert.deepEqual(config["public-entry-waf"], { enforcementLevel: "mandatory", suppressions: [{ resource: "cdn", reason, expires: "2027-06-30" }] });
    assert.deepEqual(config["policy-suppressions"], {
      suppressions: [
        { rule: "public-entry-waf", resource: "cdn", reason, expires: "2027-06-30" },
        { rule: "no-such-rule", resource: "x", reason },
      ],
    });
    assert.equal(config["no-such-rule"], undefined);
  });

  it("that cannot apply are policy-suppressions violations: unknown rule, no reason, expired, matching no resource the rule judges", async () => {
    const queue = res(T.queue, "orders", { tags: { "policy-suppress:kms-key-rotation": "short", "policy-suppress:no-such-rule": reason } });
    const suppressions = [
      { rule: "no-such-rule", resource: "orders", reason },
      { rule: "messaging-encrypted", resource: "orders", reason: "short" },
      { rule: "messaging-encrypted", resource: "orders", reason, expires: "2000-01-01" },
      { rule: "messaging-encrypted", resource: "invoices", reason },
      { rule: "kms-key-rotation", resource: "orders", reason },
      { rule: "messaging-encrypted", resource: "orders", reason, expires: "2999-12-31" },
    ];
    const outcome = await validateStack(policySuppressions, [queue], { suppressions });
    assert.deepEqual(outcome.violations, [
      "suppression of no-such-rule for orders: the pack has no rule no-such-rule",
      "suppression of messaging-encrypted for orders has no reason (at least 10 characters say why the violation is accepted)",
      "suppression of messaging-encrypted for orders expired on 2000-01-01: fix the violation or renew the suppression with a new reason",
      "suppression of messaging-encrypted for invoices matches no resource the rule judges (2 types)",
      "suppression of kms-key-rotation for orders matches no resource the rule judges (aws:kms/key:Key)",
      "tag suppression of kms-key-rotation has no reason (at least 10 characters say why the violation is accepted)",
      "tag suppression of no-such-rule: the pack has no rule no-such-rule",
    ]);
    assert.deepEqual(outcome.urns, ["", "", "", "", "", queue.urn, queue.urn]);
  });
});
