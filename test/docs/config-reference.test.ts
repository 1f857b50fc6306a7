import { strict as assert } from "assert";
import { z } from "zod";
import { anchor, descriptionOf, referenceBlocks, renderConfigReference } from "../../scripts/docs/config-reference";

/** A small schema with every shape the reference walks: wrappers, lists, maps, unions, descriptions. */
const schema = z
  .object({
    region: z.enum(["ap-northeast-2", "ap-northeast-1"]),
    name: z.string().regex(/^[a-z]+$/, "must be a-z").describe("Product name."),
    net: z
      .object({
        cidr: z.string().describe("VPC range.").optional(),
        zones: z.array(z.string()).min(2, "needs 2 or 3 zones").max(3),
        days: z.number().int().min(0).max(36500).min(1).default(7).describe("Kept days."),
        mode: z.enum(["a", "b"]).default("a"),
        checked: z.number().refine((n) => n % 2 === 0, { message: "must be even" }).describe("An even number."),
        list: z.array(z.object({ key: z.string(), flag: z.boolean().default(false) }).strict()).default([]),
        map: z.record(z.string().regex(/^[a-z]+$/), z.object({ size: z.number().positive() }).strict()).default({}),
      })
      .strict(),
    db: z
      .discriminatedUnion("engine", [
        z.object({ engine: z.literal("postgres"), storageGb: z.number().int().min(20) }).strict(),
        z.object({ engine: z.literal("aurora"), readers: z.number().int().max(15).default(0) }).strict(),
      ])
      .optional(),
  })
  .strict();

describe("docs: configuration reference from a zod schema", () => {
  const blocks = referenceBlocks(schema);
  const row = (path: string) => {
    const found = blocks.flatMap((b) => b.rows).find((r) => r.path === path);
    assert.ok(found, `no row ${path}`);
    return found;
  };

  it("names every key by its stack-file path: aws:region, platform:<section>.<field>, [] for lists, .<key> for maps", () => {
    assert.deepEqual(
      blocks.flatMap((b) => b.rows.map((r) => r.path)),
      [
        "aws:region",
        "platform:name",
        "platform:net",
        "platform:db",
        "platform:net.cidr",
        "platform:net.zones[]",
        "platform:net.days",
        "platform:net.mode",
        "platform:net.checked",
        "platform:net.list[]",
        "platform:net.list[].key",
        "platform:net.list[].flag",
        "platform:net.map",
        "platform:net.map.<key>.size",
        "platform:db.engine",
        "platform:db.storageGb",
        "platform:db.engine",
        "platform:db.readers",
      ],
    );
  });

  it("reads descriptions through optional, default and effects wrappers, and leaves the rest empty", () => {
    assert.equal(descriptionOf(schema.shape.name), "Product name.");
    assert.equal(row("platform:net.cidr").description, "VPC range.");
    assert.equal(row("platform:net.days").description, "Kept days.");
    assert.equal(row("platform:net.checked").description, "An even number.");
    assert.equal(row("platform:net.mode").description, "");
  });

  it("gives types, constraints with their messages, defaults and whether a key is required", () => {
    assert.deepEqual(row("platform:name"), { path: "platform:name", type: "string", constraints: ["pattern `^[a-z]+$` (must be a-z)"], defaultValue: undefined, required: true, description: "Product name." });
    assert.deepEqual(row("platform:net.zones[]").constraints, ["at least 2 items (needs 2 or 3 zones)", "at most 3 items"]);
    const days = row("platform:net.days");
    assert.equal(days.type, "integer");
    assert.deepEqual(days.constraints, [">= 1", "<= 36500"]);
    assert.equal(days.defaultValue, "7");
    assert.equal(days.required, false);
    assert.equal(row("platform:net.mode").type, "one of `a`, `b`");
    assert.deepEqual(row("platform:net.checked").constraints, ["checked in code"]);
    assert.equal(row("platform:net.cidr").required, false);
    assert.equal(row("platform:net.list[]").defaultValue, "[]");
    assert.equal(row("platform:net.map.<key>.size").constraints[0], "> 0");
    assert.equal(row("platform:net.map").constraints[0], "keys: pattern `^[a-z]+$`");
  });

  it("gives each option of a discriminated union a block of its own, named by the discriminator's value", () => {
    const titles = blocks.map((b) => b.title);
    assert.deepEqual(titles, ["Top-level keys", "`platform:net`", "`platform:db`", "`platform:db` with `engine`: `postgres`", "`platform:db` with `engine`: `aurora`"]);
    assert.equal(blocks[3].level, 3);
    assert.match(row("platform:db").type, /by `engine`: `postgres`, `aurora`/);
  });

  it("renders a table per block with links that match GitHub's anchors, the same text every time", () => {
    const text = renderConfigReference(schema);
    assert.equal(text, renderConfigReference(schema));
    assert.ok(text.includes("- [`platform:db` with `engine`: `postgres`](#platformdb-with-engine-postgres)"));
    assert.equal(anchor("`platform:compute.services[].image` with form 1 (`repository`, `tag`)"), "platformcomputeservicesimage-with-form-1-repository-tag");
    assert.ok(text.includes("| `platform:name` | string | pattern `^[a-z]+$` (must be a-z) |  | yes | Product name. |"));
  });
});
