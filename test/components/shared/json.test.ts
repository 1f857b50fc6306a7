import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { jsonText } from "../../../components/shared/json";

/** An Output as a resource's attribute is one: it carries the resource, for the dependency. */
function attribute<T>(value: T, resource: object, secret = false): pulumi.Output<T> {
  const resources = new Set([resource]);
  const OutputClass = pulumi.Output as unknown as new (...args: unknown[]) => pulumi.Output<T>;
  return new OutputClass(resources, Promise.resolve(value), Promise.resolve(true), Promise.resolve(secret), Promise.resolve(resources));
}

const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((v) => resolve(v)));
type Internals = { isKnown: Promise<boolean>; isSecret: Promise<boolean>; resources(): Set<object> };
const internals = (output: pulumi.Output<unknown>) => output as unknown as Internals;

/** The text, whether it is known and secret, and the resources it depends on, as jsonStringify gives them. */
async function compare(value: unknown): Promise<{ text: string; known: boolean; secret: boolean }> {
  const ours = internals(jsonText(value));
  const sdk = internals(pulumi.jsonStringify(value));
  const [known, sdkKnown, secret, sdkSecret] = await Promise.all([ours.isKnown, sdk.isKnown, ours.isSecret, sdk.isSecret]);
  assert.equal(known, sdkKnown, "known");
  assert.equal(secret, sdkSecret, "secret");
  assert.deepEqual([...ours.resources()], [...sdk.resources()], "resources");
  const text = known ? await valueOf(jsonText(value)) : "";
  if (known) assert.equal(text, await valueOf(pulumi.jsonStringify(value)));
  return { text, known, secret };
}

describe("JSON text of values with Outputs inside (jsonText)", () => {
  const bucket = { name: "bucket" };
  const key = { name: "key" };

  it("writes plain values as JSON.stringify does", async () => {
    const value = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }], n: 1, none: undefined };
    const { text } = await compare(value);
    assert.equal(text, JSON.stringify(value));
  });

  it("resolves Outputs and promises at any depth, in order, and depends on their resources", async () => {
    const value = {
      Statement: [
        { Resource: [attribute("arn:aws:s3:::b", bucket), pulumi.interpolate`${attribute("arn:aws:s3:::b", bucket)}/*`] },
        { Resource: attribute("arn:aws:kms:k", key), Condition: { StringEquals: { "aws:SourceAccount": Promise.resolve("123456789012") } } },
      ],
    };
    const { text } = await compare(value);
    assert.equal(
      text,
      '{"Statement":[{"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]},{"Resource":"arn:aws:kms:k","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
    );
  });

  it("lifts an Output that resolves to a value with an Output inside", async () => {
    const { text } = await compare({ nested: pulumi.output({ inner: attribute("x", bucket) }) });
    assert.equal(text, '{"nested":{"inner":"x"}}');
  });

  it("is secret when any Output inside is", async () => {
    assert.equal((await compare({ token: attribute("s3cr3t", key, true), host: "h" })).secret, true);
  });

  it("is unknown while any value inside is unknown (a preview)", async () => {
    assert.equal((await compare({ a: pulumi.output(pulumi.unknown), b: "x" })).known, false);
    assert.equal((await compare({ a: pulumi.unknown })).known, false);
  });
});
