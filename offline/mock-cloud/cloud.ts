import * as pulumi from "@pulumi/pulumi";
import { CapturedCall, CapturedOptions, CapturedResource } from "../captured";
import { OtherStacks } from "../other-stacks";
import { unwrapSecrets } from "../secrets";
import { hex } from "./ids";
import { Inputs, inputsOf } from "./inputs";
import { ModelResult } from "./model";
import { observeRegistrations } from "./monitor";
import { callModels, resourceModels } from "./registry";
import { emptyOptions, registrationOptions } from "./registration-options";
import { resourceReferences } from "./resource-references";

export const mockAccountId = "123456789012";

/**
 * A mock AWS account: answers registrations with ids, ARNs and computed attributes in AWS's
 * formats for its region and account, and look-ups such as caller identity and zones.
 */
export class MockCloud implements pulumi.runtime.Mocks {
  readonly resources: CapturedResource[] = [];
  /** Failures inside the mocks; a render with any of them fails. */
  readonly errors: string[] = [];
  /** Every function call (data source) the program made, and the region it went to. */
  readonly calls: CapturedCall[] = [];
  private readonly pendingOptions = new Map<string, CapturedOptions & { parent?: string }>();
  /** Region of each aws provider instance, by provider id. */
  private readonly providerRegions = new Map<string, string>();

  /** `stacks`: stacks rendered before this one that it may refer to (a standby's primary). */
  constructor(readonly region: string, readonly accountId: string = mockAccountId, readonly stacks: OtherStacks = {}) {}

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    // The SDK hands the inputs over typed `any`: narrowed here, once, to unknown values.
    const recorded = inputsOf(resourceReferences(args.inputs));
    const inputs = unwrapSecrets(recorded);
    const region = this.regionOf(args.provider);
    const { id, state: computed } = this.answer(args, inputs, region);
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
      inputs: recorded,
      state,
      options: options ?? emptyOptions,
    });
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    const inputs = unwrapSecrets(inputsOf(args.inputs));
    const region = this.regionOf(args.provider);
    this.calls.push({ token: args.token, region, inputs });
    const model = callModels[args.token];
    if (!model) {
      const message = `mock cloud has no model for function ${args.token}: add one under offline/mock-cloud/aws/`;
      this.errors.push(message);
      throw new Error(message);
    }
    return this.recordFailure(args.token, () => model(inputs, { region, accountId: this.accountId, stacks: this.stacks }));
  }

  /**
   * What the cloud answers a registration with: a provider gets an id (and an aws provider's
   * region is noted), our own components nothing, any other resource what its model computes.
   */
  private answer(args: pulumi.runtime.MockResourceArgs, inputs: Inputs, region: string): ModelResult {
    const seed = `${args.type}::${args.name}`;
    if (args.type.startsWith("pulumi:providers:")) {
      const id = hex(seed, 36);
      if (args.type === "pulumi:providers:aws" && typeof inputs.region === "string") this.providerRegions.set(id, inputs.region);
      return { id, state: {} };
    }
    // Our own component resources have no state of their own; remote components (awsx, eks) do.
    if (!args.custom && args.type.startsWith("platform:")) return { id: "", state: {} };
    const model = resourceModels[args.type];
    if (!model) {
      const message = `mock cloud has no model for resource type ${args.type} (${args.name}): add one under offline/mock-cloud/aws/`;
      this.errors.push(message);
      throw new Error(message);
    }
    return this.recordFailure(`${args.type} (${args.name})`, () =>
      model({ type: args.type, name: args.name, inputs, region, accountId: this.accountId, seed, stacks: this.stacks }),
    );
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
   * Wraps the mock monitor so each registration's parent and options are recorded, and its URN
   * once the monitor gives one; the Mocks interface alone does not see them.
   */
  attach(monitor: unknown): void {
    observeRegistrations(monitor, {
      requested: (req) => {
        this.pendingOptions.set(`${req.getType()}::${req.getName()}`, registrationOptions(req));
      },
      registered: (req, urn) => {
        const index = this.resources.findIndex((r) => r.urn === "" && r.type === req.getType() && r.name === req.getName());
        if (index >= 0) this.resources[index] = { ...this.resources[index], urn };
      },
    });
  }
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
