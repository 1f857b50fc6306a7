import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Backup } from "../backup";
import type { EcsCompute } from "../compute/ecs";
import type { EksCompute } from "../compute/eks";
import type { Standby } from "../dr";
import type { Failover } from "../dr/failover";
import type { FailoverCertificate } from "../dr/failover-certificate";
import type { Edge } from "../edge";
import type { Jobs } from "../jobs";
import type { Messaging } from "../messaging";
import type { OfficeHours } from "../jobs/office-hours";
import type { Network } from "../network";
import type { Observability } from "../observability";
import type { LogArchive } from "../observability/log-archive";
import type { ReadinessCheck } from "../dr/readiness";
import type { AppSecrets } from "../security/app-secrets";
import type { Audit } from "../security/audit";
import type { SecurityGroups } from "../security/groups";
import type { Keys } from "../security/keys";
import type { StackContext } from "../shared/context";
import type { Storage } from "../storage";
import type { DataTier } from "./data";

/** The tiers of one stack, as built: what the outputs are read from. */
export interface Platform {
  readonly context: StackContext;
  readonly provider: aws.Provider;
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly audit: Audit;
  /** Absent in a stack without `platform:data` (a standby: the dr tier replicates the primary's). */
  readonly data?: DataTier;
  readonly storage: Storage;
  readonly appSecrets?: AppSecrets;
  readonly edge?: Edge;
  /** The ECS variant of the compute tier (engine ecs). */
  readonly ecs?: EcsCompute;
  /** The EKS variant of the compute tier (engine eks). */
  readonly eks?: EksCompute;
  /** Absent when the stack runs no jobs. */
  readonly jobs?: Jobs;
  /** The SES identity and the account's SMS preferences; absent when the stack has neither. */
  readonly messaging?: Messaging;
  readonly backup?: Backup;
  readonly observability?: Observability;
  /** The S3 archive of important log groups (`platform:logs.archive`). */
  readonly logArchive?: LogArchive;
  readonly officeHours?: OfficeHours;
  /** A standby stack's dr tier: the copies of its primary's stores and the links to them. */
  readonly standby?: Standby;
  readonly failover?: Failover;
  /** An EKS pair's failover name's certificate in this region, on its Ingress's list (either side). */
  readonly failoverCertificate?: FailoverCertificate;
  /** A standby's scheduled readiness check (platform:dr.readiness). */
  readonly readiness?: ReadinessCheck;
  /** A standby's `drill` output: what the drill acts on, on both sides (automation/drill/targets.ts). */
  readonly drill?: pulumi.Output<unknown>;
  /** The stack's own health URL, when it runs tasks behind its ALB (what the rollout probes). */
  readonly healthUrl?: string;
}
