import { strict as assert } from "assert";
import type { z } from "zod";
import { ConfigError, ConfigIssue, loadPlatformConfig } from "../../config";
import type { platformObject } from "../../config/schema";
import { StackName, stackConfig } from "./stacks";

type Sections = typeof platformObject.shape;
/** A key of the config: `platform:<key>` in a stack file (`region` is `aws:region`). */
export type SectionKey = keyof Sections;
/** A `platform:<key>` section as a stack file holds it: the schema's input type (defaults not applied yet). */
export type SectionInput<K extends SectionKey> = NonNullable<z.input<Sections[K]>>;

/** `T` with the keys `K` there: a section as a particular stack file has it. */
export type Present<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

type DrInput = SectionInput<"dr">;
type ReplicaInput = NonNullable<DrInput["replica"]>;
/** prod-dr's platform:dr as its stack file has it: the promotion, the copies and the failover name are set. */
export type StandbyDrInput = Present<DrInput, "promote" | "failover"> & { replica: Present<ReplicaInput, "database" | "cache" | "buckets"> };

/**
 * A value the type of the setting does not allow, written on purpose: config tests feed the
 * validation wrong values to see what it says about them (`db.engine = invalid("mariadb")`).
 */
export function invalid<T>(value: unknown): T {
  return value as T;
}

/** Removes a key the type of the section requires, as a config test that leaves a setting out does. */
export function remove<T extends object>(object: T, key: keyof T): void {
  delete (object as Partial<T>)[key];
}

/** A stack's flat config with one `platform:<key>` section changed by `edit` (given a deep copy). */
export function editSection<K extends SectionKey>(stack: StackName, key: K, edit: (section: SectionInput<K>) => void): Record<string, string> {
  const config = stackConfig(stack);
  const section = JSON.parse(config[`platform:${key}`] ?? "{}") as SectionInput<K>;
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
