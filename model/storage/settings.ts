export type StorageClass = "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";

/** One S3 lifecycle rule. */
export interface LifecycleRule {
  /** Stable rule id, e.g. `archive`. */
  readonly id: string;
  /** Object key prefix the rule applies to; the whole bucket when omitted. */
  readonly prefix?: string;
  /** Transitions in increasing `days` order. */
  readonly transitions: readonly { readonly days: number; readonly storageClass: StorageClass }[];
  /** Days after creation when current objects are deleted. */
  readonly expirationDays?: number;
  /** Days after which noncurrent versions are deleted (versioned buckets). */
  readonly noncurrentExpirationDays?: number;
}

/** One CORS rule of a bucket. */
export interface CorsRule {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly ("GET" | "PUT" | "POST" | "DELETE" | "HEAD")[];
  readonly allowedHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/** A product bucket (`platform:storage.buckets[]`). */
export interface BucketSettings {
  /** Key: physical name `<project>-<environment>-<name>-<account>-<region>`. */
  readonly name: string;
  /** kms: SSE-KMS with the storage key; s3: SSE-S3. */
  readonly encryption: "kms" | "s3";
  readonly versioning: boolean;
  /** What the bucket holds, as its `DataClass` tag. */
  readonly contents: "user-data" | "derived";
  readonly lifecycle: readonly LifecycleRule[];
  readonly cors: readonly CorsRule[];
  /** S3 server access logs to the stack's log bucket. */
  readonly accessLogs: boolean;
  /** The standby stack replicates this bucket to its region. */
  readonly replicate: boolean;
  /** AWS Backup protects this bucket. */
  readonly backup: boolean;
}

/** An ECR repository (`platform:storage.repositories[]`). */
export interface RepositorySettings {
  /** Key: repository `<namespace>/<name>`. */
  readonly name: string;
  /** Images kept; older ones expire. */
  readonly keepImages: number;
  readonly scanOnPush: boolean;
  readonly immutableTags: boolean;
}

/** `platform:storage`: the log bucket, the product's buckets and its container repositories. */
export interface StorageSettings {
  readonly logBucket: { readonly lifecycle: readonly LifecycleRule[] };
  readonly buckets: readonly BucketSettings[];
  readonly repositories: readonly RepositorySettings[];
  /** Repository names are `<namespace>/<name>`; `<project>-<environment>` when absent. */
  readonly repositoryNamespace?: string;
}
