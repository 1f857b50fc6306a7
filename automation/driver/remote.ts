import { RemoteStack, RemoteWorkspace, RemoteWorkspaceOptions, StackNotFoundError } from "@pulumi/pulumi/automation";
import { DeploymentRequest, DeploymentsApi } from "./deployments-api";
import { EventTracker } from "./events";
import { plainOutputs, translate } from "./local";
import { DriftOutcome, OperationOptions, PreviewOutcome, RefreshOutcome, StackDriver, StackOperationError, UpOutcome } from "./types";

export interface RemoteDriverOptions {
  /** The Pulumi Cloud organization and project: a remote stack is named `org/project/stack`. */
  readonly organization: string;
  readonly project: string;
  /** The repository Deployments clones, and the branch it checks out. */
  readonly repositoryUrl: string;
  readonly branch: string;
  /** The project's folder inside the repository (where Pulumi.yaml is); the root when omitted. */
  readonly projectPath?: string;
  /** Environment of the remote run: plain values, or `{ secret }` for values Deployments keeps encrypted. */
  readonly envVars?: Readonly<Record<string, string | { secret: string }>>;
  /** Commands run before each operation, e.g. `npm run plan -- <stack>` to write the pack's config. */
  readonly preRunCommands?: readonly string[];
  /**
   * The Deployments REST API (./deployments-api.ts), for the drift check: RemoteStack has no
   * preview-only refresh, Deployments' `detect-drift` operation is one. Without it
   * `previewRefresh` is refused.
   */
  readonly deploymentsApi?: DeploymentsApi;
}

/**
 * StackDriver on Pulumi Deployments through the Automation API's RemoteWorkspace: the operations
 * run on Pulumi's runners, against the repository at `branch`, not on this machine. Same outcomes
 * and errors as LocalWorkspaceDriver, with what RemoteStack does not offer said plainly:
 *  - the policy pack is the organization's policy group's business (Deployments runs the packs
 *    enabled for the stack); no local path is passed;
 *  - `setConfig` is refused: RemoteStack has no config; the run reads the stack file of the
 *    branch, so a config change is a commit;
 *  - `previewRefresh` does not go through RemoteStack, whose refresh has no preview-only mode and
 *    would write the state, which a drift check must never do: it creates a Deployments
 *    `detect-drift` deployment through the REST API (a preview-only refresh on Pulumi's runners,
 *    the operation Pulumi Cloud's drift schedules run), waits for it, and reads the drift from its
 *    update's engine events, as the local driver reads them from the CLI's.
 */
export class RemoteWorkspaceDriver implements StackDriver {
  private readonly stacks = new Map<string, Promise<RemoteStack>>();

  constructor(private readonly options: RemoteDriverOptions) {}

  async preview(name: string, options: OperationOptions = {}): Promise<PreviewOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      const result = await stack.preview({ onOutput: options.onOutput, onEvent: (e) => tracker.handle(e) });
      return { changes: result.changeSummary, violations: tracker.violations };
    } catch (error) {
      if (tracker.violations.some((v) => v.level === "mandatory")) return { changes: {}, violations: tracker.violations };
      throw translate(error, name, "preview");
    }
  }

  async up(name: string, options: OperationOptions = {}): Promise<UpOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      const result = await stack.up({ onOutput: options.onOutput, onEvent: (e) => tracker.handle(e) });
      return { changes: result.summary.resourceChanges ?? {}, outputs: plainOutputs(result.outputs) };
    } catch (error) {
      throw translate(error, name, "up");
    }
  }

  async refresh(name: string, options: OperationOptions = {}): Promise<RefreshOutcome> {
    const stack = await this.stack(name);
    const tracker = new EventTracker(options);
    try {
      const result = await stack.refresh({ onOutput: options.onOutput, onEvent: (e) => tracker.handle(e) });
      return { changes: result.summary.resourceChanges ?? {} };
    } catch (error) {
      throw translate(error, name, "refresh");
    }
  }

  async previewRefresh(name: string, options: OperationOptions = {}): Promise<DriftOutcome> {
    const api = this.options.deploymentsApi;
    const operation = "refresh --preview-only";
    if (!api) throw new StackOperationError(name, operation, "drift on Pulumi Deployments needs the Deployments REST API (PULUMI_ACCESS_TOKEN); RemoteStack has no preview-only refresh");
    const stack = this.qualified(name);
    let id: string | undefined;
    try {
      id = await api.create(stack, this.driftRequest());
      const status = await api.waitFor(stack, id);
      const events = await api.events(stack, id);
      const tracker = new EventTracker(options);
      events.forEach((event) => tracker.handle(event));
      const changes = events.map((e) => e.summaryEvent?.resourceChanges).find((c) => c !== undefined) ?? {};
      // detect-drift fails the deployment when the refresh finds changes: drift is its answer, not an error.
      if (status === "succeeded" || (status === "failed" && tracker.drifted.length > 0)) return { changes, drifted: tracker.drifted };
      throw new StackOperationError(name, operation, `Deployments' detect-drift deployment ${id} ${status}${status === "failed" ? " without reporting drift: see its log in Pulumi Cloud" : ""}`);
    } catch (error) {
      if (error instanceof StackOperationError) throw error;
      throw new StackOperationError(name, operation, `${id ? `deployment ${id}: ` : ""}${(error as Error).message}`);
    }
  }

  /** The detect-drift request: this rollout's repository, branch, environment and pre-run commands, not the stack's stored settings. */
  private driftRequest(): DeploymentRequest {
    const o = this.options;
    return {
      operation: "detect-drift",
      inheritSettings: false,
      sourceContext: { git: { repoURL: o.repositoryUrl, branch: o.branch.startsWith("refs/") ? o.branch : `refs/heads/${o.branch}`, repoDir: o.projectPath } },
      operationContext: { preRunCommands: [...(o.preRunCommands ?? [])], environmentVariables: { ...o.envVars } },
    };
  }

  async outputs(name: string): Promise<Record<string, unknown>> {
    const stack = await this.stack(name);
    try {
      return plainOutputs(await stack.outputs());
    } catch (error) {
      throw translate(error, name, "outputs");
    }
  }

  setConfig(name: string, key: string, value: string): Promise<void> {
    void value; // never echoed: a config value may be sensitive
    return Promise.reject(new StackOperationError(name, `config set ${key}`, `a remote run reads the stack file of branch ${this.options.branch}: commit the change to Pulumi.${name}.yaml there`));
  }

  /** The remote stack's fully qualified name. */
  qualified(name: string): string {
    return `${this.options.organization}/${this.options.project}/${name}`;
  }

  private stack(name: string): Promise<RemoteStack> {
    let stack = this.stacks.get(name);
    if (!stack) {
      const o = this.options;
      const workspace: RemoteWorkspaceOptions = { envVars: { ...o.envVars }, preRunCommands: [...(o.preRunCommands ?? [])] };
      // selectStack, never createOrSelect: a rollout does not invent stacks in the backend.
      stack = RemoteWorkspace.selectStack({ stackName: this.qualified(name), url: o.repositoryUrl, branch: o.branch, projectPath: o.projectPath }, workspace).catch((error) => {
        this.stacks.delete(name);
        if (error instanceof StackNotFoundError) throw new StackOperationError(name, "select", `stack ${this.qualified(name)} does not exist in Pulumi Cloud (create it with 'pulumi stack init ${this.qualified(name)}')`);
        throw translate(error, name, "select");
      });
      this.stacks.set(name, stack);
    }
    return stack;
  }
}
