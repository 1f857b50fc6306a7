/**
 * docs/configuration.md, generated from the zod schema (`platformObject`): every key a stack file
 * can set, with its path as a user writes it (`platform:network.subnets.public[]`; `region` is
 * `aws:region`), its type and constraints, its default, whether it is required and its
 * description. Descriptions come from zod's `.describe()` (looked up through the optional,
 * default, nullable and effects wrappers); a key without one gets an empty cell, never a guess.
 *
 * What the schema cannot say is not invented here: the message of a `.refine()` lives in a
 * closure, so such keys say "checked in code", and the cross-field checks (config/sections/*-checks.ts,
 * `crossChecks` in config/schema.ts) are out of reach of a walk over the shapes.
 *
 * Deterministic: the output depends only on the schema (key order as declared), never on the
 * clock, the machine or the order files are read in.
 */
import { z } from "zod";
import { discriminatedUnion, fieldOf, fieldsOf, isZodObject, literalValue, typeNameOf, zodSchema, zodSchemas } from "./zod-parts";

export interface ReferenceRow {
  readonly path: string;
  readonly type: string;
  readonly constraints: readonly string[];
  readonly defaultValue?: string;
  readonly required: boolean;
  readonly description: string;
}

export interface ReferenceBlock {
  /** Heading level: 2 for a section, deeper for the variants of a union inside it. */
  readonly level: number;
  readonly title: string;
  readonly intro?: string;
  readonly rows: ReferenceRow[];
}

/** A schema with its wrappers peeled: what the key is, and what the wrappers said about it. */
interface Peeled {
  readonly schema: z.ZodTypeAny;
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly description: string | undefined;
  readonly notes: readonly string[];
}

/** Follows ZodOptional / ZodDefault / ZodNullable / ZodEffects / ZodLazy / ZodBranded / ZodReadonly / ZodCatch / ZodPipeline to the schema underneath. */
export function peel(schema: z.ZodTypeAny): Peeled {
  let current = schema;
  let optional = false;
  let nullable = false;
  let hasDefault = false;
  let defaultValue: unknown;
  let description: string | undefined;
  const notes: string[] = [];
  for (let depth = 0; depth < 50; depth++) {
    description ??= current.description || undefined;
    if (current instanceof z.ZodOptional) {
      optional = true;
      current = zodSchema(current.unwrap());
    } else if (current instanceof z.ZodNullable) {
      nullable = true;
      current = zodSchema(current.unwrap());
    } else if (current instanceof z.ZodDefault) {
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = current._def.defaultValue();
      }
      current = zodSchema(current.removeDefault());
    } else if (current instanceof z.ZodCatch) {
      current = zodSchema(current.removeCatch());
    } else if (current instanceof z.ZodEffects) {
      const kind = current._def.effect.type;
      const note = kind === "refinement" ? "checked in code" : kind === "transform" ? "transformed after parsing" : "preprocessed before parsing";
      if (!notes.includes(note)) notes.push(note);
      current = zodSchema(current.innerType());
    } else if (current instanceof z.ZodLazy) {
      current = zodSchema(current.schema);
    } else if (current instanceof z.ZodBranded) {
      current = zodSchema(current.unwrap());
    } else if (current instanceof z.ZodReadonly) {
      current = zodSchema(current._def.innerType);
    } else if (current instanceof z.ZodPipeline) {
      current = zodSchema(current._def.in);
    } else {
      break;
    }
  }
  return { schema: current, optional, nullable, hasDefault, defaultValue, description, notes };
}

/** The description of a key, wherever among its wrappers `.describe()` put it. */
export function descriptionOf(schema: z.ZodTypeAny): string | undefined {
  return peel(schema).description;
}

