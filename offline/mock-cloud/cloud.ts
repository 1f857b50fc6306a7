import * as pulumi from "@pulumi/pulumi";
import { CapturedCall, CapturedOptions, CapturedResource, isCloudResource, RenderProgress } from "../captured";
import { BucketFacts, OtherStacks } from "../other-stacks";
import { unwrapSecrets } from "../secrets";
import { hex } from "./ids";
import { Inputs, inputsOf } from "./inputs";
import { ModelResult } from "./model";
import { observeRegistrations } from "./monitor";
import { AwsProviderFacts, configureAwsProvider } from "./providers";
import { callModels, resourceModels } from "./registry";
import { emptyOptions, registrationOptions } from "./registration-options";
import { resourceReferences } from "./resource-references";
import { SingletonLedger } from "./singletons";

export const mockAccountId = "123456789012";

/** Remote components whose own children are aws resources: they need an aws provider handed to them. */
const awsComponentPackages = ["eks", "awsx"];

/** What a mock cloud is set up with besides its region. */
export interface MockCloudOptions {
  /** The account the ambient credentials (environment or profile) reach; a provider that assumes a role works in the role's. */
  readonly accountId?: string;
  /** Stacks rendered before this one that it may refer to (a standby's primary). */
  readonly stacks?: OtherStacks;
  /** Per-account singletons created so far, shared by the renders of stacks that deploy into the same accounts. */
  readonly ledger?: SingletonLedger;
  /** Who this render is, in the ledger's messages: the stack, or its file. */
  readonly owner?: string;
  /** Packages whose default provider the stack disables (`pulumi:disable-default-providers`). */
  readonly disabledDefaultProviders?: readonly string[];
  /** Called after each registration with the counts so far (a command line's running count). */
  readonly onProgress?: (progress: RenderProgress) => void;
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
  readonly calls: CapturedCall[] = [];
  private readonly pendingOptions = new Map<string, CapturedOptions & { parent?: string }>();
  /** Region and account of each aws provider instance, by provider id. */
  private readonly providers = new Map<string, AwsProviderFacts>();
  /** The account the ambient credentials reach (what the default provider and a provider without a role use). */
  readonly accountId: string;
  readonly stacks: OtherStacks;
  private readonly ledger: SingletonLedger;
  private readonly owner: string;
  private readonly disabledDefaultProviders: readonly string[];
  private readonly onProgress?: (progress: RenderProgress) => void;
  /** Running counts for `onProgress`: kept here, so that no call recounts the whole list. */
  private progress: RenderProgress = { resources: 0, components: 0 };
  /** The buckets of the stacks rendered before this one. */
  private readonly earlierBuckets = new Map<string, BucketFacts>();
  /**
   * This render's buckets so far (bucketsOf its registrations), noted as each registers: finding
   * them again in every registration made a render quadratic in its resources.
   */
  private readonly ownBuckets = new Map<string, BucketFacts>();
  /** What a model reads: the earlier stacks' buckets, then this render's; rebuilt after a bucket registers. */
  private bucketView?: ReadonlyMap<string, BucketFacts>;
  /** Indexes into `resources` of registrations still waiting for their URN, by type and name. */
  private readonly awaitingUrn = new Map<string, number[]>();

