import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { EventTracker } from "../../../automation/driver/events";
import { StackOperationError } from "../../../automation/driver/types";
import { describeDrift, detectDrift } from "../../../automation/drift/run";
import { fleetGraph } from "../../../automation/fleet/graph";
import { FakeDriver } from "../../helpers/fake-driver";
import { smallFleet } from "../../helpers/fleet";

const urn = (type: string, name: string) => `urn:pulumi:prod::aws-platform::${type}::${name}`;
const bucket = { urn: urn("aws:s3/bucketV2:BucketV2", "platform-prod-assets"), type: "aws:s3/bucketV2:BucketV2", change: "update" as const, fields: ["tags", "versioning"] };
const rule = { urn: urn("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "platform-prod-db-from-app"), type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", change: "delete" as const, fields: [] };

describe("drift", () => {
  it("checks every stack, reports each drifted resource and its fields, and goes on past a failure", async () => {
    const fleet = smallFleet();
    const driver = new FakeDriver({ drift: { "a-prod": [bucket, rule] } }).failOn("b-dev", "previewRefresh", () => new StackOperationError("b-dev", "refresh --preview-only", "AccessDenied"));
    const report = await detectDrift(fleetGraph(fleet), driver, fleet.concurrency);
    assert.equal(report.drifted, 1);
    assert.equal(report.failed, 1);
    assert.deepEqual(driver.calls.map((c) => c.op), Array(5).fill("previewRefresh"), "read-only: nothing but refresh previews");
    assert.deepEqual(describeDrift(report), [
      "a-dev: no drift",
      "b-dev: NOT CHECKED: refresh --preview-only of b-dev failed: AccessDenied",
      "a-prod: 2 resources drifted",
      "  aws:s3/bucketV2:BucketV2 platform-prod-assets: changed: tags, versioning",
      "  aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule platform-prod-db-from-app: gone from the cloud",
      "b-prod: no drift",
      "a-prod-dr: no drift",
      "",
      "drift: 5 stacks checked, 1 drifted, 1 not checked",
      "Reconcile each: put the change into the program (or the stack file) and update, or run 'pulumi refresh' to accept it into the state after review.",
    ]);
  });

  it("reads drift from the engine's refresh events: changed fields, a resource gone, unchanged ones left out", () => {
    const tracker = new EventTracker();
    const step = (op: string, type: string, name: string, extra: Record<string, unknown> = {}): EngineEvent =>
      ({ sequence: 0, timestamp: 0, resOutputsEvent: { metadata: { op, type, urn: urn(type, name), provider: "", ...extra } } }) as never;
    tracker.handle(step("refresh", "aws:s3/bucketV2:BucketV2", "platform-prod-assets", { diffs: ["versioning", "tags"], old: {}, new: {} }));
    tracker.handle(step("refresh", "aws:ec2/vpc:Vpc", "platform-prod", { diffs: [], old: {}, new: {} }));
    tracker.handle(step("refresh", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "platform-prod-db-from-app", { old: {}, new: undefined }));
    tracker.handle(step("update", "aws:ecs/service:Service", "api", { detailedDiff: { "desiredCount": {}, "tags.Owner": {} } }));
    tracker.handle(step("same", "aws:kms/key:Key", "platform-prod-data"));
    tracker.handle(step("update", "pulumi:providers:aws", "platform"));
    assert.deepEqual(tracker.drifted, [
      bucket,
      rule,
      { urn: urn("aws:ecs/service:Service", "api"), type: "aws:ecs/service:Service", change: "update", fields: ["desiredCount", "tags"] },
    ]);
  });
});

describe("the nightly drift workflow", () => {
  it("runs npm run drift on a schedule with OIDC credentials and keeps the report", () => {
    const workflow = parse(fs.readFileSync(path.join(__dirname, "../../../.github/workflows/drift.yml"), "utf8"));
    assert.deepEqual(workflow.on.schedule, [{ cron: "17 18 * * *" }]);
    assert.equal(workflow.permissions["id-token"], "write");
    const steps: { run?: string; if?: string; uses?: string }[] = workflow.jobs.drift.steps;
    assert.ok(steps.some((s) => s.run === "npm run drift -- --json out/drift/report.json" && s.if === "vars.DRIFT_ON_DEPLOYMENTS != 'true'"));
  });

  it("runs it on Pulumi Deployments instead when the repository asks, with the token and without AWS credentials or the CLI", () => {
    const workflow = parse(fs.readFileSync(path.join(__dirname, "../../../.github/workflows/drift.yml"), "utf8"));
    const steps: { run?: string; if?: string; uses?: string }[] = workflow.jobs.drift.steps;
    assert.deepEqual(steps.filter((s) => s.run?.includes("--remote")), [{ if: "vars.DRIFT_ON_DEPLOYMENTS == 'true'", run: "npm run drift -- --remote --json out/drift/report.json" }]);
    for (const local of ["pulumi/actions@v6", "aws-actions/configure-aws-credentials@v4"]) assert.equal(steps.find((s) => s.uses === local)?.if, "vars.DRIFT_ON_DEPLOYMENTS != 'true'", local);
    assert.equal(workflow.jobs.drift.env.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
  });
});