function code(text: string): string {
  const ticks = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** A literal as a stack file writes it: strings bare, everything else as JSON. */
function literal(value: unknown): string {
  return typeof value === "string" ? value : json(value);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function stringConstraints(schema: z.ZodString): string[] {
  const out: string[] = [];
  for (const check of schema._def.checks) {
    const message = "message" in check && check.message ? ` (${check.message})` : "";
    switch (check.kind) {
      case "min":
        out.push(`at least ${count(check.value, "character")}${message}`);
        break;
      case "max":
        out.push(`at most ${count(check.value, "character")}${message}`);
        break;
      case "length":
        out.push(`exactly ${count(check.value, "character")}${message}`);
        break;
      case "regex":
        out.push(`pattern ${code(check.regex.source)}${message}`);
        break;
      case "startsWith":
        out.push(`starts with ${code(check.value)}${message}`);
        break;
      case "endsWith":
        out.push(`ends with ${code(check.value)}${message}`);
        break;
      case "includes":
        out.push(`contains ${code(check.value)}${message}`);
        break;
      default:
        out.push(`${check.kind}${message}`);
    }
  }
  return out;
}

function numberConstraints(schema: z.ZodNumber): { integer: boolean; constraints: string[] } {
  let integer = false;
  // `days.min(1)` on a `days` that already says min(0) keeps both checks: show only the strictest bound.
  type Bound = { value: number; inclusive: boolean; message?: string };
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  const other: string[] = [];
  for (const check of schema._def.checks) {
    const message = check.message ? ` (${check.message})` : "";
    switch (check.kind) {
      case "int":
        integer = true;
        break;
      case "min":
        if (!lower || check.value > lower.value || (check.value === lower.value && !check.inclusive)) lower = check;
        break;
      case "max":
        if (!upper || check.value < upper.value || (check.value === upper.value && !check.inclusive)) upper = check;
        break;
      case "multipleOf":
        other.push(`a multiple of ${check.value}${message}`);
        break;
      case "finite":
        other.push(`finite${message}`);
        break;
    }
  }
  const bound = (b: Bound, op: string, strict: string) => `${b.inclusive ? op : strict} ${b.value}${b.message ? ` (${b.message})` : ""}`;
  const out = [lower ? bound(lower, ">=", ">") : undefined, upper ? bound(upper, "<=", "<") : undefined, ...other].filter((c): c is string => c !== undefined);
  return { integer, constraints: out };
}

function lengthConstraints(def: { minLength: { value: number; message?: string } | null; maxLength: { value: number; message?: string } | null; exactLength: { value: number; message?: string } | null }, noun: string): string[] {
  const out: string[] = [];
  const message = (c: { message?: string }) => (c.message ? ` (${c.message})` : "");
  if (def.exactLength) out.push(`exactly ${count(def.exactLength.value, noun)}${message(def.exactLength)}`);
  if (def.minLength) out.push(`at least ${count(def.minLength.value, noun)}${message(def.minLength)}`);
  if (def.maxLength) out.push(`at most ${count(def.maxLength.value, noun)}${message(def.maxLength)}`);
  return out;
}

/** Variants of a union whose every option is an object: rendered as blocks of their own. */
interface Variants {
  /** A discriminated union's discriminator and each option's value of it; undefined for a plain union. */
  readonly discriminator?: { readonly key: string; readonly valueOf: (option: z.AnyZodObject) => string };
  readonly label: (option: z.AnyZodObject, index: number) => string;
  readonly options: readonly z.AnyZodObject[];
}

interface Shape {
  readonly type: string;
  readonly constraints: string[];
  /** Keys below this one, each with its path segment. */
  readonly children?: { readonly suffix: string; readonly object: z.AnyZodObject };
  readonly variants?: Variants;
}

function isObjectLike(schema: z.ZodTypeAny): boolean {
  const inner = peel(schema).schema;
  return inner instanceof z.ZodObject || inner instanceof z.ZodDiscriminatedUnion || (inner instanceof z.ZodUnion && zodSchemas(inner.options).every((o) => peel(o).schema instanceof z.ZodObject));
}

/** A one-line type of a schema that is not expanded into rows of its own. */
function inlineType(schema: z.ZodTypeAny): { type: string; constraints: string[] } {
  const p = peel(schema);
  const s = p.schema;
  const extra = [...p.notes];
  const nullable = p.nullable ? " or null" : "";
  if (s instanceof z.ZodString) return { type: `string${nullable}`, constraints: [...stringConstraints(s), ...extra] };
  if (s instanceof z.ZodNumber) {
    const { integer, constraints } = numberConstraints(s);
    return { type: `${integer ? "integer" : "number"}${nullable}`, constraints: [...constraints, ...extra] };
  }
  if (s instanceof z.ZodBoolean) return { type: `boolean${nullable}`, constraints: extra };
  if (s instanceof z.ZodEnum) return { type: `one of ${(s.options as string[]).map((v) => code(v)).join(", ")}${nullable}`, constraints: extra };
  if (s instanceof z.ZodNativeEnum) {
    const values = Object.values(s.enum as Record<string, string | number>).filter((v, _i, all) => typeof v === "string" || !all.includes(String(v)));
    return { type: `one of ${values.map((v) => code(json(v))).join(", ")}${nullable}`, constraints: extra };
  }
  if (s instanceof z.ZodLiteral) return { type: `${code(literal(s.value))}${nullable}`, constraints: extra };
  if (s instanceof z.ZodUnknown || s instanceof z.ZodAny) return { type: "any value", constraints: extra };
  if (s instanceof z.ZodArray) {
    const item = inlineType(zodSchema(s.element));
    return {
      type: `list of ${item.type}${nullable}`,
      constraints: [...lengthConstraints(s._def, "item"), ...item.constraints.map((c) => `each: ${c}`), ...extra],
    };
  }
  if (s instanceof z.ZodRecord) {
    const key = inlineType(zodSchema(s.keySchema));
    const value = inlineType(zodSchema(s.valueSchema));
    return {
      type: `map of ${key.type} to ${value.type}${nullable}`,
      constraints: [...key.constraints.map((c) => `keys: ${c}`), ...value.constraints.map((c) => `values: ${c}`), ...extra],
    };
  }
  if (s instanceof z.ZodUnion) {
    const options = zodSchemas(s.options).map(inlineType);
    return {
      type: `${options.map((o) => o.type).join(" or ")}${nullable}`,
      constraints: [...options.flatMap((o) => o.constraints), ...extra],
    };
  }
  if (s instanceof z.ZodTuple) return { type: `tuple [${zodSchemas(s.items).map((i) => inlineType(i).type).join(", ")}]${nullable}`, constraints: extra };
  if (s instanceof z.ZodObject) return { type: `object${nullable}`, constraints: extra };
  if (s instanceof z.ZodDiscriminatedUnion) return { type: `object${nullable}`, constraints: extra };
  return { type: `${typeNameOf(s) ?? "unknown"}${nullable}`, constraints: extra };
}

/** How a key is shown: its own row, and what (if anything) expands below it. */
function shapeOf(schema: z.ZodTypeAny): Shape {
  const p = peel(schema);
  const s = p.schema;
  const nullable = p.nullable ? " or null" : "";
  if (isZodObject(s)) return { type: `object${nullable}`, constraints: [...p.notes], children: { suffix: "", object: s } };
  const discriminated = discriminatedUnion(s);
  if (discriminated) {
    const { discriminator, options } = discriminated;
    const valueOf = (option: z.AnyZodObject) => literal(literalValue(peel(fieldOf(option, discriminator)).schema));
    return {
      type: `object${nullable}, by ${code(discriminator)}: ${options.map((o) => code(valueOf(o))).join(", ")}`,
      constraints: [...p.notes],
      variants: { options, discriminator: { key: discriminator, valueOf }, label: (option) => `${code(discriminator)}: ${code(valueOf(option))}` },
    };
  }
  const unionOptions = s instanceof z.ZodUnion ? zodSchemas(s.options).map((o) => peel(o).schema) : undefined;
  if (unionOptions?.every(isZodObject)) {
    const options = unionOptions;
    const keysOf = (o: z.AnyZodObject) => fieldsOf(o).map(([k]) => code(k)).join(", ");
    return {
      type: `object${nullable}, one of ${options.length} forms`,
      constraints: [...p.notes],
      variants: { options, label: (option, index) => `form ${index + 1} (${keysOf(option)})` },
    };
  }
  if (s instanceof z.ZodArray && isObjectLike(zodSchema(s.element))) {
    const inner = shapeOf(zodSchema(s.element));
    return {
      type: `list of ${inner.type.replace(/^object/, "objects")}${nullable}`,
      constraints: [...lengthConstraints(s._def, "item"), ...inner.constraints.map((c) => `each: ${c}`), ...p.notes],
      children: inner.children,
      variants: inner.variants,
    };
  }
  if (s instanceof z.ZodRecord && isObjectLike(zodSchema(s.valueSchema))) {
    const key = inlineType(zodSchema(s.keySchema));
    const inner = shapeOf(zodSchema(s.valueSchema));
    return {
      type: `map of ${key.type} to ${inner.type.replace(/^object/, "objects")}${nullable}`,
      constraints: [...key.constraints.map((c) => `keys: ${c}`), ...inner.constraints.map((c) => `values: ${c}`), ...p.notes],
      children: inner.children,
      variants: inner.variants,
    };
  }
  return inlineType(schema);
}

/** The path segment a key's children hang from: `[]` after a list, `.<key>` after a map. */
function containerSuffix(schema: z.ZodTypeAny): string {
  const s = peel(schema).schema;
  if (s instanceof z.ZodArray) return "[]";
  if (s instanceof z.ZodRecord) return ".<key>";
  return "";
}

/**
 * Rows for a key and everything below it. Objects expand in place; each option of a union
 * becomes a block of its own, pushed to `pending` (the caller prints them after its own block).
 */
class ReferenceWalker {
  walkObject(object: z.AnyZodObject, prefix: string, level: number, rows: ReferenceRow[], pending: ReferenceBlock[]): void {
    for (const [key, value] of fieldsOf(object)) {
      this.walkKey(`${prefix}.${key}`, value, level, rows, pending);
    }
  }

  walkKey(path: string, schema: z.ZodTypeAny, level: number, rows: ReferenceRow[], pending: ReferenceBlock[]): void {
    const p = peel(schema);
    const shape = shapeOf(schema);
    const suffix = containerSuffix(schema);
    const rowPath = `${path}${suffix === "[]" ? "[]" : ""}`;
    rows.push({
      path: rowPath,
      type: shape.type,
      constraints: shape.constraints,
      defaultValue: p.hasDefault ? json(p.defaultValue) : undefined,
      required: !p.optional && !p.hasDefault,
      description: p.description ?? "",
    });
    const childPrefix = `${path}${suffix}`;
    if (shape.children) this.walkObject(shape.children.object, childPrefix, level, rows, pending);
    if (shape.variants) {
      const { discriminator } = shape.variants;
      shape.variants.options.forEach((option, index) => {
        const variantRows: ReferenceRow[] = [];
        const variantPending: ReferenceBlock[] = [];
        this.walkObject(option, childPrefix, level + 1, variantRows, variantPending);
        const label = shape.variants!.label(option, index);
        pending.push({
          level: Math.min(level + 1, 4),
          title: `${code(childPrefix)} with ${label}`,
          intro: discriminator ? `The keys of ${code(childPrefix)} when ${code(discriminator.key)} is ${code(discriminator.valueOf(option))}.` : `The keys of ${code(childPrefix)} in its ${label}.`,
          rows: variantRows,
        });
        pending.push(...variantPending);
      });
    }
  }
}

/** Where a top-level key of the schema lives in a stack file. */
export function topLevelPath(key: string): string {
  return key === "region" ? "aws:region" : `platform:${key}`;
}

/**
 * The blocks of the reference: first every top-level key, then one block per top-level section
 * (object or union), each followed by the blocks of the unions inside it.
 */
export function referenceBlocks(root: z.AnyZodObject): ReferenceBlock[] {
  const walker = new ReferenceWalker();
  const topRows: ReferenceRow[] = [];
  const sections: ReferenceBlock[] = [];
  for (const [key, value] of fieldsOf(root)) {
    const path = topLevelPath(key);
    const p = peel(value);
    const shape = shapeOf(value);
    topRows.push({
      path: `${path}${containerSuffix(value) === "[]" ? "[]" : ""}`,
      type: shape.type,
      constraints: shape.constraints,
      defaultValue: p.hasDefault ? json(p.defaultValue) : undefined,
      required: !p.optional && !p.hasDefault,
      description: p.description ?? "",
    });
    if (!shape.children && !shape.variants) continue;
    const rows: ReferenceRow[] = [];
    const pending: ReferenceBlock[] = [];
    walker.walkKey(path, value, 2, rows, pending);
    sections.push({ level: 2, title: code(path), rows: rows.slice(1), intro: p.description }, ...pending);
  }
  return [{ level: 2, title: "Top-level keys", intro: "Every key of a stack file the program reads. Sections below expand the objects.", rows: topRows }, ...sections];
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function renderRows(rows: readonly ReferenceRow[]): string[] {
  const lines = ["| key | type | constraints | default | required | description |", "|---|---|---|---|---|---|"];
  for (const row of rows) {
    lines.push(
      `| ${[code(row.path), row.type, row.constraints.join("; "), row.defaultValue === undefined ? "" : code(row.defaultValue), row.required ? "yes" : "no", row.description]
        .map(cell)
        .join(" | ")} |`,
    );
  }
  return lines;
}

export function renderConfigReference(root: z.AnyZodObject): string {
  const blocks = referenceBlocks(root);
  const lines: string[] = [
    "# Configuration reference",
    "",
    "<!-- Generated by `npm run docs` (scripts/docs/config-reference.ts) from the zod schema in config/schema.ts. Do not edit: change the schema and regenerate. -->",
    "",
    "Every key a stack file (`Pulumi.<stack>.yaml`, or a blueprint) can set, generated from the",
    "schema that validates it. Read it to look up a key's exact path, type, allowed values and",
    "default; read [tiers.md](tiers.md) for what each tier builds from these keys and why, and",
    "[blueprints.md](blueprints.md) for complete examples.",
    "",
    "- **key**: the path as a stack file spells it: `platform:<section>.<field>` (`aws:region` for the",
    "  region); `[]` marks a list whose items carry the keys below it, `.<key>` a map's entries.",
    "  Config errors name the same paths, with list positions (`platform:network.subnets.public[0]`).",
    "- **required**: `yes` when the key must be set whenever the object holding it is present.",
    "  A key with a default, or an optional one, is `no`.",
    "- **constraints**: what the schema itself checks, with its message where the schema has one.",
    "  \"checked in code\" marks a custom check whose rule lives in the config module; the checks",
    "  across keys (a path routed to two services, a replica that does not fit its primary, ...)",
    "  run after these and are not listed here.",
    "- **description**: the key's `.describe()` text in the schema; empty where the schema has none yet.",
    "- Objects are strict: a key not listed here is an error.",
    "",
    "## Contents",
    "",
  ];
  for (const block of blocks) lines.push(`${"  ".repeat(block.level - 2)}- [${block.title}](#${anchor(block.title)})`);
  for (const block of blocks) {
    lines.push("", `${"#".repeat(block.level)} ${block.title}`, "");
    if (block.intro) lines.push(block.intro, "");
    if (block.rows.length > 0) lines.push(...renderRows(block.rows));
    else lines.push("No keys of its own: each entry takes one of the forms below.");
  }
  return `${lines.join("\n")}\n`;
}
