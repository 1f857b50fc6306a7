import { z } from "zod";
import {
  dataStores,
  lambdaLimits,
  lambdaRuntimes,
  maxReservedConcurrency,
  parseJobSecretRef,
  reservedEnvironmentKeys,
} from "../../model/jobs/settings";
import { scheduleExpressionProblem } from "../../model/schedule/expression";
import { timeZone } from "./base";

const jobName = z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "must be 2-32 characters of a-z, 0-9 and '-'").describe("`platform:jobs`: background functions on Lambda (seed 003's post-meeting processor, seed 004's image processor, order notification, report generator and data sync), each with its trigger.");

const envKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "environment keys are letters, digits and '_', starting with a letter")
  .refine((key) => !(reservedEnvironmentKeys as readonly string[]).includes(key), { message: "is set by Lambda itself and cannot be configured" });

const secretRef = z.string().refine((text) => parseJobSecretRef(text) !== undefined, {
  message: "must be a Secrets Manager ARN or a secret name (letters, digits and /_+=.@-)",
});

const schedule = (kinds: ("cron" | "rate")[]) =>
  z.string().superRefine((text, ctx) => {
    const problem = scheduleExpressionProblem(text, kinds);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/** Event fields an EventBridge pattern may match on (top level). */
const eventFields = ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];

const eventPattern = z
  .record(z.unknown())
  .superRefine((pattern, ctx) => {
    for (const key of Object.keys(pattern)) {
      if (!eventFields.includes(key)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `is not an event field (allowed: ${eventFields.join(", ")})` });
      }
    }
    if (!Array.isArray(pattern.source) || pattern.source.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["source"], message: "is required: a pattern without a source matches every event on the bus" });
    }
    for (const problem of patternLeafProblems(pattern, [])) ctx.addIssue({ code: z.ZodIssueCode.custom, ...problem });
  });

/** EventBridge matches leaves against arrays only; a bare string or number is rejected. */
function patternLeafProblems(node: Record<string, unknown>, path: string[]): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      if (value.length === 0) problems.push({ path: [...path, key], message: "must list at least one value to match" });
    } else if (value && typeof value === "object") {
      problems.push(...patternLeafProblems(value as Record<string, unknown>, [...path, key]));
    } else {
      problems.push({ path: [...path, key], message: "must be a list of values to match (EventBridge patterns match arrays)" });
    }
  }
  return problems;
}

const triggerName = z.string().regex(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/, "must be 2-22 characters of a-z, 0-9 and '-'").optional().describe("Stable key of a trigger within its job; the trigger's type unless named.");

export const jobTrigger = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("s3").describe("S3 object-created events (seed 004's image processor on the uploads bucket)."),
      name: triggerName,
      bucket: z.string().describe("Key of `platform:storage` buckets."),
      prefix: z.string().max(1024).default("").describe("Object key prefix, e.g. `uploads/`; the job should write elsewhere or it triggers itself."),
      suffix: z.string().max(1024).default("").describe("Object key suffix, e.g. `.jpg`; any key when empty."),
    })
    .strict(),
  z
    .object({
      type: z.literal("event").describe("An EventBridge rule on a bus (seed 004's order notification on order-created events)."),
      name: triggerName,
      pattern: eventPattern.describe("The EventBridge event pattern: top-level event fields, leaves as lists of values to match; `source` is required."),
      bus: z.string().regex(/^[A-Za-z0-9._-]{1,256}$/, "must be an event bus name").default("default").describe("Event bus name; the account's default bus unless named."),
    })
    .strict(),
  z
    .object({
      type: z.literal("schedule").describe("An EventBridge Scheduler schedule (seed 004: report generator daily 00:00, data sync hourly)."),
      name: triggerName,
      expression: schedule(["cron", "rate"]).describe("`cron(min hour day-of-month month day-of-week year)` or `rate(<n> <unit>)`."),
      timezone: timeZone.default("Asia/Seoul").describe("IANA zone cron() is evaluated in; the seeds' products are Korean, so KST."),
    })
    .strict(),
]);

