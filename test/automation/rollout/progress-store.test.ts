import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultLockWait } from "../../../automation/driver/retry";
import { explainRollout } from "../../../automation/rollout/dry-run";
import { FileProgressStore, ProgressFileError, RolloutProgress, resumeCommand } from "../../../automation/rollout/progress-file";
import { defaultHealthPolicy, ResumeError, RolloutOptions, runRollout } from "../../../automation/rollout/run";
import { LineView } from "../../../automation/rollout/view";
import type { RolloutView } from "../../../automation/rollout/run";
import { rolloutGraph, selectStacks } from "../../../automation/stacks/graph";
import { FakeClock } from "../../helpers/fake-clock";
import { FakeDriver } from "../../helpers/fake-driver";

const stacks = ["dev", "staging", "prod", "prod-dr"];
const outputs = Object.fromEntries(stacks.map((s) => [s, { healthUrl: `https://${s}.example.test/healthz` }]));
const fullStack = (stack: string) => [`preview ${stack}`, `up ${stack}`, `preview ${stack}`];

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-store-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function options(store: FileProgressStore, driver: FakeDriver, extra: Partial<RolloutOptions> = {}): RolloutOptions {
  const clock = new FakeClock();
  return {
    graph: rolloutGraph,
    driver,
    probe: () => Promise.resolve({ ok: true, status: 200 }),
    clock,
    store,
    view: new LineView(() => undefined, clock),
    resume: false,
    health: { attempts: 1, intervalMs: 1_000, timeoutMs: 1_000 },
    ...extra,
  };
}

/** What progress.json says on disk right now. */
function onDisk(file: string): RolloutProgress {
  return JSON.parse(fs.readFileSync(file, "utf8")) as RolloutProgress;
}

class Killed extends Error {}

describe("rollout: the progress file on disk", () => {
  it("holds each step before it runs and each stack's outcome as it ends", async () => {
    const file = path.join(dir, "progress.json");
    const seen: string[] = [];
    const view: RolloutView = {
      start: () => undefined,
      progress: () => undefined,
      note: () => undefined,
      finish: () => undefined,
      step: (stack, step) => {
        const record = onDisk(file).stacks[stack];
        seen.push(`${stack} ${step}: ${record.status} at ${record.step}`);
      },
      stackDone: (stack) => seen.push(`${stack} done: ${onDisk(file).stacks[stack].status}`),
    };
    const driver = new FakeDriver({ outputs }).failOn("prod", "up", () => new Error("quota exceeded"));
    await runRollout(options(new FileProgressStore(file), driver, { view }));
    assert.deepEqual(seen, [
      "dev preview: running at preview",
      "dev up: running at up",
      "dev health: running at health",
      "dev converged: running at converged",
      "dev done: succeeded",
      "staging preview: running at preview",
      "staging up: running at up",
      "staging health: running at health",
      "staging converged: running at converged",
      "staging done: succeeded",
      "prod preview: running at preview",
      "prod up: running at up",
      "prod done: failed",
    ]);
  });

  it("records a stop on disk before the rollout returns", async () => {
    const file = path.join(dir, "progress.json");
    let stopped = false;
    const driver = new FakeDriver({ outputs, onSuccess: (call) => (stopped = stopped || (call.op === "up" && call.stack === "dev")) });
    const states: string[] = [];
    const view: RolloutView = { ...new LineView(() => undefined, new FakeClock()), start: () => undefined, step: () => undefined, progress: () => undefined, note: () => undefined, finish: () => undefined, stackDone: (stack) => states.push(`${stack}: ${onDisk(file).stacks[stack].status} at ${onDisk(file).stacks[stack].step}`) };
    await runRollout(options(new FileProgressStore(file), driver, { view, stopped: () => stopped }));
    assert.deepEqual(states, ["dev: stopped at health"]);
  });

  it("survives a crash between the cloud call and the save: --resume reruns the interrupted stack and nothing before it", async () => {
    const file = path.join(dir, "progress.json");
    let armed = false;
    // The process dies right after prod's update returned, before its progress was written.
    const dying = new FileProgressStore(file);
    const save = dying.save.bind(dying);
    dying.save = (progress) => {
      if (armed) throw new Killed("killed");
      save(progress);
    };
    const driver = new FakeDriver({ outputs, onSuccess: (call) => (armed = armed || (call.op === "up" && call.stack === "prod")) });
    await assert.rejects(runRollout(options(dying, driver)), Killed);
    const saved = onDisk(file);
    assert.deepEqual(
      stacks.map((s) => `${s}: ${saved.stacks[s].status}${saved.stacks[s].step ? ` at ${saved.stacks[s].step}` : ""}`),
      ["dev: succeeded", "staging: succeeded", "prod: running at up", "prod-dr: pending"],
    );

    const again = new FakeDriver({ outputs });
    const result = await runRollout(options(new FileProgressStore(file), again, { resume: true }));
    assert.equal(result.ok, true);
    assert.deepEqual(again.trace(), [...fullStack("prod"), ...fullStack("prod-dr")], "an update is safe to repeat: prod runs again from its preview");
    assert.ok(stacks.every((s) => onDisk(file).stacks[s].status === "succeeded"));
    assert.deepEqual(fs.readdirSync(dir), ["progress.json"], "no temporary file left behind");
  });
});

