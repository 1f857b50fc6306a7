import type { LogArchiveSettings } from "./log-archive";

/** Log settings shared by every tier that writes logs (`platform:logs`). */
export interface LogsSettings {
  /** Retention of every log group the platform creates, in days (a CloudWatch Logs retention value). */
  readonly retentionDays: number;
  /** Retention of the jobs' log groups when it differs from `retentionDays`. */
  readonly jobRetentionDays?: number;
  /** Retention of the database's exported log groups when it differs from `retentionDays`. */
  readonly databaseRetentionDays?: number;
  /** Log groups archived to S3 through Firehose; none when omitted. */
  readonly archive?: LogArchiveSettings;
}

/** Alarm thresholds per stack (`platform:observability.alarms`); the alarms' periods are the seeds' and live with the alarms. */
export interface AlarmThresholds {
  /** Service CPU above this for 5 minutes. */
  readonly serviceCpuPercent: number;
  /** Service memory above this for 5 minutes. */
  readonly serviceMemoryPercent: number;
  /** ALB p95 target response time above this. */
  readonly responseTimeP95Seconds: number;
  /** Target 5xx responses in `target5xxWindowMinutes` above this. */
  readonly target5xxPer5Minutes: number;
  /** Minutes over which the 5xx responses are counted (seed 000: 5; CodeMate: 1). */
  readonly target5xxWindowMinutes: number;
  /** An error-rate alarm (5xx share of the requests, metric math); none when absent. */
  readonly target5xxRate?: {
    /** Percent of requests answered 5xx. */
    readonly percent: number;
    /** Minutes of one datapoint. */
    readonly periodMinutes: number;
    /** Consecutive breaching datapoints that raise the alarm. */
    readonly periods: number;
  };
  /** Database CPU above this for two 5-minute periods. */
  readonly databaseCpuPercent: number;
  /** Connections above this share of max_connections for 5 minutes. */
  readonly databaseConnectionsPercent: number;
  /** Free storage below this share of the allocated storage (RDS instances). */
  readonly databaseFreeStoragePercent: number;
  /** Redis engine CPU above this. */
  readonly cacheCpuPercent: number;
  /** Redis memory used above this. */
  readonly cacheMemoryPercent: number;
  /** Evicted keys per 5 minutes above this. */
  readonly cacheEvictionsPer5Minutes: number;
  /** Lambda errors per 5 minutes above this. */
  readonly lambdaErrorsPer5Minutes: number;
  /** Lambda throttles per 5 minutes above this. */
  readonly lambdaThrottlesPer5Minutes: number;
}

/** An AWS Budgets cost budget for the resources tagged with the stack's Environment. */
export interface BudgetSettings {
  readonly monthlyUsd: number;
  /** E-mail when the forecast passes this share of the budget. */
  readonly forecastPercent: number;
  /** E-mail when actual spend passes this share. */
  readonly actualPercent: number;
}

/** Which topic an alarm pages: `critical` (users fail or data is at risk now) or `warning` (a trend to look at). */
export type AlarmSeverity = "critical" | "warning";

/** An alarm on log lines of an ECS service that carry a text (`platform:observability.logTextAlarms`). */
export interface LogTextAlarmSettings {
  /** The ECS service whose log group is read. */
  readonly service: string;
  /** The text matched, as written (`[ERROR]`). */
  readonly text: string;
  /** Matching lines in one period above which to page. */
  readonly threshold: number;
  readonly periodMinutes: number;
  readonly severity: AlarmSeverity;
}

/** An alarm on a metric the application publishes itself (`platform:observability.applicationAlarms`). */
export interface ApplicationAlarmSettings {
  readonly namespace: string;
  readonly metricName: string;
  /** Metrics Insights aggregate over every series of the metric. */
  readonly aggregate: "SUM" | "AVG" | "MIN" | "MAX";
  readonly comparison: "below" | "above";
  readonly threshold: number;
  readonly periodMinutes: number;
  readonly periods: number;
  readonly severity: AlarmSeverity;
}

/** Who is paged, at which thresholds, and the monthly budget (`platform:observability`). */
export interface ObservabilitySettings {
  /** Addresses subscribed to the alert topic and the budget. */
  readonly alertEmails: readonly string[];
  readonly alarms: AlarmThresholds;
  /** A CloudWatch dashboard with the alarmed metrics. */
  readonly dashboard: boolean;
  /** ECS task crashes to the alert topic through EventBridge. */
  readonly taskCrashEvents: boolean;
  /** AWS X-Ray for the ECS services: the daemon as a sidecar in each task. */
  readonly tracing: boolean;
  /** Warning-class alarms to a topic of their own with these addresses; every alarm to the alert topic when absent. */
  readonly warnings?: { readonly emails: readonly string[] };
  readonly logTextAlarms: Readonly<Record<string, LogTextAlarmSettings>>;
  readonly applicationAlarms: Readonly<Record<string, ApplicationAlarmSettings>>;
  readonly budget?: BudgetSettings;
}
