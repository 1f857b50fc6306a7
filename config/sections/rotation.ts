import { z } from "zod";

/**
 * Days between two rotations of a secret. Secrets Manager accepts 1-1000 days
 * (RotationRulesType.AutomaticallyAfterDays, AWS Secrets Manager API Reference; a schedule
 * expression goes down to every 4 hours); the platform asks for a day to a year (issue 15),
 * and the policy gate's secret-rotation rule for at most 90 days in the environments it enforces.
 */
const days = () =>
  z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be 1-365 days: a rotation at most daily (Secrets Manager allows 1-1000)")
    .max(365, "must be 1-365 days: at least once a year (Secrets Manager allows 1-1000)");

/** A store's credentials: rotated by default, every `defaultDays`. */
export const rotationDays = (what: string, defaultDays: number) =>
  days()
    .default(defaultDays)
    .describe(`Days between rotations of ${what}, 1-365 (default ${defaultDays}: Onno, seed 003, section 5-4, the password every 30 days).`);

/** An application secret: rotated only when the stack asks. */
export const optionalRotationDays = (what: string) => days().optional().describe(`Days between rotations of ${what}, 1-365; absent: not rotated.`);
