/**
 * A registration's or a function call's inputs as a model reads them: the program's values under
 * the provider's property names, secrets unwrapped and resources recorded as `{ resourceRef }`.
 * Their shape is the provider's schema, which the mock cloud does not carry, so they are `unknown`
 * here: a model reads the fields it needs through the readers below, which narrow each one to
 * what it holds. Unset (absent or null) reads as undefined; a field of another kind fails the
 * registration, as the provider's own check of its inputs would.
 */
export type Inputs = Readonly<Record<string, unknown>>;

/** The inputs the mock monitor hands over (the SDK types them `any`): an object. */
export function inputsOf(value: unknown): Inputs {
  if (!isInputs(value)) throw new Error(`inputs must be an object, got ${kindOf(value)}`);
  return value;
}

export function str(inputs: Inputs | undefined, key: string): string | undefined {
  const value = inputs?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw wrongKind(key, value, "a string");
  return value;
}

export function num(inputs: Inputs | undefined, key: string): number | undefined {
  const value = inputs?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") throw wrongKind(key, value, "a number");
  return value;
}

/** An object-valued field (`viewerCertificate`, `metadata`). */
export function record(inputs: Inputs | undefined, key: string): Inputs | undefined {
  const value = inputs?.[key];
  if (value === undefined || value === null) return undefined;
  if (!isInputs(value)) throw wrongKind(key, value, "an object");
  return value;
}

export function list(inputs: Inputs | undefined, key: string): readonly unknown[] | undefined {
  const value = inputs?.[key];
  if (value === undefined || value === null) return undefined;
  if (!isList(value)) throw wrongKind(key, value, "a list");
  return value;
}

export function strings(inputs: Inputs | undefined, key: string): readonly string[] | undefined {
  const items = list(inputs, key);
  if (items === undefined || items.every(isString)) return items;
  throw wrongKind(key, items, "a list of strings");
}

/** A list of objects (`rules`, `origins`). */
export function records(inputs: Inputs | undefined, key: string): readonly Inputs[] | undefined {
  const items = list(inputs, key);
  if (items === undefined || items.every(isInputs)) return items;
  throw wrongKind(key, items, "a list of objects");
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isInputs(value: unknown): value is Inputs {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value;
}

function wrongKind(key: string, value: unknown, expected: string): Error {
  return new Error(`${key} must be ${expected}, got ${kindOf(value)}`);
}
