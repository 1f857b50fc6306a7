import * as pulumi from "@pulumi/pulumi";
import { hex } from "./ids";
import { OtherStacks } from "./model";
import { callModels, resourceModels } from "./registry";

export const mockAccountId = "123456789012";

/** Resource options that matter to reviews and policies, as the program set them. */
export interface CapturedOptions {
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly dependsOn: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  /** Provider reference `<provider urn>::<provider id>`; undefined for the default provider. */
  readonly provider?: string;
  /** Resource URNs each top-level input depends on (what the engine hands policies). */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** One registration the program made, in registration order. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN; undefined for stack-level resources. */
  readonly parent: string | undefined;
  readonly custom: boolean;
  readonly id: string;
  /** Region the resource lives in: its provider's region (a second provider may differ from the stack's). */
  readonly region: string;
  /** Inputs with secret values still wrapped (see `isSecretValue`). */
  readonly inputs: Record<string, unknown>;
  /** Inputs merged with the attributes the mock cloud computed. */
  readonly state: Record<string, unknown>;
  readonly options: CapturedOptions;
}

export function isSecretValue(value: unknown): boolean {
  return pulumi.runtime.isRpcSecret(value);
}

/** Replaces secret values with `[secret]`, recursively. */
export function redactSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v)]));
  }
  return value;
}

/**
 * A resource passed as an input (a remote component's `serviceRole`) arrives rehydrated as a
 * Resource object; it is recorded as `{ resourceRef: "<type>::<name>" }`, which tests can compare
 * and plan.json can print.
 */
export function resourceReferences(value: unknown): unknown {
  if (pulumi.Resource.isInstance(value)) {
    const resource = value as unknown as { __pulumiType: string; __name: string };
    return { resourceRef: `${resource.__pulumiType}::${resource.__name}` };
  }
  if (isSecretValue(value) || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(resourceReferences);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resourceReferences(v)]));
}

export function unwrapSecrets(value: unknown): any {
  if (isSecretValue(value)) return unwrapSecrets(pulumi.runtime.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/**
 * A mock AWS account: answers registrations with ids, ARNs and computed attributes in AWS's
 * formats for its region and account, and look-ups such as caller identity and zones.
 */
export class MockCloud implements pulumi.runtime.Mocks {
  readonly resources: CapturedResource[] = [];
  /** Failures inside the mocks; a render with any of them fails. */
  readonly errors: string[] = [];
  /** Every function call (data source) the program made, and the region it went to. */
  readonly calls: { readonly token: string; readonly region: string; readonly inputs: Record<string, unknown> }[] = [];
  private readonly pendingOptions = new Map<string, CapturedOptions & { parent?: string }>();
  /** Region of each aws provider instance, by provider id. */
  private readonly providerRegions = new Map<string, string>();

  /** `stacks`: stacks rendered before this one that it may refer to (a standby's primary). */
  constructor(readonly region: string, readonly accountId: string = mockAccountId, readonly stacks: OtherStacks = {}) {}

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    const inputs = unwrapSecrets(resourceReferences(args.inputs)) as Record<string, any>;
    const seed = `${args.type}::${args.name}`;
    let id = "";
    let computed: Record<string, unknown> = {};
    const region = this.regionOf(args.provider);
    if (args.type.startsWith("pulumi:providers:")) {
      id = hex(seed, 36);
      if (args.type === "pulumi:providers:aws" && typeof inputs.region === "string") this.providerRegions.set(id, inputs.region);
    } else if (!args.custom && args.type.startsWith("platform:")) {
      // Our own component resources have no state of their own; remote components (awsx, eks) do.
      id = "";
    } else {
      const model = resourceModels[args.type];
      if (!model) {
        const message = `mock cloud has no model for resource type ${args.type} (${args.name}): add one under offline/mock-cloud/aws/`;
        this.errors.push(message);
        throw new Error(message);
      }
      const result = this.recordFailure(`${args.type} (${args.name})`, () =>
        model({ type: args.type, name: args.name, inputs, region, accountId: this.accountId, seed, stacks: this.stacks }),
      );
      id = result.id;
      computed = result.state;
    }
    const state = { ...inputs, ...stripUndefined(computed) };
    const key = `${args.type}::${args.name}`;
    const options = this.pendingOptions.get(key);
    this.pendingOptions.delete(key);
    this.resources.push({
      urn: "",
      type: args.type,
      name: args.name,
      parent: options?.parent,
      custom: args.custom ?? false,
      id,
      region,
      inputs: resourceReferences(args.inputs) as Record<string, unknown>,
      state,
      options: options ?? emptyOptions,
    });
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    this.calls.push({ token: args.token, region: this.regionOf(args.provider), inputs: unwrapSecrets(args.inputs) });
    const model = callModels[args.token];
    if (!model) {
      const message = `mock cloud has no model for function ${args.token}: add one under offline/mock-cloud/aws/`;
      this.errors.push(message);
      throw new Error(message);
    }
    return this.recordFailure(args.token, () => model(unwrapSecrets(args.inputs), { region: this.regionOf(args.provider), accountId: this.accountId, stacks: this.stacks }));
  }

  /**
   * A model that throws (AWS would refuse the request) must fail the render: the SDK only logs a
   * failed registration and carries on without the resource.
   */
  private recordFailure<T>(what: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.errors.push(`${what}: ${(error as Error).message}`);
      throw error;
    }
  }

  /** A provider reference is `<urn>::<id>`; resources without one use the stack's region. */
  private regionOf(provider: string | undefined): string {
    if (!provider) return this.region;
    const id = provider.slice(provider.lastIndexOf("::") + 2);
    return this.providerRegions.get(id) ?? this.region;
  }

  /**
   * Wraps the mock monitor so each registration's parent and options are recorded; the Mocks
   * interface alone does not see them.
   */
  attach(monitor: any): void {
    // Reads (a StackReference is one) go through readResource; everything else registers.
    for (const method of ["registerResource", "readResource"] as const) {
      const original = monitor[method].bind(monitor);
      monitor[method] = (req: any, callback: (err: any, resp: any) => void) => {
        this.pendingOptions.set(`${req.getType()}::${req.getName()}`, {
          parent: req.getParent() || undefined,
          protect: Boolean(req.getProtect?.()),
          ignoreChanges: req.getIgnorechangesList?.() ?? [],
          retainOnDelete: Boolean(req.getRetainondelete?.()),
          deleteBeforeReplace: Boolean(req.getDeletebeforereplace?.()),
          dependsOn: req.getDependenciesList?.() ?? [],
          additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
          provider: req.getProvider?.() || undefined,
          propertyDependencies: propertyDependencies(req),
        });
        return original(req, (err: any, resp: any) => {
          if (!err && resp) {
            const urn = resp.getUrn();
            const index = this.resources.findIndex((r) => r.urn === "" && r.type === req.getType() && r.name === req.getName());
            if (index >= 0) this.resources[index] = { ...this.resources[index], urn };
          }
          callback(err, resp);
        });
      };
    }
  }
}

const emptyOptions: CapturedOptions = {
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

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

