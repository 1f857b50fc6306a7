import * as path from "path";
import { ConfigError, formatIssue, loadPlatformConfig } from "../../config";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import type { PlatformSettings } from "../../model/platform";
import { primaryOf, primaryStackFile } from "./primary";
import type { PlanProgress } from "./progress";
import { readStackFile, StackFile } from "./stack-file";

/** A stack file whose config passed: what the render takes. */
export interface CheckedStack {
  readonly stackFile: StackFile;
  readonly config: PlatformSettings;
}

/**
 * Reads a stack file and checks its config, and a standby's against its primary: the plan's
 * "config" step. Needs neither the Pulumi SDK nor the program, so the command line runs it before
 * it loads them and an invalid config is answered at once. Undefined when the config is refused
 * (each problem logged, exit 2); an unreadable file throws its StackFileError before the step starts.
 */
export function checkStack(file: string, stack: string | undefined, progress: PlanProgress, log: (line: string) => void): CheckedStack | undefined {
  const stackFile = readStackFile(file, stack);
  progress.start("config");
  let config: PlatformSettings;
  try {
    config = loadPlatformConfig(stackFile.config, stackFile.secretKeys, { written: stackFile.written });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    progress.fail(`${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`);
    log(`${path.relative(process.cwd(), stackFile.file)}: invalid config, nothing was rendered:`);
    error.issues.forEach((issue) => log(formatIssue(issue)));
    return undefined;
  }

  // A standby is checked against its primary's file first: the stores it expects, and how fast they arrive.
  const pairProblems = standbyPairProblems(stackFile, config);
  if (pairProblems.length > 0) {
    progress.fail("invalid against its primary");
    log(`${path.relative(process.cwd(), stackFile.file)}: invalid config against its primary, nothing was rendered:`);
    pairProblems.forEach((problem) => log(`  ${problem}`));
    return undefined;
  }

  progress.done("valid");
  return { stackFile, config };
}

/**
 * A standby's problems against the primary file beside it (model/dr/strategy.ts: the promotions,
 * the copies it expects and their achievable RPO, the names); none for a primary. The rollout and
 * the drill run the same check on the project's stacks.
 */
function standbyPairProblems(stackFile: StackFile, config: PlatformSettings): string[] {
  const primary = primaryOf(stackFile);
  if (!primary) return [];
  const primaryFile = readStackFile(primaryStackFile(stackFile.file, primary));
  let primaryConfig: PlatformSettings;
  try {
    primaryConfig = loadPlatformConfig(primaryFile.config, primaryFile.secretKeys, { written: primaryFile.written });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [`its primary ${path.relative(process.cwd(), primaryFile.file)} is invalid:`, ...error.issues.map(formatIssue)];
  }
  return checkStandbyPromotions({ name: primary, config: primaryConfig }, { name: stackFile.stack, config });
}
