import { drState } from "../../model/dr/settings";
import { formatDuration } from "../shared/clock";
import { defaultTimings, drillSteps, DrillTimings } from "./steps";
import { DrillSetup, stackOf } from "./validate";

/**
 * The dry run of a drill or failback: the offline checks it already passed (the stack files), the
 * pre-checks and changes it would run, in order, with the AWS and Pulumi calls of each. Needs no
 * Pulumi CLI and no AWS credentials, and says which checks need them.
 */
export function explainDrill(setup: DrillSetup, timings: DrillTimings = defaultTimings): string[] {
  const from = stackOf(setup, setup.from);
  const to = stackOf(setup, setup.to);
  const { primary, standby } = setup;
  const forced = [primary, standby].some((s) => s.config.dataProtection !== "protected");
  const title = setup.kind === "drill" ? `DR drill (${setup.mode})` : "Failback (planned switchover)";
  const lines = [
    `${title}: ${from.name} (${from.config.region}) -> ${to.name} (${to.config.region})`,
    "Dry run: nothing is read from AWS or Pulumi and nothing changes.",
    "",
    "Checked offline, from the stack files:",
    `  ok  ${standby.name} is a standby of ${primary.name} (platform:role standby, platform:dr.primaryStack ${primary.name})`,
    `  ok  targets: RTO ${setup.targets.rtoMinutes} min, RPO ${setup.targets.rpoMinutes} min, the same on both stacks (platform:dr.targets)`,
    forced ? `  ok  not a production pair: allowed by --force` : `  ok  a production pair: platform:dataProtection protected on both`,
    `  ok  ${primary.name} is ${drState(primary.config)}, ${standby.name} is ${drState(standby.config)} (platform:dr.state): the direction is ${from.name} -> ${to.name}`,
    `  ok  standby posture ${setup.standbyMode}, ${setup.standbyTasksPerService} tasks per service; promotes database ${setup.promote.database}, cache ${setup.promote.cache}`,
    "",
    "Needs at run time (not checked by --dry-run): the Pulumi CLI with access to both stacks' state, AWS credentials",
    `allowed to act in ${primary.config.region}, ${standby.config.region} and Route 53, and ${standby.name}'s 'drill' output (its dr tier deployed).`,
  ];
  let n = 0;
  for (const kind of ["check", "change"] as const) {
    lines.push("");
    lines.push(kind === "check" ? "Pre-checks (they only read; the first failure stops the drill with nothing changed):" : "Changes, in order (each timed; the first failure stops the drill and the report says how to recover):");
    for (const step of drillSteps.filter((s) => s.kind === kind)) {
      n += 1;
      lines.push(`  ${String(n).padStart(2)}. ${step.title}`);
      step.plan(setup).forEach((line) => lines.push(`        ${line}`));
    }
  }
  lines.push("");
  lines.push(`Waits poll every ${formatDuration(timings.pollMs)}: fence ${formatDuration(timings.fenceMs)}, database ${formatDuration(timings.databaseMs)}, cache ${formatDuration(timings.cacheMs)}, scale ${formatDuration(timings.scaleMs)}, DNS ${formatDuration(timings.dnsMs)}, verify ${formatDuration(timings.verifyMs)}, CloudWatch's datapoints at the fence ${formatDuration(timings.metricsMs)} at most.`);
  lines.push("Measured: RTO = fence to the first healthy response through DNS; RPO = the worst of the database's replication lag and each replicated bucket's S3 ReplicationLatency,");
  lines.push("from the 1-minute CloudWatch datapoint that contains the fence (resolution 60 s); what the cache loses is stated beside it.");
  lines.push("Report: out/drills/<timestamp>.md (text and a Mermaid gantt chart) and .json, rewritten after every step. Ctrl-C stops at the next wait and says how to resume or fail back.");
  return lines;
}
