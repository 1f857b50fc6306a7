import { DeploymentsApi, HttpCall } from "../driver/deployments-api";
import type { RemoteDriverOptions } from "../driver/remote";
import type { Clock } from "../shared/clock";
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

/**
 * The Deployments REST API client for `drift --remote`: Pulumi Cloud's URL from PULUMI_API (as the
 * CLI reads it for a self-hosted Cloud), else https://api.pulumi.com, and the token from
 * PULUMI_ACCESS_TOKEN, which the REST API requires. Refused before anything starts without one.
 */
export function deploymentsApiFrom(env: NodeJS.ProcessEnv, clock: Clock, call?: HttpCall): DeploymentsApi {
  const token = env.PULUMI_ACCESS_TOKEN;
  if (!token) throw new FleetFileError(["--remote: PULUMI_ACCESS_TOKEN is not set; the Deployments REST API needs a Pulumi Cloud access token"]);
  return new DeploymentsApi({ apiUrl: env.PULUMI_API || "https://api.pulumi.com", token, clock, call });
}
