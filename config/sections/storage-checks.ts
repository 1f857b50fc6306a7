import { z } from "zod";
import { lifecycleRuleProblems } from "../../model/storage/lifecycle";
import { accountIdStandIn, bucketName, bucketNameProblems, logBucketKey, repositoryName, repositoryNameProblem } from "../../model/storage/naming";
import type { LifecycleRule } from "../../model/storage/settings";
import { storageKeyPattern } from "./storage";
import { StorageSettings } from "../../model/storage/settings";

/** What the storage checks read besides `platform:storage`. */
export interface StorageCheckInput {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
  readonly storage: StorageSettings;
  /** Compute services name repositories and buckets by key. */
  readonly compute?: {
    readonly services: readonly {
      readonly image: { readonly repository: string } | { readonly uri: string };
      readonly permissions: { readonly buckets: readonly { readonly bucket: string }[] };
    }[];
  };
  /** A standby's replicas of the primary's buckets (the DR tier's): services may be granted them too. */
  readonly role?: "primary" | "standby";
  readonly dr?: { readonly replica?: { readonly buckets: readonly { readonly name: string }[] } };
}

/**
 * Rules S3 and ECR would enforce only at deploy time (names once prefixed, lifecycle order and
 * minimums), rules of ours (replication and backup need versioning), and references from other
 * sections to storage keys.
 */
export function checkStorage(config: StorageCheckInput, ctx: z.RefinementCtx): void {
  const { storage } = config;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const namePrefix = `${config.project}-${config.environment}`;

  const lifecycle = (rules: readonly LifecycleRule[], at: (string | number)[]) => {
    rules.forEach((rule, index) => {
      if (rules.findIndex((r) => r.id === rule.id) !== index) issue([...at, index, "id"], "is used twice in this bucket");
      lifecycleRuleProblems(rule).forEach((problem) => issue([...at, index, ...problem.path], problem.message));
    });
  };
  lifecycle(storage.logBucket.lifecycle, ["storage", "logBucket", "lifecycle"]);
  const logName = bucketName(namePrefix, logBucketKey, accountIdStandIn, config.region);
  bucketNameProblems(logName).forEach((problem) => issue(["storage", "logBucket"], `bucket name ${logName} ${problem}`));

  const bucketKeys = storage.buckets.map((b) => b.name);
  storage.buckets.forEach((bucket, index) => {
    const at = ["storage", "buckets", index];
    if (bucket.name === logBucketKey) issue([...at, "name"], `'${logBucketKey}' is the stack's log bucket (storage.logBucket); pick another name`);
    if (bucketKeys.indexOf(bucket.name) !== index) issue([...at, "name"], "is used twice");
    const physical = bucketName(namePrefix, bucket.name, accountIdStandIn, config.region);
    // A key the schema already rejected would only repeat its problem here.
    if (storageKeyPattern.test(bucket.name)) bucketNameProblems(physical).forEach((problem) => issue([...at, "name"], `gives bucket name ${physical.replace(accountIdStandIn, "<account-id>")}, which ${problem}`));
    lifecycle(bucket.lifecycle, [...at, "lifecycle"]);
    if (bucket.replicate && bucket.encryption !== "kms") {
      // The DR tier re-encrypts replicas with the standby region's storage key, which S3 does for SSE-KMS sources only.
      issue([...at, "encryption"], "must be kms for a replicated bucket (replicate: true): the standby re-encrypts replicas with its own region's storage key, which S3 does for SSE-KMS objects only");
    }
    if (!bucket.versioning) {
      if (bucket.replicate) issue([...at, "replicate"], "needs versioning: true (S3 replicates versioned buckets only)");
      if (bucket.backup) issue([...at, "backup"], "needs versioning: true (AWS Backup protects versioned buckets only)");
      bucket.lifecycle.forEach((rule, ruleIndex) => {
        if (rule.noncurrentExpirationDays !== undefined) {
          issue([...at, "lifecycle", ruleIndex, "noncurrentExpirationDays"], "applies to versioned buckets only: set versioning: true or remove it");
        }
      });
    }
  });

  const namespace = storage.repositoryNamespace ?? namePrefix;
  const repositoryKeys = storage.repositories.map((r) => r.name);
  storage.repositories.forEach((repository, index) => {
    if (repositoryKeys.indexOf(repository.name) !== index) issue(["storage", "repositories", index, "name"], "is used twice");
    const problem = repositoryNameProblem(repositoryName(namespace, repository.name));
    if (problem) issue(["storage", "repositories", index, "name"], problem);
  });

  const grantable = [...bucketKeys, ...(config.role === "standby" ? (config.dr?.replica?.buckets ?? []).map((b) => b.name) : [])];
  config.compute?.services.forEach((service, index) => {
    if ("repository" in service.image && !repositoryKeys.includes(service.image.repository)) {
      issue(["compute", "services", index, "image", "repository"], `is not a repository of storage.repositories (have: ${repositoryKeys.join(", ") || "none"})`);
    }
    service.permissions.buckets.forEach((grant, grantIndex) => {
      if (!grantable.includes(grant.bucket)) {
        issue(["compute", "services", index, "permissions", "buckets", grantIndex, "bucket"], `is not a bucket of storage.buckets (have: ${grantable.join(", ") || "none"})`);
      }
    });
  });
}
