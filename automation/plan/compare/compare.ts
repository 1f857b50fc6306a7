// `plan --compare-to`: two plan.json files of one stack compared as `pulumi up` would go from the
// first to the second (offline/plan-diff: created, updated with the fields, replaced with the
// provider rule that forces it, deleted, refused, protected), with the monthly cost per tier
// before and after (as Infracost's diff shows it) and the policy findings added and removed.
// Both sides are read from plan.json, so a secret is `[secret]` on both and never printed.
import { diffPlans, PlanDiff, PlanResource } from "../../../offline/plan-diff";
import { PlanFileError, PlanJson, PlanJsonResource } from "../plan-file";
import type { PolicyFinding } from "../step";
import { tierOrder } from "../tree";
import { exitCodes, mostSevere } from "./exit-codes";

/** One side of a comparison: the plan and how to name it (`out/prod/plan.json`, `main (1a2b3c4)`). */
export interface Side {
  readonly label: string;
  readonly plan: PlanJson;
}

export interface CostDelta {
  readonly tier: string;
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
}

export interface Comparison {
  readonly stack: string;
  readonly region: string;
  readonly before: { readonly label: string; readonly resources: number };
  readonly after: { readonly label: string; readonly resources: number };
  readonly diff: PlanDiff;
  /** Per tier (tiers of either side) and the total; undefined when a side has no estimate. */
  readonly cost?: { readonly tiers: readonly CostDelta[]; readonly total: CostDelta };
  readonly policy: { readonly added: readonly PolicyFinding[]; readonly removed: readonly PolicyFinding[] };
  readonly outputs: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  /** What the comparison cannot show (a region change, a side without an estimate). */
  readonly notes: readonly string[];
  readonly exitCode: number;
}

/** The registration as the plan comparison reads it; computed attributes join the inputs as state. */
export function asPlanResource(r: PlanJsonResource): PlanResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: r.custom,
    id: r.id ?? undefined,
    inputs: r.inputs,
    state: { ...r.inputs, ...r.computed },
    options: { protect: r.protect, ignoreChanges: r.options.ignoreChanges, deleteBeforeReplace: r.options.deleteBeforeReplace, propertyDependencies: r.options.propertyDependencies },
  };
}

/**
 * Refuses a comparison of two different stacks: another stack name, or another stack file of the
 * repository (two blueprints' `prod`). Files outside the repository are named by absolute path and
 * may move, so only the stack name is checked for them.
 */
export function checkSameStack(before: Side, after: Side): void {
  if (before.plan.stack !== after.plan.stack) {
    throw new PlanFileError(`${before.label}: is a plan of stack '${before.plan.stack}', not of '${after.plan.stack}'`);
  }
  const inRepository = (file: string) => !file.startsWith("/") && !file.startsWith("..");
  if (inRepository(before.plan.file) && inRepository(after.plan.file) && before.plan.file !== after.plan.file) {
    throw new PlanFileError(`${before.label}: is a plan of ${before.plan.file}, not of ${after.plan.file}`);
  }
}

export function comparePlans(before: Side, after: Side): Comparison {
  checkSameStack(before, after);
  const diff = diffPlans(before.plan.resources.map(asPlanResource), after.plan.resources.map(asPlanResource), { acknowledged: after.plan.acknowledgedReplacements });
  const notes: string[] = [];
  if (before.plan.region !== after.plan.region) {
    notes.push(`the stack's region changes from ${before.plan.region} to ${after.plan.region}: every regional resource is created anew there, which this comparison does not model`);
  }
  const cost = costDeltas(before.plan, after.plan);
  if (!cost) notes.push(`no cost comparison: ${before.plan.cost ? after.label : before.label} has no estimate (no price table for its region)`);
  const policy = policyChanges(before.plan.policy?.violations ?? [], after.plan.policy?.violations ?? []);
  const outputs = outputChanges(before.plan.outputs, after.plan.outputs);
  return {
    stack: after.plan.stack,
    region: after.plan.region,
    before: { label: before.label, resources: before.plan.counts.resources },
    after: { label: after.label, resources: after.plan.counts.resources },
    diff,
    cost,
    policy,
    outputs,
    notes,
    exitCode: comparisonExitCode(diff),
  };
}

/** 5 for a protected replacement or deletion, 6 when `pulumi up` would fail otherwise, 4 for any change, else 0. */
export function comparisonExitCode(diff: PlanDiff): number {
  const protectedChange = diff.protectedChanges.length > 0;
  const refused = diff.refused.length > 0 || diff.errors.some((e) => e.startsWith("platform:acknowledgedReplacements"));
  const changed = diff.created.length + diff.updated.length + diff.replaced.length + diff.deleted.length > 0;
  return mostSevere([protectedChange ? exitCodes.protectedChange : 0, refused ? exitCodes.upWouldFail : 0, changed ? exitCodes.changes : 0]);
}

function costDeltas(before: PlanJson, after: PlanJson): Comparison["cost"] {
  if (!before.cost || !after.cost) return undefined;
  const [was, now] = [new Map(before.cost.tiers.map((t) => [t.tier, t.monthlyUsd])), new Map(after.cost.tiers.map((t) => [t.tier, t.monthlyUsd]))];
  const rank = (tier: string) => {
    const index = (tierOrder as readonly string[]).indexOf(tier);
    return index < 0 ? tierOrder.length : index;
  };
  const tiers = [...new Set([...was.keys(), ...now.keys()])].sort((a, b) => rank(a) - rank(b));
  const delta = (tier: string, b: number, a: number): CostDelta => ({ tier, beforeUsd: b, afterUsd: a, deltaUsd: cents(a - b) });
  return {
    tiers: tiers.map((tier) => delta(tier, was.get(tier) ?? 0, now.get(tier) ?? 0)),
    total: delta("total", before.cost.totalMonthlyUsd, after.cost.totalMonthlyUsd),
  };
}

/** Rounded to cents, so that sums of prices do not show a delta of $0.00 as a change. */
function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

function findingKey(f: PolicyFinding): string {
  return `${f.rule}|${f.urn ?? f.resource}|${f.message}`;
}

function policyChanges(before: readonly PolicyFinding[], after: readonly PolicyFinding[]): Comparison["policy"] {
  const [was, now] = [new Set(before.map(findingKey)), new Set(after.map(findingKey))];
  return { added: after.filter((f) => !was.has(findingKey(f))), removed: before.filter((f) => !now.has(findingKey(f))) };
}

function outputChanges(before: Record<string, unknown>, after: Record<string, unknown>): Comparison["outputs"] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    added: keys.filter((k) => !(k in before)),
    removed: keys.filter((k) => !(k in after)),
    changed: keys.filter((k) => k in before && k in after && JSON.stringify(before[k]) !== JSON.stringify(after[k])),
  };
}
