import { strict as assert } from "assert";
import fc from "fast-check";
import { isTimeZone, parseClockTime, scheduleExpressionProblem, weeklyCron } from "../../../model/schedule/expression";

describe("schedule expressions", () => {
  const accepted = [
    "cron(0 0 * * ? *)", // seed 004: report generator daily at 00:00
    "rate(1 hour)", // seed 004: data sync hourly
    "rate(5 minutes)",
    "rate(1 day)",
    "cron(0 9 ? * MON-FRI *)", // seed 004: office hours
    "cron(0 5 ? * SUN *)",
    "cron(0 5 1 * ? *)",
    "cron(15,45 */2 L * ? 2026-2030)",
    "cron(0 12 ? JAN-MAR 6#3 *)",
    "cron(0 12 ? * 6L *)",
    "cron(0 12 15W * ? *)",
    "cron(0/10 8-17 ? * 2-6 *)",
  ];
  for (const expression of accepted) {
    it(`accepts ${expression}`, () => assert.equal(scheduleExpressionProblem(expression), undefined));
  }

  const rejected: [string, RegExp][] = [
    ["cron(0 0 * * *)", /takes 6 fields .* found 5/],
    ["cron(0 0 * * * *)", /'\?' in exactly one of day-of-month and day-of-week/],
    ["cron(0 0 ? * ? *)", /'\?' in exactly one/],
    ["cron(60 0 * * ? *)", /minutes '60': 60 is outside 0-59/],
    ["cron(0 24 * * ? *)", /hours '24': 24 is outside 0-23/],
    ["cron(0 0 32 * ? *)", /day-of-month '32': 32 is outside 1-31/],
    ["cron(0 0 ? FOO * *)", /month 'FOO': 'FOO' is not a number or JAN-DEC/],
    ["cron(0 0 ? * 8 *)", /day-of-week '8': 8 is outside 1-7/],
    ["cron(0 0 * * ? 1969)", /year '1969': 1969 is outside 1970-2199/],
    ["cron(? 0 * * ? *)", /'\?' is only allowed in day-of-month or day-of-week/],
    ["cron(0 0 ? * MON#6 *)", /'#' takes the week of the month, 1-5/],
    ["cron(0/0 0 * * ? *)", /step must be 1-59/],
    ["rate(1 hours)", /singular unit: rate\(1 hour\)/],
    ["rate(5 minute)", /plural unit: rate\(5 minutes\)/],
    ["rate(0 minutes)", /at least 1/],
    ["rate(1 week)", /minute\(s\)\|hour\(s\)\|day\(s\)/],
    ["every hour", /must be cron\(/],
    ["at(2026-11-01T00:00:00)", /at\(\) is not allowed here/],
  ];
  for (const [expression, message] of rejected) {
    it(`rejects ${expression}`, () => assert.match(scheduleExpressionProblem(expression) ?? "accepted", message));
  }

  it("rejects rate() where only cron() is allowed (AWS Backup)", () => {
    assert.match(scheduleExpressionProblem("rate(1 day)", ["cron"]) ?? "", /rate\(\) is not allowed here \(allowed: cron\(\)\)/);
  });

  it("accepts every cron() built from in-range fields", () => {
    const field = (min: number, max: number) => fc.integer({ min, max }).map(String);
    fc.assert(
      fc.property(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(1, 7), fc.boolean(), (m, h, dom, mon, dow, byDay) => {
        const expression = byDay ? `cron(${m} ${h} ? ${mon} ${dow} *)` : `cron(${m} ${h} ${dom} ${mon} ? *)`;
        return scheduleExpressionProblem(expression) === undefined;
      }),
    );
  });

  it("rejects every rate() whose unit does not agree with its value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.constantFrom("minute", "hour", "day"), (n, unit) => {
        const agrees = scheduleExpressionProblem(`rate(${n} ${n === 1 ? unit : `${unit}s`})`) === undefined;
        const disagrees = scheduleExpressionProblem(`rate(${n} ${n === 1 ? `${unit}s` : unit})`) !== undefined;
        return agrees && disagrees;
      }),
    );
  });

  it("builds the office-hours cron and parses clock times", () => {
    assert.equal(weeklyCron({ hour: 9, minute: 0 }, "MON-FRI"), "cron(0 9 ? * MON-FRI *)");
    assert.equal(scheduleExpressionProblem(weeklyCron({ hour: 18, minute: 30 }, "MON-FRI")), undefined);
    assert.deepEqual(parseClockTime("09:30"), { hour: 9, minute: 30 });
    assert.equal(parseClockTime("24:00"), undefined);
    assert.equal(parseClockTime("9:00"), undefined);
  });

  it("knows IANA time zones", () => {
    assert.equal(isTimeZone("Asia/Seoul"), true);
    assert.equal(isTimeZone("Asia/Tokyo"), true);
    assert.equal(isTimeZone("Asia/Busan"), false);
    assert.equal(isTimeZone("KST"), false);
  });
});
