import { z } from "zod";
import { storageClassOrder } from "../../model/storage/lifecycle";
import type { StorageClass } from "../../model/storage/settings";

/** Stable key of a bucket or repository; part of its physical name and of output keys. */
export const storageKeyPattern = /^[a-z][a-z0-9-]{0,28}[a-z0-9]$/;
const storageKey = z.string().regex(storageKeyPattern, "must be 2-30 characters of a-z, 0-9 and '-', starting with a letter");

const days = z.number().int().min(0).max(36500);

export const lifecycleRuleSchema = z
  .object({
    /** Stable rule id, e.g. `tiering`. */
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 characters of letters, digits, '.', '_' and '-'"),
    /** Key prefix the rule applies to; the whole bucket when omitted. */
    prefix: z.string().max(1024).optional(),
    /** Transitions in time order, each to a colder class (seed 001: STANDARD_IA 30, GLACIER_IR 90, DEEP_ARCHIVE 365). */
    transitions: z
      .array(z.object({ days, storageClass: z.enum(storageClassOrder as unknown as [StorageClass, ...StorageClass[]]) }).strict())
      .default([]),
    /** Days after creation when objects are deleted (seed 001 logs: 365). */
    expirationDays: days.min(1).optional(),
    /** Days a replaced or deleted version is kept (versioned buckets only). */
    noncurrentExpirationDays: days.min(1).optional(),
  })
  .strict();

export const corsRuleSchema = z
  .object({
    /** Exact origins, e.g. https://codemate.code1398.io (seed 001). */
    allowedOrigins: z.array(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$|^http:\/\/localhost(:\d+)?$/, "must be an https:// origin (or http://localhost)")).min(1),
    allowedMethods: z.array(z.enum(["GET", "PUT", "POST", "DELETE", "HEAD"])).min(1),
    allowedHeaders: z.array(z.string()).default([]),
    maxAgeSeconds: z.number().int().min(0).max(86400).default(3000),
  })
  .strict();

export const bucketSchema = z
  .object({
    /** Key: physical name `<project>-<environment>-<name>-<account>-<region>`. */
    name: storageKey,
    /** kms: SSE-KMS with the storage key (default). s3: SSE-S3, for writers that cannot use KMS. */
    encryption: z.enum(["kms", "s3"]).default("kms"),
    versioning: z.boolean(),
    /**
     * What the bucket holds, as its `DataClass` tag: `user-data` (uploads, recordings: the policy
     * gate wants versioning in prod) or `derived` (rebuilt from source, e.g. seed 001's static
     * build output with versioning disabled).
     */
    contents: z.enum(["user-data", "derived"]).default("user-data"),
    lifecycle: z.array(lifecycleRuleSchema).default([]),
    cors: z.array(corsRuleSchema).default([]),
    /** S3 server access logs to the stack's log bucket. */
    accessLogs: z.boolean().default(true),
    /** The standby stack replicates this bucket to its region (the DR tier). Needs versioning. */
    replicate: z.boolean().default(false),
    /** AWS Backup protects this bucket (the backup tier). Needs versioning. */
    backup: z.boolean().default(false),
  })
  .strict();

export const repositorySchema = z
  .object({
    /** Key: repository `<namespace>/<name>` (seed 001: frontend, backend). */
    name: storageKey,
    /** Images kept; older ones expire (seed 001: last 10). */
    keepImages: z.number().int().min(1).max(1000).default(10),
    /** Vulnerability scan of every pushed image (seed 001). */
    scanOnPush: z.boolean().default(true),
    /** A pushed tag can never point at another image (seed 001). */
    immutableTags: z.boolean().default(true),
  })
  .strict();

/** `platform:storage`: the log bucket, the product's buckets and its container repositories. */
export const storageSection = z
  .object({
    /** The log bucket (SSE-S3: load balancer and S3 access logs cannot use KMS); seed 001's logs archive. */
    logBucket: z
      .object({
        lifecycle: z.array(lifecycleRuleSchema).default([]),
      })
      .strict(),
    buckets: z.array(bucketSchema).default([]),
    repositories: z.array(repositorySchema).default([]),
    /**
     * Repository names are `<namespace>/<name>`; default `<project>-<environment>`. A standby
     * stack uses the primary's namespace: ECR replication keeps names.
     */
    repositoryNamespace: z
      .string()
      .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, "must be lower-case a-z and 0-9 joined by single '.', '_' or '-'")
      .optional(),
  })
  .strict();

export type StorageConfig = z.infer<typeof storageSection>;
export type BucketConfig = z.infer<typeof bucketSchema>;
export type RepositoryConfig = z.infer<typeof repositorySchema>;
