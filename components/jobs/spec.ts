import type * as pulumi from "@pulumi/pulumi";
import type { DataStore, JobSecretRef, JobSettings, JobTrigger, LambdaRuntime } from "../../model/jobs/settings";

/** One job as the tier builds it: plain values decide the shape, Inputs wire other tiers. */
export interface JobSpec {
  /** Stable key (config `name`). */
  readonly key: string;
  /** Physical function name, `<project>-<environment>-<key>`. */
  readonly functionName: string;
  /** A runtime Lambda still accepts for new functions. */
  readonly runtime: LambdaRuntime;
  /** `<module>.<function>` in the code directory. */
  readonly handler: string;
  /** Code directory, relative to the project root (where Pulumi runs). */
  readonly codeDirectory: string;
  /** Memory (and so CPU share), 128-10240 MB. */
  readonly memoryMb: number;
  /** Longest run before Lambda stops it, 1-900 s. */
  readonly timeoutSeconds: number;
  /** The function's instruction set (`arm64` is Graviton, cheaper per second). */
  readonly architecture: JobSettings["architecture"];
  /** Plain variables, references to other tiers already resolved. */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Variable -> secret; the job gets `<VARIABLE>_SECRET_ID`. */
  readonly secrets: Readonly<Record<string, JobSecretRef>>;
  /** Data stores the job connects to: it gets `<STORE>_HOST`, `<STORE>_PORT` and `<STORE>_SECRET_ID`. */
  readonly reaches: readonly DataStore[];
  /** Runs in the private-app subnets behind the Lambda group (required to reach the data tier). */
  readonly vpc: boolean;
  /** Concurrent executions reserved for (and capping) the function; the account's shared pool when omitted. */
  readonly reservedConcurrency?: number;
  /** Retries of a failed asynchronous invocation (0-2) before the dead-letter queue. */
  readonly retryAttempts: number;
  /** Event and schedule triggers; S3 triggers are grouped per bucket by the tier. */
  readonly triggers: readonly JobTrigger[];
  /** Buckets the role may use, each limited to a key prefix. */
  readonly buckets: readonly BucketGrant[];
  /** SES identities the job may send mail from. */
  readonly sesIdentities: readonly string[];
  /**
   * The stack's SES configuration set (`platform:mail`), the default of its identity: SES
   * authorizes a send against it too, so the job may use it and no other set.
   */
  readonly mailConfigurationSet?: string;
  /** Publishes SMS straight to phone numbers; the function is told so by `SMS_ENABLED=true`. */
  readonly sms: boolean;
  /** Event buses the job may put events on. */
  readonly eventBuses: readonly string[];
}

/** A bucket a job's role may use. */
export interface BucketGrant {
  /** The bucket's key: names the statements (`<Key>Objects`, `<Key>List`, `<Key>Key`). */
  readonly key: string;
  /** The bucket's ARN (the storage tier's). */
  readonly arn: pulumi.Input<string>;
  /** `read` objects, or `readwrite` (get and put). */
  readonly access: JobSettings["permissions"]["buckets"][number]["access"];
  /** Object key prefix the grant is limited to; "" for the whole bucket. */
  readonly prefix: string;
  /** Key of the bucket's SSE-KMS encryption; undefined for SSE-S3 buckets. */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

/** A data store's connection facts, from the data tier. */
export interface DataStoreEndpoint {
  /** The store's endpoint address. */
  readonly host: pulumi.Input<string>;
  /** The store's port. */
  readonly port: pulumi.Input<number>;
  /** Its credentials secret: the database's master credentials or the cache's AUTH token. */
  readonly secretArn: pulumi.Input<string>;
}

/** Where one `vpc: true` job runs. */
export interface JobNetwork {
  /** The network tier's VPC: the role may delete the function's interfaces in it only. */
  readonly vpcId: pulumi.Input<string>;
  /** The private-app subnets. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The job's own group (out to the stores it declares, and HTTPS). */
  readonly securityGroupId: pulumi.Input<string>;
}

/** Where the tier's `vpc: true` jobs run: one VPC and subnets, a group per job. */
export interface JobsNetwork {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** Each VPC job's own group, by job key (the security tier's). */
  readonly securityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
}

/** The jobs tier's EventBridge Scheduler group. */
export interface ScheduleGroupRef {
  /** The group's name: schedules are created in it. */
  readonly name: pulumi.Input<string>;
  /** The group's ARN: scheduler roles trust schedules of this group only. */
  readonly arn: pulumi.Input<string>;
}
