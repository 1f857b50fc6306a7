/**
 * The stack driver: the only way the rollout and the drill touch Pulumi. Its types are our own,
 * not the Automation API's, so that
 *  - tests drive the orchestration with an in-memory fake (test/helpers/fake-driver.ts), and
 *  - a second implementation can run the same operations elsewhere. `LocalWorkspaceDriver`
 *    (./local.ts) runs the Pulumi CLI on this machine; `RemoteWorkspaceDriver` (./remote.ts) runs
 *    them on Pulumi Deployments: `RemoteStack` has preview / up / refresh / outputs with onOutput
 *    and onEvent; the policy pack is then enforced by the organisation's policy group instead of
 *    a local path, `setConfig` is refused there (RemoteStack has no config: the run reads the
 *    stack file of its branch), and `previewRefresh` runs as a Deployments `detect-drift`
 *    deployment through the REST API (./deployments-api.ts), RemoteStack having no preview-only refresh.
 *
 * There is deliberately no `cancel`: the automation never cancels an update, its own or anyone
 * else's. A locked stack surfaces as `StackLockedError` and is waited for (./retry.ts).
 */

/** Resource operation counts, as `pulumi preview` summarises them. */
export type ChangeSummary = Readonly<Partial<Record<string, number>>>;

/** Operations that are not changes. */
const unchangedOps = new Set(["same", "read", "refresh"]);

/** Number of resources a preview or update would change (create, update, replace, delete...). */
export function countChanges(summary: ChangeSummary): number {
  return Object.entries(summary).reduce((n, [op, count]) => n + (unchangedOps.has(op) ? 0 : (count ?? 0)), 0);
}

/** Every resource the operation visits, changed or not. */
export function countResources(summary: ChangeSummary): number {
  return Object.values(summary).reduce<number>((n, count) => n + (count ?? 0), 0);
}

export interface PolicyViolation {
  readonly policyPack: string;
  readonly policy: string;
  readonly level: "advisory" | "mandatory";
  readonly message: string;
  readonly urn?: string;
}

/** Live progress of one operation, for the console. */
export interface ProgressEvent {
  /** Resources finished so far. */
  readonly done: number;
  /** Resources the operation will visit, when known (from the preceding preview). */
  readonly total?: number;
  /** What the engine is doing now, e.g. `update aws:ecs/service:Service api`. */
  readonly current?: string;
}

export interface OperationOptions {
  /** Resources the operation will visit, when a preview counted them. */
  readonly expectedResources?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Raw console output of the engine, for logs. */
  readonly onOutput?: (text: string) => void;
}

export interface PreviewOutcome {
  readonly changes: ChangeSummary;
  /** Violations the policy pack reported; a mandatory one also fails `up`. */
  readonly violations: readonly PolicyViolation[];
}

export interface UpOutcome {
  readonly changes: ChangeSummary;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface RefreshOutcome {
  readonly changes: ChangeSummary;
}

/** A resource whose real state differs from the stack's state: what `pulumi refresh` would write. */
export interface DriftedResource {
  readonly urn: string;
  readonly type: string;
  /** `update`: its fields changed outside Pulumi; `delete`: it is gone from the cloud. */
  readonly change: "update" | "delete";
  /** The top-level fields that differ, when the engine names them. */
  readonly fields: readonly string[];
}

export interface DriftOutcome {
  readonly changes: ChangeSummary;
  readonly drifted: readonly DriftedResource[];
}

export interface StackDriver {
  /** `pulumi preview` gated by the policy pack. Returns violations rather than throwing on them. */
  preview(stack: string, options?: OperationOptions): Promise<PreviewOutcome>;
  /** `pulumi up` gated by the policy pack. */
  up(stack: string, options?: OperationOptions): Promise<UpOutcome>;
  /** `pulumi refresh`: reads the cloud's state into the stack's state. */
  refresh(stack: string, options?: OperationOptions): Promise<RefreshOutcome>;
  /** `pulumi refresh --preview-only`: what a refresh would change in the state. Changes nothing. */
  previewRefresh(stack: string, options?: OperationOptions): Promise<DriftOutcome>;
  /** Stack outputs; secret outputs come back as `{ secret: true }`, never their value. */
  outputs(stack: string): Promise<Readonly<Record<string, unknown>>>;
  /** Sets one config value; `key` is `namespace:name.path` (a path into a structured value). */
  setConfig(stack: string, key: string, value: string): Promise<void>;
}

/** Another update holds the stack's lock (the CLI's ConcurrentUpdateError). */
export class StackLockedError extends Error {
  constructor(readonly stack: string, detail = "") {
    super(`stack ${stack} is locked by another update${detail ? `: ${detail}` : ""}`);
    this.name = "StackLockedError";
  }
}

/** A driver operation failed; `output` holds the engine's last lines for the report. */
export class StackOperationError extends Error {
  constructor(readonly stack: string, readonly operation: string, message: string, readonly output = "") {
    super(`${operation} of ${stack} failed: ${message}`);
    this.name = "StackOperationError";
  }
}
