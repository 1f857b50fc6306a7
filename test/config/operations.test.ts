import { expectIssue, sectionOf, withSection } from "../helpers/config-issues";
import { StackName } from "../helpers/stacks";

type Section = Record<string, unknown>;

/** A stack's section with `change` merged in (and `alarms` merged one level deeper). */
function changed(stack: StackName, key: string, change: Section): Record<string, string> {
  const current = sectionOf<Section>(stack, key);
  const next: Section = { ...current, ...change };
  if (change.alarms) next.alarms = { ...(current.alarms as Section), ...(change.alarms as Section) };
  return withSection(stack, key, next);
}

describe("observability, backup and office-hours config", () => {
  describe("rejects an alarm threshold out of range", () => {
    const cases: [string, Section, string, RegExp][] = [
      ["service CPU of 0 %", { serviceCpuPercent: 0 }, "serviceCpuPercent", /must be above 0/],
      ["service memory of 120 %", { serviceMemoryPercent: 120 }, "serviceMemoryPercent", /must be at most 100/],
      ["a p95 response time of 0 s", { responseTimeP95Seconds: 0 }, "responseTimeP95Seconds", /must be at least 0.05/],
      ["a p95 response time of 2 minutes", { responseTimeP95Seconds: 120 }, "responseTimeP95Seconds", /must be at most 60/],
      ["a negative 5xx count", { target5xxPer5Minutes: -1 }, "target5xxPer5Minutes", /must be at least 0/],
      ["a fractional 5xx count", { target5xxPer5Minutes: 2.5 }, "target5xxPer5Minutes", /must be integer, not float/],
      ["database CPU of 150 %", { databaseCpuPercent: 150 }, "databaseCpuPercent", /must be at most 100/],
      ["connections at 0 % of max", { databaseConnectionsPercent: 0 }, "databaseConnectionsPercent", /must be above 0/],
      ["free storage at 80 %", { databaseFreeStoragePercent: 80 }, "databaseFreeStoragePercent", /must be at most 50/],
      ["cache memory of 101 %", { cacheMemoryPercent: 101 }, "cacheMemoryPercent", /must be at most 100/],
      ["negative evictions", { cacheEvictionsPer5Minutes: -5 }, "cacheEvictionsPer5Minutes", /must be at least 0/],
      ["negative Lambda errors", { lambdaErrorsPer5Minutes: -1 }, "lambdaErrorsPer5Minutes", /must be at least 0/],
      ["an unknown alarm", { diskPercent: 90 }, "diskPercent", /not a known setting \(allowed: serviceCpuPercent, serviceMemoryPercent/],
    ];
    for (const [what, alarms, field, message] of cases) {
      it(what, () => expectIssue(changed("prod", "platform:observability", { alarms }), `platform:observability.alarms.${field}`, message));
    }

    it("a missing p95 threshold (it differs per stack)", () => {
      const section = sectionOf<{ alarms: Section }>("prod", "platform:observability");
      delete section.alarms.responseTimeP95Seconds;
      expectIssue(withSection("prod", "platform:observability", section), "platform:observability.alarms.responseTimeP95Seconds", /is required \(number\)/);
    });
  });

  describe("rejects alerting nobody would receive", () => {
    it("no alert address", () => expectIssue(changed("prod", "platform:observability", { alertEmails: [] }), "platform:observability.alertEmails", /alarms nobody receives page nobody/));
    it("a malformed address", () => expectIssue(changed("prod", "platform:observability", { alertEmails: ["on-call"] }), "platform:observability.alertEmails[0]", /must be an e-mail address/));
    it("a budget of $0", () => expectIssue(changed("prod", "platform:observability", { budget: { monthlyUsd: 0 } }), "platform:observability.budget.monthlyUsd", /must be above 0/));
    it("a forecast alert at 0 %", () =>
      expectIssue(changed("prod", "platform:observability", { budget: { monthlyUsd: 500, forecastPercent: 0 } }), "platform:observability.budget.forecastPercent", /must be at least 1/));
  });

  describe("rejects a backup plan AWS Backup would refuse", () => {
    const rule = { name: "daily", schedule: "cron(0 5 * * ? *)", retentionDays: 30 };
    const cases: [string, Section, string, RegExp][] = [
      ["a rate() schedule", { rules: [{ ...rule, schedule: "rate(1 day)" }] }, "rules[0].schedule", /rate\(\) is not allowed here \(allowed: cron\(\)\)/],
      ["a cron() with two day fields", { rules: [{ ...rule, schedule: "cron(0 5 * * * *)" }] }, "rules[0].schedule", /'\?' in exactly one/],
      ["a retention of 0 days", { rules: [{ ...rule, retentionDays: 0 }] }, "rules[0].retentionDays", /must be at least 1/],
      ["a start window under an hour", { rules: [{ ...rule, startWindowMinutes: 30 }] }, "rules[0].startWindowMinutes", /must be at least 60/],
      ["a completion window no longer than the start window", { rules: [{ ...rule, startWindowMinutes: 120, completionWindowMinutes: 120 }] }, "rules[0].completionWindowMinutes", /must be longer than startWindowMinutes \(120\)/],
      ["two rules with one name", { rules: [rule, rule] }, "rules[1].name", /is used by another rule/],
      ["backups on without rules", { rules: [] }, "rules", /needs at least one rule when backups are enabled/],
      ["a copy target that is not a vault ARN", { copyToVaultArn: "platform-prod-dr-vault" }, "copyToVaultArn", /must be a backup vault ARN/],
      ["a copy to the stack's own region", { copyToVaultArn: "arn:aws:backup:ap-northeast-2:123456789012:backup-vault:platform-prod-dr" }, "copyToVaultArn", /is in ap-northeast-2, this stack's own region/],
      ["a rule kept longer than the vault lock allows", { rules: [{ ...rule, retentionDays: 400 }] }, "rules[0].retentionDays", /within the vault lock's 30-365 days/],
      ["a vault lock whose minimum exceeds its maximum", { vaultLock: { minRetentionDays: 400, maxRetentionDays: 365 } }, "vaultLock.minRetentionDays", /must not exceed maxRetentionDays \(365\)/],
      ["a time zone that is not IANA", { timezone: "Korea" }, "timezone", /IANA time zone/],
    ];
    for (const [what, change, field, message] of cases) {
      it(what, () => expectIssue(changed("prod", "platform:backup", change), `platform:backup.${field}`, message));
    }
  });

  describe("rejects office hours that cannot work", () => {
    const hours = { enabled: false, days: "MON-FRI", start: "09:00", stop: "18:00" };
    const cases: [string, Section, string, RegExp][] = [
      ["a stop before the start", { start: "18:00", stop: "09:00" }, "stop", /must be later than start \(18:00\) on the same day/],
      ["a time without two hour digits", { start: "9:00" }, "start", /must be a 24-hour time such as 09:00/],
      ["days that are not cron() days", { days: "WEEKDAYS" }, "days", /must be days such as MON-FRI or MON,WED,FRI/],
      ["a start too early for the database to start first", { start: "00:10" }, "start", /must be 00:30 or later/],
      ["a stop too late for the database to stop after", { stop: "23:50" }, "stop", /must be 23:44 or earlier/],
    ];
    for (const [what, change, field, message] of cases) {
      it(what, () => expectIssue(withSection("dev", "platform:officeHours", { ...hours, ...change }), `platform:officeHours.${field}`, message));
    }

    it("enabled in a stack with no services and no database of its own", () => {
      const config = withSection("prod-dr", "platform:officeHours", { ...hours, enabled: true });
      delete config["platform:compute"];
      delete config["platform:edge"];
      expectIssue(config, "platform:officeHours.enabled", /has nothing to stop: the stack has no compute services or database/);
    });
  });
});

describe("the budget lives in one place", () => {
  it("rejects platform:cost.monthlyBudgetUsd beside the AWS Budgets budget", () => {
    const config = withSection("prod", "platform:cost", { ...sectionOf<Section>("prod", "platform:cost"), monthlyBudgetUsd: 450 });
    expectIssue(config, "platform:cost.monthlyBudgetUsd", /is also set as platform:observability.budget.monthlyUsd: keep the budget in one place/);
  });
});
