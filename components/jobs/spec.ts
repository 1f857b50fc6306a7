import type * as pulumi from "@pulumi/pulumi";
import type { DataStore, JobSecretRef, JobTrigger, LambdaRuntime } from "../../model/jobs/settings";
import type { BucketGrant } from "./permissions";

/** One job as the tier builds it: plain values decide the shape, Inputs wire other tiers. */
export interface JobSpec {
  /** Stable key (config `name`). */
  readonly key: string;
  /** Physical function name, `<project>-<environment>-<key>`. */
  readonly functionName: string;
  readonly runtime: LambdaRuntime;
  readonly handler: string;
  /** Code directory, relative to the project root (where Pulumi runs). */
  readonly codeDirectory: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: "arm64" | "x86_64";
  /** Plain variables, references to other tiers already resolved. */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Variable -> secret; the job gets `<VARIABLE>_SECRET_ID`. */
  readonly secrets: Readonly<Record<string, JobSecretRef>>;
  readonly reaches: readonly DataStore[];
  readonly vpc: boolean;
  readonly reservedConcurrency?: number;
  /** Retries of a failed asynchronous invocation (0-2) before the dead-letter queue. */
  readonly retryAttempts: number;
  /** Event and schedule triggers; S3 triggers are grouped per bucket by the tier. */
  readonly triggers: readonly JobTrigger[];
  readonly buckets: readonly BucketGrant[];
  readonly sesIdentities: readonly string[];
  readonly eventBuses: readonly string[];
}

/** A data store's connection facts, from the data tier. */
export interface DataStoreEndpoint {
  readonly host: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  readonly secretArn: pulumi.Input<string>;
}
