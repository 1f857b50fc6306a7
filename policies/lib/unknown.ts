/**
 * Values the engine cannot know during a preview (an ARN of a resource not yet created) reach a
 * policy as sentinel strings, and the engine wraps `props` in a proxy that throws on reading one.
 * Rules read the unwrapped values instead, judge everything that is known, and report what was
 * not (see `UnknownValues`), so a preview neither crashes nor silently passes.
 */

// The engine's internal module: not in the package's type declarations, hence the require.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- proxy.d.ts of @pulumi/policy 1.x declares no exports
const proxy = require("@pulumi/policy/proxy") as {
  UnknownValueError: new (sentinel: string, path: string[]) => Error;
  isSpecialProxy: string;
  getSpecialProxyTarget: string;
  unknownCheckingProxy<T>(value: T): T;
};

/** The sentinels of @pulumi/policy 1.x (proxy.js); a test pins them against the installed package. */
export const unknownSentinels: readonly string[] = [
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the engine sends this one for every unknown)
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

/** The value the engine passes for a property it cannot know yet. */
export const unknownValue = unknownSentinels[2];

export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && unknownSentinels.includes(value);
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The plain object behind the engine's unknown-checking proxy (or the value itself). */
export function unwrap<T>(value: T): T {
  if (value && typeof value === "object" && (value as Record<string, unknown>)[proxy.isSpecialProxy] === true) {
    return (value as Record<string, unknown>)[proxy.getSpecialProxyTarget] as T;
  }
  return value;
}

/** Wraps props the way the engine does before a policy sees them (used by the offline gate). */
export function engineProxy<T extends object>(props: T): T {
  return proxy.unknownCheckingProxy(props);
}

/** The engine's error type: it turns into an advisory "can't run policy during preview" note. */
export function isUnknownValueError(error: unknown): boolean {
  return error instanceof proxy.UnknownValueError;
}

/**
 * Collects the property paths a rule needed but could not read. After the rule has judged what
 * is known, `throwIfAny` raises the engine's UnknownValueError: the engine records an advisory
 * note naming the first path, keeps the violations already reported, and the rule runs again with
 * known values at `pulumi up` (resource rules run before each create or update).
 */
export class UnknownValues {
  readonly paths: string[] = [];

  /** Records `path` and returns true when `value` is unknown. */
  check(value: unknown, path: string): boolean {
    if (!containsUnknown(value)) return false;
    this.paths.push(path);
    return true;
  }

  add(what: string): void {
    this.paths.push(what);
  }

  throwIfAny(): void {
    if (this.paths.length === 0) return;
    const [first, ...rest] = this.paths;
    const suffix = rest.length > 0 ? ` (and ${rest.join(", ")})` : "";
    throw new proxy.UnknownValueError(unknownValue, [`${first}${suffix}`]);
  }
}
