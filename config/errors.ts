import { z } from "zod";
import { redactSecretShapes, secretShape } from "../model/security/secret-shapes";

/** One problem in a stack's config: where, what was there, and what is allowed. */
export interface ConfigIssue {
  /** Config path as a user writes it: `platform:network.subnets.public[0]`. */
  readonly path: string;
  /** The offending value, rendered short; undefined when the key is missing. */
  readonly value: string | undefined;
  readonly message: string;
}

/** Thrown before any resource is registered; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid stack config (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** One line per issue, whatever the key or value holds: control characters are escaped. */
export function formatIssue(issue: ConfigIssue): string {
  const value = issue.value === undefined ? "" : ` ${oneLine(issue.value)}`;
  return `  ${oneLine(issue.path)}:${value} ${oneLine(issue.message)}`;
}

/** Text with newlines, tabs and other control characters written as escapes (`\n`). */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Scalars as the stack file wrote them, by config path; see `StackFile.written`. */
export type WrittenValues = Readonly<Record<string, string>>;

/** Keys that live outside the `platform:` namespace but are read by the program. */
const foreignKeys: Readonly<Record<string, string>> = { region: "aws:region" };

export function configPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "platform";
  const [head, ...rest] = path;
  let text = foreignKeys[String(head)] ?? `platform:${String(head)}`;
  for (const part of rest) {
    text += typeof part === "number" ? `[${part}]` : `.${part}`;
  }
  return text;
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/**
 * The value for a message: a string quoted, anything else as the file wrote it when known (JSON
 * turns `.inf` into null and `1.30` into 1.3), cut at 60 characters. A secret-shaped string is
 * never printed.
 */
export function renderValue(value: unknown, written?: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && secretShape(value)) return "[redacted]";
  if (written !== undefined && typeof value !== "string" && (value === null || typeof value !== "object")) return written;
  const text = JSON.stringify(redactSecretShapes(value)) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Settings that moved, by their old path: a stack file written for the old place is told where the
 * setting lives now instead of only that the key is unknown.
 */
const movedKeys: Readonly<Record<string, string>> = {
  "security.cloudTrail": "platform:account.baseline.cloudTrail: the multi-region trail is the account's, created by the one stack that owns the account baseline",
  "security.guardDuty": "platform:account.baseline.guardDuty: a detector is per account and region, created by the one stack that owns the account baseline there",
};

