import { strict as assert } from "assert";

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: Record<string, string | string[]>;
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export function statementsOf(policy: unknown): PolicyStatement[] {
  const document = (typeof policy === "string" ? JSON.parse(policy) : policy) as { Statement: PolicyStatement[] };
  return document.Statement;
}

export const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Describe/List/Get calls: the only ones AWS lets us grant on "*" when they have no resource types. */
export function isReadOnly(action: string): boolean {
  return /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/.test(action);
}

/**
 * No `*` or `service:*` action anywhere, and `*` as a resource only for read-only actions.
 * Returns the allow statements for further checks.
 */
export function assertLeastPrivilege(policy: unknown, label: string): PolicyStatement[] {
  const statements = statementsOf(policy);
  for (const s of statements) {
    for (const action of list(s.Action)) {
      assert.ok(!action.includes("*"), `${label}: wildcard action ${action}`);
    }
    if (s.Effect === "Allow" && list(s.Resource).includes("*")) {
      const writes = list(s.Action).filter((a) => !isReadOnly(a));
      assert.deepEqual(writes, [], `${label}: ${s.Sid ?? "a statement"} grants write actions on "*"`);
    }
  }
  return statements.filter((s) => s.Effect === "Allow");
}

/** The allow statements that grant `action`. */
export function granting(statements: readonly PolicyStatement[], action: string): PolicyStatement[] {
  return statements.filter((s) => s.Effect === "Allow" && list(s.Action).includes(action));
}
