import * as path from "path";
import { referencedStacks } from "../../automation/plan/primary";
import { readStackFile, stackFilePath } from "../../automation/plan/stack-file";
import { CapturedResource, OtherStacks, renderProgram, RenderResult } from "../../offline";

export const stackNames = ["dev", "staging", "prod", "prod-dr"] as const;
export type StackName = (typeof stackNames)[number];

const cache = new Map<string, Promise<RenderResult>>();

/**
 * Renders a stack file once per test run; tests must not mutate the result. A standby's primary
 * is rendered first (and cached), and its outputs answer the standby's StackReference.
 */
export function renderStackFile(file: string, stack?: string): Promise<RenderResult> {
  // By absolute path: tests name the same blueprint relative to the repository and absolutely.
  const key = `${path.resolve(file)}::${stack ?? ""}`;
  let result = cache.get(key);
  if (!result) {
    const stackFile = readStackFile(file, stack);
    result = referencedStacks(stackFile, (primary) => renderStackFile(primary)).then((stacks) =>
      renderProgram({ project: "aws-platform", stack: stackFile.stack, config: stackFile.config, secretKeys: stackFile.secretKeys, stacks }),
    );
    cache.set(key, result);
  }
  return result;
}

export function renderStack(stack: StackName): Promise<RenderResult> {
  return renderStackFile(stackFilePath(stack));
}

/**
 * Renders a config map directly (not cached): for tests that vary one setting. A standby's
 * primary goes in `stacks` (a render's `asReferenced`, by stack name).
 */
export function renderConfig(config: Record<string, string>, stack = "test", stacks?: OtherStacks): Promise<RenderResult> {
  return renderProgram({ project: "aws-platform", stack, config, stacks });
}

export function ofType(resources: readonly CapturedResource[], type: string): CapturedResource[] {
  return resources.filter((r) => r.type === type);
}

export function named(resources: readonly CapturedResource[], type: string, name: string): CapturedResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; have: ${ofType(resources, type).map((r) => r.name).join(", ")}`);
  return found;
}

/** Input of a resource with a type the test states; the mock cloud records inputs as plain JSON. */
export function input<T = unknown>(resource: CapturedResource, key: string): T {
  return resource.inputs[key] as T;
}

/** Attribute of a resource (its inputs and what the mock cloud computed) with a type the test states. */
export function state<T = unknown>(resource: CapturedResource, key: string): T {
  return resource.state[key] as T;
}

/** Flat config of a stack file, for tests that change one key and render again. */
export function stackConfig(stack: StackName): Record<string, string> {
  return { ...readStackFile(stackFilePath(stack)).config };
}

/** The account a stack (by name) or a stack file (by path) deploys into (`platform:account.id`): what its ARNs and names carry. */
export function accountOf(stack: string): string {
  const file = (stackNames as readonly string[]).includes(stack) ? stackFilePath(stack) : stack;
  const account = JSON.parse(readStackFile(file).config["platform:account"] ?? "{}") as { id?: string };
  if (!account.id) throw new Error(`${file} names no platform:account.id`);
  return account.id;
}