/** Turns zod's issues into ours, naming allowed keys and values where zod only names the bad ones. */
export function fromZodError(error: z.ZodError, input: unknown, schema: z.ZodTypeAny, written: WrittenValues = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = objectKeysAt(schema, issue.path, input);
      const variants = variantsAt(schema, issue.path, input);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const owners = variants?.owners(key) ?? [];
        const moved = movedKeys[path.join(".")];
        issues.push({
          path: configPath(path),
          value: renderValue(valueAt(input, path)),
          message: moved
            ? `has moved to ${moved}`
            : variants && owners.length > 0
              ? `applies only with ${variants.discriminator} ${owners.join(" or ")}, not ${variants.current} (allowed with ${variants.current}: ${allowed.join(", ")})`
              : `is not a known setting (allowed: ${allowed.join(", ")})`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    const path = configPath(issue.path);
    issues.push({ path, value: renderValue(value, written[path]), message: withoutValue(describe(issue, value, written[path]), value) });
  }
  return issues;
}

/**
 * The message without a copy of the value at its start: the line prints the value once, before
 * the message (`"10.300.0.0/16" "10.300.0.0/16" is not an IPv4 CIDR` said it twice).
 */
function withoutValue(message: string, value: unknown): string {
  if (typeof value !== "string" || value === "") return message;
  for (const copy of [JSON.stringify(value), `'${value}'`, value]) {
    if (message.startsWith(`${copy}: `)) return message.slice(copy.length + 2);
    if (message.startsWith(`${copy} `)) return message.slice(copy.length + 1);
  }
  return message;
}

/** What YAML wrote that JSON could not carry, named for a message. */
function writtenKind(written: string | undefined): string | undefined {
  if (written === undefined) return undefined;
  if (/^(~|null|Null|NULL)?$/.test(written)) return "empty";
  if (/^[-+]?\.(inf|Inf|INF)$/.test(written)) return "infinity";
  if (/^\.(nan|NaN|NAN)$/.test(written)) return "not a number";
  return undefined;
}

function describe(issue: z.ZodIssue, value: unknown, written?: string): string {
  switch (issue.code) {
    case "invalid_type": {
      // A schema's own required_error says what goes there (a secret's name, not the secret).
      if (value === undefined) return issue.message !== "Required" && !/^Expected /.test(issue.message) ? issue.message : `is required (${issue.expected})`;
      const kind = writtenKind(written);
      if (kind === "empty") return `is empty (YAML reads ${written || "nothing"} as null): write a ${issue.expected} or remove the key`;
      if (kind) return `must be ${issue.expected}, not ${kind} (YAML's ${written}, which JSON and Pulumi cannot carry)`;
      // A schema's own message says why the kind matters (an account id that YAML read as a number).
      if (!/^Expected /.test(issue.message)) return issue.message;
      if (issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
        return `must be string, not ${issue.received}: quote it: "${written ?? String(value)}"`;
      }
      return `must be ${issue.expected}, not ${issue.received}`;
    }
    case "invalid_enum_value":
      return `is not allowed (allowed: ${issue.options.join(", ")})`;
    case "invalid_union_discriminator":
      return `is not allowed (allowed: ${issue.options.map(String).join(", ")})`;
    case "too_small":
      if (issue.type === "array") return `needs at least ${issue.minimum} entries: ${issue.message}`;
      return `must be ${issue.inclusive ? "at least" : "above"} ${issue.minimum}${hasOwnMessage(issue) ? ` (${issue.message})` : ""}`;
    case "too_big":
      if (issue.type === "array") return `takes at most ${issue.maximum} entries: ${issue.message}`;
      return `must be ${issue.inclusive ? "at most" : "below"} ${issue.maximum}${hasOwnMessage(issue) ? ` (${issue.message})` : ""}`;
    default:
      return issue.message;
  }
}

/** True when the schema gave the bound its own message (a reason) instead of zod's "Number must be ...". */
function hasOwnMessage(issue: z.ZodIssue): boolean {
  return !/^(Number|String|BigInt|Date|Value) must /.test(issue.message);
}

/**
 * zod's classes are generic, so `instanceof` narrows a schema to `ZodObject<any>`, `ZodArray<any>`...
 * whose parts are `any`. These guards narrow to the same classes with their parts typed as schemas.
 */
type ObjectSchema = z.ZodObject<z.ZodRawShape>;
type UnionSchema = z.ZodDiscriminatedUnion<string, z.ZodDiscriminatedUnionOption<string>[]>;
const isObject = (node: z.ZodTypeAny): node is ObjectSchema => node instanceof z.ZodObject;
const isUnion = (node: z.ZodTypeAny): node is UnionSchema => node instanceof z.ZodDiscriminatedUnion;
const isArray = (node: z.ZodTypeAny): node is z.ZodArray<z.ZodTypeAny> => node instanceof z.ZodArray;
const isRecord = (node: z.ZodTypeAny): node is z.ZodRecord<z.ZodString, z.ZodTypeAny> => node instanceof z.ZodRecord;
const isOptional = (node: z.ZodTypeAny): node is z.ZodOptional<z.ZodTypeAny> | z.ZodNullable<z.ZodTypeAny> =>
  node instanceof z.ZodOptional || node instanceof z.ZodNullable;
const isDefault = (node: z.ZodTypeAny): node is z.ZodDefault<z.ZodTypeAny> => node instanceof z.ZodDefault;
const isEffects = (node: z.ZodTypeAny): node is z.ZodEffects<z.ZodTypeAny> => node instanceof z.ZodEffects;

/**
 * Keys of the object schema found by following `path` through wrappers, arrays, records and
 * discriminated unions (whose member is picked by the input's discriminator value).
 */
function objectKeysAt(schema: z.ZodTypeAny, path: readonly (string | number)[], input: unknown): string[] {
  const node = schemaAt(schema, path, input);
  const picked = node && member(node, input, path);
  return picked && isObject(picked) ? Object.keys(picked.shape) : [];
}

/**
 * Where `path` is a discriminated union (a database by `engine`, a trigger by `type`), the variant
 * the input chose and, for a key it does not know, the variants that have that key: a setting of
 * another engine is named as such ("globalDatabase applies only with engine aurora-postgresql ...").
 */
function variantsAt(schema: z.ZodTypeAny, path: readonly (string | number)[], input: unknown) {
  const node = schemaAt(schema, path, input);
  if (!node || !isUnion(node)) return undefined;
  const current = valueAt(input, [...path, node.discriminator]);
  const options = [...node.optionsMap.entries()];
  return {
    discriminator: node.discriminator,
    current: String(current),
    owners: (key: string) =>
      options.filter(([value, option]) => value !== current && option instanceof z.ZodObject && key in option.shape).map(([value]) => String(value)),
  };
}

/** The unwrapped schema at `path`: discriminated unions are returned as such, not resolved. */
function schemaAt(schema: z.ZodTypeAny, path: readonly (string | number)[], input: unknown): z.ZodTypeAny | undefined {
  let node: z.ZodTypeAny | undefined = schema;
  for (const [index, part] of path.entries()) {
    node = node && member(unwrap(node), input, path.slice(0, index));
    if (!node) return undefined;
    if (isObject(node)) node = node.shape[part];
    else if (isArray(node)) node = node.element;
    else if (isRecord(node)) node = node.valueSchema;
    else return undefined;
    if (!node) return undefined;
  }
  return node && unwrap(node);
}

/** The member of a discriminated union the input picked at `at`; any other schema as it is. */
function member(union: z.ZodTypeAny, input: unknown, at: readonly (string | number)[]): z.ZodTypeAny | undefined {
  if (!isUnion(union)) return union;
  const value = valueAt(input, [...at, union.discriminator]);
  return union.optionsMap.get(value as z.Primitive);
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let node = schema;
  for (;;) {
    if (isOptional(node)) node = node.unwrap();
    else if (isDefault(node)) node = node.removeDefault();
    else if (isEffects(node)) node = node.innerType();
    else return node;
  }
}
