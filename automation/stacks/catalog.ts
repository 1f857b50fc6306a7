import * as fs from "fs";
import * as path from "path";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import { ConfigError, formatIssue, loadPlatformConfig } from "../../config";
import { PlatformSettings } from "../../model/platform";
import { readStackFile, repoRoot, StackFileError } from "../plan/stack-file";
import { ancestors, GraphError, StackGraph } from "./graph";

/** A stack file read and validated offline: what the rollout and the drill know without a CLI. */
export interface StackInfo {
  readonly name: string;
  readonly file: string;
  readonly config: PlatformSettings;
}

/** The stacks that have a `Pulumi.<stack>.yaml` next to Pulumi.yaml. */
export function stackFileNames(root = repoRoot): string[] {
  return fs
    .readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => Boolean(name))
    .sort();
}

export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

/** Reads and validates the named stacks' files; every problem of every stack in one error. */
export function loadStacks(names: readonly string[], root = repoRoot): Map<string, StackInfo> {
  const known = stackFileNames(root);
  const problems: string[] = [];
  const result = new Map<string, StackInfo>();
  for (const name of names) {
    if (!known.includes(name)) {
      problems.push(`unknown stack '${name}': no Pulumi.${name}.yaml (stacks: ${known.join(", ")})`);
      continue;
    }
    const file = path.join(root, `Pulumi.${name}.yaml`);
    try {
      const stackFile = readStackFile(file, name);
      result.set(name, { name, file, config: loadPlatformConfig(stackFile.config, stackFile.secretKeys, { written: stackFile.written }) });
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(`Pulumi.${name}.yaml: invalid config:\n${error.issues.map(formatIssue).join("\n")}`);
      } else if (error instanceof StackFileError) {
        problems.push(error.message);
      } else {
        throw error;
      }
    }
  }
  if (problems.length > 0) throw new StackConfigError(problems.join("\n"));
  return result;
}

/**
 * A standby stack reads its primary's outputs, so the graph must roll the primary out first; and
 * the standby it builds must fit the primary's data stores. Checked for every standby in the graph.
 */
export function checkStandbyOrder(graph: StackGraph, stacks: ReadonlyMap<string, StackInfo>): void {
  const problems: string[] = [];
  for (const [name, info] of stacks) {
    const primary = info.config.dr?.primaryStack;
    if (info.config.role !== "standby" || !primary || !(name in graph)) continue;
    if (!(primary in graph)) {
      problems.push(`stack '${name}' stands by for '${primary}', which is not in the rollout graph`);
    } else if (!ancestors(graph, name).has(primary)) {
      problems.push(`stack '${name}' stands by for '${primary}' but the rollout graph does not order '${primary}' before it`);
    }
    const primaryInfo = stacks.get(primary);
    if (primaryInfo) problems.push(...checkStandbyPromotions(primaryInfo, info));
  }
  if (problems.length > 0) throw new GraphError(problems.join("\n"));
}
