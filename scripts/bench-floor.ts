// Child process of scripts/bench.ts: the SDK floor for a stack. It replays the resources a plan
// wrote (type, name, parent and inputs from plan.json) through @pulumi/pulumi under the SDK's own
// trivial mocks: the same registrations with none of this project's code (no config, no
// components, no mock-cloud models, no gate, cost or diagram). `plan <stack>` over this, both as
// whole processes, is the program's overhead over the SDK for the same resources.
//
// Each resource is constructed through its provider SDK's class (`aws.ecs.Service` for
// `aws:ecs/service:Service`), as any program that registers it must: loading the class's module and
// the Outputs it declares for every output property are part of what the SDK costs for that
// resource. BENCH_FLOOR=generic replays every resource through a bare CustomResource instead (the
// floor before 2026-12-06), which no program registering these types can match.
// BENCH_FLOOR=dependencies gives each input that depended on other resources (its
// propertyDependencies in plan.json) as an Output of them, as a program passes one resource's
// attribute to another: the SDK then awaits it and records the dependency, which it does not do
// for a plain value. See withDependencies for how each is given.
// scripts/bench-floor-deferred.ts is this floor with the SDK's loads of TypeScript, its Automation API and npm's Arborist deferred, as plan defers them.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";

export interface Replayed {
  type: string;
  name: string;
  urn: string;
  parent: string | null;
  inputs: Record<string, unknown>;
  id?: string;
  computed?: Record<string, unknown>;
  options?: { propertyDependencies?: Record<string, string[]> };
}

// The SDK's resource classes are abstract in its types; a program's classes (aws.s3.Bucket) are these.
class ReplayedProvider extends pulumi.ProviderResource {}
class ReplayedResource extends pulumi.CustomResource {}

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.Resource;

/** `waitForRPCs` is exported by the SDK's runtime but left out of its type declarations. */
const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

/** The packages whose classes the floor constructs, loaded on first use as a program loads them. */
const packages: Record<string, () => Record<string, unknown>> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, like a program that uses it
  aws: () => require("@pulumi/aws") as Record<string, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  random: () => require("@pulumi/random") as Record<string, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  kubernetes: () => require("@pulumi/kubernetes") as Record<string, unknown>,
};

/**
 * The provider SDK's class for a type token: `aws:ecs/service:Service` is `aws.ecs.Service`,
 * `random:index/randomPassword:RandomPassword` is `random.RandomPassword`, and
 * `kubernetes:apps/v1:Deployment` is `k8s.apps.v1.Deployment` (an API group's first label names
 * its module: `networking.k8s.io/v1` is `k8s.networking.v1`). Undefined for a type no SDK class
 * registers (a Kubernetes custom resource, whose program uses the generic CustomResource too).
 */
export function sdkClass(type: string): ResourceClass | undefined {
  const [pkg, module, member] = type.split(":");
  const load = packages[pkg];
  if (!load || !module || !member) return undefined;
  const [first, version] = module.split("/");
  let namespace: unknown = load();
  const path = pkg === "kubernetes" ? [first.split(".")[0], version] : first === "index" ? [] : [first];
  for (const key of path) namespace = (namespace as Record<string, unknown> | undefined)?.[key];
  const found = (namespace as Record<string, unknown> | undefined)?.[member];
  return typeof found === "function" ? (found as ResourceClass) : undefined;
}

