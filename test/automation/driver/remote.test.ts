import { strict as assert } from "assert";
import * as automation from "@pulumi/pulumi/automation";
import { ConcurrentUpdateError, EngineEvent } from "@pulumi/pulumi/automation";
import { DeploymentsApi } from "../../../automation/driver/deployments-api";
import { RemoteWorkspaceDriver } from "../../../automation/driver/remote";
import { StackLockedError, StackOperationError } from "../../../automation/driver/types";
import { deploymentsApiFrom, remoteDriverOptions } from "../../../automation/fleet/remote";
import { FleetFileError } from "../../../automation/fleet/schema";
import { FakeDeploymentsApi } from "../../helpers/fake-deployments-api";
import { replaceRemoteSelectStack } from "../../helpers/fake-workspace";
import { smallFleet } from "../../helpers/fleet";

const { CommandResult } = automation as unknown as { CommandResult: new (stdout: string, stderr: string, code: number) => never };

describe("RemoteWorkspaceDriver (Pulumi Deployments)", () => {
  type Args = Record<string, unknown> & { onEvent?: (event: EngineEvent) => void };
  let selected: { args: unknown; options: unknown }[];
  let calls: { op: string; options: Args }[];
  let behaviour: (op: string, options: Args) => Promise<unknown>;
  let restore: () => void;

  beforeEach(() => {
    selected = [];
    calls = [];
    restore = replaceRemoteSelectStack((args, options) => {
      selected.push({ args, options });
      const run = (op: string) => (options: Args = {}) => {
        calls.push({ op, options });
        return behaviour(op, options);
      };
      return Promise.resolve({ preview: run("preview"), up: run("up"), refresh: run("refresh"), outputs: run("outputs") });
    });
  });
  afterEach(() => restore());

  const driver = () =>
    new RemoteWorkspaceDriver({
      organization: "acme",
      project: "aws-platform",
      repositoryUrl: "https://github.com/acme/platform.git",
      branch: "main",
      envVars: { AWS_REGION: "ap-northeast-2", PULUMI_BACKEND_URL: { secret: "s3://pulumi-state-123456789012-ap-northeast-2" } },
      preRunCommands: ["npm ci"],
    });

  it("selects org/project/stack on the repository's branch with the run's environment and pre-run commands", async () => {
    behaviour = (op) => Promise.resolve(op === "preview" ? { changeSummary: { create: 2, same: 10 } } : { summary: { resourceChanges: { create: 2 } }, outputs: { healthUrl: { value: "https://x/healthz", secret: false }, token: { value: "t", secret: true } } });
    const d = driver();
    assert.deepEqual(await d.preview("prod"), { changes: { create: 2, same: 10 }, violations: [] });
    const up = await d.up("prod");
    assert.deepEqual(up, { changes: { create: 2 }, outputs: { healthUrl: "https://x/healthz", token: { secret: true } } });
    assert.deepEqual(selected, [
      {
        args: { stackName: "acme/aws-platform/prod", url: "https://github.com/acme/platform.git", branch: "main", projectPath: undefined },
        options: { envVars: { AWS_REGION: "ap-northeast-2", PULUMI_BACKEND_URL: { secret: "s3://pulumi-state-123456789012-ap-northeast-2" } }, preRunCommands: ["npm ci"] },
      },
    ], "selected once, never created");
    assert.equal(typeof calls[0].options.onEvent, "function");
  });

  it("reports the remote run's policy violations and locks as the local driver does", async () => {
    behaviour = (_op, options) => {
      options.onEvent?.({ sequence: 1, timestamp: 0, policyEvent: { policyName: "kms", policyPackName: "platform", policyPackVersion: "1", policyPackVersionTag: "1", enforcementLevel: "mandatory", message: "unencrypted", color: "never" } });
      return Promise.reject(new automation.CommandError(new CommandResult("", "error: preview failed", 255)));
    };
    assert.deepEqual((await driver().preview("prod")).violations.map((v) => v.policy), ["kms"]);
    behaviour = () => Promise.reject(new ConcurrentUpdateError(new CommandResult("", "error: [409] Conflict: Another update is currently in progress.", 255)));
    await assert.rejects(driver().up("prod"), (e: unknown) => e instanceof StackLockedError);
  });

  it("refuses what a remote stack cannot do: config set", async () => {
    await assert.rejects(driver().setConfig("prod", "platform:dr.state", "standby"), (e: unknown) => e instanceof StackOperationError && /commit the change to Pulumi\.prod\.yaml/.test(e.message));
    assert.deepEqual(calls, [], "nothing ran remotely");
  });
});

