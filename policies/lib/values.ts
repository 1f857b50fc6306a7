/** Small readers for resource properties as the engine hands them over (plain JSON). */
import { isUnknown } from "./unknown";

/** Set to something, possibly unknown during a preview (an unknown ARN is still an ARN). */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/** `true`, or `"true"` where the provider types a flag as a string (launch templates). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** A list property as an array (absent -> empty; a single value -> one element). */
export function list<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/**
 * An engine value as text for a message: what String() gives for strings, numbers, booleans,
 * null and undefined; JSON for objects and arrays, where String() would print "[object Object]".
 */
export function text(value: unknown): string {
  return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** A JSON-text property (container definitions, provider config) parsed; unknown stays unknown. */
export function parseJson(value: unknown): { readonly known: true; readonly value: unknown } | { readonly known: false } {
  if (isUnknown(value)) return { known: false };
  if (typeof value !== "string") return { known: true, value };
  try {
    return { known: true, value: JSON.parse(value) };
  } catch {
    return { known: true, value: undefined };
  }
}

/** Tag keys of a `tags` map; unknown maps give undefined. */
export function tagKeys(value: unknown): string[] | undefined {
  if (isUnknown(value)) return undefined;
  if (!value || typeof value !== "object") return [];
  return Object.keys(value);
}