  constructor(
    readonly region: string,
    options: MockCloudOptions = {},
  ) {
    this.accountId = options.accountId ?? mockAccountId;
    this.stacks = options.stacks ?? {};
    this.ledger = options.ledger ?? new SingletonLedger();
    this.owner = options.owner ?? "this stack";
    this.disabledDefaultProviders = options.disabledDefaultProviders ?? [];
    this.onProgress = options.onProgress;
    for (const stack of Object.values(this.stacks)) for (const [name, f] of Object.entries(stack.buckets ?? {})) this.earlierBuckets.set(name, f);
  }

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    // The SDK hands the inputs over typed `any`: narrowed here, once, to unknown values.
    const recorded = inputsOf(resourceReferences(args.inputs));
    const inputs = unwrapSecrets(recorded);
    const key = `${args.type}::${args.name}`;
    const options = this.pendingOptions.get(key);
    this.pendingOptions.delete(key);
    this.refuseDefaultProvider(args, options?.providers);
    // A remote component's own children use the aws provider in its providers map.
    const { region, accountId } = this.placeOf(args.provider || (args.custom ? undefined : options?.providers?.aws));
    const { id, state: computed } = this.answer(args, inputs, region, accountId);
    const state = { ...inputs, ...stripUndefined(computed) };
    const resource: CapturedResource = {
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
    };
    this.resources.push(resource);
    const waiting = this.awaitingUrn.get(key);
    if (waiting) waiting.push(this.resources.length - 1);
    else this.awaitingUrn.set(key, [this.resources.length - 1]);
    if (noteBucket(this.ownBuckets, resource)) this.bucketView = undefined;
    this.reportProgress(args);
    return { id, state };
  }

  /** Counts the registration just recorded as `plan` counts the whole list (providers are neither). */
  private reportProgress(args: pulumi.runtime.MockResourceArgs): void {
    if (!this.onProgress) return;
    const custom = args.custom ?? false;
    const { resources, components } = this.progress;
    if (isCloudResource({ custom, type: args.type })) this.progress = { resources: resources + 1, components };
    else if (!custom) this.progress = { resources, components: components + 1 };
    this.onProgress(this.progress);
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    const inputs = unwrapSecrets(inputsOf(args.inputs));
    const { region, accountId, callerArn } = this.placeOf(args.provider);
    this.calls.push({ token: args.token, region, inputs, provider: args.provider || undefined });
    const model = callModels[args.token];
    if (!model) {
      const message = `mock cloud has no model for function ${args.token}: add one under offline/mock-cloud/aws/`;
      this.errors.push(message);
      throw new Error(message);
    }
    if (!args.provider && this.disabledDefaultProviders.some((p) => p === "*" || args.token.startsWith(`${p}:`))) {
      return this.recordFailure(args.token, () => {
        throw new Error(`Default provider for '${args.token.split(":")[0]}' disabled. '${args.token}' must use an explicit provider.`);
      });
    }
    return this.recordFailure(args.token, () => model(inputs, { region, accountId, callerArn, stacks: this.stacks }));
  }

  /**
   * With `pulumi:disable-default-providers` naming a package, the engine refuses a registration
   * that would fall back on that package's default provider ("Default provider for 'aws'
   * disabled. '<urn>' must use an explicit provider.", pulumi/pulumi#8829). A remote component
   * (eks, awsx) registers its own aws children: it needs an aws provider in its providers map,
   * which the SDK fills from `opts.providers` only, never from the parent's.
   */
  private refuseDefaultProvider(args: pulumi.runtime.MockResourceArgs, providers: Readonly<Record<string, string>> | undefined): void {
    const pkg = args.type.split(":")[0];
    const disabled = (p: string) => this.disabledDefaultProviders.includes("*") || this.disabledDefaultProviders.includes(p);
    const what = `${args.type}::${args.name}`;
    if (args.custom && !args.type.startsWith("pulumi:providers:") && !args.provider && disabled(pkg)) {
      this.recordFailure(what, () => {
        throw new Error(`Default provider for '${pkg}' disabled. '${what}' must use an explicit provider.`);
      });
    }
    if (!args.custom && awsComponentPackages.includes(pkg) && disabled("aws") && !providers?.aws) {
      this.recordFailure(what, () => {
        throw new Error(`Default provider for 'aws' disabled. '${what}' is a remote component given no aws provider (opts.providers): its aws resources would use the default provider.`);
      });
    }
  }

  /**
   * What the cloud answers a registration with: a provider gets an id (and an aws provider's
   * region and account are noted), our own components nothing, any other resource what its model
   * computes.
   */
  private answer(args: pulumi.runtime.MockResourceArgs, inputs: Inputs, region: string, accountId: string): ModelResult {
    const seed = `${args.type}::${args.name}`;
    if (args.type.startsWith("pulumi:providers:")) {
      const id = hex(seed, 36);
      if (args.type === "pulumi:providers:aws") {
        this.providers.set(id, this.recordFailure(`provider ${args.name}`, () => configureAwsProvider(args.name, inputs, this.accountId)));
      }
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
    return this.recordFailure(`${args.type} (${args.name})`, () => {
      this.ledger.claim(args.type, accountId, region, `${this.owner}'s ${args.name}`);
      return model({ type: args.type, name: args.name, inputs, region, accountId, seed, stacks: this.stacks, buckets: this.bucketFacts() });
    });
  }

  /** The buckets of the stacks rendered before this one, then this render's (bucketsOf). */
  private bucketFacts(): ReadonlyMap<string, BucketFacts> {
    this.bucketView ??= new Map([...this.earlierBuckets, ...this.ownBuckets]);
    return this.bucketView;
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

  /**
   * Region and account of a provider reference (`<urn>::<id>`); without one (the default
   * provider), the stack's region and the ambient credentials' account.
   */
  private placeOf(provider: string | undefined): AwsProviderFacts {
    const facts = provider ? this.providers.get(provider.slice(provider.lastIndexOf("::") + 2)) : undefined;
    return facts ?? { region: this.region, accountId: this.accountId, callerArn: `arn:aws:iam::${this.accountId}:user/platform-engineer` };
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
        const index = this.awaitingUrn.get(`${req.getType()}::${req.getName()}`)?.shift();
        if (index !== undefined) this.resources[index] = { ...this.resources[index], urn };
      },
    });
  }
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** The S3 buckets among `resources`, by name, and whether a BucketVersioning resource turned versioning on. */
export function bucketsOf(resources: readonly CapturedResource[]): Record<string, BucketFacts> {
  const buckets = new Map<string, BucketFacts>();
  for (const r of resources) noteBucket(buckets, r);
  return Object.fromEntries(buckets);
}

/**
 * Notes what one registration says of a bucket: that it exists (unversioned until a
 * BucketVersioning says otherwise, whichever registers first) or its versioning. True when it
 * said something.
 */
function noteBucket(buckets: Map<string, BucketFacts>, r: CapturedResource): boolean {
  if (typeof r.state.bucket !== "string") return false;
  if (r.type === "aws:s3/bucket:Bucket" || r.type === "aws:s3/bucketV2:BucketV2") {
    if (!buckets.has(r.state.bucket)) buckets.set(r.state.bucket, { versioned: false });
    return true;
  }
  if (r.type === "aws:s3/bucketVersioning:BucketVersioning") {
    const config = r.state.versioningConfiguration as { status?: unknown } | undefined;
    buckets.set(r.state.bucket, { versioned: config?.status === "Enabled" });
    return true;
  }
  return false;
}
