import { Command } from "commander";
import * as fs from "fs";
import * as path from "path";
import { stackBackend } from "./bootstrap/targets";
import { LocalWorkspaceDriver } from "./driver/local";
import { RemoteWorkspaceDriver } from "./driver/remote";
import type { StackDriver } from "./driver/types";
import { describeDrift, detectDrift } from "./drift/run";
import { fleetGraph } from "./fleet/graph";
import { deploymentsApiFrom, remoteDriverOptions } from "./fleet/remote";
import { FleetFileError, loadFleetFile } from "./fleet/schema";
import { repoRoot } from "./plan/stack-file";
import { systemClock } from "./shared/clock";

interface Flags {
  file: string;
  stacks?: string;
  json?: string;
  remote?: boolean;
}

const program = new Command()
  .name("drift")
  .description("Run `pulumi refresh --preview-only` over the fleet: report drifted resources and fields; exit 1 on drift")
  .option("--file <path>", "the fleet file", path.join(repoRoot, "fleet.yaml"))
  .option("--stacks <list>", "comma-separated stacks (default: every stack of the fleet)")
  .option("--json <path>", "also write the report as JSON")
  .option("--remote", "check on Pulumi Deployments (a detect-drift deployment per stack, the fleet file's 'deployments' section; needs PULUMI_ACCESS_TOKEN)")
  .action(async (flags: Flags) => {
    try {
      process.exitCode = await drift(flags);
    } catch (error) {
      if (error instanceof FleetFileError) {
        console.error(error.message.split("\n").map((line) => `drift: ${line}`).join("\n"));
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });

async function drift(flags: Flags): Promise<number> {
  const fleet = loadFleetFile(flags.file);
  const graph = fleetGraph(fleet, flags.file);
  const stacks = flags.stacks ? flags.stacks.split(",").map((s) => s.trim()).filter(Boolean) : [...graph.stacks.keys()];
  const unknown = stacks.filter((s) => !graph.stacks.has(s));
  if (unknown.length > 0) throw new FleetFileError([`--stacks: ${unknown.join(", ")} not in ${flags.file}`]);
  const driver: StackDriver = flags.remote
    ? new RemoteWorkspaceDriver({ ...remoteDriverOptions(fleet, flags.file, process.env), deploymentsApi: deploymentsApiFrom(process.env, systemClock) })
    : new LocalWorkspaceDriver({
        workDir: repoRoot,
        // refresh takes no policy pack; the driver's option is for preview and up.
        policyPackPath: path.join(repoRoot, "policies"),
        backendFor: fleet.stateBackend === "bootstrap" ? (stack) => stackBackend(fleet, stack) : undefined,
      });
  const report = await detectDrift(graph, driver, fleet.concurrency, stacks);
  describeDrift(report).forEach((line) => console.log(line));
  if (flags.json) {
    fs.mkdirSync(path.dirname(path.resolve(flags.json)), { recursive: true });
    fs.writeFileSync(flags.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report.drifted > 0 || report.failed > 0 ? 1 : 0;
}

void program.parseAsync(process.argv);
