import { strict as assert } from "assert";
import { assertIssue, configIssues, editSection } from "../helpers/config";
import { readinessAlarmPeriodSeconds, readinessRunsPerMonth } from "../../model/dr/readiness-schedule";

/** prod-dr's config with platform:dr.readiness set to `readiness` (undefined: removed). */
const withReadiness = (readiness: unknown) => editSection("prod-dr", "dr", (dr) => Object.assign(dr as Record<string, unknown>, { readiness }));

describe("config: the readiness schedule (platform:dr.readiness)", () => {
  it("accepts a rate from every 5 minutes to every 12 hours", () => {
    for (const schedule of ["rate(5 minutes)", "rate(15 minutes)", "rate(1 hour)", "rate(12 hours)"]) {
      assert.deepEqual(configIssues(withReadiness({ schedule })), [], schedule);
    }
  });

  it("refuses a schedule out of range, naming the field and what is allowed", () => {
    assertIssue(configIssues(withReadiness({ schedule: "rate(1 minute)" })), "platform:dr.readiness.schedule", "runs every 1 min; allowed: every 5 min to 12 hours (rate(5 minutes) .. rate(12 hours))");
    assertIssue(configIssues(withReadiness({ schedule: "rate(4 minutes)" })), "platform:dr.readiness.schedule", "runs every 4 min; allowed");
    assertIssue(configIssues(withReadiness({ schedule: "rate(13 hours)" })), "platform:dr.readiness.schedule", "runs every 780 min; allowed");
    assertIssue(configIssues(withReadiness({ schedule: "rate(1 day)" })), "platform:dr.readiness.schedule", "runs every 1440 min; allowed");
  });

  it("refuses a cron() or a malformed rate: the alarm's window needs evenly spaced runs", () => {
    assertIssue(configIssues(withReadiness({ schedule: "cron(0 * * * ? *)" })), "platform:dr.readiness.schedule", "cron() is not allowed here (allowed: rate())");
    assertIssue(configIssues(withReadiness({ schedule: "rate(5 minute)" })), "platform:dr.readiness.schedule", "must use the plural unit");
  });

  it("is a standby's setting, and needs the alert topic it alarms through", () => {
    const onPrimary = editSection("prod", "dr", (dr) => Object.assign(dr as Record<string, unknown>, { readiness: { schedule: "rate(15 minutes)" } }));
    assertIssue(configIssues(onPrimary), "platform:dr.readiness", "is set only on a standby stack (role: standby)");
    const withoutTopic = { ...withReadiness({ schedule: "rate(15 minutes)" }) };
    delete withoutTopic["platform:observability"];
    assertIssue(configIssues(withoutTopic), "platform:dr.readiness", "alarms through the alert topic: set platform:observability (alertEmails) on this stack too");
  });

  it("an alarm window of two runs, at most one day; runs a month for the estimate", () => {
    assert.equal(readinessAlarmPeriodSeconds("rate(15 minutes)"), 1800);
    assert.equal(readinessAlarmPeriodSeconds("rate(12 hours)"), 86_400);
    assert.equal(readinessRunsPerMonth("rate(15 minutes)"), 2918);
  });
});
