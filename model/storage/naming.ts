/**
 * Physical names of the storage tier's buckets and repositories, and the rules S3 and ECR hold
 * them to. Pure functions: the schema checks a name with a 12-digit stand-in for the account id
 * (every account id has 12 digits) before anything is registered.
 */

/** Same length as any real account id; only used to measure and check names at config time. */
export const accountIdStandIn = "000000000000";

/**
 * `<project>-<environment>-<key>-<account>-<region>`: unique per account and region without
 * relying on Pulumi's random suffix, and readable in the console (seed 001 names its buckets
 * `codemate-files-{env}-{account-id}`; the region keeps a standby stack's names apart).
 */
export function bucketName(namePrefix: string, key: string, accountId: string, region: string): string {
  return `${namePrefix}-${key}-${accountId}-${region}`;
}

/** The key of the log bucket the storage tier always creates; no configured bucket may take it. */
export const logBucketKey = "logs";

/** The key of the log archive's bucket (`platform:logs.archive`); no configured bucket may take it. */
export const logArchiveBucketKey = "log-archive";

/**
 * What S3 would reject in a general-purpose bucket name (the S3 naming rules, 2026-11), plus one
 * rule of ours: no dots, because a dotted name breaks TLS on virtual-hosted URLs.
 */
export function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`is ${name.length} characters; S3 allows 3-63`);
  if (!/^[a-z0-9-]*$/.test(name)) problems.push("may hold only a-z, 0-9 and '-' (no dots: they break TLS on virtual-hosted URLs)");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) problems.push("must start and end with a letter or digit");
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(prefix)) problems.push(`must not start with '${prefix}' (reserved by S3)`);
  }
  for (const suffix of ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"]) {
    if (name.endsWith(suffix)) problems.push(`must not end with '${suffix}' (reserved by S3)`);
  }
  return problems;
}

/**
 * `<namespace>/<key>`. The namespace defaults to `<project>-<environment>`; a standby stack sets
 * it to the primary's, because ECR replication keeps repository names.
 */
export function repositoryName(namespace: string, key: string): string {
  return `${namespace}/${key}`;
}

/** ECR's repository-name grammar (CreateRepository), 2-256 characters. */
export function repositoryNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > 256) return `'${name}' is ${name.length} characters; ECR allows 2-256`;
  if (!/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name)) {
    return `'${name}' is not an ECR repository name (lower-case path segments of a-z, 0-9 joined by single '.', '_' or '-')`;
  }
  return undefined;
}
