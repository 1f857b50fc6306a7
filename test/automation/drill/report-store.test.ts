import { strict as assert } from "assert";
import * as fs from "fs";
import nodeFs from "fs";
import * as os from "os";
import * as path from "path";
import type { DrillRecord } from "../../../automation/drill/record";
import { FileReportStore, ReportFileError } from "../../../automation/drill/report";
import { DrillResumeError } from "../../../automation/drill/run";
import { harness, Harness } from "../../helpers/drill-harness";

class Killed extends Error {}

let dir: string;
let h: Harness | undefined;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "drill-reports-"))));
afterEach(() => {
  h?.aws.restore();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The newest report on disk. */
function newest(): DrillRecord {
  const [file] = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().reverse();
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as DrillRecord;
}

/** Calls `before` as each call of the drill (AWS, probe, Pulumi) starts: what the disk holds then. */
function onEachCall(harness: Harness, before: (call: string) => void): void {
  const push = harness.aws.trace.push.bind(harness.aws.trace);
  harness.aws.trace.push = (...calls: string[]) => {
    calls.forEach(before);
    return push(...calls);
  };
}

describe("drill: the report on disk", () => {
  it("holds every finished step before the next one calls the cloud", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0]; // writes stop at the fence: the replica catches up
    const store = new FileReportStore(dir, dir);
    const seen = new Map<string, string[]>();
    onEachCall(h, (call) => {
      if (!/PromoteReadReplica|pulumi up prod-dr|UpdateHealthCheck/.test(call) || seen.has(call)) return;
      seen.set(call, newest().steps.filter((s) => s.status === "done").map((s) => s.id));
    });
    const record = await h.run({ store });
    assert.equal(record.outcome, "passed");
    const promote = [...seen.entries()].find(([call]) => call.includes("PromoteReadReplica"))?.[1] ?? [];
    assert.ok(promote.includes("fence") && !promote.includes("promote-database"), `at the promotion: ${promote.join(", ")}`);
    const scale = [...seen.entries()].find(([call]) => call.includes("pulumi up prod-dr"))?.[1] ?? [];
    assert.ok(["fence", "promote-database"].every((id) => scale.includes(id)), `at the scale: ${scale.join(", ")}`);
    assert.deepEqual(newest(), JSON.parse(JSON.stringify(record)), "the final report is the record");
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary file left behind");
  });

  it("a crash mid-write leaves the previous report whole", () => {
    const store = new FileReportStore(dir, dir);
    const record = { version: 1, kind: "drill", mode: "planned", primary: "prod", standby: "prod-dr", from: "primary", to: "standby", startedAt: Date.UTC(2026, 11, 4), targets: { rtoMinutes: 30, rpoMinutes: 5 }, steps: newestSteps(), configChanges: [], outcome: "stopped", recovery: [] } as unknown as DrillRecord;
    store.save(record);
    const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith(".json")) as string);
    const before = fs.readFileSync(file, "utf8");
    const original = nodeFs.writeFileSync;
    // The process dies with half of the next report written.
    nodeFs.writeFileSync = ((target: fs.PathOrFileDescriptor, data: string) => {
      original(target, String(data).slice(0, 40));
      throw new Killed("killed while writing");
    }) as typeof fs.writeFileSync;
    try {
      assert.throws(() => store.save({ ...record, outcome: "running" }), Killed);
    } finally {
      nodeFs.writeFileSync = original;
    }
    assert.equal(fs.readFileSync(file, "utf8"), before);
    assert.equal(store.latestStopped("drill", "prod", "prod-dr")?.outcome, "stopped");
  });

  it("survives a crash between the promotion and the save: --resume continues and completes the drill", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    let armed = false;
    const dying = new FileReportStore(dir, dir);
    const save = dying.save.bind(dying);
    dying.save = (record) => {
      if (armed) throw new Killed("killed");
      save(record);
    };
    onEachCall(h, (call) => (armed = armed || call.includes("PromoteReadReplica")));
    await assert.rejects(h.run({ store: dying }), Killed);
    const saved = newest();
    assert.equal(saved.outcome, "running", "the process died mid-step");
    assert.equal(saved.steps.find((s) => s.id === "fence")?.status, "done");
    assert.notEqual(saved.steps.find((s) => s.id === "promote-database")?.status, "done");

    const store = new FileReportStore(dir, dir);
    const resume = store.latestStopped("drill", "prod", "prod-dr");
    assert.ok(resume, "a drill whose process died can be resumed");
    const record = await h.run({ store, resume });
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.equal(record.fence?.at, saved.fence?.at, "the RTO counts from the first fence");
    assert.ok(record.steps.find((s) => s.id === "promote-database")?.detail.some((d) => d.startsWith("already promoted")), "the promotion is not repeated");
  });
});

describe("drill: a report --resume cannot read is one clear line", () => {
  function writeReport(name: string, text: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }

  it("a truncated report", () => {
    writeReport("20261204-101500.json", '{"version":1,"kind":"drill","primary":"prod","standby":"prod-dr","outcome":"stop');
    assert.throws(
      () => new FileReportStore(dir, dir).latestStopped("drill", "prod", "prod-dr"),
      (error: Error) => error instanceof ReportFileError && /20261204-101500\.json: not a readable report/.test(error.message) && !error.message.includes("\n"),
    );
  });

  it("an empty report", () => {
    writeReport("20261204-101500.json", "");
    assert.throws(() => new FileReportStore(dir, dir).latestStopped("drill", "prod", "prod-dr"), ReportFileError);
  });

  it("a report with no steps, from the store and when handed to the drill", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    const stopped = { version: 1, kind: "drill", mode: "planned", primary: "prod", standby: "prod-dr", startedAt: 1, outcome: "stopped", steps: [] };
    writeReport("20261204-101500.json", JSON.stringify(stopped));
    assert.throws(() => new FileReportStore(dir, dir).latestStopped("drill", "prod", "prod-dr"), /20261204-101500\.json: the report has no steps/);
    await assert.rejects(h.run({ resume: stopped as unknown as DrillRecord }), (error: Error) => error instanceof DrillResumeError && /the report has no steps/.test(error.message));
  });
});

/** The steps of a fresh record (the harness's plan), for writing reports by hand. */
function newestSteps(): DrillRecord["steps"] {
  return ["targets", "from-healthy", "stores", "capacity", "lag", "fence", "promote-database", "promote-cache", "scale", "dns", "verify", "reconcile"].map((id) => ({
    id,
    title: id,
    kind: "check",
    status: "not-run",
    detail: [],
  })) as unknown as DrillRecord["steps"];
}

describe("drill: the failback finds the drill it returns from", () => {
  it("the newest completed drill of the pair, whose fence holds the scalable targets to restore", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 3, 0];
    const store = new FileReportStore(dir, dir);
    assert.equal(store.latestCompletedDrill("prod", "prod-dr"), undefined);
    const drill = await h.run({ store });
    assert.equal(drill.outcome, "passed");
    const found = store.latestCompletedDrill("prod", "prod-dr");
    assert.equal(found?.startedAt, drill.startedAt);
    assert.deepEqual(found?.fence?.services.map((s) => [s.name, s.scaling?.minCapacity, s.scaling?.maxCapacity]), [["api", 2, 5], ["web", 2, 6]]);
    assert.equal(store.latestCompletedDrill("prod", "staging"), undefined, "another pair's");
  });
});
