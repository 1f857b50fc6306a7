import { z } from "zod";
import { parseLogSource, PlannedSubscriptionFilter, subscriptionFilterOverflows, subscriptionFiltersPerLogGroup } from "../../model/observability/log-archive";
import type { LogArchiveSettings } from "../../model/observability/log-archive";
import { lifecycleRuleProblems } from "../../model/storage/lifecycle";
import { accountIdStandIn, bucketName, bucketNameProblems, logArchiveBucketKey } from "../../model/storage/naming";

/** What the archive checks read besides `platform:logs.archive`. */
export interface LogArchiveCheckInput {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
  readonly archive?: LogArchiveSettings;
  /** The stack's ECS services (`service:<name>` references); none on EKS or without compute. */
  readonly services: readonly string[];
  /** The log types the database exports (`database:<type>` references); none without a database. */
  readonly databaseLogExports: readonly string[];
  /** The product buckets' keys: none may take the archive's. */
  readonly bucketKeys: readonly string[];
}

/**
 * References to log groups the stack does not create, a group archived twice, more subscription
 * filters on a group than CloudWatch Logs allows, and lifecycle rules S3 would refuse or that would
 * keep "deleted" logs forever in a versioned bucket.
 */
export function checkLogArchive(input: LogArchiveCheckInput, ctx: z.RefinementCtx): void {
  const archive = input.archive;
  if (!archive) return;
  const at = ["logs", "archive"];
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...at, ...path], message });

  const filters: PlannedSubscriptionFilter[] = [];
  archive.logGroups.forEach((reference, index) => {
    const source = parseLogSource(reference);
    if (!source) return; // the schema reported it
    const first = archive.logGroups.indexOf(reference);
    if (first !== index) {
      // One stream per group: a second filter to the archive would store every event twice.
      issue(["logGroups", index], `archives ${reference} again (already logGroups[${first}]): a log group is archived once`);
      return;
    }
    const known = source.kind === "service" ? input.services : input.databaseLogExports;
    if (!known.includes(source.name)) {
      const what = source.kind === "service" ? "an ECS service of platform:compute.services" : "a log type of platform:data.database.logExports";
      issue(["logGroups", index], `is not ${what} (allowed: ${known.map((name) => `${source.kind}:${name}`).join(", ") || "none in this stack"})`);
      return;
    }
    filters.push({ logGroup: reference, owner: "logs.archive" });
  });
  for (const overflow of subscriptionFilterOverflows(filters)) {
    issue(["logGroups"], `puts ${overflow.owners.length} subscription filters on ${overflow.logGroup} (${overflow.owners.join(", ")}); CloudWatch Logs allows ${subscriptionFiltersPerLogGroup} per log group`);
  }

  archive.lifecycle.forEach((rule, index) => {
    if (archive.lifecycle.findIndex((r) => r.id === rule.id) !== index) issue(["lifecycle", index, "id"], "is used twice in this bucket");
    lifecycleRuleProblems(rule).forEach((problem) => issue(["lifecycle", index, ...problem.path], problem.message));
    // The archive is versioned: an expiration only adds a delete marker, the log stays as a noncurrent version.
    if (rule.expirationDays !== undefined && rule.noncurrentExpirationDays === undefined) {
      issue(["lifecycle", index, "noncurrentExpirationDays"], "is required with expirationDays: the archive is versioned, so an expired object stays stored as a noncurrent version until this many days later");
    }
  });

  if (input.bucketKeys.includes(logArchiveBucketKey)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["storage", "buckets"], message: `a bucket named '${logArchiveBucketKey}' would take the log archive's name (platform:logs.archive); pick another name` });
  }
  const name = bucketName(`${input.project}-${input.environment}`, logArchiveBucketKey, accountIdStandIn, input.region);
  bucketNameProblems(name).forEach((problem) => issue([], `gives bucket name ${name.replace(accountIdStandIn, "<account-id>")}, which ${problem}`));
}
