// Child process of scripts/bench.ts: the SDK floor for a stack. It replays the resources a plan
// wrote (type, name, parent and inputs from plan.json) through @pulumi/pulumi under the SDK's own
// trivial mocks: the same registrations with none of this project's code (no config, no
// components, no mock-cloud models, no gate, cost or diagram). `plan <stack>` over this, both as
// whole processes, is the program's overhead over the SDK for the same resources.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";

interface Replayed {
  type: string;
  name: string;
  urn: string;
  parent: string | null;
  inputs: Record<string, unknown>;
}

// The SDK's resource classes are abstract in its types; a program's classes (aws.s3.Bucket) are these.
class ReplayedProvider extends pulumi.ProviderResource {}
class ReplayedResource extends pulumi.CustomResource {}

/** `waitForRPCs` is exported by the SDK's runtime but left out of its type declarations. */
const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

async function main(): Promise<void> {
  const file = process.env.BENCH_PLAN;
  if (!file) throw new Error("BENCH_PLAN: the plan.json to replay");
  const plan = JSON.parse(fs.readFileSync(file, "utf8")) as { stack: string; resources: Replayed[] };
  // The same packages a program of these resources loads: the AWS SDK for Pulumi and its provider.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for its cost, like a program that uses it
  require("@pulumi/aws");
  await pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs as Record<string, unknown>,
    },
    "bench",
    plan.stack,
    false,
  );
  // As plan renders (offline/render.ts): the SDK captures a stack trace per promise unless told not to.
  Error.stackTraceLimit = 0;
  const byUrn = new Map<string, pulumi.Resource>();
  for (const r of plan.resources) {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const opts = parent ? { parent } : {};
    const resource = r.type.startsWith("pulumi:providers:")
      ? new ReplayedProvider(r.type.slice("pulumi:providers:".length), r.name, r.inputs, opts)
      : r.type.split(":").length === 3 && !r.type.includes("/")
        ? new pulumi.ComponentResource(r.type, r.name, {}, opts)
        : new ReplayedResource(r.type, r.name, r.inputs, opts);
    byUrn.set(r.urn, resource);
  }
  await runtime.waitForRPCs();
  process.stdout.write(JSON.stringify({ resources: plan.resources.length }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