export async function main(): Promise<void> {
  const file = process.env.BENCH_PLAN;
  if (!file) throw new Error("BENCH_PLAN: the plan.json to replay");
  const generic = process.env.BENCH_FLOOR === "generic";
  const dependencies = process.env.BENCH_FLOOR === "dependencies";
  const plan = JSON.parse(fs.readFileSync(file, "utf8")) as { stack: string; resources: Replayed[] };
  // The same packages a program of these resources loads: the AWS SDK for Pulumi and its provider.
  packages.aws();
  await pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs as Record<string, unknown>,
    },
    "bench",
    plan.stack,
    false,
  );
  // As plan renders (offline/render.ts): the SDK captures a stack trace per promise unless told
  // not to, and a source position per resource.
  Error.stackTraceLimit = 0;
  (pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] }).stackTrace = () => [];
  const byUrn = new Map<string, pulumi.Resource>();
  const replayedByUrn = dependencies ? new Map(plan.resources.map((r) => [r.urn, r])) : undefined;
  let throughClasses = 0;
  for (const r of plan.resources) {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const opts = parent ? { parent } : {};
    const isProvider = r.type.startsWith("pulumi:providers:");
    const isComponent = !isProvider && r.type.split(":").length === 3 && !r.type.includes("/");
    const sdk = generic || isComponent ? undefined : sdkClass(isProvider ? `${r.type.slice("pulumi:providers:".length)}:index/provider:Provider` : r.type);
    const inputs = replayedByUrn ? withDependencies(r, (urn) => dependencyOf(urn, byUrn, replayedByUrn)) : r.inputs;
    let resource: pulumi.Resource;
    if (sdk) {
      resource = new sdk(r.name, inputs, opts);
      throughClasses++;
    } else if (isProvider) resource = new ReplayedProvider(r.type.slice("pulumi:providers:".length), r.name, inputs, opts);
    else if (isComponent) resource = new pulumi.ComponentResource(r.type, r.name, {}, opts);
    else resource = new ReplayedResource(r.type, r.name, inputs, opts);
    byUrn.set(r.urn, resource);
  }
  await runtime.waitForRPCs();
  process.stdout.write(JSON.stringify({ resources: plan.resources.length, throughClasses }));
}

/**
 * `r`'s inputs with each one that depended on resources registered before it given as an Output
 * of them. An input whose value is one of its one dependency's own strings (an id, a name, an
 * ARN: what a program passes as `role.arn`) is a direct reference: it gets an Output that already exists (the
 * dependency's URN; the floor's mocks read no value), so that it costs what a direct reference
 * costs. Any other (a policy document, a list of ids) is built from its dependencies, as a program
 * builds it with `apply` or `all`: the recorded value, from an `apply` over their URNs.
 */
export function withDependencies(r: Replayed, dependency: (urn: string) => Dependency | undefined): Record<string, unknown> {
  const inputs = { ...r.inputs };
  for (const [key, urns] of Object.entries(r.options?.propertyDependencies ?? {})) {
    const dependencies = urns.flatMap((urn) => dependency(urn) ?? []);
    if (!(key in inputs) || dependencies.length === 0) continue;
    const value = inputs[key];
    if (dependencies.length === 1 && typeof value === "string" && dependencies[0].values().has(value)) inputs[key] = dependencies[0].resource.urn;
    else if (dependencies.length === 1) inputs[key] = dependencies[0].resource.urn.apply(() => value);
    else inputs[key] = pulumi.all(dependencies.map((d) => d.resource.urn)).apply(() => value);
  }
  return inputs;
}

export interface Dependency {
  /** Only its URN is read: the Output every resource has from its registration on. */
  readonly resource: Pick<pulumi.Resource, "urn">;
  /** The strings it holds that another's input can be (its id, its inputs' and computed attributes' strings). */
  values(): ReadonlySet<string>;
}

const dependencyByUrn = new Map<string, Dependency>();

/** The registered resource of `urn` and its values (worked out once, on first use). */
function dependencyOf(urn: string, registered: ReadonlyMap<string, pulumi.Resource>, replayed: ReadonlyMap<string, Replayed>): Dependency | undefined {
  const resource = registered.get(urn);
  if (!resource) return undefined;
  let dependency = dependencyByUrn.get(urn);
  if (!dependency) {
    let values: ReadonlySet<string> | undefined;
    const r = replayed.get(urn);
    const strings = (record: Record<string, unknown> | undefined) => Object.values(record ?? {}).filter((v): v is string => typeof v === "string");
    dependency = { resource, values: () => (values ??= new Set([r?.id ?? "", ...strings(r?.inputs), ...strings(r?.computed)])) };
    dependencyByUrn.set(urn, dependency);
  }
  return dependency;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
