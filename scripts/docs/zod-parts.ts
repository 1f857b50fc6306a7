import { z } from "zod";

/**
 * The parts of a zod schema that the configuration reference walks into, typed. zod's classes are
 * generic in the schemas they hold, and `instanceof` fills those parameters with `any`: an
 * optional's `unwrap()`, an array's `element`, an object's `shape`, a union's `options` are all
 * `any`. Each part is checked to be a schema here, where it leaves zod, so the walk handles
 * `z.ZodTypeAny` only.
 */

/** `value` as a schema; anything else is a change in zod's internals, not in the config. */
export function zodSchema(value: unknown): z.ZodTypeAny {
  if (value instanceof z.ZodType) return value;
  throw new Error(`expected a zod schema inside the config schema, got ${typeof value}`);
}

export function isZodObject(schema: z.ZodTypeAny): schema is z.AnyZodObject {
  return schema instanceof z.ZodObject;
}

/** An object schema's keys and their schemas, in the order they are declared. */
export function fieldsOf(object: z.AnyZodObject): [string, z.ZodTypeAny][] {
  const shape: unknown = object.shape;
  if (typeof shape !== "object" || shape === null) throw new Error("a zod object without a shape");
  return Object.entries(shape).map(([key, value]) => [key, zodSchema(value)]);
}

/** A list of schemas: a union's options, a tuple's items. */
export function zodSchemas(value: unknown): z.ZodTypeAny[] {
  if (!Array.isArray(value)) throw new Error(`expected a list of zod schemas inside the config schema, got ${typeof value}`);
  return value.map(zodSchema);
}

/** The schema of one key of an object schema. */
export function fieldOf(object: z.AnyZodObject, key: string): z.ZodTypeAny {
  const field = fieldsOf(object).find(([name]) => name === key);
  if (!field) throw new Error(`no key ${key} in a zod object`);
  return field[1];
}

/** A discriminated union's discriminator and its options (always objects); undefined for any other schema. */
export function discriminatedUnion(schema: z.ZodTypeAny): { discriminator: string; options: z.AnyZodObject[] } | undefined {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) return undefined;
  const discriminator: unknown = schema.discriminator;
  if (typeof discriminator !== "string") throw new Error("a zod discriminated union without a discriminator");
  const options = zodSchemas(schema.options);
  if (!options.every(isZodObject)) throw new Error("a zod discriminated union with an option that is not an object");
  return { discriminator, options };
}

/** The value a literal schema allows; throws for any other schema. */
export function literalValue(schema: z.ZodTypeAny): unknown {
  if (!(schema instanceof z.ZodLiteral)) throw new Error(`expected a zod literal, got ${typeNameOf(schema) ?? "an unknown schema"}`);
  const value: unknown = schema.value;
  return value;
}

/** zod's name for a schema's kind (`ZodBigInt`, ...); undefined when its definition has none. */
export function typeNameOf(schema: z.ZodTypeAny): string | undefined {
  const def: unknown = schema._def;
  return typeof def === "object" && def !== null && "typeName" in def && typeof def.typeName === "string" ? def.typeName : undefined;
}
