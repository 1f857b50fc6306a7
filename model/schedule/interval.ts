/**
 * How far apart the runs of a schedule can be: the longest gap between two consecutive runs of a
 * `cron(...)` or `rate(...)` expression (the EventBridge / AWS Backup syntax that
 * model/schedule/expression.ts validates). A backup plan's copies reach the standby region once
 * per run, so this gap is the most data a restore from them can lose: the achievable RPO of a
 * backup copy (model/dr/recovery-point.ts).
 *
 * Exact, not estimated: the runs are enumerated over four whole years (a leap year included), so
 * month lengths, `L`, `W` and `#` count as they fall. Pure: no Pulumi, no I/O. Expects an
 * expression the validator accepted; anything else throws.
 */

const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const minutesPerDay = 1440;
/** 2027-2030: four years with one leap year; the calendar repeats its month lengths after that. */
const spanStart = Date.UTC(2027, 0, 1);
const spanDays = 4 * 365 + 1;

/** The longest gap in minutes between two consecutive runs of `expression`. */
export function longestGapMinutes(expression: string): number {
  const match = /^(cron|rate)\((.*)\)$/.exec(expression.trim());
  if (!match) throw new Error(`not a cron() or rate() expression: ${expression}`);
  if (match[1] === "rate") return rateMinutes(match[2]);
  const [minutes, hours, dayOfMonth, month, dayOfWeek] = match[2].trim().split(/\s+/);
  const times = expand(hours, 0, 23).flatMap((h) => expand(minutes, 0, 59).map((m) => h * 60 + m)).sort((a, b) => a - b);
  const months = expand(month, 1, 12, monthNames);
  let previous: number | undefined;
  let longest = 0;
  for (let day = 0; day < spanDays; day++) {
    const date = new Date(spanStart + day * 86_400_000);
    if (!months.includes(date.getUTCMonth() + 1) || !dayMatches(date, dayOfMonth, dayOfWeek)) continue;
    for (const time of times) {
      const at = day * minutesPerDay + time;
      if (previous !== undefined) longest = Math.max(longest, at - previous);
      previous = at;
    }
  }
  if (previous === undefined) throw new Error(`${expression} never runs`);
  return longest;
}

function rateMinutes(body: string): number {
  const match = /^(\d+) (minute|hour|day)s?$/.exec(body.trim());
  if (!match) throw new Error(`not a rate() body: ${body}`);
  return Number(match[1]) * { minute: 1, hour: 60, day: minutesPerDay }[match[2] as "minute" | "hour" | "day"];
}

/** The values a numeric field (`*`, lists, ranges, steps, names) selects. */
function expand(field: string, min: number, max: number, names?: readonly string[]): number[] {
  if (field === "*" || field === "?") return range(min, max, 1);
  const value = (text: string) => (names?.includes(text.toUpperCase()) ? names.indexOf(text.toUpperCase()) + min : Number(text));
  return [
    ...new Set(
      field.split(",").flatMap((item) => {
        const [span, step] = item.split("/");
        const [from, to] = span === "*" ? [min, max] : span.includes("-") ? span.split("-").map(value) : [value(span), step ? max : value(span)];
        return range(from, to, step ? Number(step) : 1);
      }),
    ),
  ];
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function daysInMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

function dayMatches(date: Date, dayOfMonth: string, dayOfWeek: string): boolean {
  return dayOfMonth === "?" ? weekdayMatches(date, dayOfWeek) : monthDayMatches(date, dayOfMonth);
}

function monthDayMatches(date: Date, field: string): boolean {
  const day = date.getUTCDate();
  const last = daysInMonth(date);
  return field.split(",").some((item) => {
    if (item === "*") return true;
    if (item === "L") return day === last;
    if (item === "LW") return day === nearestWeekday(date, last);
    if (/^\d+W$/.test(item)) return day === nearestWeekday(date, Math.min(Number(item.slice(0, -1)), last));
    return expand(item, 1, 31).includes(day);
  });
}

/** The weekday nearest to `target` in the month of `date`, never crossing into another month (`W`). */
function nearestWeekday(date: Date, target: number): number {
  const weekday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1;
  if (weekday === 0) return target === daysInMonth(date) ? target - 2 : target + 1;
  return target;
}

/** Day-of-week: 1-7 is SUN-SAT; `nL` the month's last such day, `d#n` its n-th. */
function weekdayMatches(date: Date, field: string): boolean {
  const weekday = date.getUTCDay() + 1;
  const day = date.getUTCDate();
  const value = (text: string) => (dayNames.includes(text.toUpperCase()) ? dayNames.indexOf(text.toUpperCase()) + 1 : Number(text));
  return field.split(",").some((item) => {
    if (item === "*" || item === "L") return item === "*" || weekday === 7;
    if (item.includes("#")) {
      const [d, n] = item.split("#");
      return weekday === value(d) && Math.ceil(day / 7) === Number(n);
    }
    if (/^.+L$/.test(item)) return weekday === value(item.slice(0, -1)) && day + 7 > daysInMonth(date);
    return expand(item, 1, 7, dayNames).includes(weekday);
  });
}
