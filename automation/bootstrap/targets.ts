import type { FleetFile } from "../fleet/schema";
import { BackendTarget, backendUrl } from "./backend";

/** A backend to bootstrap: an account (by the fleet's name) and a region its stacks deploy into, with the role to reach it. */
export interface NamedTarget extends BackendTarget {
  readonly account: string;
  readonly role?: string;
}

/** Every account and region the fleet's stacks deploy into, optionally narrowed to one account or region. */
export function bootstrapTargets(fleet: FleetFile, only: { account?: string; region?: string } = {}): NamedTarget[] {
  const seen = new Map<string, NamedTarget>();
  for (const stack of fleet.stacks) {
    if ((only.account && stack.account !== only.account) || (only.region && stack.region !== only.region)) continue;
    const account = fleet.accounts[stack.account];
    seen.set(`${stack.account} ${stack.region}`, { account: stack.account, accountId: account.id, region: stack.region, role: account.role });
  }
  return [...seen.values()];
}

/**
 * The backend a stack's state lives in: its account's bucket in the region of its primary (its
 * own, unless it is a standby). A standby's program reads its primary's outputs through a
 * StackReference, which resolves only within one backend, so the pair shares a bucket; the
 * standby region's own bucket is there for a copy of the state while the primary region is down.
 */
export function stackBackend(fleet: FleetFile, stackName: string): string {
  const stack = fleet.stacks.find((s) => s.name === stackName);
  if (!stack) throw new Error(`no stack '${stackName}' in the fleet`);
  const primary = stack.standbyFor ? fleet.stacks.find((s) => s.name === stack.standbyFor) : undefined;
  return backendUrl({ accountId: fleet.accounts[stack.account].id, region: (primary ?? stack).region });
}
