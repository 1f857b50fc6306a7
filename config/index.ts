import { z } from "zod";
import { ConfigError, ConfigIssue, fromZodError, WrittenValues } from "./errors";
import { ignoredProviderKeys } from "./provider-keys";
import type { PlatformSettings } from "../model/platform";
import { secretShape } from "../model/security/secret-shapes";
import { tidyIssues } from "./follow-ons";
import { namespaceProblem } from "./namespaces";
import { crossChecks, derive, ObjectConfig, platformObject } from "./schema";

export { ConfigError, formatIssue } from "./errors";
export type { ConfigIssue, WrittenValues } from "./errors";

export const configNamespace = "platform";

export interface LoadOptions {
  /** Scalars as the stack file wrote them, by config path (the plan has them; Pulumi does not). */
  readonly written?: WrittenValues;
  /** The project's name (Pulumi.yaml `name`), whose namespace is the project's own. */
  readonly project?: string;
}

/**
 * Builds and validates the platform config from the flat key/value map Pulumi hands a program
 * (`platform:network` -> JSON text). Throws one ConfigError listing every problem: each section
 * is validated on its own and every cross-field rule whose sections passed still runs, so one
 * run reports what the next would.
 *
 * @param raw every config key of the stack, as `pulumi.runtime.allConfig()` returns it
 * @param secretKeys keys the stack stores encrypted; platform config must hold none
 */
export function loadPlatformConfig(raw: Readonly<Record<string, string>>, secretKeys: readonly string[] = [], options: LoadOptions = {}): PlatformSettings {
  // Every option in the key, so an option added later is never ignored (a different order only misses).
  const key = JSON.stringify([raw, secretKeys, options]);
  let settings = validated.get(key);
  if (!settings) {
    settings = validatedSettings(raw, secretKeys, options);
    if (validated.size >= validatedLimit) validated.delete(validated.keys().next().value as string);
    validated.set(key, settings);
  }
  // A copy each time: callers may change what they get (settings are plain data: objects, arrays, scalars).
  return structuredClone(settings);
}

/**
 * Settings by input, the oldest dropped past the bound. One process validates the same config
 * again and again (a plan's config step, its render and its cost step; the fleet's catalog; a
 * test's renders): 1,456 validations of 599 distinct inputs in one run of the in-process tests,
 * 2.5 of their 4.1 s on inputs seen before (2026-12-06).
 */
const validated = new Map<string, PlatformSettings>();
export const validatedLimit = 64;

function validatedSettings(raw: Readonly<Record<string, string>>, secretKeys: readonly string[], options: LoadOptions): PlatformSettings {
  const written = options.written ?? {};
  const issues: ConfigIssue[] = [...ignoredProviderKeys(Object.keys(raw))];
  const input: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(raw)) {
    const [namespace, name] = splitKey(key);
    const unknown = namespaceProblem(key, options.project);
    if (unknown) {
      issues.push({ path: key, value: undefined, message: unknown });
      continue;
    }
    if (key === "aws:region") {
      input.region = text === "null" && yamlNull(written[key]) ? null : text;
      continue;
    }
    if (namespace !== configNamespace) continue;
    if (secretKeys.includes(key)) {
      issues.push({
        path: key,
        value: "[secret]",
        message: "platform config holds no secrets: generate them (@pulumi/random) into Secrets Manager and pass ARNs",
      });
      continue;
    }
    try {
      input[name] = parseValue(text, written[key]);
    } catch (error) {
      issues.push({ path: key, value: secretShape(text) ? "[redacted]" : JSON.stringify(text.slice(0, 60)), message: `is not valid JSON: ${(error as Error).message}` });
      continue;
    }
    issues.push(...secretIssues(input[name], key));
  }

  const { parsed, zodIssues } = validate(input);
  issues.push(...fromZodError(new z.ZodError(zodIssues), input, platformObject, written));
  const tidy = tidyIssues(issues, { project: input.project, environment: input.environment });
  if (tidy.length > 0) throw new ConfigError(tidy);
  return derive(parsed as ObjectConfig);
}

/** Thrown by the view of the config a cross-field rule reads, when the rule reads a section that failed. */
class SectionFailed extends Error {}

/**
 * Each `platform:<key>` against its own schema, then every cross-field rule that reads only
 * sections that parsed. A section with only non-fatal problems (a project name the pattern
 * refuses) is handed to the rules as parsed: the names it makes are checked too, and their
 * problems are dropped as follow-ons of the section's own (follow-ons.ts).
 */
function validate(input: Record<string, unknown>): { parsed: Record<string, unknown>; zodIssues: z.ZodIssue[] } {
  const shape = platformObject.shape as Record<string, z.ZodTypeAny>;
  const zodIssues: z.ZodIssue[] = [];
  const unknownKeys = Object.keys(input).filter((key) => !(key in shape));
  if (unknownKeys.length > 0) zodIssues.push({ code: z.ZodIssueCode.unrecognized_keys, keys: unknownKeys, path: [], message: "unrecognized keys" });
  const parsed: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const [key, schema] of Object.entries(shape)) {
    // zod runs a refinement on a value that has only non-fatal problems (a string its pattern
    // refuses) and skips it after a fatal one (a wrong type, a missing key): what the refinement
    // receives is the section as far as it parsed, which the cross-field rules may read.
    let reached = false;
    const result = schema
      .superRefine((data) => {
        parsed[key] = data;
        reached = true;
      })
      .safeParse(input[key]);
    if (!result.success) {
      zodIssues.push(...result.error.issues.map((issue) => ({ ...issue, path: [key, ...issue.path] })));
      if (!reached) failed.add(key);
    }
  }
  const view = new Proxy(parsed, {
    get(target, key) {
      if (typeof key === "string" && failed.has(key)) throw new SectionFailed(key);
      return target[key as string];
    },
  }) as ObjectConfig;
  const ctx: z.RefinementCtx = {
    path: [],
    addIssue: (issue) => zodIssues.push({ ...issue, path: issue.path ?? [], message: issue.message ?? "is invalid" }),
  };
  for (const check of crossChecks) {
    try {
      check(view, ctx);
    } catch (error) {
      if (!(error instanceof SectionFailed)) throw error;
    }
  }
  return { parsed, zodIssues };
}

/** A secret-shaped string anywhere in a plain value: a config error, and the value is never printed. */
function secretIssues(value: unknown, path: string): ConfigIssue[] {
  if (typeof value === "string") {
    const kind = secretShape(value);
    return kind
      ? [{ path, value: "[redacted]", message: `looks like ${kind}: plain config is written to the stack file, Pulumi state and plan.json; put it in Secrets Manager (platform:appSecrets) and reference it` }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => secretIssues(item, `${path}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => secretIssues(item, `${path}.${key}`));
  return [];
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return colon < 0 ? ["", key] : [key.slice(0, colon), key.slice(colon + 1)];
}

/** Pulumi passes structured values as JSON text and scalars as plain text. */
function parseValue(text: string, written: string | undefined): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return JSON.parse(trimmed);
  return parseScalar(text, written);
}

function parseScalar(text: string, written: string | undefined): unknown {
  const trimmed = text.trim();
  // The plan's reader writes YAML's null (and .inf/.nan, which JSON turns into null) as "null";
  // only the file's own text tells them from the string "null".
  if (trimmed === "null" && yamlNull(written)) return null;
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

/** YAML's null (`~`, `null`, nothing) or a float JSON cannot hold (`.inf`, `.nan`), as the file wrote it. */
function yamlNull(written: string | undefined): boolean {
  return written !== undefined && /^(~|null|Null|NULL|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))?$/.test(written.trim());
}
