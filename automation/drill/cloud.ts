import type { ProbeResult } from "../shared/http";
import type { SideName } from "./targets";

export type DrillMode = "planned" | "unplanned";

export interface ServiceState {
  readonly name: string;
  /** ACTIVE, DRAINING, INACTIVE, or MISSING when ECS does not know the service. */
  readonly status: string;
  readonly desired: number;
  readonly running: number;
}

/**
 * Application Auto Scaling's SuspendedState of a scalable target: which scaling activities are
 * paused (Application Auto Scaling API Reference, SuspendedState; User Guide, "Suspend and resume
 * scaling"). The names are AWS's, so a saved report reads like the API.
 */
export interface SuspendedState {
  readonly dynamicScalingInSuspended: boolean;
  readonly dynamicScalingOutSuspended: boolean;
  readonly scheduledScalingSuspended: boolean;
}

/** One ECS service's scalable target (`service/<cluster>/<service>`, ecs:service:DesiredCount). */
export interface ServiceScaling {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly suspendedState: SuspendedState;
}

/** What the fence registers: no capacity, and nothing that may add it back (or take it away). */
export const fencedScaling: ServiceScaling = {
  minCapacity: 0,
  maxCapacity: 0,
  suspendedState: { dynamicScalingInSuspended: true, dynamicScalingOutSuspended: true, scheduledScalingSuspended: true },
};

/** A HorizontalPodAutoscaler's bounds (autoscaling/v2 spec.minReplicas, spec.maxReplicas), by its name. */
export interface HpaBounds {
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

/**
 * One EKS service as the drill reads it: its Deployment through the scale subresource (spec and
 * status replicas, the pod selector), its pods, and its HPA.
 */
export interface WorkloadState {
  /** The Deployment's name. */
  readonly name: string;
  /** False when the Deployment does not exist (404). */
  readonly found: boolean;
  /** The scale subresource's spec.replicas: what the Deployment wants. */
  readonly replicas: number;
  /** The Deployment's status.readyReplicas: pods ready to serve. */
  readonly readyReplicas: number;
  /** Pods matching the Deployment's selector, terminating ones included: the fence waits for 0. */
  readonly pods: number;
  /** Its HPA's bounds; absent when it has none. */
  readonly hpa?: HpaBounds;
}

/** A CloudWatch datapoint: its value, the start of its period, and the period. */
export interface Datapoint {
  readonly value: number;
  readonly at: number;
  readonly periodSeconds: number;
}

/** One replicated bucket's replication metrics: seconds behind (ReplicationLatency) and operations pending. */
export interface FilesReading {
  readonly key: string;
  readonly latency?: Datapoint;
  readonly pending?: Datapoint;
}

/** The reverse replication rule on one standby replica (into the primary's bucket), as S3 has it. */
export interface ReverseRuleState {
  /** The replicated bucket's key (`files` in the drill output). */
  readonly key: string;
  /** The replica the rule is on. */
  readonly bucket: string;
  /** `Enabled` or `Disabled` as S3 returns it; `missing` when the replica has no such rule into the primary's bucket. */
  readonly status: "Enabled" | "Disabled" | "missing";
  /** What S3 said, for the report. */
  readonly detail: string;
}

/** An RDS instance as DescribeDBInstances shows it: what the failback of an RDS pair checks. */
export interface DbInstanceState {
  readonly identifier: string;
  readonly arn: string;
  readonly status: string;
  /** ReadReplicaSourceDBInstanceIdentifier: the source's ARN for a cross-region replica; absent when standalone. */
  readonly source?: string;
}

/** What a promotion turns on: a read replica keeps no backups ("RDS creates read replicas with backups disabled"). */
export interface PromotionBackups {
  readonly retentionDays: number;
  readonly window: string;
}

export interface StoreState {
  /** The side whose store takes writes; `unknown` while a switchover is in flight. */
  readonly writer: SideName | "unknown";
  /**
   * Aurora global: the sides whose cluster is a member of the global cluster and not its writer
   * (a secondary following the writer); absent for other engines.
   */
  readonly followers?: readonly SideName[];
  /** The store is available (no switchover, failover or promotion in progress). */
  readonly available: boolean;
  /** What AWS said, for the timeline. */
  readonly detail: string;
}

/**
 * The cloud operations a drill needs, for the pair of sides of one DR setup. The orchestration
 * decides what to call and when (automation/drill/steps.ts); the implementation on AWS SDK v3
 * clients (./aws/cloud.ts) decides how, engine by engine. Tests run the orchestration against that
 * implementation with the SDK mocked (aws-sdk-client-mock).
 */
export interface DrillCloud {
  /** One HTTPS GET with a timeout. */
  probe(url: string, timeoutMs: number): Promise<ProbeResult>;

