import { ConfigError, ConfigIssue, fromZodError } from "./errors";
import { ignoredProviderKeys } from "./provider-keys";
import type { PlatformSettings } from "../model/platform";
import { derive, platformObject, platformSchema } from "./schema";

export { ConfigError, formatIssue } from "./errors";
export type { ConfigIssue } from "./errors";

export const configNamespace = "platform";

/**
 * Builds and validates the platform config from the flat key/value map Pulumi hands a program
 * (`platform:network` -> JSON text). Throws one ConfigError listing every problem.
 *
 * @param raw every config key of the stack, as `pulumi.runtime.allConfig()` returns it
 * @param secretKeys keys the stack stores encrypted; platform config must hold none
 */
export function loadPlatformConfig(raw: Readonly<Record<string, string>>, secretKeys: readonly string[] = []): PlatformSettings {
  const issues: ConfigIssue[] = [...ignoredProviderKeys(Object.keys(raw))];
  const input: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(raw)) {
    const [namespace, name] = splitKey(key);
    if (key === "aws:region") {
      input.region = text;
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
      input[name] = parseValue(text);
    } catch (error) {
      issues.push({ path: key, value: text.slice(0, 60), message: `is not valid JSON: ${(error as Error).message}` });
    }
  }
  const parsed = platformSchema.safeParse(input);
  if (!parsed.success) {
    issues.push(...fromZodError(parsed.error, input, platformObject));
  }
  if (issues.length > 0 || !parsed.success) {
    throw new ConfigError(issues);
  }
  return derive(parsed.data);
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return colon < 0 ? ["", key] : [key.slice(0, colon), key.slice(colon + 1)];
}

/** Pulumi passes structured values as JSON text and scalars as plain text. */
function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return JSON.parse(trimmed);
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}
