import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { OperationOptions, PolicyViolation } from "./types";

/**
 * Turns the engine's event stream into our progress events and policy violations. Pure: the
 * LocalWorkspace adapter feeds it, tests feed it recorded events.
 */
export class EventTracker {
  private done = 0;
  readonly violations: PolicyViolation[] = [];

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
    const failed = event.resOpFailedEvent?.metadata;
    if (failed) this.report(`failed: ${failed.op} ${failed.type} ${nameOf(failed.urn)}`);
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