  /**
   * The side's services: ECS DescribeServices; on EKS each Deployment (ACTIVE when it exists,
   * desired = its replicas, running = its ready replicas).
   */
  services(side: SideName): Promise<ServiceState[]>;
  /** Sets one service's desired count (ECS UpdateService). */
  scaleService(side: SideName, service: string, desired: number): Promise<void>;
  /**
   * The side's services' scalable targets (Application Auto Scaling DescribeScalableTargets), by
   * service name; a service without one is absent.
   */
  scalableTargets(side: SideName): Promise<Map<string, ServiceScaling>>;
  /**
   * Updates one service's scalable target (Application Auto Scaling RegisterScalableTarget): the
   * bounds given (none: left as they are) and the suspended state.
   */
  setScaling(side: SideName, service: string, change: { readonly minCapacity?: number; readonly maxCapacity?: number; readonly suspendedState: SuspendedState }): Promise<void>;

  /** The side's EKS workloads (Kubernetes: the Deployments' scale subresource, their pods and HPAs). */
  workloads(side: SideName): Promise<WorkloadState[]>;
  /** Sets one Deployment's replicas through its scale subresource (PATCH .../deployments/<name>/scale). */
  scaleWorkload(side: SideName, deployment: string, replicas: number): Promise<void>;
  /** Sets one HPA's minReplicas and maxReplicas (PATCH .../horizontalpodautoscalers/<name>). */
  setHpaBounds(side: SideName, bounds: HpaBounds): Promise<void>;

  /**
   * Replication lag of the database on `follower`, in seconds, from CloudWatch's latest datapoint
   * (AuroraGlobalDBReplicationLag or ReplicaLag); undefined when there is no datapoint.
   */
  replicationLagSeconds(follower: SideName): Promise<number | undefined>;
  /**
   * The database's replication lag on `follower` in seconds at `since`: the first 1-minute CloudWatch
   * datapoint whose period contains `since` or follows it; undefined until CloudWatch publishes one.
   */
  lagSince(follower: SideName, since: number): Promise<Datapoint | undefined>;
  /**
   * Each replicated bucket's S3 replication metrics at `since`, from the source region: with `from`
   * primary the forward rules (a drill), with `from` standby the reverse rules (a failback).
   */
  filesSince(from: SideName, since: number): Promise<FilesReading[]>;
  /**
   * The reverse rule of every replicated bucket that has one in the drill output (S3
   * GetBucketReplication on the replica, in the standby region): what a failback needs in place.
   */
  reverseReplication(): Promise<ReverseRuleState[]>;
  database(): Promise<StoreState>;
  /**
   * Makes `to` the writer: Aurora SwitchoverGlobalCluster (planned) or FailoverGlobalCluster with
   * AllowDataLoss (unplanned); RDS PromoteReadReplica (of the primary's instance in a failback, with
   * the primary's backups turned on).
   */
  promoteDatabase(to: SideName, mode: DrillMode, backups?: PromotionBackups): Promise<void>;
  /** RDS read-replica pairs: `side`'s instance (DescribeDBInstances in its region); undefined when there is none. */
  dbInstance(side: SideName): Promise<DbInstanceState | undefined>;

  cache(): Promise<StoreState>;
  /** Global datastore: FailoverGlobalReplicationGroup (planned) or DisassociateGlobalReplicationGroup (unplanned). */
  promoteCache(to: SideName, mode: DrillMode): Promise<void>;
  /** Whether the side's own cache is available (the empty cache a warm-empty standby uses). */
  cacheAvailable(side: SideName): Promise<boolean>;

  /**
   * Inverts (or restores) the PRIMARY failover record's health check (Route 53
   * UpdateHealthCheck): inverted, Route 53 treats the primary as unhealthy and answers SECONDARY.
   */
  setPrimaryHealthCheckInverted(inverted: boolean): Promise<void>;
  /** What Route 53 answers for the public record now (Route 53 TestDNSAnswer). */
  dnsAnswer(): Promise<string[]>;
  /** The addresses a host name resolves to through public DNS (a side's load balancer). */
  resolve(hostname: string): Promise<string[]>;
}
