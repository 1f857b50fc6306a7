import { strict as assert } from "assert";
import * as automation from "@pulumi/pulumi/automation";
import { ConcurrentUpdateError, EngineEvent } from "@pulumi/pulumi/automation";
import { RemoteWorkspaceDriver } from "../../../automation/driver/remote";
import { StackLockedError, StackOperationError } from "../../../automation/driver/types";
import { remoteDriverOptions } from "../../../automation/fleet/remote";
import { FleetFileError } from "../../../automation/fleet/schema";
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

  it("refuses what a remote stack cannot do: config set, and a refresh preview", async () => {
    await assert.rejects(driver().setConfig("prod", "platform:dr.state", "standby"), (e: unknown) => e instanceof StackOperationError && /commit the change to Pulumi\.prod\.yaml/.test(e.message));
    await assert.rejects(driver().previewRefresh("prod"), /no preview-only refresh, and a refresh would write the state/);
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