describe("--remote: the driver's options from the fleet file", () => {
  const deployments = { organization: "acme", project: "aws-platform", repository: "https://github.com/acme/platform.git", branch: "main", environment: { AWS_REGION: "ap-northeast-2" }, secretEnvironment: ["PULUMI_BACKEND_URL"], preRunCommands: ["npm ci"] };

  it("takes the repository, branch and environment from the file and the secrets from the environment", () => {
    const options = remoteDriverOptions({ ...smallFleet(), deployments }, "fleet.yaml", { PULUMI_BACKEND_URL: "s3://b" });
    assert.deepEqual(options, {
      organization: "acme", project: "aws-platform", repositoryUrl: "https://github.com/acme/platform.git", branch: "main", projectPath: undefined,
      envVars: { AWS_REGION: "ap-northeast-2", PULUMI_BACKEND_URL: { secret: "s3://b" } }, preRunCommands: ["npm ci"],
    });
  });

  it("refuses, before anything starts, a fleet without deployments or a secret not set", () => {
    assert.throws(() => remoteDriverOptions(smallFleet(), "fleet.yaml", {}), (e: unknown) => e instanceof FleetFileError && e.message === "fleet.yaml: --remote needs a 'deployments' section (organization, project, repository, branch)");
    assert.throws(() => remoteDriverOptions({ ...smallFleet(), deployments }, "fleet.yaml", {}), /deployments.secretEnvironment: PULUMI_BACKEND_URL not set in this environment/);
  });
});

