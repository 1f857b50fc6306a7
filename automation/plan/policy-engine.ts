/**
 * The offline twin of the CrossGuard engine: builds the same validation arguments the Pulumi CLI
 * builds (resource rules see each resource's inputs, stack rules every resource's outputs with
 * parents and property dependencies), applies the pack config's enforcement levels, and collects
 * violations, notes about unknown values and rule crashes the way the engine reports them.
 */
import type {
  EnforcementLevel,
  PolicyPackConfig,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { levelOf, settingsOf } from "../../policies/lib/enforcement";
import { hasResourceCheck, hasStackCheck, PlatformRule } from "../../policies/lib/rule";
import { SuppressedViolationSink, suppressedViolationSink, Suppression } from "../../policies/lib/suppressions";
import { engineProxy, isUnknownValueError } from "../../policies/lib/unknown";
import type { CapturedResource } from "../../offline";
import { unwrapSecrets } from "../../offline";

export interface Violation {
  readonly rule: string;
  readonly level: EnforcementLevel;
  readonly message: string;
  /** The resource the violation is about; undefined for a stack-wide violation. */
  readonly urn?: string;
  readonly resourceType?: string;
  readonly resourceName?: string;
}

/** A violation a suppression kept out of the report, with the suppression that did. */
export interface SuppressedViolation extends Violation {
  readonly suppression: Suppression;
}

export interface GateResult {
  readonly violations: readonly Violation[];
  /** Violations suppressions kept out (the engine drops these silently; the offline gate lists them). */
  readonly suppressed: readonly SuppressedViolation[];
  /** Rules that could not judge something because a value was unknown (only during a preview). */
  readonly notJudged: readonly { readonly rule: string; readonly urn?: string; readonly message: string }[];
  /** Rules that threw: the engine fails the preview on these. */
  readonly errors: readonly { readonly rule: string; readonly urn?: string; readonly message: string }[];
  /** What the rules judged: the stack's registrations less its providers, that is cloud resources and components. */
  readonly resourceCount: number;
  /** Of those, components (the stack, the tiers, awsx/eks components), which own no cloud resource themselves. */
  readonly componentCount: number;
}

/** What `args.notApplicable()` throws, as in @pulumi/policy's server. */
export class NotApplicableError extends Error {}

/** A resource as the engine describes it to a policy. */
export interface EngineResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, unknown>;
  readonly opts?: Partial<PolicyResourceOptions>;
  readonly provider?: { readonly type: string; readonly name: string; readonly urn: string; readonly props: Record<string, unknown> };
}

export interface ArgsOptions {
  /** The rule's settings (what `getConfig()` returns). */
  readonly config?: Record<string, unknown>;
  readonly stackTags?: ReadonlyMap<string, string>;
  /** Receives the violations suppressions kept out (the engine has no such hook). */
  readonly onSuppressed?: SuppressedViolationSink;
}

/** Attaches the offline gate's suppression hook to validation args, under the key the rules look for. */
function withSink<T extends object>(args: T, sink: SuppressedViolationSink | undefined): T {
  if (sink) Object.defineProperty(args, suppressedViolationSink, { value: sink, enumerable: false });
  return args;
}

/** What `isType` / `asType` read of the resource class a rule passes (`aws.s3.Bucket`). */
interface ResourceClassLike {
  readonly __pulumiType?: unknown;
  readonly isInstance?: (obj: unknown) => boolean;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as ResourceClassLike | undefined;
  const token = cls?.__pulumiType;
  if (typeof token === "string" && token !== "") return type === token;
  return typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type });
}

function fullOptions(opts: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
  return {
    protect: opts.protect ?? false,
    ignoreChanges: [...(opts.ignoreChanges ?? [])],
    aliases: [...(opts.aliases ?? [])],
    customTimeouts: opts.customTimeouts ?? { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? [])],
    ...(opts.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: opts.deleteBeforeReplace } : {}),
    ...(opts.parent ? { parent: opts.parent } : {}),
  };
}

/** The arguments the engine passes to `validateResource` (props wrapped in its unknown-checking proxy). */
export function resourceArgs(resource: EngineResource, options: ArgsOptions = {}): ResourceValidationArgs {
  const props = engineProxy({ ...resource.props });
  const args: ResourceValidationArgs = {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: fullOptions(resource.opts),
    stackTags: options.stackTags ?? new Map(),
    isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
    asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...(options.config ?? {}) }) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicableError(reason ?? "Policy does not apply");
    },
  };
  if (resource.provider) args.provider = { ...resource.provider, props: engineProxy({ ...resource.provider.props }) };
  return withSink(args, options.onSuppressed);
}

/** Stack resources the way `validateStack` receives them: outputs, parents and dependencies as objects. */
export function policyResources(resources: readonly (EngineResource & { parentUrn?: string; propertyDependencies?: Readonly<Record<string, readonly string[]>> })[]): PolicyResource[] {
  const built = resources.map((r) => {
    const props = engineProxy({ ...r.props });
    const resource: PolicyResource = {
      type: r.type,
      name: r.name,
      urn: r.urn,
      props,
      opts: fullOptions(r.opts),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(r.type, resourceClass),
      asType: ((resourceClass: unknown) => (isTypeOf(r.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
    };
    return { resource, source: r };
  });
  const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource]));
  for (const { resource, source } of built) {
    if (source.parentUrn && byUrn.has(source.parentUrn)) resource.parent = byUrn.get(source.parentUrn);
    const deps = source.propertyDependencies ?? {};
    for (const [key, urns] of Object.entries(deps)) {
      resource.propertyDependencies[key] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
    }
    resource.dependencies = [...new Set(Object.values(deps).flat())].map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
  }
  return built.map((b) => b.resource);
}

