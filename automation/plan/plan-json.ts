// out/<stack>/plan.json: what a render registered, in a versioned format that `plan --compare-to`
// reads back. Version 2 records what a comparison needs besides the inputs: each registration's
// `protect` and the options the comparison honours (ignoreChanges, deleteBeforeReplace, the
// property dependencies), its id, region and the attributes the cloud computed (for a replaced
// resource's id or ARN held by another resource), the stack outputs, and the facts of the plan
// steps (cost per tier, policy findings). Secret values are `[secret]` and secret-shaped strings
// redacted, in inputs, computed attributes and outputs alike.
import * as fs from "fs";
import * as path from "path";
import { redactSecretShapes } from "../../model/security/secret-shapes";
import { isCloudResource, isSecretValue, redactSecrets } from "../../offline";
import type { CapturedResource } from "../../offline";
import { repoRoot } from "./stack-file";
import type { PlanContext, PlanFacts } from "./step";

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

/** Secrets, and strings shaped like credentials, out of anything written to out/. */
function redacted(value: unknown): unknown {
  return redactSecretShapes(redactSecrets(value));
}

/** The attributes a resource gained from the cloud; none for generated secrets (their result is the secret). */
function computedOf(r: CapturedResource): Record<string, unknown> {
  if (r.type.startsWith("random:")) return {};
  const secretOutputs = new Set(r.options.additionalSecretOutputs);
  const entries = Object.entries(r.state).filter(([key, value]) => !(key in r.inputs) && !secretOutputs.has(key) && !isSecretValue(value));
  return redacted(Object.fromEntries(entries)) as Record<string, unknown>;
}

/** Defined beside the render, which counts resources the same way while it runs (its progress). */
export { isCloudResource };

/** Registrations counted the way `plan` prints them: cloud resources, and components (the stack, tiers, awsx/eks). */
export function resourceCounts(resources: readonly Pick<CapturedResource, "custom" | "type">[]): PlanJson["counts"] {
  return {
    resources: resources.filter(isCloudResource).length,
    components: resources.filter((r) => !r.custom).length,
  };
}

/** The stack file as plan.json names it: relative to the repository when inside it. */
export function planFileName(file: string): string {
  const relative = path.relative(repoRoot, path.resolve(file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative.split(path.sep).join("/");
}

/** What plan.json is made of: the render, and the config's acknowledgements when there is one. */
export type PlanJsonSource = Pick<PlanContext, "stack" | "region" | "resources"> & Partial<Pick<PlanContext, "config" | "outputs">>;

export function planJson(context: PlanJsonSource, file = `Pulumi.${context.stack}.yaml`, facts: PlanFacts = {}): PlanJson {
  return {
    formatVersion: planFormatVersion,
    stack: context.stack,
    region: context.region,
    file: planFileName(file),
    acknowledgedReplacements: [...(context.config?.acknowledgedReplacements ?? [])],
    counts: resourceCounts(context.resources),
    ...facts,
    // Providers other than AWS's (random, kubernetes) configure nothing a review reads: left out, as in format 1.
    resources: context.resources.filter((r) => !r.type.startsWith("pulumi:providers:") || r.type === "pulumi:providers:aws").map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      parent: r.parent ?? null,
      custom: r.custom,
      id: r.custom ? r.id : null,
      region: r.region,
      protect: r.options.protect,
      // Secret-shaped strings too: the config refuses them, and nothing else may carry one into out/.
      inputs: redacted(r.inputs) as Record<string, unknown>,
      computed: r.custom ? computedOf(r) : {},
      options: { ignoreChanges: [...r.options.ignoreChanges], deleteBeforeReplace: r.options.deleteBeforeReplace, propertyDependencies: r.options.propertyDependencies },
    })),
    outputs: redacted(Object.fromEntries(Object.entries(context.outputs ?? {}).map(([key, value]) => [key, isSecretOutput(value) ? "[secret]" : value]))) as Record<string, unknown>,
  };
}

function isSecretOutput(value: unknown): boolean {
  return Boolean(value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && (value as { secret?: unknown }).secret === true);
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
