import { strict as assert } from "assert";
import * as automation from "@pulumi/pulumi/automation";
import { CommandError, ConcurrentUpdateError, EngineEvent } from "@pulumi/pulumi/automation";
import { EventTracker } from "../../../automation/driver/events";
import { LocalWorkspaceDriver } from "../../../automation/driver/local";
import { countChanges, countResources, ProgressEvent, StackLockedError, StackOperationError } from "../../../automation/driver/types";
import { replaceSelectStack } from "../../helpers/fake-workspace";

/** A CLI result as the Automation API wraps it in its errors (the class is internal to the SDK's types). */
const { CommandResult } = automation as unknown as { CommandResult: new (stdout: string, stderr: string, code: number) => never };
const cliResult = (stderr: string) => new CommandResult("Updating (prod):\n", stderr, 255);

const event = (partial: Partial<EngineEvent>): EngineEvent => ({ sequence: 0, timestamp: 0, ...partial });
const meta = (op: string, type: string, name: string) => ({ metadata: { op, type, urn: `urn:pulumi:prod::aws-platform::${type}::${name}`, provider: "" } as never });

describe("stack driver", () => {
  describe("EventTracker", () => {
    it("turns engine events into resources done / total and the current operation", () => {
      const seen: ProgressEvent[] = [];
      const tracker = new EventTracker({ expectedResources: 3, onProgress: (e) => seen.push(e) });
      tracker.handle(event({ resourcePreEvent: meta("create", "aws:ec2/vpc:Vpc", "platform-prod") }));
      tracker.handle(event({ resourcePreEvent: meta("create", "pulumi:providers:aws", "platform") }));
      tracker.handle(event({ resOutputsEvent: meta("create", "aws:ec2/vpc:Vpc", "platform-prod") }));
      tracker.handle(event({ resOpFailedEvent: { ...meta("update", "aws:ecs/service:Service", "api"), status: 1, steps: 2 } }));
      assert.deepEqual(seen, [
        { done: 0, total: 3, current: "create aws:ec2/vpc:Vpc platform-prod" },
        { done: 1, total: 3, current: "create aws:ec2/vpc:Vpc platform-prod" },
        { done: 1, total: 3, current: "failed: update aws:ecs/service:Service api" },
      ]);
    });

    it("collects policy violations with their enforcement level", () => {
      const tracker = new EventTracker();
      const policy = { color: "never", policyPackName: "platform", policyPackVersion: "0.1.0", policyPackVersionTag: "0.1.0" };
      tracker.handle(event({ policyEvent: { ...policy, policyName: "no-public-db", enforcementLevel: "mandatory", message: "publicly accessible\n", resourceUrn: "urn:x" } }));
      tracker.handle(event({ policyEvent: { ...policy, policyName: "tags", enforcementLevel: "warning", message: "missing Owner" } }));
      assert.deepEqual(tracker.violations, [
        { policyPack: "platform", policy: "no-public-db", level: "mandatory", message: "publicly accessible", urn: "urn:x" },
        { policyPack: "platform", policy: "tags", level: "advisory", message: "missing Owner", urn: undefined },
      ]);
    });

    it("counts changes apart from resources that stay the same", () => {
      assert.equal(countChanges({ same: 40, create: 2, update: 1, replace: 1, read: 3 }), 4);
      assert.equal(countResources({ same: 40, create: 2, update: 1, replace: 1, read: 3 }), 47);
    });
  });

  describe("LocalWorkspaceDriver", () => {
    /** What the driver passes a stack operation; the tests read some of it. */
    type OperationArgs = Record<string, unknown> & { onEvent?: (event: EngineEvent) => void };
    let selected: unknown[] = [];
    let workspaceOptions: unknown[] = [];
    let calls: { op: string; options: Record<string, unknown> }[] = [];
    let behaviour: (op: string, options: OperationArgs) => Promise<unknown>;
    let restore: () => void;

    beforeEach(() => {
      selected = [];
      workspaceOptions = [];
      calls = [];
      restore = replaceSelectStack((args, options) => {
        selected.push(args);
        workspaceOptions.push(options);
        const run = (op: string) => async (options: OperationArgs = {}) => {
          calls.push({ op, options });
          return behaviour(op, options);
        };
        const setConfig = (...args: unknown[]) => Promise.resolve(calls.push({ op: "setConfig", options: { args } }));
        return Promise.resolve({ preview: run("preview"), up: run("up"), refresh: run("refresh"), previewRefresh: run("previewRefresh"), outputs: run("outputs"), setConfig });
      });
    });
    afterEach(() => restore());

    const driver = () => new LocalWorkspaceDriver({ workDir: "/repo", policyPackPath: "/repo/policies" });

    it("selects the stack in the work directory and passes the policy pack, onOutput and onEvent", async () => {
      behaviour = (op) => Promise.resolve(op === "preview" ? { changeSummary: { same: 5, create: 1 } } : { summary: { resourceChanges: { create: 1 } }, outputs: { healthUrl: { value: "https://x/healthz", secret: false }, dbPassword: { value: "hunter2", secret: true } } });
      const onOutput = () => undefined;
      const d = driver();
      assert.deepEqual(await d.preview("prod", { onOutput }), { changes: { same: 5, create: 1 }, violations: [] });
      const up = await d.up("prod", { onOutput });
      assert.deepEqual(up.outputs, { healthUrl: "https://x/healthz", dbPassword: { secret: true } }, "secret outputs never leave the driver");
      await d.setConfig("prod", "platform:dr.state", "standby");
      assert.deepEqual(selected, [{ stackName: "prod", workDir: "/repo" }], "the stack is selected once, never created");
      for (const call of calls.filter((c) => c.op === "preview" || c.op === "up")) {
        assert.deepEqual(call.options.policyPacks, ["/repo/policies"]);
        assert.equal(call.options.onOutput, onOutput);
        assert.equal(typeof call.options.onEvent, "function");
      }
      assert.deepEqual(calls.find((c) => c.op === "setConfig")?.options.args, ["platform:dr.state", { value: "standby" }, true]);
    });

    it("previews a refresh, changing nothing, and reports the drift the engine's events show", async () => {
      behaviour = (op, options) => {
        assert.equal(op, "previewRefresh");
        options.onEvent?.(event({ resOutputsEvent: { metadata: { op: "refresh", type: "aws:s3/bucketV2:BucketV2", urn: "urn:pulumi:prod::aws-platform::aws:s3/bucketV2:BucketV2::assets", provider: "", diffs: ["versioning"], old: {}, new: {} } as never } }));
        return Promise.resolve({ changeSummary: { same: 40, update: 1 } });
      };
      const outcome = await driver().previewRefresh("prod");
      assert.deepEqual(outcome, { changes: { same: 40, update: 1 }, drifted: [{ urn: "urn:pulumi:prod::aws-platform::aws:s3/bucketV2:BucketV2::assets", type: "aws:s3/bucketV2:BucketV2", change: "update", fields: ["versioning"] }] });
      assert.deepEqual(calls.map((c) => c.op), ["previewRefresh"], "never refresh itself: the state is not written");
    });

    it("runs a stack against the backend that holds it", async () => {
      behaviour = () => Promise.resolve({ changeSummary: {} });
      const d = new LocalWorkspaceDriver({ workDir: "/repo", policyPackPath: "/repo/policies", backendFor: (stack) => (stack === "prod" ? "s3://pulumi-state-123456789012-ap-northeast-2?region=ap-northeast-2" : undefined) });
      await d.preview("prod");
      await d.preview("dev");
      assert.deepEqual(workspaceOptions, [{ envVars: { PULUMI_BACKEND_URL: "s3://pulumi-state-123456789012-ap-northeast-2?region=ap-northeast-2" } }, undefined]);
    });

    it("reports a locked stack as StackLockedError and other CLI failures as StackOperationError", async () => {
      behaviour = () => Promise.reject(new ConcurrentUpdateError(cliResult("error: [409] Conflict: Another update is currently in progress.")));
      await assert.rejects(driver().up("prod"), (error: unknown) => error instanceof StackLockedError && error.message === "stack prod is locked by another update: error: [409] Conflict: Another update is currently in progress.");
      behaviour = () => Promise.reject(new CommandError(cliResult("error: update failed")));
      await assert.rejects(driver().refresh("prod"), (error: unknown) => error instanceof StackOperationError && error.message === "refresh of prod failed: error: update failed");
    });

    it("answers a preview that failed on a mandatory violation with the violations", async () => {
      behaviour = (_op, options) => {
        assert.ok(options.onEvent, "the driver passes onEvent");
        options.onEvent({ sequence: 1, timestamp: 0, policyEvent: { policyName: "kms", policyPackName: "platform", policyPackVersion: "1", policyPackVersionTag: "1", enforcementLevel: "mandatory", message: "unencrypted", color: "never" } });
        return Promise.reject(new CommandError(cliResult("error: preview failed")));
      };
      const outcome = await driver().preview("prod");
      assert.deepEqual(outcome, { changes: {}, violations: [{ policyPack: "platform", policy: "kms", level: "mandatory", message: "unencrypted", urn: undefined }] });
    });
  });
});
