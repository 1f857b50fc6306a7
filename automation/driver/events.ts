import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { DriftedResource, OperationOptions, PolicyViolation } from "./types";

/**
 * Turns the engine's event stream into our progress events and policy violations. Pure: the
 * LocalWorkspace adapter feeds it, tests feed it recorded events.
 */
export class EventTracker {
  private done = 0;
  readonly violations: PolicyViolation[] = [];
  /** Resources a refresh (or its preview) found changed or gone, keyed by URN. */
  private readonly drift = new Map<string, DriftedResource>();

  constructor(private readonly options: OperationOptions = {}) {}

  handle(event: EngineEvent): void {
    if (event.policyEvent) {
      const policy = event.policyEvent;
      this.violations.push({
        policyPack: policy.policyPackName,
        policy: policy.policyName,
        level: policy.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
        message: policy.message.trim(),
        urn: policy.resourceUrn,
      });
    }
    const pre = event.resourcePreEvent?.metadata;
    if (pre && !isProvider(pre.type)) {
      this.report(`${pre.op} ${pre.type} ${nameOf(pre.urn)}`);
    }
    const finished = event.resOutputsEvent?.metadata;
    if (finished && !isProvider(finished.type)) {
      this.done += 1;
      this.report(`${finished.op} ${finished.type} ${nameOf(finished.urn)}`);
    }
    const step = finished ?? pre;
    if (step) this.noteDrift(step);
    const failed = event.resOpFailedEvent?.metadata;
    if (failed) this.report(`failed: ${failed.op} ${failed.type} ${nameOf(failed.urn)}`);
  }

  /** The drift seen so far, in the order the engine reported it. */
  get drifted(): DriftedResource[] {
    return [...this.drift.values()];
  }

  /**
   * A refresh step reads the resource and compares it with the state. It is drift when the step
   * says so by its operation (update, delete) or, for a step reported as `refresh`, when it names
   * differing fields or the resource has no new state (gone). Read conservatively: an unchanged
   * resource never names fields.
   */
  private noteDrift(step: { op: string; urn: string; type: string; old?: unknown; new?: unknown; diffs?: string[]; detailedDiff?: Record<string, unknown> }): void {
    if (isProvider(step.type) || step.type === "pulumi:pulumi:Stack") return;
    const fields = step.diffs?.length ? step.diffs : Object.keys(step.detailedDiff ?? {}).map((path) => path.split(/[.[]/)[0]);
    const gone = step.op === "delete" || (step.op === "refresh" && step.old !== undefined && step.old !== null && (step.new === undefined || step.new === null));
    const changed = step.op === "update" || (step.op === "refresh" && fields.length > 0);
    if (!gone && !changed) return;
    this.drift.set(step.urn, { urn: step.urn, type: step.type, change: gone ? "delete" : "update", fields: [...new Set(fields)].sort() });
  }

  private report(current: string): void {
    const total = this.options.expectedResources;
    this.options.onProgress?.({ done: total === undefined ? this.done : Math.min(this.done, total), total, current });
  }
}

function isProvider(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

/** The logical name at the end of a URN. */
export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