describe("RemoteWorkspaceDriver drift: a Deployments detect-drift deployment through the REST API", () => {
  const urn = (type: string, name: string) => `urn:pulumi:prod::aws-platform::${type}::${name}`;
  const refreshStep = (type: string, name: string, diffs: string[]): EngineEvent =>
    ({ sequence: 1, timestamp: 0, resOutputsEvent: { metadata: { op: "refresh", type, urn: urn(type, name), provider: "", diffs, old: {}, new: {} } } }) as never;
  const summary = (changes: Record<string, number>): EngineEvent => ({ sequence: 9, timestamp: 0, summaryEvent: { maybeCorrupt: false, durationSeconds: 3, resourceChanges: changes, policyPacks: {} } });
  const clock = () => {
    let now = 0;
    const sleeps: number[] = [];
    return { sleeps, now: () => now, sleep: (ms: number) => ((now += ms), sleeps.push(ms), Promise.resolve()) };
  };
  let restore: () => void;
  let selected: number;
  beforeEach(() => {
    selected = 0;
    restore = replaceRemoteSelectStack(() => ((selected += 1), Promise.reject(new Error("RemoteStack must not be used for a drift check"))));
  });
  afterEach(() => restore());

  const driver = (api: FakeDeploymentsApi, c = clock()) =>
    new RemoteWorkspaceDriver({
      organization: "acme",
      project: "aws-platform",
      repositoryUrl: "https://github.com/acme/platform.git",
      branch: "main",
      envVars: { AWS_REGION: "ap-northeast-2", PULUMI_BACKEND_URL: { secret: "s3://b" } },
      preRunCommands: ["npm ci"],
      deploymentsApi: new DeploymentsApi({ apiUrl: "https://api.pulumi.com", token: "pul-secret-token", clock: c, call: api.call, pollMs: 5_000 }),
    });

  it("creates a detect-drift deployment with the rollout's source and environment, waits for it, and finds no drift", async () => {
    const api = new FakeDeploymentsApi(["accepted", "running", "succeeded"], [summary({ same: 40 })]);
    const c = clock();
    assert.deepEqual(await driver(api, c).previewRefresh("prod"), { changes: { same: 40 }, drifted: [] });
    assert.deepEqual(api.requests[0], {
      method: "POST",
      url: "https://api.pulumi.com/api/stacks/acme/aws-platform/prod/deployments",
      headers: { Accept: "application/vnd.pulumi+8", "Content-Type": "application/json", Authorization: "token pul-secret-token" },
      body: {
        operation: "detect-drift",
        inheritSettings: false,
        sourceContext: { git: { repoURL: "https://github.com/acme/platform.git", branch: "refs/heads/main" } },
        operationContext: { preRunCommands: ["npm ci"], environmentVariables: { AWS_REGION: "ap-northeast-2", PULUMI_BACKEND_URL: { secret: "s3://b" } } },
      },
    });
    assert.deepEqual(api.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`).slice(1), [
      "GET /api/stacks/acme/aws-platform/prod/deployments/dep-1",
      "GET /api/stacks/acme/aws-platform/prod/deployments/dep-1",
      "GET /api/stacks/acme/aws-platform/prod/deployments/dep-1",
      "GET /api/stacks/acme/aws-platform/prod/deployments/dep-1/updates",
      "GET /api/stacks/acme/aws-platform/prod/update/upd-dep-1/events",
    ]);
    assert.deepEqual(c.sleeps, [5_000, 5_000], "polled until the deployment ended");
    assert.equal(selected, 0, "nothing through RemoteStack, whose refresh would write the state");
  });

  it("reads the drifted resources and fields from the update's events, over every page, when detect-drift fails on them", async () => {
    const events = [refreshStep("aws:s3/bucketV2:BucketV2", "assets", ["versioning"]), refreshStep("aws:ec2/securityGroup:SecurityGroup", "db", []), refreshStep("aws:ecs/service:Service", "api", ["desiredCount", "tags"]), summary({ same: 38, update: 2 })];
    const api = new FakeDeploymentsApi(["running", "failed"], events, 2);
    const outcome = await driver(api).previewRefresh("prod");
    assert.deepEqual(outcome.changes, { same: 38, update: 2 });
    assert.deepEqual(outcome.drifted, [
      { urn: urn("aws:s3/bucketV2:BucketV2", "assets"), type: "aws:s3/bucketV2:BucketV2", change: "update", fields: ["versioning"] },
      { urn: urn("aws:ecs/service:Service", "api"), type: "aws:ecs/service:Service", change: "update", fields: ["desiredCount", "tags"] },
    ]);
    assert.ok(api.requests.some((r) => r.url.endsWith("/events?continuationToken=2")), "the second page was read");
  });

  it("reports a failed run without drift, a missing stack and a missing API as errors, never with the token", async () => {
    await assert.rejects(driver(new FakeDeploymentsApi(["failed"], [summary({})])).previewRefresh("prod"), (e: unknown) => e instanceof StackOperationError && /detect-drift deployment dep-1 failed without reporting drift/.test(e.message));
    const missing = new FakeDeploymentsApi(["succeeded"], []);
    missing.missing.add("acme/aws-platform/prod");
    await assert.rejects(driver(missing).previewRefresh("prod"), (e: unknown) => e instanceof StackOperationError && /HTTP 404: Stack 'acme\/aws-platform\/prod' not found/.test(e.message) && !e.message.includes("pul-secret-token"));
    const timeout = new DeploymentsApi({ apiUrl: "https://api.pulumi.com", token: "t", clock: clock(), call: new FakeDeploymentsApi(["running"], []).call, pollMs: 60_000, timeoutMs: 120_000 });
    const id = await timeout.create("acme/aws-platform/prod", {} as never);
    await assert.rejects(timeout.waitFor("acme/aws-platform/prod", id), /still running after 2 min; it keeps running in Pulumi Cloud/);
    const noApi = new RemoteWorkspaceDriver({ organization: "acme", project: "aws-platform", repositoryUrl: "https://x", branch: "main" });
    await assert.rejects(noApi.previewRefresh("prod"), /needs the Deployments REST API \(PULUMI_ACCESS_TOKEN\)/);
  });

  it("drift --remote takes the token from the environment and Pulumi Cloud's URL from PULUMI_API, and refuses without a token", async () => {
    assert.throws(() => deploymentsApiFrom({}, clock()), (e: unknown) => e instanceof FleetFileError && /PULUMI_ACCESS_TOKEN is not set/.test(e.message));
    const api = new FakeDeploymentsApi(["succeeded"], []);
    await deploymentsApiFrom({ PULUMI_ACCESS_TOKEN: "tok", PULUMI_API: "https://pulumi.example.com/" }, clock(), api.call).create("acme/p/s", {} as never);
    assert.equal(api.requests[0].url, "https://pulumi.example.com/api/stacks/acme/p/s/deployments");
    assert.equal(api.requests[0].headers.Authorization, "token tok");
  });
});
