import type { SideName } from "../targets";

export const reseedStepIds = ["targets", "from-writer", "to-instance", "keep-old", "create-replica", "settings", "catch-up"] as const;
export type ReseedStepId = (typeof reseedStepIds)[number];

export interface ReseedStepRecord {
  readonly id: ReseedStepId;
  readonly title: string;
  readonly kind: "check" | "change";
  status: "done" | "skipped" | "failed" | "interrupted" | "not-run";
  startedAt?: number;
  endedAt?: number;
  detail: string[];
  error?: string;
}

/** A re-seed as it ran: the JSON report, rewritten after every step; what --resume continues. */
export interface ReseedRecord {
  readonly version: 1;
  readonly kind: "reseed";
  readonly from: string;
  readonly to: string;
  readonly fromSide: SideName;
  readonly toSide: SideName;
  readonly startedAt: number;
  endedAt?: number;
  /** The instance replaced and the name its previous copy is kept under; set by the targets step. */
  instance?: { readonly identifier: string; readonly region: string; readonly keptAs: string; readonly sourceArn?: string };
  readonly steps: ReseedStepRecord[];
  /** `already`: the instance was a replica of `from` already. */
  outcome: "running" | "done" | "already" | "stopped";
  stoppedAt?: ReseedStepId;
  next: string[];
  files?: { json: string; markdown: string };
}

/** Why a saved value is not a re-seed record --resume can continue, or undefined. */
export function reseedRecordProblem(value: unknown): string | undefined {
  const record = value as Partial<ReseedRecord> | null;
  if (!record || typeof record !== "object" || record.version !== 1 || record.kind !== "reseed" || typeof record.startedAt !== "number") return "not a re-seed report (version 1)";
  const ids = new Set((Array.isArray(record.steps) ? record.steps : []).map((s) => (s as { id?: unknown } | null)?.id));
  const missing = reseedStepIds.filter((id) => !ids.has(id));
  return missing.length > 0 ? `the report lacks the step${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` : undefined;
}
