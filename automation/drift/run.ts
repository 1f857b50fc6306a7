import type { DriftedResource, StackDriver } from "../driver/types";
import { nameOf } from "../driver/events";
import type { FleetGraph } from "../fleet/graph";
import { Limits, schedule } from "../fleet/scheduler";

/** One stack's answer: what drifted, or why it could not be checked. */
export interface StackDrift {
  readonly stack: string;
  readonly drifted: readonly DriftedResource[];
  readonly error?: string;
}

export interface DriftReport {
  readonly stacks: readonly StackDrift[];
  readonly drifted: number;
  readonly failed: number;
}

/**
 * `pulumi refresh --preview-only` over every stack of the fleet, within the fleet's limits. It
 * changes nothing, so the stacks need no order and one failure stops nothing: every stack is
 * checked and reported.
 */
export async function detectDrift(graph: FleetGraph, driver: StackDriver, limits: Limits, stacks: readonly string[] = [...graph.stacks.keys()]): Promise<DriftReport> {
  const results = new Map<string, StackDrift>();
  await schedule({
    deps: Object.fromEntries(stacks.map((s) => [s, []])),
    limits,
    accountOf: (s) => graph.stacks.get(s)?.account ?? "",
    regionOf: (s) => graph.stacks.get(s)?.region ?? "",
    run: async (stack) => {
      try {
        const outcome = await driver.previewRefresh(stack);
        results.set(stack, { stack, drifted: outcome.drifted });
      } catch (error) {
        results.set(stack, { stack, drifted: [], error: (error as Error).message.split("\n")[0] });
      }
      return true;
    },
  });
  const ordered = stacks.map((s) => results.get(s) as StackDrift);
  return { stacks: ordered, drifted: ordered.filter((s) => s.drifted.length > 0).length, failed: ordered.filter((s) => s.error).length };
}

/** The report as lines: each drifted resource with its fields, then a summary. */
export function describeDrift(report: DriftReport): string[] {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    if (stack.error) lines.push(`${stack.stack}: NOT CHECKED: ${stack.error}`);
    else if (stack.drifted.length === 0) lines.push(`${stack.stack}: no drift`);
    else {
      lines.push(`${stack.stack}: ${stack.drifted.length} resource${stack.drifted.length === 1 ? "" : "s"} drifted`);
      for (const d of stack.drifted) {
        const what = d.change === "delete" ? "gone from the cloud" : d.fields.length > 0 ? `changed: ${d.fields.join(", ")}` : "changed";
        lines.push(`  ${d.type} ${nameOf(d.urn)}: ${what}`);
      }
    }
  }
  lines.push("", `drift: ${report.stacks.length} stacks checked, ${report.drifted} drifted, ${report.failed} not checked`);
  if (report.drifted > 0) lines.push("Reconcile each: put the change into the program (or the stack file) and update, or run 'pulumi refresh' to accept it into the state after review.");
  return lines;
}
