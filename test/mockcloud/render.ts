import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { CapturedResource, MockCloud, mockAccountId } from "./index";

export interface RenderOptions {
  readonly project: string;
  readonly stack: string;
  /** Flat config as Pulumi hands it to a program: `platform:network` -> JSON text. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  readonly accountId?: string;
  /** Render as a preview (unknowns stay unknown) instead of an update. */
  readonly preview?: boolean;
  /** Module to run; the repository's index.ts by default. */
  readonly programPath?: string;
}

export interface RenderResult {
  readonly stack: string;
  readonly region: string;
  readonly resources: readonly CapturedResource[];
  readonly outputs: Record<string, unknown>;
}

/** `waitForRPCs` is exported by the SDK's runtime but left out of its type declarations. */
const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

export const defaultProgramPath = path.resolve(__dirname, "../../index");

/**
 * Runs the Pulumi program under the mock cloud and returns every registration. Stack traces are
 * switched off only while the program runs: the SDK captures one per promise, which under a
 * source-mapped loader costs more than the rest of the render (see scripts/bench.ts).
 */
export async function renderProgram(options: RenderOptions): Promise<RenderResult> {
  const region = options.config["aws:region"] ?? "";
  const cloud = new MockCloud(region, options.accountId ?? mockAccountId);
  await pulumi.runtime.setMocks(cloud, options.project, options.stack, options.preview ?? false);
  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
  cloud.attach(pulumi.runtime.getMonitor());

  const programPath = require.resolve(options.programPath ?? defaultProgramPath);
  delete require.cache[programPath];
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = process.env.PLAN_STACK_TRACES ? traceLimit : 0;
  try {
    const exported = require(programPath) as Record<string, unknown>;
    const outputs = await resolveOutputs(exported);
    await runtime.waitForRPCs();
    if (cloud.errors.length > 0) {
      throw new Error(cloud.errors.join("\n"));
    }
    return { stack: options.stack, region, resources: cloud.resources, outputs };
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}

async function resolveOutputs(exported: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(exported ?? {}).map(async ([key, value]) => [key, await outputValue(value)] as const),
  );
  return Object.fromEntries(entries);
}

/** Resolves an output; a secret output becomes `{ secret: true }` so nothing can print it. */
async function outputValue(value: unknown): Promise<unknown> {
  const output = pulumi.output(value as pulumi.Input<unknown>) as pulumi.Output<unknown>;
  const [secret, resolved] = await Promise.all([
    pulumi.isSecret(output),
    new Promise<unknown>((resolve) => output.apply((v) => resolve(v))),
  ]);
  return secret ? { secret: true } : resolved;
}
