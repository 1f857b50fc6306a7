import { CreateDBInstanceReadReplicaCommand } from "@aws-sdk/client-rds";
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { awsReseedCloud } from "../../../automation/drill/aws/instances";
import { reseedCommand } from "../../../automation/drill/reseed/cli";
import { FileReseedStore, MemoryReseedStore } from "../../../automation/drill/reseed/report";
import { runReseed } from "../../../automation/drill/reseed/run";
import { reseedSteps } from "../../../automation/drill/reseed/steps";
import { validateReseed } from "../../../automation/drill/reseed/validate";
import { FakeAws } from "../../helpers/fake-aws";
import { harness, Harness, pairStacks } from "../../helpers/drill-harness";
import { instanceArn } from "../../helpers/fake-rds";

const seoul = "ap-northeast-2";
const tokyo = "ap-northeast-1";
const kept = "platform-prod-db-before-reseed-20261101t010000z";
const prodDrArn = instanceArn(tokyo, "platform-prod-dr-db");
const afterDrill = () => pairStacks({ primaryState: "standby", standbyState: "serving" });

/** After a drill of the RDS pair: prod-dr's instance promoted, prod's the old primary, fenced. */
function afterDrillHarness(): Harness {
  return harness({ database: "rds-replica", cache: "warm-empty", kind: "failback" });
}

function reseed(h: Harness, extra: Partial<Parameters<typeof runReseed>[0]> = {}, from = "prod-dr", to = "prod") {
  const store = (extra.store as MemoryReseedStore | undefined) ?? new MemoryReseedStore();
  const setup = validateReseed({ from, to, resume: Boolean(extra.resume) }, h.setup.kind === "failback" ? afterDrill() : pairStacks());
  const run = () => runReseed({ setup, driver: h.driver, clock: h.clock, makeCloud: (targets) => awsReseedCloud(h.aws.clients, targets, h.clock), store, ...extra });
  return { store, setup, run };
}

const rds = (aws: FakeAws) => aws.trace.filter((call) => call.startsWith("rds@") && !call.includes("DescribeDBInstances"));

