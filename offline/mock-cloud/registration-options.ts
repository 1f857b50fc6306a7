import { CapturedOptions } from "../captured";

/**
 * The options of a registration as the mock monitor receives them (a RegisterResourceRequest or
 * ReadResourceRequest): the Mocks interface never sees them, so the mock cloud reads them here.
 * Getters a read request lacks count as unset.
 */
export function registrationOptions(req: any): CapturedOptions & { parent?: string } {
  return {
    parent: req.getParent() || undefined,
    protect: Boolean(req.getProtect?.()),
    ignoreChanges: req.getIgnorechangesList?.() ?? [],
    retainOnDelete: Boolean(req.getRetainondelete?.()),
    deleteBeforeReplace: Boolean(req.getDeletebeforereplace?.()),
    dependsOn: req.getDependenciesList?.() ?? [],
    additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
    provider: req.getProvider?.() || undefined,
    propertyDependencies: propertyDependencies(req),
  };
}

/** Recorded for a registration whose options were never read (the monitor was not wrapped by `attach`). */
export const emptyOptions: CapturedOptions = {
  protect: false,
  ignoreChanges: [],
  retainOnDelete: false,
  deleteBeforeReplace: false,
  dependsOn: [],
  additionalSecretOutputs: [],
  propertyDependencies: {},
};

function propertyDependencies(req: any): Record<string, string[]> {
  const map = req.getPropertydependenciesMap?.();
  if (!map) return {};
  const out: Record<string, string[]> = {};
  map.forEach((deps: any, key: string) => {
    const urns: string[] = deps.getUrnsList();
    if (urns.length > 0) out[key] = urns;
  });
  return out;
}
