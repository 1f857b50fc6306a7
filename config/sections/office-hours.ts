import { z } from "zod";
import { parseClockTime } from "../../model/schedule/expression";
import { timeZone } from "./base";

const clock = z.string().refine((text) => parseClockTime(text) !== undefined, { message: "must be a 24-hour time such as 09:00" }).describe("`platform:officeHours`: seed 004's dev cost control. Outside office hours the ECS services scale to zero, EKS node groups to zero and the database stops; EventBridge Scheduler starts them again when the day begins.");

/** cron() day-of-week values: a day, a range (MON-FRI) or a list (MON,WED,FRI). */
const dayPattern = /^(SUN|MON|TUE|WED|THU|FRI|SAT)(-(SUN|MON|TUE|WED|THU|FRI|SAT))?(,(SUN|MON|TUE|WED|THU|FRI|SAT)(-(SUN|MON|TUE|WED|THU|FRI|SAT))?)*$/;

export const officeHoursSection = z
  .object({
    enabled: z.boolean().describe("Office hours on: stop outside them, start when the day begins."),
    days: z.string().regex(dayPattern, "must be days such as MON-FRI or MON,WED,FRI").default("MON-FRI").describe("Days the platform runs (seed 004: weekdays)."),
    start: clock.default("09:00").describe("Start of the day, in `timezone` (seed 004: 09:00)."),
    stop: clock.default("18:00").describe("End of the day, in `timezone` (seed 004: 18:00)."),
    timezone: timeZone.default("Asia/Seoul"),
  })
  .strict()
  .superRefine((hours, ctx) => {
    const start = parseClockTime(hours.start);
    const stop = parseClockTime(hours.stop);
    if (start && stop && start.hour * 60 + start.minute >= stop.hour * 60 + stop.minute) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["stop"], message: `must be later than start (${hours.start}) on the same day` });
    }
    // The database starts 30 minutes early and stops 15 minutes late, on the same day.
    if (start && start.hour * 60 + start.minute < 30) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["start"], message: "must be 00:30 or later (the database starts 30 minutes before)" });
    }
    if (stop && stop.hour * 60 + stop.minute > 23 * 60 + 44) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["stop"], message: "must be 23:44 or earlier (the database stops 15 minutes after)" });
    }
  });
