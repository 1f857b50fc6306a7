import { CommandError, ConcurrentUpdateError, LocalWorkspace, OutputMap, Stack, StackNotFoundError } from "@pulumi/pulumi/automation";
import { EventTracker } from "./events";
import { DriftOutcome, OperationOptions, PreviewOutcome, RefreshOutcome, StackDriver, StackLockedError, StackOperationError, UpOutcome } from "./types";

export interface LocalDriverOptions {
  /** The Pulumi project directory (holds Pulumi.yaml and the stack files). */
  readonly workDir: string;
  /** The CrossGuard pack passed to every preview and update. */
  readonly policyPackPath: string;
  /**
   * The pack config file for a stack (its per-environment enforcement, from the stack file's
   * `platform:policy`); without one every rule of the pack is mandatory.
   */
  readonly policyConfigFor?: (stack: string) => string;
  /**
   * The backend holding a stack's state (`s3://...`), when the fleet keeps stacks in several
   * (one per account: automation/bootstrap). Passed as PULUMI_BACKEND_URL to that stack's CLI
   * runs; without it the CLI uses the environment's PULUMI_BACKEND_URL or its login.
   */
  readonly backendFor?: (stack: string) => string | undefined;
}

/**
 * StackDriver on the Automation API's LocalWorkspace: runs the Pulumi CLI of this machine against
 * the project in `workDir`. Kept thin on purpose: it passes the policy pack, onOutput / onEvent and
 * the work directory, and translates errors; every decision lives in the orchestration.
 */
export class LocalWorkspaceDriver implements StackDriver {
  private readonly stacks = new Map<string, Promise<Stack>>();

  constructor(private readonly options: LocalDriverOptions) {}

  async preview(name: string, options: OperationOptions = {}): Promise<PreviewOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      const result = await stack.preview({ ...this.policy(name), onOutput: options.onOutput, onEvent: (e) => tracker.handle(e), color: "never" });
      return { changes: result.changeSummary, violations: tracker.violations };
    } catch (error) {
      // A mandatory violation fails the CLI's preview; the violations are the answer, not an error.
      if (tracker.violations.some((v) => v.level === "mandatory")) return { changes: {}, violations: tracker.violations };
      throw translate(error, name, "preview");
    }
  }

  async up(name: string, options: OperationOptions = {}): Promise<UpOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      const result = await stack.up({ ...this.policy(name), onOutput: options.onOutput, onEvent: (e) => tracker.handle(e), color: "never" });
      return { changes: result.summary.resourceChanges ?? {}, outputs: plainOutputs(result.outputs) };
    } catch (error) {
      throw translate(error, name, "up");
    }
  }

  private policy(name: string): { policyPacks: string[]; policyPackConfigs?: string[] } {
    const config = this.options.policyConfigFor?.(name);
    return { policyPacks: [this.options.policyPackPath], ...(config ? { policyPackConfigs: [config] } : {}) };
  }

  async refresh(name: string, options: OperationOptions = {}): Promise<RefreshOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      const result = await stack.refresh({ onOutput: options.onOutput, onEvent: (e) => tracker.handle(e), color: "never" });
      return { changes: result.summary.resourceChanges ?? {} };
    } catch (error) {
      throw translate(error, name, "refresh");
    }
  }

  async previewRefresh(name: string, options: OperationOptions = {}): Promise<DriftOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      // `pulumi refresh --preview-only`: the SDK's previewRefresh (RefreshOptions.previewOnly is deprecated for it).
      const result = await stack.previewRefresh({ onOutput: options.onOutput, onEvent: (e) => tracker.handle(e), color: "never" });
      return { changes: result.changeSummary, drifted: tracker.drifted };
    } catch (error) {
      throw translate(error, name, "refresh --preview-only");
    }
  }

  async outputs(name: string): Promise<Record<string, unknown>> {
    const stack = await this.stack(name);
    try {
      return plainOutputs(await stack.outputs());
    } catch (error) {
      throw translate(error, name, "outputs");
    }
  }

  async setConfig(name: string, key: string, value: string): Promise<void> {
    const stack = await this.stack(name);
    try {
      // path = true: `platform:dr.state` sets one field inside the structured `platform:dr` value.
      await stack.setConfig(key, { value }, true);
    } catch (error) {
      throw translate(error, name, `config set ${key}`);
    }
  }

  private stack(name: string): Promise<Stack> {
    let stack = this.stacks.get(name);
    if (!stack) {
      // selectStack, never createOrSelect: a rollout does not invent stacks in the backend.
      const backend = this.options.backendFor?.(name);
      const workspace = backend ? { envVars: { PULUMI_BACKEND_URL: backend } } : undefined;
      stack = LocalWorkspace.selectStack({ stackName: name, workDir: this.options.workDir }, workspace).catch((error) => {
        this.stacks.delete(name);
        if (error instanceof StackNotFoundError) {
          throw new StackOperationError(name, "select", `stack ${name} does not exist in the backend (create it with 'pulumi stack init ${name}')`);
        }
        throw translate(error, name, "select");
      });
      this.stacks.set(name, stack);
    }
    return stack;
  }
}

/** Secret outputs never leave the driver with their value. */
export function plainOutputs(outputs: OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.secret ? { secret: true } : output.value]));
}

/** A CLI failure as our errors: a lock as StackLockedError, anything else as StackOperationError with the CLI's last lines. */
export function translate(error: unknown, stack: string, operation: string): Error {
  if (error instanceof CommandError) {
    // The CLI's own words are in stderr; the error's message wraps them with code and stdout.
    const stderr = (error as unknown as { commandResult?: { stderr?: string } }).commandResult?.stderr || error.message;
    if (error instanceof ConcurrentUpdateError) return new StackLockedError(stack, lastLines(stderr, 1));
    return new StackOperationError(stack, operation, lastLines(stderr, 1), lastLines(stderr, 20));
  }
  return error instanceof Error ? error : new Error(String(error));
}

function lastLines(text: string, count: number): string {
  return text.trim().split("\n").filter((line) => line.trim() !== "").slice(-count).join("\n");
}
