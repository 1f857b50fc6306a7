/**
 * Schedule expressions as EventBridge (rules and Scheduler), AWS Backup and Application Auto
 * Scaling's scheduled actions accept them, checked offline so that a bad expression is a config
 * error instead of a failed `pulumi up`. One validator for every schedule of the config: the
 * jobs' and the backup plan's `cron(...)` and the scaling schedules' bare six fields.
 *
 * - `rate(value unit)`: a positive whole number and minute(s) / hour(s) / day(s), singular for 1
 *   and plural otherwise (EventBridge rejects `rate(1 minutes)` and `rate(5 minute)`).
 * - `cron(minutes hours day-of-month month day-of-week year)`: the EventBridge cron expressions
 *   reference (docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html), field by
 *   field: minutes 0-59 and hours 0-23 (`, - * /`), day-of-month 1-31 (`, - * ? / L W`), month
 *   1-12 or JAN-DEC (`, - * /`), day-of-week 1-7 or SUN-SAT (`, - * ? L #`: no `/`, and with `#`
 *   a single expression: "3#1,6#3" is invalid), year 1970-2199 (`, - * /`); exactly one of
 *   day-of-month and day-of-week is `?`.
 *
 * Pure: no Pulumi, no I/O.
 */

export type ScheduleKind = "cron" | "rate";

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted in place of numbers (JAN-DEC, SUN-SAT). */
  readonly names?: readonly string[];
  /** Special tokens beside numbers, ranges, lists and steps. */
  readonly allowQuestion?: boolean;
  readonly allowLast?: boolean;
  readonly allowWeekday?: boolean;
  readonly allowNth?: boolean;
  /** `/` increments; every field but day-of-week takes them. */
  readonly allowStep?: boolean;
}

const months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const cronFields: readonly CronField[] = [
  { name: "minutes", min: 0, max: 59, allowStep: true },
  { name: "hours", min: 0, max: 23, allowStep: true },
  { name: "day-of-month", min: 1, max: 31, allowQuestion: true, allowLast: true, allowWeekday: true, allowStep: true },
  { name: "month", min: 1, max: 12, names: months, allowStep: true },
  { name: "day-of-week", min: 1, max: 7, names: weekdays, allowQuestion: true, allowLast: true, allowNth: true },
  { name: "year", min: 1970, max: 2199, allowStep: true },
];

/** The problem with `expression`, or undefined when EventBridge would accept it. */
export function scheduleExpressionProblem(expression: string, allowed: readonly ScheduleKind[] = ["cron", "rate"]): string | undefined {
  const match = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim());
  if (!match) {
    return `must be ${allowed.map((k) => (k === "cron" ? "cron(min hour day-of-month month day-of-week year)" : "rate(<n> <unit>)")).join(" or ")}`;
  }
  const kind = match[1];
  if (kind === "at" || !allowed.includes(kind as ScheduleKind)) {
    return `${kind}() is not allowed here (allowed: ${allowed.map((k) => `${k}()`).join(", ")})`;
  }
  if (kind === "cron" && /^\s*cron\(/.test(match[2])) return `has cron( twice: write "cron(${match[2].trim().slice(5, -1).trim()})"`;
  return kind === "rate" ? rateProblem(match[2]) : cronBodyProblem(match[2]);
}

/**
 * The problem with the six fields of a cron expression (what goes between `cron(` and `)`; a
 * scaling schedule's `cron` is written so), or undefined when AWS would accept them.
 */
export function cronBodyProblem(body: string): string | undefined {
  const wrapped = /^\s*cron\((.*)\)\s*$/.exec(body);
  if (wrapped) return `takes the six fields without cron(...): write "${wrapped[1].trim()}"`;
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) {
    return `takes 6 fields (minutes hours day-of-month month day-of-week year), found ${parts.length}`;
  }
  for (let i = 0; i < cronFields.length; i++) {
    const problem = fieldProblem(parts[i], cronFields[i]);
    if (problem) return `${cronFields[i].name} '${parts[i]}': ${problem}`;
  }
  const dayOfMonthAny = parts[2] === "?";
  const dayOfWeekAny = parts[4] === "?";
  if (dayOfMonthAny === dayOfWeekAny) {
    return "needs '?' in exactly one of day-of-month and day-of-week";
  }
  return undefined;
}