describe("rollout: resuming from any saved state, or one clear line", () => {
  async function failedRollout(file: string): Promise<RolloutProgress> {
    await runRollout(options(new FileProgressStore(file), new FakeDriver({ outputs }).failOn("prod", "up", () => new Error("boom"))));
    return onDisk(file);
  }

  const broken: [string, (p: RolloutProgress) => unknown, RegExp][] = [
    ["a stack entry missing", (p) => (delete (p.stacks as Record<string, unknown>).prod, p), /stack 'prod' of its waves has no record/],
    ["an unknown status", (p) => ((p.stacks.prod as { status: string }).status = "exploded", p), /stack 'prod' has status 'exploded'/],
    ["waves that are not lists of names", (p) => ({ ...p, waves: "dev" }), /not a rollout progress file/],
    ["no stacks", (p) => ({ ...p, stacks: null }), /not a rollout progress file/],
  ];
  for (const [what, edit, message] of broken) {
    it(`refuses ${what} with one line, no TypeError`, async () => {
      const file = path.join(dir, "progress.json");
      const progress = await failedRollout(file);
      fs.writeFileSync(file, JSON.stringify(edit(progress)));
      const store = new FileProgressStore(file);
      assert.throws(() => store.load(), (error: Error) => error instanceof ProgressFileError && message.test(error.message) && !error.message.includes("\n"));
      await assert.rejects(runRollout(options(store, new FakeDriver({ outputs }), { resume: true })), ProgressFileError);
    });
  }

  it("refuses a truncated or empty file with one line", () => {
    const file = path.join(dir, "progress.json");
    for (const text of ['{"version":1,"waves":[["dev"]', ""]) {
      fs.writeFileSync(file, text);
      assert.throws(() => new FileProgressStore(file).load(), (error: Error) => error instanceof ProgressFileError && !error.message.includes("\n"));
    }
  });

  it("resumes when the saved waves are ordered differently from the graph, and the --stacks it suggests is accepted", async () => {
    const file = path.join(dir, "progress.json");
    const progress = await failedRollout(file);
    fs.writeFileSync(file, JSON.stringify({ ...progress, waves: [["prod"], ["staging"], ["dev"], ["prod-dr"]] }));
    const resumed = await runRollout(options(new FileProgressStore(file), new FakeDriver({ outputs }), { resume: true }));
    assert.equal(resumed.ok, true);

    const other = path.join(dir, "other.json");
    await runRollout(options(new FileProgressStore(other), new FakeDriver({ outputs }).failOn("dev", "up", () => new Error("boom")), { graph: selectStacks(rolloutGraph, ["dev", "prod"]) }));
    fs.writeFileSync(other, JSON.stringify({ ...onDisk(other), waves: [["prod"], ["dev"]] }));
    let suggested = "";
    await assert.rejects(runRollout(options(new FileProgressStore(other), new FakeDriver({ outputs }), { resume: true })), (error: Error) => {
      assert.ok(error instanceof ResumeError);
      suggested = /--stacks (\S+)/.exec(error.message)?.[1] ?? "";
      return true;
    });
    assert.equal(suggested, "prod,dev");
    const graph = selectStacks(rolloutGraph, suggested.split(","));
    const accepted = await runRollout(options(new FileProgressStore(other), new FakeDriver({ outputs }), { graph, resume: true }));
    assert.equal(accepted.ok, true);
  });

  it("the dry run refuses what the rollout refuses", async () => {
    const file = path.join(dir, "progress.json");
    await runRollout(options(new FileProgressStore(file), new FakeDriver({ outputs }).failOn("dev", "up", () => new Error("boom")), { graph: selectStacks(rolloutGraph, ["dev", "prod"]) }));
    const explain = (store: FileProgressStore) =>
      explainRollout({ graph: rolloutGraph, stacks: new Map(), store, resume: true, policyPackPath: dir, health: defaultHealthPolicy, lockWait: defaultLockWait, root: dir });
    const { blockers } = explain(new FileProgressStore(file));
    assert.ok(blockers.some((b) => /is for the stacks dev, prod; resume with --stacks dev,prod/.test(b)), blockers.join("\n"));
    fs.writeFileSync(file, "{");
    assert.ok(explain(new FileProgressStore(file)).blockers.some((b) => /not valid JSON/.test(b)));
  });

  it("the hint after a failure keeps a custom --progress-file", () => {
    const fallback = path.join(dir, "out", "rollout", "progress.json");
    assert.equal(resumeCommand(fallback, fallback), "npm run rollout -- --resume");
    assert.equal(resumeCommand(path.join(dir, "mine.json"), fallback), `npm run rollout -- --resume --progress-file ${path.join(dir, "mine.json")}`);
    assert.equal(resumeCommand(path.join(dir, "my file.json"), fallback), `npm run rollout -- --resume --progress-file '${path.join(dir, "my file.json")}'`);
  });
});
