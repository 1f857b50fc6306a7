import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Clock } from "../shared/clock";

/**
 * The few calls of the Pulumi Cloud Deployments REST API that a drift check needs, which the
 * Automation API's RemoteStack does not offer (it has preview, up, refresh and destroy, no
 * preview-only refresh). Paths and payloads as Pulumi documents them
 * (https://www.pulumi.com/docs/pulumi-cloud/deployments/api/, "Create Deployment", "Get
 * Deployment") and as the CLI's own client calls them (pulumi/pulumi,
 * pkg/backend/httpstate/client/client.go: CreateDeployment, GetDeploymentUpdates,
 * GetUpdateEngineEvents):
 *  - POST /api/stacks/{org}/{project}/{stack}/deployments            {operation, sourceContext, operationContext}
 *  - GET  /api/stacks/{org}/{project}/{stack}/deployments/{id}       {status}
 *  - GET  /api/stacks/{org}/{project}/{stack}/deployments/{id}/updates   [{updateID, version}]
 *  - GET  /api/stacks/{org}/{project}/{stack}/update/{updateID}/events   {events, continuationToken}
 * Requests carry `Authorization: token <PULUMI_ACCESS_TOKEN>` and `Accept: application/vnd.pulumi+8`
 * (the REST API's required headers). The token is never logged or put in an error.
 */

/** One HTTP exchange; `fetch` in production, a fake of the API in tests. */
export type HttpCall = (request: { method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: string }) => Promise<{ status: number; text: string }>;

export const fetchCall: HttpCall = async ({ method, url, headers, body }) => {
  const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(60_000) });
  return { status: response.status, text: await response.text() };
};

/** A deployment's status; the last three are final ("Get Deployment"; DriftRun's status values). */
export type DeploymentStatus = "not-started" | "accepted" | "running" | "failed" | "succeeded" | "skipped";
const finalStatuses: readonly DeploymentStatus[] = ["failed", "succeeded", "skipped"];

export interface DeploymentRequest {
  /** `detect-drift`: "refresh state and fail if any changes are detected", as a preview-only refresh (Deployments' drift detection). */
  readonly operation: "detect-drift";
  /** false: this request's source and environment only, not settings stored on the stack. */
  readonly inheritSettings: false;
  readonly sourceContext: { readonly git: { readonly repoURL: string; readonly branch: string; readonly repoDir?: string } };
  readonly operationContext: { readonly preRunCommands: readonly string[]; readonly environmentVariables: Readonly<Record<string, string | { secret: string }>> };
}

export interface DeploymentsApiOptions {
  /** Pulumi Cloud's API, `https://api.pulumi.com` unless self-hosted. */
  readonly apiUrl: string;
  readonly token: string;
  readonly clock: Clock;
  readonly call?: HttpCall;
  /** Between two status polls; the CLI's `pulumi deployment run` polls every few seconds. */
  readonly pollMs?: number;
  /** How long a deployment may take before the check gives up on it (it keeps running in Pulumi Cloud). */
  readonly timeoutMs?: number;
}

export class DeploymentsApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeploymentsApiError";
  }
}

export class DeploymentsApi {
  private readonly call: HttpCall;

  constructor(private readonly options: DeploymentsApiOptions) {
    this.call = options.call ?? fetchCall;
  }

  /** Starts a deployment of `stack` (`org/project/stack`); returns its id. */
  async create(stack: string, request: DeploymentRequest): Promise<string> {
    const created = await this.request<{ id?: string }>("POST", `/api/stacks/${stack}/deployments`, request);
    if (!created.id) throw new DeploymentsApiError(`POST /api/stacks/${stack}/deployments answered without a deployment id`);
    return created.id;
  }

  /** Polls the deployment until it ends; returns its final status. */
  async waitFor(stack: string, id: string): Promise<DeploymentStatus> {
    const deadline = this.options.clock.now() + (this.options.timeoutMs ?? 60 * 60_000);
    for (;;) {
      const { status } = await this.request<{ status: DeploymentStatus }>("GET", `/api/stacks/${stack}/deployments/${id}`);
      if (finalStatuses.includes(status)) return status;
      if (this.options.clock.now() >= deadline) throw new DeploymentsApiError(`deployment ${id} of ${stack} still ${status} after ${Math.round((this.options.timeoutMs ?? 3_600_000) / 60_000)} min; it keeps running in Pulumi Cloud`);
      await this.options.clock.sleep(this.options.pollMs ?? 5_000);
    }
  }

  /** The engine events of every update the deployment ran, in order. */
  async events(stack: string, id: string): Promise<EngineEvent[]> {
    const updates = await this.request<{ updateID: string; version: number }[]>("GET", `/api/stacks/${stack}/deployments/${id}/updates`);
    const events: EngineEvent[] = [];
    for (const update of [...updates].sort((a, b) => a.version - b.version)) {
      let token: string | undefined;
      do {
        const page = await this.request<{ events?: EngineEvent[]; continuationToken?: string | null }>(
          "GET",
          `/api/stacks/${stack}/update/${update.updateID}/events${token ? `?continuationToken=${encodeURIComponent(token)}` : ""}`,
        );
        events.push(...(page.events ?? []));
        token = page.continuationToken ?? undefined;
      } while (token);
    }
    return events;
  }

  private async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await this.call({
      method,
      url: `${this.options.apiUrl.replace(/\/$/, "")}${path}`,
      headers: { Accept: "application/vnd.pulumi+8", "Content-Type": "application/json", Authorization: `token ${this.options.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status < 200 || response.status >= 300) {
      // The API's error body is {code, message}; the request (and its token) is not repeated.
      const message = (() => {
        try {
          return (JSON.parse(response.text) as { message?: string }).message ?? response.text;
        } catch {
          return response.text;
        }
      })();
      throw new DeploymentsApiError(`${method} ${path}: HTTP ${response.status}${message ? `: ${message.trim().split("\n")[0]}` : ""}`);
    }
    return JSON.parse(response.text) as T;
  }
}
