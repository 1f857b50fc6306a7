import type { FieldChange, PlanDiff } from "./types";

const shown = (value: unknown) => (value === undefined ? "(unset)" : JSON.stringify(value));

function field(change: FieldChange): string {
  return `${change.path}: ${shown(change.before)} -> ${shown(change.after)}`;
}

/** The comparison as text, one resource a line and one field an indented line: what a review reads. */
export function formatPlanDiff(diff: PlanDiff): string[] {
  const lock = (protect: boolean) => (protect ? " [protected]" : "");
  return [
    ...diff.created.map((r) => `+ create ${r.type} ${r.name}`),
    ...diff.updated.flatMap((r) => [`~ update ${r.type} ${r.name}${lock(r.protect)}${r.component ? " (component: its children are not modelled)" : ""}`, ...r.fields.map((f) => `    ${field(f)}`)]),
    ...diff.replaced.flatMap((r) => [
      `+- replace ${r.type} ${r.name}${lock(r.protect)}${r.deleteBeforeReplace ? " (delete before replace)" : ""}`,
      ...r.because.map((b) => `    because ${b.field}: ${b.rule}`),
      ...r.fields.map((f) => `    ${field(f)}`),
    ]),
    ...diff.deleted.map((r) => `- delete ${r.type} ${r.name}${lock(r.protect)}`),
    ...diff.errors.map((e) => `error: ${e}`),
  ];
}

/** Counts for a one-line summary: `2 to create, 1 to update, 0 to replace, 0 to delete`. */
export function summarizePlanDiff(diff: PlanDiff): string {
  return `${diff.created.length} to create, ${diff.updated.length} to update, ${diff.replaced.length} to replace, ${diff.deleted.length} to delete, ${diff.errors.length} error(s)`;
}
