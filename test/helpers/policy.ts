import type { PolicyResourceOptions } from "@pulumi/policy";
import * as path from "path";
import { EngineResource, policyResources, resourceArgs, stackArgs } from "../../automation/plan/policy-engine";
import { hasResourceCheck, hasStackCheck, PlatformRule } from "../../policies/lib/rule";
import { isUnknownValueError } from "../../policies/lib/unknown";
import { renderProgram, RenderResult } from "../../offline";

/** The stack's provider as the engine passes it: nested config arrives as JSON text. */
export const platformProvider = {
  type: "pulumi:providers:aws",
  name: "platform",
  urn: "urn:pulumi:test::aws-platform::pulumi:providers:aws::platform",
  props: { region: "ap-northeast-2", defaultTags: JSON.stringify({ tags: { Project: "platform", Environment: "test", ManagedBy: "pulumi" } }) },
};

export interface TestResource extends EngineResource {
  readonly parentUrn?: string;
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** A resource with the URN the engine would give it; the platform provider unless told otherwise. */
export function res(type: string, name: string, props: Record<string, unknown>, extra: { opts?: Partial<PolicyResourceOptions>; provider?: EngineResource["provider"] | null; propertyDependencies?: Record<string, string[]> } = {}): TestResource {
  return {
    type,
    name,
    urn: urnOf(type, name),
    props,
    opts: extra.opts,
    provider: extra.provider === null ? undefined : (extra.provider ?? platformProvider),
    propertyDependencies: extra.propertyDependencies,
  };
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::aws-platform::${type}::${name}`;
}

export interface Outcome {
  readonly violations: string[];
  /** The engine's "can't run during preview" message when the rule met unknown values. */
  readonly unknown?: string;
}

/** Runs a rule's resource validation with the arguments the engine would build. */
export async function validate(rule: PlatformRule, resource: TestResource, config: Record<string, unknown> = {}): Promise<Outcome> {
  if (!hasResourceCheck(rule)) throw new Error(`${rule.name} has no resource validation`);
  const violations: string[] = [];
  const validations = Array.isArray(rule.validateResource) ? rule.validateResource : [rule.validateResource];
  try {
    for (const v of validations) await v?.(resourceArgs(resource, { config }), (message) => violations.push(message));
  } catch (error) {
    if (!isUnknownValueError(error)) throw error;
    return { violations, unknown: (error as Error).message };
  }
  return { violations };
}

/** Runs a rule's stack validation over resources given as outputs. */
export async function validateStack(rule: PlatformRule, resources: readonly TestResource[], config: Record<string, unknown> = {}): Promise<Outcome & { urns: string[] }> {
  if (!hasStackCheck(rule)) throw new Error(`${rule.name} has no stack validation`);
  const violations: string[] = [];
  const urns: string[] = [];
  try {
    await rule.validateStack(stackArgs(policyResources(resources), { config }), (message, urn) => {
      violations.push(message);
      urns.push(urn ?? "");
    });
  } catch (error) {
    if (!isUnknownValueError(error)) throw error;
    return { violations, urns, unknown: (error as Error).message };
  }
  return { violations, urns };
}

/** A policy document as JSON text, as components/shared/iam.ts writes them. */
export function doc(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

let fixture: Promise<RenderResult> | undefined;

/**
 * The policy fixture program (one misconfiguration per rule), rendered once per test run: its
 * modules register resources when first loaded, so a second render in the same process would miss them.
 */
export function renderPolicyFixture(): Promise<RenderResult> {
  fixture ??= renderProgram({ project: "policy-fixture", stack: "fixture", config: { "aws:region": "ap-northeast-2" }, programPath: path.resolve(__dirname, "../fixtures/policy-violations/index") });
  return fixture;
}
