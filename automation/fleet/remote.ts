import type { RemoteDriverOptions } from "../driver/remote";
import { FleetFile, FleetFileError } from "./schema";

/**
 * The remote driver's options from the fleet file's `deployments`, with the secret variables it
 * names taken from `env` (this process's environment). Refused, naming what is missing, before
 * anything starts.
 */
export function remoteDriverOptions(fleet: FleetFile, file: string, env: NodeJS.ProcessEnv): RemoteDriverOptions {
  const d = fleet.deployments;
  if (!d) throw new FleetFileError([`${file}: --remote needs a 'deployments' section (organization, project, repository, branch)`]);
  const missing = (d.secretEnvironment ?? []).filter((name) => !env[name]);
  if (missing.length > 0) throw new FleetFileError([`${file}: deployments.secretEnvironment: ${missing.join(", ")} not set in this environment; --remote sends them to the runners as secrets`]);
  const secrets = Object.fromEntries((d.secretEnvironment ?? []).map((name) => [name, { secret: env[name] as string }]));
  return {
    organization: d.organization,
    project: d.project,
    repositoryUrl: d.repository,
    branch: d.branch,
    projectPath: d.projectPath,
    envVars: { ...d.environment, ...secrets },
    preRunCommands: d.preRunCommands,
  };
}
