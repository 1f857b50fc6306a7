/**
 * IAM policy documents as plain data: parsing, normalising and the structural questions the IAM
 * rules ask. No Pulumi imports: every function here is pure and unit-tested on its own.
 */
import { isUnknown } from "./unknown";
import { text } from "./values";

export type Effect = "Allow" | "Deny";

/** A principal block: `"*"`, or `{ AWS | Service | Federated | CanonicalUser: value(s) }`. */
export interface Principals {
  /** `Principal: "*"` or `{ AWS: "*" }`: anyone. */
  readonly anyone: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** One statement with every list normalised to an array (values may be unknown sentinels). */
export interface NormalStatement {
  /** `Sid`, or `#<index>` when the statement has none. */
  readonly label: string;
  readonly effect: Effect;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principal?: Principals;
  readonly notPrincipal?: Principals;
  /** `operator -> key -> values`, keys as written. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Statement keys holding an unknown value (a preview value): `Action`, `Condition`, ... */
  readonly unknownParts: readonly string[];
}

export type ParsedDocument =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "document"; readonly statements: readonly NormalStatement[] };

/** Parses a document given as JSON text or as an object (Pulumi accepts both). */
export function parseDocument(value: unknown): ParsedDocument {
  if (value === undefined || value === null || value === "") return { kind: "absent" };
  if (isUnknown(value)) return { kind: "unknown" };
  let doc: unknown = value;
  if (typeof value === "string") {
    try {
      doc = JSON.parse(value);
    } catch (error) {
      return { kind: "invalid", reason: `is not JSON: ${(error as Error).message}` };
    }
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { kind: "invalid", reason: "is not a JSON object" };
  const raw = (doc as Record<string, unknown>).Statement;
  if (isUnknown(raw)) return { kind: "unknown" };
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const statements: NormalStatement[] = [];
  for (const [index, statement] of list.entries()) {
    if (isUnknown(statement)) return { kind: "unknown" };
    if (!statement || typeof statement !== "object") return { kind: "invalid", reason: `statement #${index} is not an object` };
    statements.push(normalise(statement as Record<string, unknown>, index));
  }
  return { kind: "document", statements };
}

function normalise(s: Record<string, unknown>, index: number): NormalStatement {
  const unknownParts = new Set<string>();
  const list = (value: unknown, part: string): string[] => {
    if (value === undefined) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      if (isUnknown(item)) unknownParts.add(part);
      return String(item);
    });
  };
  const principals = (value: unknown, part: string): Principals | undefined => {
    if (value === undefined) return undefined;
    if (value === "*") return { anyone: true, aws: ["*"], service: [], federated: [], canonicalUser: [] };
    if (isUnknown(value) || !value || typeof value !== "object") {
      unknownParts.add(part);
      return { anyone: false, aws: [text(value)], service: [], federated: [], canonicalUser: [] };
    }
    const block = value as Record<string, unknown>;
    const aws = list(block.AWS, part);
    return { anyone: aws.includes("*"), aws, service: list(block.Service, part), federated: list(block.Federated, part), canonicalUser: list(block.CanonicalUser, part) };
  };
  const conditions: Record<string, Record<string, string[]>> = {};
  const rawConditions = s.Condition;
  if (isUnknown(rawConditions)) unknownParts.add("Condition");
  else if (rawConditions && typeof rawConditions === "object") {
    for (const [operator, block] of Object.entries(rawConditions as Record<string, unknown>)) {
      if (isUnknown(block) || !block || typeof block !== "object") {
        unknownParts.add("Condition");
        continue;
      }
      conditions[operator] = Object.fromEntries(Object.entries(block as Record<string, unknown>).map(([key, v]) => [key, list(v, "Condition")]));
    }
  }
  const effect = s.Effect === "Deny" ? "Deny" : "Allow";
  return {
    label: typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : `#${index}`,
    effect,
    actions: list(s.Action, "Action"),
    notActions: list(s.NotAction, "NotAction"),
    resources: list(s.Resource, "Resource"),
    notResources: list(s.NotResource, "NotResource"),
    principal: principals(s.Principal, "Principal"),
    notPrincipal: principals(s.NotPrincipal, "NotPrincipal"),
    conditions,
    unknownParts: [...unknownParts],
  };
}

/** Condition keys used by a statement, lower-cased (IAM compares keys case-insensitively). */
export function conditionKeys(statement: NormalStatement): Set<string> {
  const keys = new Set<string>();
  for (const block of Object.values(statement.conditions)) {
    for (const key of Object.keys(block)) keys.add(key.toLowerCase());
  }
  return keys;
}

/** True when the statement has a condition on one of `keys` (exact, lower-case) or a key starting with one of `prefixes`. */
export function hasConditionOn(statement: NormalStatement, keys: readonly string[], prefixes: readonly string[] = []): boolean {
  for (const key of conditionKeys(statement)) {
    if (keys.includes(key) || prefixes.some((p) => key.startsWith(p))) return true;
  }
  return false;
}

/** `*`, or an ARN whose resource part is only `*` (`arn:aws:s3:::*`, `arn:aws:iam::*:role/*` is not). */
export function isAllResources(resource: string): boolean {
  if (resource === "*") return true;
  const parts = resource.split(":");
  return parts.length >= 6 && parts[0] === "arn" && parts.slice(5).join(":") === "*";
}

/** Account id of an AWS principal: a bare id, an `arn:...:iam::<id>:...` ARN; undefined otherwise. */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}|\*):/.exec(principal);
  return match ? match[1] : undefined;
}

/** True when the wildcard pattern (`*` and `?`) matches `text`, case-insensitively, as IAM does. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`, "i");
  return regex.test(text);
}

export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}
