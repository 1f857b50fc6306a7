import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import { CapturedOptions } from "../captured";
import type { RegistrationRequest } from "./monitor";

/**
 * The options of a registration as the mock monitor receives them (a RegisterResourceRequest or
 * ReadResourceRequest): the Mocks interface never sees them, so the mock cloud reads them here.
 * Options a read request does not carry count as unset.
 */
export function registrationOptions(req: RegistrationRequest): CapturedOptions & { parent?: string } {
  const registration = "getProtect" in req ? req : undefined;
  return {
    parent: req.getParent() || undefined,
    protect: Boolean(registration?.getProtect()),
    ignoreChanges: registration?.getIgnorechangesList() ?? [],
    retainOnDelete: Boolean(registration?.getRetainondelete()),
    deleteBeforeReplace: Boolean(registration?.getDeletebeforereplace()),
    dependsOn: req.getDependenciesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    provider: req.getProvider() || undefined,
    providers: registration ? providersMap(registration) : {},
    propertyDependencies: registration ? propertyDependencies(registration) : {},
  };
}

function providersMap(req: RegisterResourceRequest): Record<string, string> {
  const out: Record<string, string> = {};
  req.getProvidersMap().forEach((ref, pkg) => {
    out[pkg] = ref;
  });
  return out;
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

function propertyDependencies(req: RegisterResourceRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    const urns = deps.getUrnsList();
    if (urns.length > 0) out[key] = urns;
  });
  return out;
}
