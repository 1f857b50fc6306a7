import { readStackFile } from "../../automation/plan/stack-file";
import { referencedStacks } from "../../automation/plan/primary";
import { renderProgram, RenderResult } from "../../offline";
import { diffPlans, formatPlanDiff, PlanDiff } from "../../offline/plan-diff";
import { SectionInput, SectionKey } from "./config";
import { renderStackFile } from "./stacks";

/** A stack rendered before and after one config edit, and what `pulumi up` would do between them. */
export interface UpdatePath {
  readonly before: RenderResult;
  readonly after: RenderResult;
  readonly diff: PlanDiff;
  /** The diff as text (`formatPlanDiff`), for assertion messages. */
  readonly lines: readonly string[];
}

/** The acknowledgements a flat config names (`platform:acknowledgedReplacements`). */
export function acknowledgedIn(config: Readonly<Record<string, string>>): string[] {
  const raw = config["platform:acknowledgedReplacements"];
  return raw ? (JSON.parse(raw) as string[]) : [];
}

/**
 * Renders a stack file, applies `edit` to a copy of its flat config, renders that, and diffs the
 * two plans with the edited config's acknowledgements. A standby's primary is rendered from its
 * own file for both renders.
 */
export async function updatePath(file: string, edit: (config: Record<string, string>) => void): Promise<UpdatePath> {
  const stackFile = readStackFile(file);
  const before = await renderStackFile(file);
  const config = { ...stackFile.config };
  edit(config);
  const stacks = await referencedStacks(stackFile, (primary) => renderStackFile(primary));
  const after = await renderProgram({ project: "aws-platform", stack: stackFile.stack, config, secretKeys: stackFile.secretKeys, stacks });
  const diff = diffPlans(before.resources, after.resources, { acknowledged: acknowledgedIn(config) });
  return { before, after, diff, lines: formatPlanDiff(diff) };
}

/** An edit of one `platform:<key>` section of the flat config (given the parsed section to change). */
export function editing<K extends SectionKey>(key: K, change: (section: SectionInput<K>) => void): (config: Record<string, string>) => void {
  return (config) => {
    const section = JSON.parse(config[`platform:${key}`] ?? "{}") as SectionInput<K>;
    change(section);
    config[`platform:${key}`] = JSON.stringify(section);
  };
}

/** An edit that sets the acknowledgements (`platform:acknowledgedReplacements`), after `then`. */
export function acknowledging(names: readonly string[], then: (config: Record<string, string>) => void = () => undefined): (config: Record<string, string>) => void {
  return (config) => {
    then(config);
    config["platform:acknowledgedReplacements"] = JSON.stringify(names);
  };
}