export function stackArgs(resources: PolicyResource[], options: ArgsOptions = {}): StackValidationArgs {
  return withSink<StackValidationArgs>({
    resources,
    stackTags: options.stackTags ?? new Map(),
    getConfig: <T extends object>() => ({ ...(options.config ?? {}) }) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicableError(reason ?? "Policy does not apply");
    },
  }, options.onSuppressed);
}

/** Captured registrations as engine resources: inputs for resource rules, outputs for stack rules. */
export function engineResources(captured: readonly CapturedResource[]) {
  const byUrn = new Map(captured.map((r) => [r.urn, r]));
  const providerOf = (ref: string | undefined) => {
    if (!ref) return undefined;
    const urn = ref.split("::").slice(0, -1).join("::");
    const provider = byUrn.get(urn);
    return provider ? { type: provider.type, name: provider.name, urn: provider.urn, props: unwrapSecrets(provider.inputs) } : undefined;
  };
  const targets = captured.filter((r) => !r.type.startsWith("pulumi:providers:"));
  return targets.map((r) => {
    const opts: Partial<PolicyResourceOptions> = {
      protect: r.options.protect,
      ignoreChanges: [...r.options.ignoreChanges],
      additionalSecretOutputs: [...r.options.additionalSecretOutputs],
      deleteBeforeReplace: r.options.deleteBeforeReplace,
      parent: r.parent,
    };
    return {
      inputs: { type: r.type, name: r.name, urn: r.urn, props: unwrapSecrets(r.inputs), opts, provider: providerOf(r.options.provider) },
      outputs: {
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.custom ? { id: r.id, ...r.state } : { ...r.state },
        opts,
        parentUrn: r.parent,
        propertyDependencies: r.options.propertyDependencies,
      },
    };
  });
}

/** Runs every rule over a stack's registrations under a pack config, as `pulumi preview` would. */
export async function runRules(rules: readonly PlatformRule[], captured: readonly CapturedResource[], config: PolicyPackConfig, stackTags: ReadonlyMap<string, string> = new Map()): Promise<GateResult> {
  const resources = engineResources(captured);
  const byUrn = new Map(resources.map((r) => [r.inputs.urn, r.inputs]));
  const violations: Violation[] = [];
  const suppressed: SuppressedViolation[] = [];
  const notJudged: GateResult["notJudged"][number][] = [];
  const errors: GateResult["errors"][number][] = [];
  // The engine deserialises the stack anew for each policy; rules only read it, so the offline gate
  // builds it once (on a 20x prod stack, rebuilding it per rule was a fifth of plan's time: scripts/bench.ts).
  let stackResources: PolicyResource[] | undefined;

  for (const rule of rules) {
    const level = levelOf(rule, config);
    if (level === "disabled") continue;
    const options: ArgsOptions = {
      config: settingsOf(rule, config),
      stackTags,
      onSuppressed: (s) => suppressed.push({ ...violation(rule.name, level, s.message, s.urn ? byUrn.get(s.urn) : undefined, s.urn), suppression: s.suppression }),
    };
    const record = (fallbackUrn: string | undefined, error: unknown) => {
      const message = (error as Error)?.message ?? String(error);
      if (error instanceof NotApplicableError) return;
      if (isUnknownValueError(error)) notJudged.push({ rule: rule.name, urn: fallbackUrn, message });
      else errors.push({ rule: rule.name, urn: fallbackUrn, message });
    };
    if (hasResourceCheck(rule)) {
      const validations = (Array.isArray(rule.validateResource) ? rule.validateResource : [rule.validateResource]).filter((v): v is NonNullable<typeof v> => !!v);
      // A rule's resource check returns at once for a type it does not judge (policies/lib/rule.ts);
      // the engine still builds its arguments for every resource, and skipping that here changes no
      // verdict and saves most of the gate's time (scripts/bench.ts).
      const judged = new Set(rule.types);
      for (const r of resources) {
        if (!judged.has(r.inputs.type)) continue;
        const report: ReportViolation = (message) => violations.push(violation(rule.name, level, message, r.inputs));
        for (const validate of validations) {
          try {
            await validate(resourceArgs(r.inputs, options), report);
          } catch (error) {
            record(r.inputs.urn, error);
          }
        }
      }
    }
    if (hasStackCheck(rule)) {
      const report: ReportViolation = (message, urn) => violations.push(violation(rule.name, level, message, urn ? byUrn.get(urn) : undefined, urn));
      try {
        stackResources ??= policyResources(resources.map((r) => r.outputs));
        await rule.validateStack(stackArgs(stackResources, options), report);
      } catch (error) {
        record(undefined, error);
      }
    }
  }
  return { violations, suppressed, notJudged, errors, resourceCount: resources.length, componentCount: captured.filter((r) => !r.custom).length };
}

function violation(rule: string, level: EnforcementLevel, message: string, resource?: EngineResource, urn?: string): Violation {
  return { rule, level, message, urn: resource?.urn ?? urn, resourceType: resource?.type, resourceName: resource?.name };
}
