import { strict as assert } from "assert";
import { ConfigError, ConfigIssue, loadPlatformConfig } from "../../config";
import { StackName, stackConfig } from "./stacks";

/** A stack's flat config with one `platform:<key>` section changed by `edit` (given a deep copy). */
export function editSection(stack: StackName, key: string, edit: (section: any) => void): Record<string, string> {
  const config = stackConfig(stack);
  const section = JSON.parse(config[`platform:${key}`] ?? "{}");
  edit(section);
  config[`platform:${key}`] = JSON.stringify(section);
  return config;
}

/** Every problem `loadPlatformConfig` reports; empty when the config is valid. */
export function configIssues(config: Record<string, string>): ConfigIssue[] {
  try {
    loadPlatformConfig(config);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
}

/** The problems as `path: message` lines, for tests that compare messages as text. */
export function configIssueLines(config: Record<string, string>): string[] {
  return configIssues(config).map((i) => `${i.path}: ${i.message}`);
}

/** Asserts exactly one issue at `path`, and that its message contains `fragment`. */
export function assertIssue(issues: readonly ConfigIssue[], path: string, fragment: string): void {
  const at = issues.filter((i) => i.path === path);
  assert.equal(at.length, 1, `expected one issue at ${path}, got:\n${issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
  assert.ok(at[0].message.includes(fragment), `issue at ${path} says "${at[0].message}", expected it to mention "${fragment}"`);
}

/** Asserts the config is valid. */
export function assertValid(config: Record<string, string>): void {
  const issues = configIssues(config);
  assert.deepEqual(issues.map((i) => `${i.path}: ${i.message}`), []);
}
