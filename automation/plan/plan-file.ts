// out/<stack>/plan.json as a file: the versioned format `plan` writes and `plan --compare-to`
// reads back. Version 2 records what a comparison needs besides the inputs: each registration's
// `protect` and the options the comparison honours (ignoreChanges, deleteBeforeReplace, the
// property dependencies), its id, region and the attributes the cloud computed (for a replaced
// resource's id or ARN held by another resource), the stack outputs, and the facts of the plan
// steps (cost per tier, policy findings). Reading it needs neither the SDK nor the renderer
// (plan-json.ts writes it from a render), so a comparison's bad input is answered before they load.
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "./stack-file";
import type { PlanFacts } from "./step";

/** The version `plan` writes; a compare refuses any other. Version 1 had type, name, urn, parent and inputs only. */
export const planFormatVersion = 2;

export interface PlanJsonResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string | null;
  /** False for component resources (ours, awsx, eks), which own no cloud state of their own. */
  readonly custom: boolean;
  readonly id: string | null;
  readonly region: string;
  readonly protect: boolean;
  readonly inputs: Record<string, unknown>;
  /** Attributes the cloud computed (not inputs): ids, ARNs, endpoints. Empty for generated secrets. */
  readonly computed: Record<string, unknown>;
  readonly options: {
    readonly ignoreChanges: readonly string[];
    readonly deleteBeforeReplace: boolean;
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  };
}

export interface PlanJson extends PlanFacts {
  readonly formatVersion: number;
  readonly stack: string;
  readonly region: string;
  /** The stack file, relative to the repository when inside it. */
  readonly file: string;
  /** `platform:acknowledgedReplacements` of the config rendered. */
  readonly acknowledgedReplacements: readonly string[];
  /** Cloud resources (custom, providers left out) and components: the one count `plan` prints. */
  readonly counts: { readonly resources: number; readonly components: number };
  readonly resources: readonly PlanJsonResource[];
  readonly outputs: Record<string, unknown>;
}

/** The stack file as plan.json names it: relative to the repository when inside it. */
export function planFileName(file: string): string {
  const relative = path.relative(repoRoot, path.resolve(file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative.split(path.sep).join("/");
}

/** A plan.json that cannot be compared: missing, not a plan, or of another format version. */
export class PlanFileError extends Error {}

/** Reads a plan.json for a comparison; `what` names it in messages (the path, or `git ref main`). */
export function readPlanJson(file: string, what = file): PlanJson {
  if (!fs.existsSync(file)) throw new PlanFileError(`${what}: no such file`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new PlanFileError(`${what}: is not JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object" || typeof (parsed as PlanJson).stack !== "string" || !Array.isArray((parsed as PlanJson).resources)) {
    throw new PlanFileError(`${what}: is not a plan.json written by npm run plan (no stack and resources)`);
  }
  const version = (parsed as Partial<PlanJson>).formatVersion ?? 1;
  if (version !== planFormatVersion) {
    throw new PlanFileError(
      `${what}: is plan.json format ${version}; a comparison needs format ${planFormatVersion} (written by a plan that has --compare-to): render it again with this version`,
    );
  }
  return parsed as PlanJson;
}

/** The plan of a stack that does not exist yet (a stack file added by the change): every resource is created. */
export function emptyPlan(stack: string, region: string, file: string): PlanJson {
  return { formatVersion: planFormatVersion, stack, region, file, acknowledgedReplacements: [], counts: { resources: 0, components: 0 }, resources: [], outputs: {}, cost: { region, hours: 0, totalMonthlyUsd: 0, tiers: [] }, policy: { enforcement: "", violations: [], suppressed: 0 } };
}
