import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadPlatformConfig } from "./config";
import { buildPlatform, platformOutputs } from "./components/platform";

/** `isConfigSecret` is exported by the SDK's runtime but left out of its type declarations. */
const runtime = pulumi.runtime as typeof pulumi.runtime & { isConfigSecret(key: string): boolean };

function readConfig() {
  const all = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(all).filter((key) => runtime.isConfigSecret(key));
  try {
    return loadPlatformConfig(all, secretKeys);
  } catch (error) {
    // RunError prints the message alone: every config problem, no stack trace.
    throw error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
  }
}

/**
 * The Pulumi program: reads the stack's config, registers the platform and returns the stack
 * outputs (platformOutputs decides them). index.ts runs it as the program `pulumi up` loads; the
 * offline render calls it directly, so that the plan's bundle holds one copy of every module.
 */
export function platformProgram(): Record<string, unknown> {
  return platformOutputs(buildPlatform(readConfig()));
}
