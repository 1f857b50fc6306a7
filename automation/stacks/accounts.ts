import * as fs from "fs";
import * as path from "path";
import { ConfigError, formatIssue, loadPlatformConfig } from "../../config";
import { PlacedStack, placementProblems, placements } from "../../model/account/placement";
import { primaryOf, primaryStackFile } from "../plan/primary";
import { readStackFile, repoRoot, StackFileError } from "../plan/stack-file";
import { ancestors, GraphError, StackGraph } from "./graph";
import type { StackInfo } from "./catalog";

/** Every stack file of the repository: its own stacks next to Pulumi.yaml, then each blueprint's. */
export function repositoryStackFiles(root = repoRoot): string[] {
  const own = fs.readdirSync(root).filter((f) => /^Pulumi\..+\.ya?ml$/.test(f)).map((f) => path.join(root, f));
  const blueprints = path.join(root, "blueprints");
  const products = fs.existsSync(blueprints) ? fs.readdirSync(blueprints).sort() : [];
  const theirs = products.flatMap((product) =>
    fs
      .readdirSync(path.join(blueprints, product))
      .filter((f) => /^Pulumi\..+\.ya?ml$/.test(f))
      .sort()
      .map((f) => path.join(blueprints, product, f)),
  );
  return [...own.sort(), ...theirs];
}

export class AccountsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountsError";
  }
}

/**
 * Reads and validates stack files as one set that deploys together (`root` names them in
 * messages). Throws AccountsError listing every file whose config is invalid.
 */
export function loadPlacedStacks(files: readonly string[], root = repoRoot): PlacedStack[] {
  const relative = (file: string) => path.relative(root, file) || file;
  const problems: string[] = [];
  const stacks: PlacedStack[] = [];
  for (const file of files) {
    try {
      const stackFile = readStackFile(file);
      const settings = loadPlatformConfig(stackFile.config, stackFile.secretKeys);
      const primary = primaryOf(stackFile);
      stacks.push({ file: relative(file), settings, primaryFile: primary ? relative(primaryStackFile(file, primary)) : undefined });
    } catch (error) {
      if (error instanceof ConfigError) problems.push(`${relative(file)}: invalid config:\n${error.issues.map(formatIssue).join("\n")}`);
      else if (error instanceof StackFileError) problems.push(error.message);
      else throw error;
    }
  }
  if (problems.length > 0) throw new AccountsError(problems.join("\n"));
  return stacks;
}

/** The set's accounts and regions as lines: who deploys where, as which role, and who owns the baseline. */
export function describePlacements(stacks: readonly PlacedStack[]): string[] {
  const lines: string[] = [];
  for (const group of placements(stacks)) {
    lines.push(`account ${group.accountId}, ${group.region}: baseline ${group.baselineOwner ? `owned by ${group.baselineOwner.file}` : "owned by no stack of the set"}`);
    for (const stack of group.stacks) {
      const role = stack.settings.account?.role?.arn;
      lines.push(`  ${stack.file}${role ? ` as ${role}` : " with the ambient credentials"}`);
    }
  }
  return lines;
}

/**
 * The rollout's order in each account and region: the stack that owns the baseline there rolls
 * out before the others, which assume what it creates (a standby's images, for one). Problems as
 * lines; none when the graph orders every stack after its baseline owner.
 */
export function baselineOrderProblems(graph: StackGraph, stacks: ReadonlyMap<string, StackInfo>): string[] {
  const placed = [...stacks.values()].map((info) => ({ file: info.name, settings: info.config }));
  const problems: string[] = [];
  for (const group of placements(placed)) {
    const owner = group.baselineOwner?.file;
    if (!owner || !(owner in graph)) continue;
    for (const stack of group.stacks) {
      if (stack.file !== owner && stack.file in graph && !ancestors(graph, stack.file).has(owner)) {
        problems.push(`stack '${stack.file}' deploys into account ${group.accountId} in ${group.region}, whose baseline '${owner}' owns, but the rollout graph does not order '${owner}' before it`);
      }
    }
  }
  return problems;
}

/**
 * The rollout's stacks as a set in their accounts (placementProblems) and in the graph's order
 * (baselineOrderProblems); throws GraphError with every problem before anything runs.
 */
export function checkAccounts(graph: StackGraph, stacks: ReadonlyMap<string, StackInfo>): void {
  const fileOf = (name: string) => `Pulumi.${name}.yaml`;
  const placed = [...stacks.values()].map((info) => {
    const primary = info.config.role === "standby" ? info.config.dr?.primaryStack : undefined;
    return { file: fileOf(info.name), settings: info.config, primaryFile: primary && stacks.has(primary) ? fileOf(primary) : undefined };
  });
  const problems = [...placementProblems(placed), ...baselineOrderProblems(graph, stacks)];
  if (problems.length > 0) throw new GraphError(problems.join("\n"));
}
