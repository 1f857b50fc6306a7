import * as pulumi from "@pulumi/pulumi";
import { CapturedCall, CapturedResource, RenderProgress } from "./captured";
import { bucketsOf, MockCloud } from "./mock-cloud/cloud";
import { SingletonLedger } from "./mock-cloud/singletons";
import { OtherStack, OtherStacks } from "./other-stacks";
import { platformProgram } from "../program";

export interface RenderOptions {
  readonly project: string;
  readonly stack: string;
  /** Flat config as Pulumi hands it to a program: `platform:network` -> JSON text. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  readonly accountId?: string;
  /** Render as a preview (unknowns stay unknown) instead of an update. */
  readonly preview?: boolean;
  /** Module to run instead of the platform's program (platformProgram of program.ts, what index.ts runs). */
  readonly programPath?: string;
  /** Stacks rendered before, by name, that a StackReference may read (a standby's primary). */
  readonly stacks?: OtherStacks;
  /** The organization of the state backend; `organization` is a self-managed backend's. */
  readonly organization?: string;
  /**
   * Per-account singletons created by the renders so far: pass one ledger to the renders of
   * stacks that share accounts, and a second GuardDuty detector or registry replication
   * configuration in an account and region fails the render that adds it.
   */
  readonly ledger?: SingletonLedger;
  /** How the ledger names this render (its stack file); the stack's name by default. */
  readonly owner?: string;
  /**
   * Called after each registration with the counts so far, for a command line's progress. It runs
   * inside the render: keep it cheap (throttle any drawing) and let it never throw.
   */
  readonly onProgress?: (progress: RenderProgress) => void;
}

export interface RenderResult {
  readonly stack: string;
  readonly region: string;
  readonly resources: readonly CapturedResource[];
  /** Every function call (data source) of the program, with the region it went to. */
  readonly calls: CapturedCall[];
  /** Stack outputs; a secret one is `{ secret: true }`, so nothing can print it. */
  readonly outputs: Record<string, unknown>;
  /**
   * This stack as another stack's StackReference reads it: outputs with their values (secret ones
   * named in `secretOutputNames`) and the values it wrote to Secrets Manager. Pass it as a later
   * render's `stacks`; never print it.
   */
  readonly asReferenced: OtherStack;
}

/** `waitForRPCs` is exported by the SDK's runtime but left out of its type declarations. */
const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

/**
 * The SDK's capture of a registration's source position: every resource's constructor calls this
 * private static of Resource, which formats and parses a stack trace of unlimited depth. The
 * engine shows the position in its diagnostics; the mock monitor ignores it.
 */
const sdkResource = pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] };

/**
 * Runs the Pulumi program under the mock cloud and returns every registration. Stack traces are
 * switched off only while the program runs: the SDK captures one per promise, which under a
 * source-mapped loader costs more than the rest of the render (see scripts/bench.ts), and one per
 * resource for its source position, which nothing offline reads (8 % of the 20x plan).
 */
export async function renderProgram(options: RenderOptions): Promise<RenderResult> {
  const region = options.config["aws:region"] ?? "";
  const cloud = new MockCloud(region, {
    accountId: options.accountId,
    stacks: options.stacks,
    ledger: options.ledger,
    owner: options.owner ?? options.stack,
    disabledDefaultProviders: disabledDefaultProviders(options.config),
    onProgress: options.onProgress,
  });
  await pulumi.runtime.setMocks(cloud, options.project, options.stack, options.preview ?? false, options.organization ?? "organization");
  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
  cloud.attach(pulumi.runtime.getMonitor());

  const programPath = options.programPath === undefined ? undefined : require.resolve(options.programPath);
  if (programPath) delete require.cache[programPath];
  const traceLimit = Error.stackTraceLimit;
  const sourcePositions = sdkResource.stackTrace;
  Error.stackTraceLimit = process.env.PLAN_STACK_TRACES ? traceLimit : 0;
  if (!process.env.PLAN_STACK_TRACES) sdkResource.stackTrace = () => [];
  // A registration whose input failed (an apply that threw) rejects a promise nobody awaits: the
  // Pulumi CLI fails the update on it, so the render fails too.
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    // The platform's program is a function, run anew on each render. Another program is loaded by
    // path and run anew each time (its cache entry is deleted above): a dynamic import() would go
    // through the ES module loader's cache and wrap a CommonJS program's exports in a namespace
    // object (an extra `default` output).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the comment above: require() is the loader this needs
    const exported = programPath ? (require(programPath) as Record<string, unknown>) : platformProgram();
    const resolved = await resolveOutputs(exported);
    await runtime.waitForRPCs();
    // Rejections are reported once the microtasks of the failed registrations have run.
    await new Promise((resolve) => setImmediate(resolve));
    const failures = [...new Set(rejections.map((r) => (r instanceof Error ? r.message : String(r))))];
    if (cloud.errors.length > 0 || failures.length > 0) {
      throw new Error([...cloud.errors, ...failures].join("\n"));
    }
    const outputs = Object.fromEntries(resolved.map(({ key, value, secret }) => [key, secret ? { secret: true } : value]));
    const asReferenced: OtherStack = {
      qualifiedName: `${options.organization ?? "organization"}/${options.project}/${options.stack}`,
      outputs: Object.fromEntries(resolved.map(({ key, value }) => [key, value])),
      secretOutputNames: resolved.filter((o) => o.secret).map((o) => o.key),
      secretValues: secretValues(cloud.resources),
      buckets: bucketsOf(cloud.resources),
    };
    return { stack: options.stack, region, resources: cloud.resources, calls: cloud.calls, outputs, asReferenced };
  } finally {
    process.off("unhandledRejection", onRejection);
    Error.stackTraceLimit = traceLimit;
    sdkResource.stackTrace = sourcePositions;
  }
}

/** `pulumi:disable-default-providers` of the stack's config: the packages whose default provider the engine refuses. */
function disabledDefaultProviders(config: Readonly<Record<string, string>>): string[] {
  const text = config["pulumi:disable-default-providers"];
  if (text === undefined) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
}

async function resolveOutputs(exported: Record<string, unknown>): Promise<{ key: string; value: unknown; secret: boolean }[]> {
  return Promise.all(Object.entries(exported ?? {}).map(async ([key, value]) => ({ key, ...(await outputValue(value)) })));
}

/** Resolves an output and says whether it is secret. */
async function outputValue(value: unknown): Promise<{ value: unknown; secret: boolean }> {
  const output: pulumi.Output<unknown> = pulumi.output(value);
  const [secret, resolved] = await Promise.all([
    pulumi.isSecret(output),
    new Promise<unknown>((resolve) => output.apply((v) => resolve(v))),
  ]);
  return { value: resolved, secret };
}

/** The last value each secret was given in this render, by secret ARN (a SecretVersion's secretId). */
function secretValues(resources: readonly CapturedResource[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const r of resources) {
    if (r.type === "aws:secretsmanager/secretVersion:SecretVersion" && typeof r.state.secretString === "string") {
      values[String(r.state.secretId)] = r.state.secretString;
    }
  }
  return values;
}