export const jobSchema = z
  .object({
    name: jobName.describe("Stable key; the function is `<project>-<environment>-<name>`."),
    runtime: z.enum(lambdaRuntimes).describe("A runtime Lambda still accepts for new functions."),
    handler: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.[A-Za-z_$][A-Za-z0-9_$]*$/, "must be <module>.<function>, e.g. index.handler").describe("`<module>.<function>`, e.g. `index.handler` (seed 003: `index.lambda_handler`)."),
    code: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "must be a relative directory such as jobs/data-sync")
      .refine((dir) => !dir.split("/").includes(".."), { message: "must stay inside the repository (no '..')" })
      .describe("Directory of the function's code, relative to the repository root (e.g. `jobs/data-sync`)."),
    memoryMb: z.number().int().min(lambdaLimits.minMemoryMb).max(lambdaLimits.maxMemoryMb).describe("Lambda allows 128-10240 MB (seed 004: 256-1024; seed 003: 1024)."),
    timeoutSeconds: z.number().int().min(lambdaLimits.minTimeoutSeconds).max(lambdaLimits.maxTimeoutSeconds).describe("Lambda allows 1-900 s (seed 004: 30-300; seed 003: 180)."),
    architecture: z.enum(["arm64", "x86_64"]).default("arm64").describe("Graviton by default: about 20 % cheaper per GB-second than x86_64."),
    environment: z.record(envKey, z.string()).default({}).describe("Plain variables; never secrets (those go in `secrets`). Values may name other tiers' outputs as the services do: `${bucket.files}`, `${database.host}`, `${cache.port}`, `${region}`."),
    secrets: z.record(envKey, secretRef).default({}).describe("Variable -> secret. The job receives `<VARIABLE>_SECRET_ID` (the ARN or name) and reads the value from Secrets Manager at start-up; the value never sits in the function's configuration."),
    reaches: z.array(z.enum(dataStores)).default([]).describe("Data stores the job connects to. It receives `DATABASE_HOST`, `DATABASE_PORT`, `DATABASE_SECRET_ID` (and `CACHE_*` likewise) and may read those credentials."),
    vpc: z.boolean().default(false).describe("Runs in the private-app subnets with the Lambda security group: required to reach the data tier."),
    reservedConcurrency: z.number().int().min(1).max(maxReservedConcurrency).optional().describe("Concurrency reserved for (and capped at) this job; omitted = the account's shared pool."),
    retryAttempts: z.number().int().min(0).max(2).default(2).describe("Retries of a failed asynchronous invocation before the event goes to the dead-letter queue."),
    triggers: z.array(jobTrigger).default([]).describe("What invokes the job: S3 object-created events, an EventBridge rule, or a schedule."),
    permissions: z
      .object({
        buckets: z
          .array(
            z
              .object({
                bucket: z.string().describe("Key of storage.buckets."),
                access: z.enum(["read", "readwrite"]).describe("`read`: get and list; `readwrite`: also put and delete."),
                prefix: z.string().max(1024).default("").describe("Object key prefix the access is limited to; the whole bucket when omitted."),
              })
              .strict(),
          )
          .default([])
          .describe("Buckets (keys of `platform:storage` buckets) and the access the job needs."),
        sesIdentities: z.array(z.string().regex(/^([A-Za-z0-9._%+-]+@)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, "must be a domain or an email address")).default([]).describe("SES identities (domains or addresses) the job may send mail from (004's notifications)."),
        sms: z
          .boolean()
          .default(false)
          .describe("Publishes SMS straight to phone numbers through SNS (seed 004's order notification). A phone number is no IAM resource, so the grant is `sns:Publish` on `*` (reviewed in policies/lib/iam-allow-list.ts); the account's spend limit is `platform:sms.preferences`. The function gets `SMS_ENABLED=true`, without which the order notification sends no SMS."),
        eventBuses: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,256}$/, "must be an event bus name")).default([]).describe("Event buses the job may put events on (by name)."),
      })
      .strict()
      .default({})
      .describe("AWS permissions of the job's own role beyond its logs, queue and secrets."),
  })
  .strict();

export type JobConfig = z.infer<typeof jobSchema>;

export const jobsSection = z
  .object({
    functions: z.array(jobSchema).default([]).describe("The jobs, one Lambda function each."),
  })
  .strict();

export type JobsConfig = z.infer<typeof jobsSection>;
