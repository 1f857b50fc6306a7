/**
 * Backup/snapshot windows (`hh24:mi-hh24:mi`, daily, UTC) and maintenance windows
 * (`ddd:hh24:mi-ddd:hh24:mi`, weekly, UTC) as RDS and ElastiCache take them. Pure functions:
 * the schema uses them to reject a window AWS would reject, before anything is registered.
 */

const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const minutesPerDay = 24 * 60;
const minutesPerWeek = 7 * minutesPerDay;

/** A span of minutes; `end` may pass the period's end (a window across midnight). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

function clock(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** `03:00-04:00` -> minutes of the day; undefined when malformed. */
export function parseDailyWindow(text: string): Span | undefined {
  const parts = text.split("-");
  if (parts.length !== 2) return undefined;
  const start = clock(parts[0]);
  const end = clock(parts[1]);
  if (start === undefined || end === undefined || start === end) return undefined;
  return { start, end: end > start ? end : end + minutesPerDay };
}

/** `mon:04:00-mon:05:00` -> minutes of the week; undefined when malformed. */
export function parseWeeklyWindow(text: string): Span | undefined {
  const match = /^([a-z]{3}):(\d\d:\d\d)-([a-z]{3}):(\d\d:\d\d)$/.exec(text);
  if (!match) return undefined;
  const startDay = days.indexOf(match[1] as (typeof days)[number]);
  const endDay = days.indexOf(match[3] as (typeof days)[number]);
  const startClock = clock(match[2]);
  const endClock = clock(match[4]);
  if (startDay < 0 || endDay < 0 || startClock === undefined || endClock === undefined) return undefined;
  const start = startDay * minutesPerDay + startClock;
  const end = endDay * minutesPerDay + endClock;
  if (start === end) return undefined;
  return { start, end: end > start ? end : end + minutesPerWeek };
}

export function durationMinutes(span: Span): number {
  return span.end - span.start;
}

/**
 * True when a daily window and a weekly window share a minute. The daily window recurs every
 * day, so it is laid over each day of the week (and the week's wrap-around) and tested.
 */
export function overlaps(daily: Span, weekly: Span): boolean {
  const intersects = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const weeklies = [weekly, { start: weekly.start - minutesPerWeek, end: weekly.end - minutesPerWeek }];
  for (let day = -1; day <= 7; day++) {
    const instance = { start: daily.start + day * minutesPerDay, end: daily.end + day * minutesPerDay };
    if (weeklies.some((w) => intersects(instance, w))) return true;
  }
  return false;
}

export const dailyWindowFormat = "hh24:mi-hh24:mi in UTC, e.g. 03:00-04:00";
export const weeklyWindowFormat = "ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. mon:04:00-mon:05:00";
