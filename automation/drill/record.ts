import type { DrillMode, HpaBounds, ServiceScaling } from "./cloud";
import type { SideName } from "./targets";
import type { DrillKind } from "./validate";

export const stepIds = ["targets", "from-healthy", "stores", "capacity", "lag", "fence", "promote-database", "promote-cache", "scale", "dns", "verify", "reconcile"] as const;
export type StepId = (typeof stepIds)[number];

export type StepStatus = "done" | "skipped" | "failed" | "interrupted" | "not-run";

export interface StepRecord {
  readonly id: StepId;
  readonly title: string;
  readonly kind: "check" | "change";
  status: StepStatus;
  startedAt?: number;
  endedAt?: number;
  /** What happened, one line per fact, e.g. the AWS answer a wait ended on. */
  detail: string[];
  error?: string;
}

export interface FencedService {
  readonly name: string;
  /** ECS: the desired count; EKS: the Deployment's replicas (scale subresource spec.replicas). */
  readonly previousDesired: number;
  readonly scaling?: ServiceScaling;
  /** EKS: the Deployment's HorizontalPodAutoscaler's bounds before the fence; absent without one. */
  readonly hpa?: HpaBounds;
}

export interface FenceRecord {
  at: number;
  readonly region: string;
  readonly cluster: string;
  /** The fenced side's compute; absent in reports from before EKS pairs: ECS. */
  readonly engine?: "ecs" | "eks";
  /** EKS: the namespace of the Deployments and HPAs. */
  readonly namespace?: string;
  /**
   * Each service as it was before the fence: its desired count and its scalable target (bounds and
   * suspended state; absent when it has none), saved before the first change so that an abandoned
   * drill, a resumed one and the failback restore exactly these.
   */
  readonly services: readonly FencedService[];
  /**
   * Unplanned drills only: the serving region did not answer (timeout, no connection), so its
   * services could not be scaled to 0; the error, for the report.
   */
  unreachable?: string;
}

/**
 * Everything a drill did and measured: the JSON report, written after every step so that a crash
 * or Ctrl-C leaves it behind, and what `--resume` continues from.
 */
export interface DrillRecord {
  readonly version: 1;
  readonly kind: DrillKind;
  readonly mode: DrillMode;
  readonly primary: string;
  readonly standby: string;
  readonly from: SideName;
  readonly to: SideName;
  readonly startedAt: number;
  endedAt?: number;
  readonly targets: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  /** How the database moves (platform:dr.promote.database): an RDS pair is re-seeded before a failback; absent in older reports. */
  readonly database?: "aurora-global" | "rds-replica" | "none";
  readonly steps: StepRecord[];
  fence?: FenceRecord;
  /** Replication lag when the fence took effect (the RPO); null when there is no replicated database. */
  lagAtFenceSeconds?: number | null;
  /** The CloudWatch datapoint the lag at the fence came from (start of its period, the period). */
  lagAtFenceDatapoint?: { readonly at: number; readonly periodSeconds: number };
  /**
   * The files' part of the RPO, bucket by bucket: how far each replica was behind its source at the
   * fence (S3 ReplicationLatency) and how many operations were pending; a bucket without a number is
   * not measured (yet, or at all: `note` says why).
   */
  filesAtFence?: FilesAtFence[];
  /** What the cache loses in the failover: not counted in the RPO seconds, stated beside them. */
  cacheLoss?: string;
  /** The last lag the pre-check measured, and when: the RPO when the fence cannot reach the region. */
  lastKnownLag?: { readonly seconds: number; readonly at: number };
  /**
   * A failback only: the fence of the drill it returns from (when that drill's report was found),
   * whose saved scalable targets the failback restores on the primary. Kept here so that a resumed
   * failback restores the same values.
   */
  drillFence?: { readonly startedAt: number; readonly fence: FenceRecord };
  /** First healthy response through the public name (the end of the RTO). */
  firstHealthyAt?: number;
  readonly configChanges: { stack: string; key: string; value: string }[];
  outcome: "running" | "passed" | "missed-targets" | "stopped";
  stoppedAt?: StepId;
  recovery: string[];
  /** Files of the report, relative to the repository. */
  files?: { json: string; markdown: string };
}

export interface FilesAtFence {
  readonly key: string;
  readonly sourceBucket: string;
  readonly replicaBucket: string;
  latencySeconds?: number;
  pendingOperations?: number;
  /** The datapoint the latency came from. */
  datapoint?: { readonly at: number; readonly periodSeconds: number };
  /** Why the bucket is not measured (no reverse replication, region down). */
  note?: string;
}

export interface Measurements {
  /** Seconds from fence to first healthy response. */
  readonly rtoSeconds?: number;
  /** Seconds of replication lag at the fence; null when not measured (no replicated database). */
  readonly rpoSeconds?: number | null;
  readonly rtoPass?: boolean;
  readonly rpoPass?: boolean;
}

/**
 * RTO and RPO from the recorded timeline and readings, judged against the targets. The RPO is the
 * worst of the stores that replicate: the database's lag and every replicated bucket's latency at the
 * fence; one of them not measured leaves the RPO not measured (and the drill cannot pass).
 */
export function measure(record: DrillRecord): Measurements {
  const rtoSeconds = record.fence && record.firstHealthyAt !== undefined ? (record.firstHealthyAt - record.fence.at) / 1000 : undefined;
  const rpoSeconds = worstOf(record.lagAtFenceSeconds, record.filesAtFence ?? []);
  return {
    rtoSeconds,
    rpoSeconds,
    rtoPass: rtoSeconds === undefined ? undefined : rtoSeconds <= record.targets.rtoMinutes * 60,
    rpoPass: rpoSeconds === undefined ? undefined : rpoSeconds === null ? true : rpoSeconds <= record.targets.rpoMinutes * 60,
  };
}

function worstOf(database: number | null | undefined, files: readonly FilesAtFence[]): number | null | undefined {
  if (database === undefined || files.some((f) => f.latencySeconds === undefined)) return undefined;
  const values = [...(database === null ? [] : [database]), ...files.map((f) => f.latencySeconds as number)];
  return values.length === 0 ? null : Math.max(...values);
}
