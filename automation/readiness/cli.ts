import * as path from "path";
import { ConfigError, formatIssue, loadPlatformConfig } from "../../config";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import type { PlatformSettings } from "../../model/platform";
import { primaryOf, primaryStackFile } from "../plan/primary";
import { readStackFile, StackFileError } from "../plan/stack-file";
import { AwsReadinessCloud, ReadinessClients } from "./aws";
import { assessReadiness, formatReport, ReadinessReport } from "./evaluate";
import { readinessSpec } from "./spec";

export interface ReadinessFlags {
  /** Standby stack files (`Pulumi.prod-dr.yaml`, a blueprint's), each checked against the primary beside it. */
  readonly files: readonly string[];
}

/**
 * The body of `npm run readiness`: for each standby, whether a failover now would meet its
 * targets. Changes nothing. Exit 0 when every standby is ready, 1 when one would miss a target,
 * 2 on bad input (not a standby, an invalid config, a pair that does not fit).
 */
export async function readinessCommand(flags: ReadinessFlags, clients: ReadinessClients, now: Date, log: (line: string) => void): Promise<{ exitCode: number; reports: ReadinessReport[] }> {
  const reports: ReadinessReport[] = [];
  const problems: string[] = [];
  const pairs: { primary: { name: string; config: PlatformSettings }; standby: { name: string; config: PlatformSettings } }[] = [];
  for (const file of flags.files) {
    try {
      const stackFile = readStackFile(file);
      const primaryName = primaryOf(stackFile);
      if (!primaryName) {
        problems.push(`${file}: not a standby (platform:role standby with platform:dr.primaryStack)`);
        continue;
      }
      const primaryFile = readStackFile(primaryStackFile(stackFile.file, primaryName));
      const standby = { name: stackFile.stack, config: loadPlatformConfig(stackFile.config, stackFile.secretKeys) };
      const primary = { name: primaryName, config: loadPlatformConfig(primaryFile.config, primaryFile.secretKeys) };
      const pairProblems = checkStandbyPromotions(primary, standby);
      if (pairProblems.length > 0) problems.push(...pairProblems.map((p) => `${file}: ${p}`));
      else pairs.push({ primary, standby });
    } catch (error) {
      if (error instanceof ConfigError) problems.push(`${file}: invalid config:\n${error.issues.map(formatIssue).join("\n")}`);
      else if (error instanceof StackFileError) problems.push(error.message);
      else throw error;
    }
  }
  if (problems.length > 0) {
    problems.forEach((p) => log(`readiness: ${p}`));
    log("readiness: nothing was checked");
    return { exitCode: 2, reports };
  }
  for (const pair of pairs) {
    const spec = readinessSpec(pair.primary, pair.standby);
    const report = await assessReadiness(spec, new AwsReadinessCloud(clients, { standby: spec.region, primary: spec.primaryRegion }), now);
    formatReport(report).forEach((line) => log(line));
    if (spec.mode === "backup-restore") log(`  (backup-restore: a restore by hand, RTO ${spec.rtoMinutes} min by the runbook; readiness judges the copies, not the restore's duration)`);
    reports.push(report);
  }
  return { exitCode: reports.every((r) => r.ready) ? 0 : 1, reports };
}

/** `--file` paths, relative to the working directory. */
export function resolveFiles(files: readonly string[]): string[] {
  return files.map((f) => path.resolve(f));
}
