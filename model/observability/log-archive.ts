import type { LifecycleRule } from "../storage/settings";

/**
 * The log archive (`platform:logs.archive`): which of the stack's log groups are copied to S3
 * through a subscription filter and an Amazon Data Firehose stream, and how long the archive
 * keeps them. Pure: names and limits only, no Pulumi.
 */
export interface LogArchiveSettings {
  /** Archived log groups by what writes them: `service:<ECS service>` or `database:<exported log type>`. */
  readonly logGroups: readonly string[];
  /** Lifecycle rules of the archive bucket (CodeMate, 스토리지 3. Logs Archive: Glacier after 90 days, deleted after 1 year). */
  readonly lifecycle: readonly LifecycleRule[];
  /** Seconds Firehose buffers before it writes an object (Firehose API Reference, BufferingHints.IntervalInSeconds: 0-900). */
  readonly bufferSeconds: number;
  /** MiB Firehose buffers before it writes an object (BufferingHints.SizeInMBs: 1-128). */
  readonly bufferMb: number;
}

/** What writes an archived log group, parsed from its `<kind>:<name>` reference. */
export interface LogSource {
  readonly kind: "service" | "database";
  /** The ECS service's name, or the database's exported log type (`postgresql`, `error`, ...). */
  readonly name: string;
}

/** `service:<name>` or `database:<log type>`: what the schema accepts as a log group reference. */
export const logSourcePattern = /^(service|database):([a-z][a-z0-9-]{0,39})$/;

/** Parses a reference the schema accepted; undefined for anything else. */
export function parseLogSource(reference: string): LogSource | undefined {
  const match = logSourcePattern.exec(reference);
  return match ? { kind: match[1] as LogSource["kind"], name: match[2] } : undefined;
}

/** A stable key of a reference for logical names: `service-frontend`, `database-postgresql`. */
export function logSourceKey(source: LogSource): string {
  return `${source.kind}-${source.name}`;
}

/**
 * CloudWatch Logs quota: at most 2 subscription filters per log group, not adjustable
 * (CloudWatch Logs User Guide, "CloudWatch Logs quotas": Subscription filters, 2 per log group).
 * A third PutSubscriptionFilter fails with LimitExceededException at deploy time.
 */
export const subscriptionFiltersPerLogGroup = 2;

/** One subscription filter the stack would put on a log group, and which feature puts it. */
export interface PlannedSubscriptionFilter {
  readonly logGroup: string;
  readonly owner: string;
}

/**
 * Log groups that would carry more subscription filters than CloudWatch Logs allows, with the
 * features that put them. Every feature that subscribes to a log group adds its filters here.
 */
export function subscriptionFilterOverflows(filters: readonly PlannedSubscriptionFilter[]): { readonly logGroup: string; readonly owners: readonly string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const filter of filters) byGroup.set(filter.logGroup, [...(byGroup.get(filter.logGroup) ?? []), filter.owner]);
  return [...byGroup.entries()].filter(([, owners]) => owners.length > subscriptionFiltersPerLogGroup).map(([logGroup, owners]) => ({ logGroup, owners }));
}
