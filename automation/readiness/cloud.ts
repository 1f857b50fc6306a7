import type { StoreLocator } from "./spec";

/**
 * What `readiness` reads, and nothing it could change: every method is a read (Describe, Get,
 * List). The AWS implementation is aws.ts; the tests fake the SDK clients underneath it.
 */
export interface ReadinessCloud {
  /**
   * Seconds of data the store's copy lacks now: a replica's lag (CloudWatch's newest datapoint of
   * the last 10 minutes) or, for backup copies, the age of the newest copy in the vault; undefined
   * when nothing was measured (no datapoint, no copy).
   */
  storeLagSeconds(locator: StoreLocator, now: Date): Promise<number | undefined>;
  /**
   * One replication rule of a bucket in the standby region (S3 GetBucketReplication): its status
   * and destination bucket's name, or `missing` when the bucket has no rule of that id.
   */
  replicationRule(bucket: string, ruleId: string): Promise<{ readonly status: "Enabled" | "Disabled" | "missing"; readonly destinationBucket?: string }>;
  /** ECS services of `cluster` in the standby region that exist and are ACTIVE. */
  activeServices(cluster: string, names: readonly string[]): Promise<string[]>;
  /** Whether `repository:tag` is in the standby region's registry. */
  imagePresent(repository: string, tag: string): Promise<boolean>;
  /** Whether the secret exists in the standby region and holds a current value. */
  secretState(name: string): Promise<"present" | "no-value" | "missing">;
  /** Whether an ISSUED ACM certificate in the standby region covers `domainName` (as its name or a SAN). */
  certificateIssued(domainName: string): Promise<boolean>;
  /** Fargate vCPU quotas in the standby region (Service Quotas: L-3032A538 on-demand, L-36FBB829 Spot). */
  fargateVcpuQuotas(): Promise<{ readonly onDemand: number; readonly spot: number }>;
  /** vCPU of running Fargate tasks in the standby region now (what already uses the quota). */
  fargateVcpuInUse(): Promise<{ readonly onDemand: number; readonly spot: number }>;
  /** The failover records of `recordName` in `zoneName` and the PRIMARY's health check status. */
  failoverRecords(zoneName: string, recordName: string): Promise<{ readonly roles: readonly string[]; readonly healthCheckId?: string; readonly healthCheckHealthy?: boolean }>;
}
