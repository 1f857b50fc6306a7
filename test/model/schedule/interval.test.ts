import { strict as assert } from "assert";
import { longestGapMinutes } from "../../../model/schedule/interval";

describe("schedule: the longest gap between two runs of a cron() schedule (a backup plan's achievable RPO)", () => {
  it("daily, weekly and monthly plans (seed 000's 일/주/월 backups)", () => {
    assert.equal(longestGapMinutes("cron(0 5 * * ? *)"), 1440);
    assert.equal(longestGapMinutes("cron(0 5 ? * SUN *)"), 7 * 1440);
    // A month of 31 days is the longest between two firsts of the month.
    assert.equal(longestGapMinutes("cron(0 5 1 * ? *)"), 31 * 1440);
  });

  it("several runs a day: the longest gap, across midnight too", () => {
    assert.equal(longestGapMinutes("cron(0 * * * ? *)"), 60);
    assert.equal(longestGapMinutes("cron(0 */6 * * ? *)"), 360);
    assert.equal(longestGapMinutes("cron(0,30 9-17 * * ? *)"), 15 * 60 + 30); // 17:30 -> 09:00
    assert.equal(longestGapMinutes("cron(*/5 * * * ? *)"), 5);
  });

  it("weekdays only: Friday's run to Monday's", () => {
    assert.equal(longestGapMinutes("cron(0 9 ? * MON-FRI *)"), 3 * 1440);
    assert.equal(longestGapMinutes("cron(0 9 ? * 2,4 *)"), 5 * 1440); // Monday and Wednesday: Wednesday -> Monday
  });

  it("rate() and the day-of-month steps", () => {
    assert.equal(longestGapMinutes("rate(5 minutes)"), 5);
    assert.equal(longestGapMinutes("rate(1 hour)"), 60);
    assert.equal(longestGapMinutes("rate(2 days)"), 2880);
    // The 1st, 11th, 21st and 31st: in a 30-day month the 21st to the next 1st is 10 days, in February 8.
    assert.equal(longestGapMinutes("cron(0 0 1/10 * ? *)"), 10 * 1440);
    assert.equal(longestGapMinutes("cron(0 0 L * ? *)"), 31 * 1440); // the last day: Jan 31 -> Feb 28 is 28, Feb 28 -> Mar 31 is 31
  });
});
