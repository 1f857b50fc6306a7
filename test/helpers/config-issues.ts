import { strict as assert } from "assert";
import { ConfigError, ConfigIssue, loadPlatformConfig } from "../../config";
import { StackName, stackConfig } from "./stacks";

/** A stack's flat config with `platform:<key>` replaced by `value` (JSON), or removed when undefined. */
export function withSection(stack: StackName, key: string, value: unknown): Record<string, string> {
  const config = stackConfig(stack);
  if (value === undefined) delete config[key];
  else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  return config;
}

/** The section of a stack file as parsed JSON, to change one field of it. */
export function sectionOf<T = Record<string, unknown>>(stack: StackName, key: string): T {
  return JSON.parse(stackConfig(stack)[key]) as T;
}

export function issuesOf(config: Record<string, string>): ConfigIssue[] {
  try {
    loadPlatformConfig(config);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${(error as Error).message}`);
    return [...error.issues];
  }
  assert.fail("expected the config to be rejected");
}

export function expectIssue(config: Record<string, string>, path: string, message: RegExp): void {
  const issues = issuesOf(config);
  const match = issues.find((i) => i.path === path && message.test(i.message));
  assert.ok(match, `no issue at ${path} matching ${message}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
}