function rateProblem(body: string): string | undefined {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!match) return "rate() takes '<n> minute(s)|hour(s)|day(s)', e.g. rate(1 hour) or rate(5 minutes)";
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1) return "rate() needs a value of at least 1";
  const plural = unit.endsWith("s");
  if (value === 1 && plural) return `rate(1 ${unit}) must use the singular unit: rate(1 ${unit.slice(0, -1)})`;
  if (value > 1 && !plural) return `rate(${value} ${unit}) must use the plural unit: rate(${value} ${unit}s)`;
  return undefined;
}

function fieldProblem(text: string, field: CronField): string | undefined {
  if (text === "?") return field.allowQuestion ? undefined : "'?' is only allowed in day-of-month or day-of-week";
  if (text === "*") return undefined;
  if (field.allowNth && text.includes("#") && text.includes(",")) return "'#' takes a single day-of-week, not a list";
  for (const item of text.split(",")) {
    const problem = itemProblem(item, field);
    if (problem) return problem;
  }
  return undefined;
}

function itemProblem(item: string, field: CronField): string | undefined {
  if (item === "") return "has an empty list item";
  if (item === "L") return field.allowLast ? undefined : "'L' is only allowed in day-of-month or day-of-week";
  if (field.allowWeekday && (item === "LW" || /^\d+W$/.test(item))) {
    return item === "LW" ? undefined : valueProblem(item.slice(0, -1), field);
  }
  if (field.allowLast && field.names === weekdays && /^[^L]+L$/.test(item)) {
    return valueProblem(item.slice(0, -1), field);
  }
  if (field.allowNth && item.includes("#")) {
    const [day, nth] = item.split("#");
    if (!/^[1-5]$/.test(nth ?? "")) return "'#' takes the week of the month, 1-5";
    return valueProblem(day, field);
  }
  const [range, step, extra] = item.split("/");
  if (step !== undefined && !field.allowStep) return `'/' is not allowed in ${field.name}`;
  if (extra !== undefined) return "has more than one '/'";
  if (step !== undefined && !/^\d+$/.test(step)) return `step '${step}' must be a whole number`;
  if (step !== undefined && (Number(step) < 1 || Number(step) > field.max)) return `step must be 1-${field.max}`;
  if (range === "*") return undefined;
  const bounds = range.split("-");
  if (bounds.length > 2) return "has more than one '-'";
  for (const bound of bounds) {
    const problem = valueProblem(bound, field);
    if (problem) return problem;
  }
  return undefined;
}

function valueProblem(text: string, field: CronField): string | undefined {
  if (field.names?.includes(text.toUpperCase())) return undefined;
  if (!/^\d+$/.test(text)) {
    const named = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : "";
    return `'${text}' is not a number${named}`;
  }
  const value = Number(text);
  if (value < field.min || value > field.max) return `${value} is outside ${field.min}-${field.max}`;
  return undefined;
}

/** `cron(0 9 ? * MON-FRI *)`: at hh:mm on the given days of the week. */
export function weeklyCron(time: { readonly hour: number; readonly minute: number }, days: string): string {
  return `cron(${time.minute} ${time.hour} ? * ${days} *)`;
}

/** `09:30` -> { hour: 9, minute: 30 }; undefined when it is not a 24-hour clock time. */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** True for an IANA time zone name the runtime knows (EventBridge Scheduler takes the same names). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  // Building a DateTimeFormat is the costly part; a stack names a handful of zones many times.
  let known = timeZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    timeZones.set(name, known);
  }
  return known;
}
const timeZones = new Map<string, boolean>();
