import { z } from "zod";
import { retentionDays } from "./base";

export const logsSection = z
  .object({
    /** Retention of every log group the platform creates (seed 001: dev 7, prod 30). */
    retentionDays: retentionDays.describe("Retention of every log group the platform creates, in days (CodeMate: dev 7, prod 30); a value CloudWatch Logs accepts."),
    jobRetentionDays: retentionDays.optional().describe("Retention of the jobs' log groups when it differs (seed 003: the Lambda job keeps 14 days; seed 004: Lambda logs 30 days)."),
    databaseRetentionDays: retentionDays.optional().describe("Retention of the log groups the database exports into when it differs (Onno, section 7-1: the RDS PostgreSQL log 7 days)."),
  })
  .strict()
  .describe("Log settings shared by every tier that writes logs.");