describe("reseed: an RDS read-replica pair's database follows the serving side again (issue 16, item 5)", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("keeps the old copy under a new name, creates the follower under the old name with the copy's settings, and waits for its lag", async () => {
    h = afterDrillHarness();
    h.aws.lagSeconds = [400, 12];
    const { store, run } = reseed(h);
    const record = await run();

    assert.equal(record.outcome, "done", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.deepEqual(rds(h.aws), [
      `rds@${seoul} ModifyDBInstance platform-prod-db -> ${kept}`,
      `rds@${seoul} CreateDBInstanceReadReplica platform-prod-db source=${prodDrArn}`,
      `rds@${seoul} ModifyDBInstance platform-prod-db params=platform-prod-db-postgres16 window=sun:18:00-sun:19:00`,
      `rds@${seoul} RebootDBInstance platform-prod-db`,
    ]);
    const follower = h.aws.rdsModel.get("primary", "platform-prod-db");
    const old = h.aws.rdsModel.get("primary", kept);
    assert.equal(follower?.source, prodDrArn);
    assert.deepEqual(
      { kms: follower?.kmsKeyId, subnets: follower?.subnetGroup, groups: follower?.securityGroups, multiAz: follower?.multiAz, cls: follower?.instanceClass, params: follower?.parameterGroup, apply: follower?.parameterApplyStatus, protect: follower?.deletionProtection, tags: follower?.tags },
      { kms: old?.kmsKeyId, subnets: old?.subnetGroup, groups: old?.securityGroups, multiAz: old?.multiAz, cls: old?.instanceClass, params: old?.parameterGroup, apply: "in-sync", protect: true, tags: old?.tags },
    );
    assert.equal(old?.status, "available", "the old copy is kept, not deleted");
    assert.ok(!h.aws.trace.some((call) => call.includes("Delete")), h.aws.trace.join("\n"));
    assert.ok(h.aws.trace.includes(`cloudwatch@${seoul} GetMetricData ReplicaLag platform-prod-db`));
    assert.ok(record.steps.find((s) => s.id === "catch-up")?.detail.some((line) => line.endsWith("ReplicaLag 12 (RPO 300 s)")), record.steps.find((s) => s.id === "catch-up")?.detail.join("\n"));
    assert.ok(record.next.some((line) => line.startsWith(`Kept: ${kept}`) && line.includes(`aws rds delete-db-instance --region ${seoul} --db-instance-identifier ${kept} --final-db-snapshot-identifier ${kept}-final`)), record.next.join("\n"));
    assert.ok(record.next.some((line) => line.startsWith("Next: npm run failback -- --primary prod --standby prod-dr")));
    assert.ok(store.markdown.includes(`its previous copy is kept as ${kept}`));
  });

  it("waits for the rename to complete before it creates: the old name is free only then", async () => {
    h = afterDrillHarness();
    h.aws.rdsModel.settle = 3;
    const { run } = reseed(h);
    const record = await run();
    assert.equal(record.outcome, "done", JSON.stringify(record.steps.filter((s) => s.error)));
    const renamed = h.aws.trace.indexOf(`rds@${seoul} ModifyDBInstance platform-prod-db -> ${kept}`);
    const created = h.aws.trace.findIndex((call) => call.includes("CreateDBInstanceReadReplica"));
    const renames = h.aws.trace.slice(renamed, created).filter((call) => call === `rds@${seoul} DescribeDBInstances ${kept}`);
    assert.ok(renames.length >= 2, "polled the kept name until the rename completed");
  });

  it("prints the plan on --dry-run without reading AWS or Pulumi", async () => {
    const out: string[] = [];
    const code = await reseedCommand({ from: "prod-dr", to: "prod", dryRun: true, reports: os.tmpdir() }, (line) => out.push(line), (line) => out.push(line));
    // The stack files say prod serves: the dry run of the re-seed after a drill is refused on them.
    assert.equal(code, 2);
    assert.ok(out.join("\n").includes("reseed: prod-dr does not serve (platform:dr.state is standby): the copy is taken from the serving side"), out.join("\n"));
    const plan: string[] = [];
    assert.equal(await reseedCommand({ from: "prod", to: "prod-dr", dryRun: true, reports: os.tmpdir() }, (line) => plan.push(line)), 0);
    const text = plan.join("\n");
    assert.match(text, /^Re-seed prod-dr's database \(ap-northeast-1\) as a read replica of prod's \(ap-northeast-2\)/);
    assert.ok(text.includes("NewDBInstanceIdentifier <its name>-before-reseed-<UTC stamp>, ApplyImmediately (nothing is deleted)"), text);
    assert.ok(text.includes("RDS CreateDBInstanceReadReplica (ap-northeast-1)"));
    assert.ok(text.includes("ReplicaLag of prod-dr's instance: wait until it is available and its lag under the RPO (5 min)"));
  });

  it("refuses when the serving side's instance is not a writer, or the instance to replace is missing; nothing changes", async () => {
    h = afterDrillHarness();
    // The drill stopped before its promotion: prod-dr's instance still follows prod's.
    Object.assign(h.aws.rdsModel.get("standby", "platform-prod-dr-db") as object, { source: instanceArn(seoul, "platform-prod-db") });
    let record = await reseed(h).run();
    assert.equal(record.stoppedAt, "from-writer");
    assert.match(record.steps.find((s) => s.id === "from-writer")?.error ?? "", /^platform-prod-dr-db is a read replica of arn:aws:rds:ap-northeast-2:123456789012:db:platform-prod-db, not a writer/);
    assert.deepEqual(rds(h.aws), []);
    h.aws.restore();

    h = afterDrillHarness();
    h.aws.rdsModel.instances.primary.delete("platform-prod-db");
    record = await reseed(h).run();
    assert.equal(record.stoppedAt, "to-instance");
    assert.equal(record.steps.find((s) => s.id === "to-instance")?.error, "prod's instance platform-prod-db does not exist in ap-northeast-2: nothing to re-seed (is prod deployed?); create the replica by rolling prod out");
    assert.deepEqual(rds(h.aws), []);
    assert.deepEqual(record.next, ["Nothing was changed: the re-seed stopped in its checks.", "Fix what the check reports and run the re-seed again (without --resume)."]);
  });

  it("refuses a pair that is not rds-replica, a serving target and a pair that is not one, offline", () => {
    const refuse = (from: string, to: string, stacks = afterDrill()) => assert.throws(() => validateReseed({ from, to }, stacks), (e: Error) => (assert.ok(e.message, e.message), true));
    assert.throws(() => validateReseed({ from: "prod-dr", to: "prod" }, pairStacks({ promote: { database: "aurora-global", cache: "global-datastore" }, primaryState: "standby", standbyState: "serving" })), /prod-dr's database is aurora-global \(platform:dr\.promote\.database\), not rds-replica/);
    assert.throws(() => validateReseed({ from: "prod", to: "prod-dr" }, afterDrill()), /prod-dr serves \(platform:dr\.state serving\): its database takes the application's writes and is not replaced/);
    refuse("prod", "prod");
  });

  it("reports done without changing anything when the instance follows already", async () => {
    h = afterDrillHarness();
    Object.assign(h.aws.rdsModel.get("primary", "platform-prod-db") as object, { source: prodDrArn });
    const record = await reseed(h).run();
    assert.equal(record.outcome, "already");
    assert.deepEqual(rds(h.aws), []);
    assert.deepEqual(record.steps.filter((s) => s.status === "skipped").map((s) => s.id), ["keep-old", "create-replica", "settings"]);
  });

  for (const step of ["keep-old", "create-replica", "settings", "catch-up"] as const) {
    it(`resumes after an interruption at ${step}, doing nothing twice`, async () => {
      h = afterDrillHarness();
      h.aws.rdsModel.settle = 2;
      let stop = false;
      const title = reseedSteps.find((s) => s.id === step)?.title ?? "";
      // Ctrl-C while the step waits: the runner logs the step's title as it starts.
      const { store, run } = reseed(h, { stopped: () => stop, log: (line) => (stop = stop || line.endsWith(title)) });
      h.aws.lagSeconds = [500, 500, 500, 3];
      const first = await run();
      assert.equal(first.outcome, "stopped");
      assert.equal(first.stoppedAt, step);
      assert.equal(first.steps.find((s) => s.id === step)?.status, "interrupted");
      assert.ok(first.next[1].startsWith("Continue: npm run reseed -- --from prod-dr --to prod --resume"));
      const second = await reseed(h, { store, resume: store.latestStopped("prod-dr", "prod") }).run();
      assert.equal(second.outcome, "done", JSON.stringify(second.steps.filter((s) => s.error)));
      const calls = rds(h.aws);
      assert.equal(calls.filter((c) => c.includes(`-> ${kept}`)).length, 1, calls.join("\n"));
      assert.equal(calls.filter((c) => c.includes("CreateDBInstanceReadReplica")).length, 1, calls.join("\n"));
      assert.equal(h.aws.rdsModel.get("primary", "platform-prod-db")?.source, prodDrArn);
    });
  }

  for (const command of ["ModifyDBInstance", "CreateDBInstanceReadReplica"] as const) {
    it(`survives a crash between ${command} and the save of the report: --resume reads RDS and goes on`, async () => {
      h = afterDrillHarness();
      // The rename and the creation still in flight when the process comes back.
      h.aws.rdsModel.settle = 4;
      const { store, run } = reseed(h);
      h.aws.dieAfter(command, () => undefined);
      const first = await run();
      assert.equal(first.outcome, "stopped");
      // The process died: its last saved record says the step had not finished.
      const saved = store.saved[0];
      saved.outcome = "running";
      const step = saved.steps.find((s) => s.id === first.stoppedAt);
      if (step) Object.assign(step, { status: "not-run", error: undefined });
      const second = await reseed(h, { store, resume: store.latestStopped("prod-dr", "prod") }).run();
      assert.equal(second.outcome, "done", JSON.stringify(second.steps.filter((s) => s.error)));
      const calls = rds(h.aws);
      assert.equal(calls.filter((c) => c.includes(`-> ${kept}`)).length, 1, calls.join("\n"));
      assert.equal(calls.filter((c) => c.includes("CreateDBInstanceReadReplica")).length, 1, calls.join("\n"));
    });
  }

  it("writes the report as JSON and markdown beside the drills' (a reseed folder), which --resume finds", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reseed-"));
    const store = new FileReseedStore(dir, dir);
    h = afterDrillHarness();
    h.aws.failOn("CreateDBInstanceReadReplica");
    const record = await reseed(h, { store }).run();
    assert.equal(record.stoppedAt, "create-replica");
    assert.deepEqual(fs.readdirSync(path.join(dir, "reseed")).sort(), ["2026-11-01T01-00-00Z-prod-dr-to-prod.json", "2026-11-01T01-00-00Z-prod-dr-to-prod.md"]);
    assert.equal(store.latestStopped("prod-dr", "prod")?.startedAt, record.startedAt);
    assert.equal(store.latestStopped("prod", "prod-dr"), undefined);
  });

  it("refuses a new re-seed while one of the same direction is stopped: it would take another kept name", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reseed-"));
    const store = new FileReseedStore(dir, dir);
    // After a failback: prod serves, prod-dr's instance stands alone since the drill.
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.rdsPromoted();
    h.aws.failOn("ModifyDBInstance");
    const stopped = await reseed(h, { store }, "prod", "prod-dr").run();
    assert.equal(stopped.stoppedAt, "keep-old");
    const errors: string[] = [];
    assert.equal(await reseedCommand({ from: "prod", to: "prod-dr", reports: dir }, () => undefined, (line) => errors.push(line)), 2);
    assert.deepEqual(errors, ["reseed: the re-seed of prod -> prod-dr started 2026-11-01T01:00:00.000Z stopped at keep-old: continue it with --resume", "reseed: nothing was changed"]);
  });
});

describe("fake RDS: the refusals AWS makes", () => {
  let aws: FakeAws | undefined;
  afterEach(() => aws?.restore());

  it("CreateDBInstanceReadReplica: an identifier taken, a source not available, a cross-region encrypted replica without KmsKeyId", async () => {
    const h = afterDrillHarness();
    aws = h.aws;
    const client = aws.clients.rds(seoul);
    const send = (input: object) => client.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: "platform-prod-db", SourceDBInstanceIdentifier: prodDrArn, KmsKeyId: "k", ...input }));
    await assert.rejects(send({}), { name: "DBInstanceAlreadyExistsFault" });
    await assert.rejects(send({ DBInstanceIdentifier: "x", KmsKeyId: undefined }), { name: "InvalidParameterCombination" });
    await assert.rejects(send({ DBInstanceIdentifier: "x", DBParameterGroupName: "platform-prod-db-postgres16" }), { name: "InvalidParameterCombination" });
    (aws.rdsModel.get("standby", "platform-prod-dr-db") as { status: string }).status = "modifying";
    await assert.rejects(send({ DBInstanceIdentifier: "x" }), { name: "InvalidDBInstanceStateFault" });
  });
});
