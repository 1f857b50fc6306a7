import type { DataStore } from "../security/reach";

/** Lambda's limits (CreateFunction): memory 128-10240 MB, timeout 1-900 s. */
export const lambdaLimits = { minMemoryMb: 128, maxMemoryMb: 10240, minTimeoutSeconds: 1, maxTimeoutSeconds: 900 } as const;

/**
 * Runtimes Lambda still lets us create functions with. Seed 004 names Node.js 18, which Lambda
 * stopped accepting for new functions in 2025; its jobs run on the nearest supported Node.js.
 */
export const lambdaRuntimes = ["nodejs22.x", "nodejs24.x", "python3.11", "python3.12", "python3.13"] as const;
export type LambdaRuntime = (typeof lambdaRuntimes)[number];

/** Variables Lambda sets itself and refuses in a function's configuration. */
export const reservedEnvironmentKeys = [
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_LAMBDA_RUNTIME_API",
  "AWS_REGION",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "LAMBDA_RUNTIME_DIR",
  "LAMBDA_TASK_ROOT",
] as const;

/**
 * Set to "true" in a job granted `permissions.sms`: the one switch, so a handler texts only where
 * its role may publish SMS and stays quiet (no refused publish per event) where it may not.
 */
export const smsEnabledVariable = "SMS_ENABLED";

/** Lambda caps the whole environment (keys and values) at 4 KB. */
export const maxEnvironmentBytes = 4096;

/** Account concurrency is 1000 by default and Lambda keeps 100 unreserved. */
export const maxReservedConcurrency = 900;

/** A secret a job reads at run time: a Secrets Manager ARN, or a secret name in this account and region. */
export type JobSecretRef = { readonly kind: "arn"; readonly arn: string } | { readonly kind: "name"; readonly name: string };

const secretArnPattern = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const secretNamePattern = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/** The ARN or name a job's secret entry holds; undefined when it is neither. */
export function parseJobSecretRef(text: string): JobSecretRef | undefined {
  if (text.startsWith("arn:")) return secretArnPattern.test(text) ? { kind: "arn", arn: text } : undefined;
  return secretNamePattern.test(text) ? { kind: "name", name: text } : undefined;
}

/** Data stores a job can connect to; it gets their endpoint and credentials secret. */
export { dataStores, type DataStore } from "../security/reach";

/** S3 object-created events on a bucket of the stack. */
export interface S3TriggerSettings {
  readonly type: "s3";
  readonly name?: string;
  /** Key of `storage.buckets`. */
  readonly bucket: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** An EventBridge rule on a bus. */
export interface EventTriggerSettings {
  readonly type: "event";
  readonly name?: string;
  /** The event pattern, as EventBridge takes it. */
  readonly pattern: Readonly<Record<string, unknown>>;
  /** Event bus name; `default` is the account's. */
  readonly bus: string;
}

/** An EventBridge Scheduler schedule. */
export interface ScheduleTriggerSettings {
  readonly type: "schedule";
  readonly name?: string;
  /** cron() or rate(). */
  readonly expression: string;
  /** IANA zone cron() is evaluated in. */
  readonly timezone: string;
}

export type JobTrigger = S3TriggerSettings | EventTriggerSettings | ScheduleTriggerSettings;

/** The key that names a trigger's resources: its `name`, or its type. */
export function triggerKey(trigger: JobTrigger): string {
  return trigger.name ?? trigger.type;
}

/** One background function (`platform:jobs.functions[]`). */
export interface JobSettings {
  /** Stable key; the function is `<project>-<environment>-<name>`. */
  readonly name: string;
  readonly runtime: LambdaRuntime;
  /** `<module>.<function>`. */
  readonly handler: string;
  /** Directory of the function's code, relative to the repository root. */
  readonly code: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: "arm64" | "x86_64";
  /** Plain variables, possibly with `${...}` references to other tiers. */
  readonly environment: Readonly<Record<string, string>>;
  /** Variable -> Secrets Manager ARN or name. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Data stores the job connects to. */
  readonly reaches: readonly DataStore[];
  /** Runs in the private-app subnets (required to reach the data tier). */
  readonly vpc: boolean;
  readonly reservedConcurrency?: number;
  /** Retries of a failed asynchronous invocation before the dead-letter queue. */
  readonly retryAttempts: number;
  readonly triggers: readonly JobTrigger[];
  readonly permissions: {
    readonly buckets: readonly { readonly bucket: string; readonly access: "read" | "readwrite"; readonly prefix: string }[];
    /** SES identities the job may send mail from. */
    readonly sesIdentities: readonly string[];
    /** The job sends SMS straight to phone numbers through SNS. */
    readonly sms: boolean;
    /** Event buses the job may put events on. */
    readonly eventBuses: readonly string[];
  };
}

/** `platform:jobs`. */
export interface JobsSettings {
  readonly functions: readonly JobSettings[];
}

/** `<project>-<environment>-<job>`: Lambda function names are at most 64 characters. */
export function functionName(project: string, environment: string, job: string): string {
  return `${project}-${environment}-${job}`;
}
