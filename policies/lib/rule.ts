/**
 * How a rule is written: `rule({...})` turns a small spec (types, a resource check, a stack check,
 * a fix hint) into a CrossGuard policy. The wrapper unwraps the engine's proxy, collects unknown
 * values (see unknown.ts), merges the rule's config defaults and skips types the rule does not
 * judge, so each check reads as plain code over plain data.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { StackView } from "./stack-view";
import { applicableSuppression, configuredSuppressions, SuppressedViolationSink, suppressedViolationSink } from "./suppressions";
import { UnknownValues, unwrap } from "./unknown";

export type Theme = "encryption" | "transit" | "iam" | "network" | "data-protection" | "logging" | "tagging" | "governance";

/**
 * The well-known controls a rule covers, by their own ids, for the traceability table of
 * docs/policy-rules.md (policies/lib/control-catalog.ts holds each id's title and source).
 */
export interface ControlRefs {
  /** cdk-nag AwsSolutions rule ids (`AwsSolutions-KMS5`). */
  readonly cdkNag?: readonly string[];
  /** Checkov check ids (`CKV_AWS_7`, `CKV2_AWS_57`). */
  readonly checkov?: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0.0 recommendation numbers (`3.6`). */
  readonly cis?: readonly string[];
  /** Pulumi awsguard policy names (`cmk-backing-key-rotation-enabled`). */
  readonly awsguard?: readonly string[];
}

/**
 * `mandatory`: blocks in every stack. `per-environment`: mandatory or advisory as the stack's
 * pack config says (policies/config/<level>.json, derived from `platform:policy.enforcement`).
 */
export type Scope = "mandatory" | "per-environment";

/** A resource as a check sees it: the engine's arguments with `props` unwrapped. */
export interface ResourceInput {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Inputs as plain data; values unknown during preview are sentinel strings (see unknown.ts). */
  readonly props: Record<string, unknown>;
  readonly opts: PolicyResourceOptions;
  /** The provider's inputs (default tags live there); undefined for the default provider. */
  readonly providerProps?: Record<string, unknown>;
}

export interface CheckContext<C> {
  readonly config: C;
  /** Records that a needed value is unknown; returns true when it is (skip judging it). */
  readonly unknown: (value: unknown, path: string) => boolean;
  /** Records that something could not be decided from known values (a link through unknown ids). */
  readonly undecided: (what: string) => void;
  readonly report: (message: string) => void;
}

export interface StackCheckContext<C> {
  readonly config: C;
  readonly unknown: (value: unknown, path: string) => boolean;
  readonly undecided: (what: string) => void;
  /** `urn` names the resource the violation is about; without it the violation is the stack's. */
  readonly report: (message: string, urn?: string) => void;
}

export interface RuleSpec<C extends object> {
  /** Kebab-case id; the key in the pack config. */
  readonly name: string;
  readonly description: string;
  readonly theme: Theme;
  readonly scope: Scope;
  /** What to change, for the person who reads the violation. */
  readonly fix: string;
  readonly severity?: Severity;
  /** The cdk-nag, Checkov, CIS and awsguard controls the rule covers. */
  readonly controls?: ControlRefs;
  /** Resource types the resource check judges. */
  readonly types?: readonly string[];
  readonly configSchema?: PolicyConfigSchema;
  /** Defaults for the rule's config; the pack config overrides them key by key. */
  readonly defaults?: C;
  readonly checkResource?: (resource: ResourceInput, context: CheckContext<C>) => void | Promise<void>;
  /** Checks that span resources; they see every resource's outputs at the end of a preview or update. */
  readonly checkStack?: (stack: StackView, context: StackCheckContext<C>) => void | Promise<void>;
}

/** A CrossGuard policy with the metadata the offline gate and the README print. */
export type PlatformRule = (ResourceValidationPolicy | StackValidationPolicy | (ResourceValidationPolicy & StackValidationPolicy)) & {
  readonly theme: Theme;
  readonly scope: Scope;
  readonly fix: string;
  readonly types: readonly string[];
  readonly controls: ControlRefs;
};

/** Every rule's pack-level default: it blocks unless the stack's config says advisory. */
export const defaultEnforcement: EnforcementLevel = "mandatory";

/**
 * The `suppressions` setting every rule takes (policies/lib/suppressions.ts). Declaring it in each
 * rule's schema makes the engine validate it and create the rule's config even without other
 * settings (it fills a rule's config from its schema: pulumi/pulumi pkg/resource/plugin, CreateConfigWithDefaults).
 */
