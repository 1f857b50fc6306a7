import { strict as assert } from "assert";
import fc from "fast-check";
import { durationMinutes, overlaps, parseDailyWindow, parseWeeklyWindow, Span } from "../../../model/data/windows";

const day = 24 * 60;
const week = 7 * day;
const pad = (n: number) => String(n).padStart(2, "0");
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** The minutes of the week a span covers, the slow and obvious way. */
function minutesOfWeek(span: Span, period: number): Set<number> {
  const covered = new Set<number>();
  for (let offset = 0; offset < week; offset += period) {
    for (let m = span.start; m < span.end; m++) covered.add((m + offset) % week);
  }
  return covered;
}

describe("maintenance and backup windows", () => {
  it("parses the windows of the seeds", () => {
    assert.deepEqual(parseDailyWindow("03:00-04:00"), { start: 180, end: 240 });
    assert.deepEqual(parseWeeklyWindow("mon:04:00-mon:05:00"), { start: day + 240, end: day + 300 });
    assert.equal(durationMinutes(parseDailyWindow("23:30-00:30")!), 60);
    assert.equal(durationMinutes(parseWeeklyWindow("sat:23:30-sun:00:30")!), 60);
  });

  it("rejects malformed windows", () => {
    for (const text of ["3:00-4:00", "03:00-03:00", "24:00-01:00", "03:00", "03:00-04:00-05:00"]) assert.equal(parseDailyWindow(text), undefined, text);
    for (const text of ["mon:04:00", "mon:04:00-xyz:05:00", "Mon:04:00-Mon:05:00", "mon:04:00-mon:04:00"]) assert.equal(parseWeeklyWindow(text), undefined, text);
  });

  it("finds an overlap exactly when the two windows share a minute of the week", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: day - 1 }),
        fc.integer({ min: 30, max: 300 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: day - 1 }),
        fc.integer({ min: 30, max: 300 }),
        (dailyStart, dailyLength, weekday, weeklyStart, weeklyLength) => {
          const dailyText = `${clock(dailyStart)}-${clock((dailyStart + dailyLength) % day)}`;
          const startOfWeek = weekday * day + weeklyStart;
          const endOfWeek = (startOfWeek + weeklyLength) % week;
          const weeklyText = `${days[weekday]}:${clock(weeklyStart)}-${days[Math.floor(endOfWeek / day)]}:${clock(endOfWeek % day)}`;
          const daily = parseDailyWindow(dailyText)!;
          const weekly = parseWeeklyWindow(weeklyText)!;
          const dailyMinutes = minutesOfWeek(daily, day);
          const shared = [...minutesOfWeek(weekly, week)].some((m) => dailyMinutes.has(m));
          assert.equal(overlaps(daily, weekly), shared, `${dailyText} vs ${weeklyText}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
