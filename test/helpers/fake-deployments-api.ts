import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { DeploymentStatus, HttpCall } from "../../automation/driver/deployments-api";

/**
 * An in-memory Pulumi Cloud Deployments API for the calls the drift check makes (create a
 * deployment, get it, list its updates, page through an update's events), answering as the REST
 * API documents. Each created deployment walks through `statuses` one GET at a time and then
 * reports `events`, split into pages of `pageSize`. Any other request fails the test (HTTP 599).
 */
export class FakeDeploymentsApi {
  readonly requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] = [];
  /** Stacks that do not exist: creating a deployment for one answers 404 as Pulumi Cloud does. */
  readonly missing = new Set<string>();
  private readonly deployments = new Map<string, { polls: number }>();

  constructor(private readonly statuses: DeploymentStatus[], private readonly events: EngineEvent[], private readonly pageSize = 2) {}

  readonly call: HttpCall = ({ method, url, headers, body }) => {
    this.requests.push({ method, url, headers, body: body === undefined ? undefined : JSON.parse(body) });
    const path = new URL(url).pathname;
    const token = new URL(url).searchParams.get("continuationToken");
    const ok = (value: unknown) => Promise.resolve({ status: 200, text: JSON.stringify(value) });
    let m = /^\/api\/stacks\/([^/]+\/[^/]+\/[^/]+)\/deployments$/.exec(path);
    if (m && method === "POST") {
      if (this.missing.has(m[1])) return Promise.resolve({ status: 404, text: JSON.stringify({ code: 404, message: `Stack '${m[1]}' not found` }) });
      const id = `dep-${this.deployments.size + 1}`;
      this.deployments.set(id, { polls: 0 });
      return ok({ id, version: this.deployments.size, consoleUrl: `https://app.pulumi.com/${m[1]}/deployments/${this.deployments.size}` });
    }
    m = /\/deployments\/([^/]+)$/.exec(path);
    if (m && method === "GET" && this.deployments.has(m[1])) {
      const d = this.deployments.get(m[1]) as { polls: number };
      const status = this.statuses[Math.min(d.polls, this.statuses.length - 1)];
      d.polls += 1;
      return ok({ id: m[1], status });
    }
    m = /\/deployments\/([^/]+)\/updates$/.exec(path);
    if (m && method === "GET" && this.deployments.has(m[1])) return ok([{ updateID: `upd-${m[1]}`, version: 7, latestVersion: 7 }]);
    if (/\/update\/upd-dep-\d+\/events$/.test(path) && method === "GET") {
      const start = token ? Number(token) : 0;
      const next = start + this.pageSize;
      return ok({ events: this.events.slice(start, next), continuationToken: next < this.events.length ? String(next) : null });
    }
    return Promise.resolve({ status: 599, text: `unexpected ${method} ${path}` });
  };
}
