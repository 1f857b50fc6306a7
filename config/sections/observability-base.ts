import { z } from "zod";
import { retentionDays } from "./base";

/** Log settings shared by every tier that writes logs. */
export const logsSection = z
  .object({
    /** Retention of every log group the platform creates (seed 001: dev 7, prod 30). */
    retentionDays,
  })
  .strict();

export type LogsConfig = z.infer<typeof logsSection>;
