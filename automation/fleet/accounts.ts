import type { StackInfo } from "../stacks/catalog";
import type { FleetFile } from "./schema";

/**
 * The fleet file and the stack files must tell the same story: each stack deploys into the
 * account and region the fleet gives it, as the fleet's role, and owns the baseline the fleet says
 * it owns. The stack's providers enforce its own `platform:account.id` (allowedAccountIds, see
 * docs/accounts.md); this check refuses, before anything starts, a fleet that would send a stack
 * into another account than the one its file allows. One line per problem, naming the stack.
 */
export function fleetAccountProblems(fleet: FleetFile, stacks: ReadonlyMap<string, StackInfo>): string[] {
  const problems: string[] = [];
  fleet.stacks.forEach((entry, i) => {
    const info = stacks.get(entry.name);
    if (!info) return;
    const at = `stacks[${i}] (${entry.name})`;
    const account = fleet.accounts[entry.account];
    const own = info.config.account;
    if (!own) {
      problems.push(`${at}: Pulumi.${entry.name}.yaml names no platform:account; a fleet stack deploys only into its account '${entry.account}' (${account.id})`);
      return;
    }
    if (own.id !== account.id) problems.push(`${at}: account '${entry.account}' is ${account.id}, but Pulumi.${entry.name}.yaml deploys into ${own.id} and refuses any other`);
    if (account.role && own.role?.arn !== account.role) problems.push(`${at}: account '${entry.account}' is reached as ${account.role}, but Pulumi.${entry.name}.yaml assumes ${own.role?.arn ?? "no role"}`);
    if (info.config.region !== entry.region) problems.push(`${at}: region ${entry.region}, but Pulumi.${entry.name}.yaml deploys into ${info.config.region}`);
    if (Boolean(entry.baseline) !== Boolean(own.baseline)) {
      problems.push(`${at}: ${entry.baseline ? "owns" : "does not own"} the baseline of account '${entry.account}' in ${entry.region} in the fleet file, but Pulumi.${entry.name}.yaml ${own.baseline ? "does" : "does not"}`);
    }
    if (Boolean(entry.trail) !== Boolean(own.baseline?.cloudTrail)) {
      problems.push(`${at}: ${entry.trail ? "owns" : "does not own"} the trail of account '${entry.account}' in the fleet file, but Pulumi.${entry.name}.yaml ${own.baseline?.cloudTrail ? "does" : "does not"}`);
    }
  });
  return problems;
}
