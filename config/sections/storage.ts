import { z } from "zod";
import { storageClassOrder } from "../../model/storage/lifecycle";
import type { StorageClass } from "../../model/storage/settings";

/** Stable key of a bucket or repository; part of its physical name and of output keys. */
export const storageKeyPattern = /^[a-z][a-z0-9-]{0,28}[a-z0-9]$/;
const storageKey = z.string().regex(storageKeyPattern, "must be 2-30 characters of a-z, 0-9 and '-', starting with a letter");

const days = z.number().int().min(0).max(36500);

export const lifecycleRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 characters of letters, digits, '.', '_' and '-'").describe("Stable rule id, e.g. `tiering`."),
    prefix: z.string().max(1024).optional().describe("Key prefix the rule applies to; the whole bucket when omitted."),
    transitions: z
      .array(
        z
          .object({
            days: days.describe("Days after creation when objects move."),
            storageClass: z.enum(storageClassOrder as unknown as [StorageClass, ...StorageClass[]]).describe("The colder class they move to."),
          })
          .strict(),
      )
      .default([])
      .describe("Transitions in time order, each to a colder class (seed 001: STANDARD_IA 30, GLACIER_IR 90, DEEP_ARCHIVE 365)."),
    expirationDays: days.min(1).optional().describe("Days after creation when objects are deleted (seed 001 logs: 365)."),
    noncurrentExpirationDays: days.min(1).optional().describe("Days a replaced or deleted version is kept (versioned buckets only)."),
  })
  .strict();

export const corsRuleSchema = z
  .object({
    allowedOrigins: z.array(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$|^http:\/\/localhost(:\d+)?$/, "must be an https:// origin (or http://localhost)")).min(1).describe("Exact origins, e.g. https://codemate.code1398.io (seed 001)."),
    allowedMethods: z.array(z.enum(["GET", "PUT", "POST", "DELETE", "HEAD"])).min(1).describe("HTTP methods browsers may use cross-origin."),
    allowedHeaders: z.array(z.string()).default([]).describe("Request headers browsers may send cross-origin."),
    maxAgeSeconds: z.number().int().min(0).max(86400).default(3000).describe("Seconds a browser may cache the preflight answer."),
  })
  .strict();

export const bucketSchema = z
  .object({
    name: storageKey.describe("Key: physical name `<project>-<environment>-<name>-<account>-<region>`."),
    encryption: z.enum(["kms", "s3"]).default("kms").describe("kms: SSE-KMS with the storage key (default). s3: SSE-S3, for writers that cannot use KMS."),
    versioning: z.boolean().describe("Keep every version of every object (the policy gate wants it for user data in prod; replication and backup need it)."),
    contents: z.enum(["user-data", "derived"]).default("user-data").describe("What the bucket holds, as its `DataClass` tag: `user-data` (uploads, recordings: the policy gate wants versioning in prod) or `derived` (rebuilt from source, e.g. seed 001's static build output with versioning disabled)."),
    lifecycle: z.array(lifecycleRuleSchema).default([]).describe("Lifecycle rules of the bucket."),
    cors: z.array(corsRuleSchema).default([]).describe("CORS rules, for browsers that upload or read directly (CodeMate: the app's origin)."),
    accessLogs: z.boolean().default(true).describe("S3 server access logs to the stack's log bucket."),
    replicate: z.boolean().default(false).describe("The standby stack replicates this bucket to its region (the DR tier). Needs versioning."),
    backup: z.boolean().default(false).describe("AWS Backup protects this bucket (the backup tier). Needs versioning."),
  })
  .strict();

export const repositorySchema = z
  .object({
    name: storageKey.describe("Key: repository `<namespace>/<name>` (seed 001: frontend, backend)."),
    keepImages: z.number().int().min(1).max(1000).default(10).describe("Images kept; older ones expire (seed 001: last 10)."),
    scanOnPush: z.boolean().default(true).describe("Vulnerability scan of every pushed image (seed 001)."),
    immutableTags: z.boolean().default(true).describe("A pushed tag can never point at another image (seed 001)."),
  })
  .strict();

export const storageSection = z
  .object({
    logBucket: z
      .object({
        lifecycle: z.array(lifecycleRuleSchema).default([]).describe("Lifecycle rules of the log bucket (CodeMate: logs archived, expired after 365 days)."),
      })
      .strict()
      .describe("The log bucket (SSE-S3: load balancer and S3 access logs cannot use KMS); seed 001's logs archive."),
    buckets: z.array(bucketSchema).default([]).describe("The product's buckets (CodeMate: user files, static assets, backups)."),
    repositories: z.array(repositorySchema).default([]).describe("Container image repositories (CodeMate: frontend, backend)."),
    repositoryNamespace: z
      .string()
      .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, "must be lower-case a-z and 0-9 joined by single '.', '_' or '-'")
      .optional()
      .describe("Repository names are `<namespace>/<name>`; default `<project>-<environment>`. A standby stack uses the primary's namespace: ECR replication keeps names."),
  })
  .strict()
  .describe("`platform:storage`: the log bucket, the product's buckets and its container repositories.");
