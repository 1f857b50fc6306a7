import { z } from "zod";
import { logSourcePattern } from "../../model/observability/log-archive";
import { retentionDays } from "./base";
import { lifecycleRuleSchema } from "./storage";

/**
 * `platform:logs.archive`: log groups copied to an S3 archive through CloudWatch Logs subscription
 * filters and Amazon Data Firehose (CodeMate, 모니터링 및 로깅, Retention Policy: "프로덕션: 30일
 * (중요 로그는 S3로 아카이브)"). The buffering limits are Firehose's (Amazon Data Firehose API
 * Reference, BufferingHints: SizeInMBs 1-128, IntervalInSeconds 0-900; defaults 5 MiB and 300 s).
 */
export const logArchiveSection = z
  .object({
    logGroups: z
      .array(z.string().regex(logSourcePattern, "must be service:<ECS service name> or database:<exported log type>, e.g. service:backend, database:postgresql"))
      .min(1, "needs at least one log group: an archive of nothing is not built")
      .describe("The log groups to archive, by what writes them: `service:<name>` (an ECS service of platform:compute) or `database:<log type>` (one of platform:data.database.logExports). Each group once."),
    lifecycle: z
      .array(lifecycleRuleSchema)
      .min(1, "needs a lifecycle rule: an archive without one keeps every object in S3 Standard forever")
      .describe("Lifecycle rules of the archive bucket (CodeMate, 스토리지 3. Logs Archive: Glacier after 90 days, deleted after 1 year). The bucket is versioned: a rule that expires objects must also expire the noncurrent versions its delete markers leave."),
    bufferSeconds: z.number().int().min(0).max(900).default(300).describe("Seconds Firehose buffers before it writes an object, 0-900 (Firehose's default 300)."),
    bufferMb: z.number().int().min(1).max(128).default(5).describe("MiB Firehose buffers before it writes an object, 1-128 (Firehose's default 5)."),
  })
  .strict();

export const logsSection = z
  .object({
    /** Retention of every log group the platform creates (seed 001: dev 7, prod 30). */
    retentionDays: retentionDays.describe("Retention of every log group the platform creates, in days (CodeMate: dev 7, prod 30); a value CloudWatch Logs accepts."),
    jobRetentionDays: retentionDays.optional().describe("Retention of the jobs' log groups when it differs (seed 003: the Lambda job keeps 14 days; seed 004: Lambda logs 30 days)."),
    databaseRetentionDays: retentionDays.optional().describe("Retention of the log groups the database exports into when it differs (Onno, section 7-1: the RDS PostgreSQL log 7 days)."),
    archive: logArchiveSection
      .optional()
      .describe("Important log groups archived to a protected, KMS-encrypted S3 bucket through a subscription filter and an Amazon Data Firehose stream each (CodeMate, section 10: important logs to S3). None when omitted."),
  })
  .strict()
  .describe("Log settings shared by every tier that writes logs.");