export const suppressionsSetting = {
  type: "array",
  description: "Violations of this rule accepted for the named resources, each with its reason (10 characters or more) and an optional expiry date (YYYY-MM-DD); written by `plan` from platform:policy.suppressions.",
  items: {
    type: "object",
    properties: {
      rule: { type: "string" },
      resource: { type: "string", minLength: 1 },
      reason: { type: "string" },
      expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
    },
    required: ["resource", "reason"],
  },
} as const;

/** Every rule built with `rule()` in this process, by name, with the types its resource check judges (policy-suppressions reads it). */
const built = new Map<string, readonly string[]>();
export function builtRules(): ReadonlyMap<string, readonly string[]> {
  return built;
}

/** The callback the offline gate hands the rules for violations a suppression kept out (absent in the engine). */
function sinkOf(args: object): SuppressedViolationSink | undefined {
  const sink = (args as Record<symbol, unknown>)[suppressedViolationSink];
  return typeof sink === "function" ? (sink as SuppressedViolationSink) : undefined;
}

/**
 * One view per resource list: the engine hands each policy a list of its own, the offline gate one
 * list to every rule (automation/plan/policy-engine.ts), and a view is read-only, so rules share it.
 */
const views = new WeakMap<readonly PolicyResource[], StackView>();
function stackView(resources: readonly PolicyResource[]): StackView {
  let view = views.get(resources);
  if (!view) views.set(resources, (view = new StackView(resources)));
  return view;
}

export function rule<C extends object = Record<string, never>>(spec: RuleSpec<C>): PlatformRule {
  const types = spec.types ?? [];
  const judged = new Set(types);
  built.set(spec.name, types);
  const config = (args: { getConfig<T extends object>(): T }): C => ({ ...(spec.defaults ?? ({} as C)), ...args.getConfig<Partial<C>>() });
  const policy: Record<string, unknown> = {
    name: spec.name,
    description: spec.description,
    enforcementLevel: defaultEnforcement,
    severity: spec.severity ?? (spec.scope === "mandatory" ? "high" : "medium"),
    remediationSteps: spec.fix,
    tags: [spec.theme, spec.scope],
    theme: spec.theme,
    scope: spec.scope,
    fix: spec.fix,
    types,
    controls: spec.controls ?? {},
  };
  policy.configSchema = { ...spec.configSchema, properties: { ...spec.configSchema?.properties, suppressions: suppressionsSetting } };
  if (spec.checkResource) {
    const check = spec.checkResource;
    policy.validateResource = async (args: ResourceValidationArgs, report: ReportViolation) => {
      if (!judged.has(args.type)) return;
      const unknowns = new UnknownValues();
      const resource: ResourceInput = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: unwrap(args.props) ?? {},
        opts: args.opts,
        providerProps: args.provider ? unwrap(args.provider.props) : undefined,
      };
      const settings = config(args);
      const suppressions = configuredSuppressions(settings, spec.name);
      const sink = sinkOf(args);
      await check(resource, {
        config: settings,
        unknown: (value, path) => unknowns.check(value, path),
        undecided: (what) => unknowns.add(what),
        report: (message) => {
          const suppression = applicableSuppression(spec.name, { name: args.name, urn: args.urn, tags: resource.props.tags }, suppressions);
          if (!suppression) report(message);
          else sink?.({ rule: spec.name, message, urn: args.urn, suppression });
        },
      });
      unknowns.throwIfAny();
    };
  }
  if (spec.checkStack) {
    const check = spec.checkStack;
    policy.validateStack = async (args: StackValidationArgs, report: ReportViolation) => {
      const unknowns = new UnknownValues();
      const view = stackView(args.resources);
      const settings = config(args);
      const suppressions = configuredSuppressions(settings, spec.name);
      const sink = sinkOf(args);
      await check(view, {
        config: settings,
        unknown: (value, path) => unknowns.check(value, path),
        undecided: (what) => unknowns.add(what),
        report: (message, urn) => {
          const target = urn ? view.get(urn) : undefined;
          const suppression = target && applicableSuppression(spec.name, { name: target.name, urn, tags: target.props.tags }, suppressions);
          if (!suppression) report(message, urn);
          else sink?.({ rule: spec.name, message, urn, suppression });
        },
      });
      unknowns.throwIfAny();
    };
  }
  return policy as unknown as PlatformRule;
}

export function hasResourceCheck(policy: PlatformRule): policy is PlatformRule & ResourceValidationPolicy {
  return typeof (policy as ResourceValidationPolicy).validateResource === "function";
}

export function hasStackCheck(policy: PlatformRule): policy is PlatformRule & StackValidationPolicy {
  return typeof (policy as StackValidationPolicy).validateStack === "function";
}
