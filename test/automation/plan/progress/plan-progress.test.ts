import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../../../automation/plan/index";
import { resourceCounts } from "../../../../automation/plan/plan-json";
import type { PlanProgress } from "../../../../automation/plan/progress";
import { repoRoot, stackFilePath } from "../../../../automation/plan/stack-file";
import { compiledDevPlan } from "../../../helpers/compiled-plan";

/** The terminal's escape character, which starts the spinner's cursor moves. */
const escape = String.fromCharCode(27);

/** Every call a plan makes on its progress, in order. */
function recorder(): PlanProgress & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    start: (name) => calls.push(`start ${name}`),
    update: (detail) => calls.push(`update ${detail}`),
    done: (detail) => calls.push(`done${detail ? ` ${detail}` : ""}`),
    fail: (detail) => calls.push(`fail${detail ? ` ${detail}` : ""}`),
    close: () => calls.push("close"),
  };
}

/** The dev stack with every default provider disabled: valid config, and a render that never completes. */
function stuckStackFile(dir: string): string {
  const text = fs.readFileSync(stackFilePath("dev"), "utf8").replace(/^ {2}pulumi:disable-default-providers:.*$/m, '  pulumi:disable-default-providers: ["*"]');
  const file = path.join(dir, "Pulumi.stuck.yaml");
  fs.writeFileSync(file, text);
  return file;
}

// Issue 18, item 3: what `npm run plan` shows while it works, and where.
describe("plan progress in the plan", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-progress-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const plan = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, ["dist/automation/plan.js", ...args, "--out", tmp], { cwd: repoRoot, encoding: "utf8", env, timeout: 120000 });

  it("reports each step in order, the render with a running count that ends at the plan's count", async function () {
    this.timeout(120000);
    const progress = recorder();
    const run = await runPlan({ file: stackFilePath("dev"), outRoot: tmp, log: () => undefined, progress });
    assert.equal(run.exitCode, 0);
    const total = resourceCounts(run.context?.resources ?? []).resources;
    const steps = progress.calls.filter((c) => !c.startsWith("update "));
    assert.deepEqual(steps, ["start config", "done valid", "start render", `done ${total} resources`, "start routes", "done", "start gate", "done", "start cost", "done", "start diagram", "done", "start write", "done plan.json, report.md"]);
    const updates = progress.calls.filter((c) => c.startsWith("update "));
    assert.ok(updates.length >= total, `one update per registration (${updates.length})`);
    assert.equal(updates[updates.length - 1], `update ${total} resources`);
    // The updates all fall within the render step.
    const render = progress.calls.indexOf("start render");
    assert.ok(progress.calls.findIndex((c) => c.startsWith("update ")) > render);
    assert.ok(progress.calls.lastIndexOf(updates[updates.length - 1]) < progress.calls.indexOf(`done ${total} resources`));
  });

  it("ends the config step as failed on an invalid config, and renders nothing", async () => {
    const file = path.join(tmp, "Pulumi.broken.yaml");
    fs.writeFileSync(file, "config:\n  aws:region: ap-northeast-2\n  platform:environment: nope\n");
    const progress = recorder();
    const run = await runPlan({ file, outRoot: tmp, log: () => undefined, progress });
    assert.equal(run.exitCode, 2);
    assert.equal(progress.calls[0], "start config");
    assert.match(progress.calls[1], /^fail \d+ problems?$/);
    assert.equal(progress.calls.length, 2);
  });

  describe("from the command line (compiled)", () => {
    before(function () {
      this.timeout(120000);
      execFileSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs")], { cwd: repoRoot });
    });

    it("prints plain step lines on stderr when it is not a terminal, and keeps stdout for the report", function () {
      this.timeout(120000);
      const run = compiledDevPlan();
      assert.equal(run.status, 0, run.stderr);
      const steps = run.stderr.split("\n").filter((l) => l.startsWith("[plan] ") && !l.includes("so far"));
      const count = /^Stack dev \(ap-northeast-2\): (\d+) resources/.exec(run.stdout)?.[1];
      assert.equal(steps.length, 7, run.stderr);
      assert.match(steps[0], /^\[plan\] config: valid in \d+\.\d\d s$/);
      assert.match(steps[1], new RegExp(`^\\[plan\\] render: ${count} resources in \\d+\\.\\d+ s$`));
      assert.deepEqual(steps.slice(2).map((l) => l.split(" ")[1]), ["routes", "gate", "cost", "diagram", "write:"]);
      assert.ok(!run.stdout.includes("[plan]") && !run.stdout.includes(escape), "no progress on stdout");
    });

    it("fails a render that never finishes with exit 3 and one line, the render step ended as failed", function () {
      this.timeout(120000);
      const run = plan(["--file", stuckStackFile(tmp)]);
      assert.equal(run.status, 3, run.stderr);
      assert.match(run.stderr, /^\[plan\] render failed after \d+\.\d+ s$/m);
      assert.match(run.stderr, /^plan failed: the render never finished: registrations were left waiting/m);
    });

    it("prints no progress with --quiet, and a --format json document stays alone on stdout", function () {
      this.timeout(120000);
      const planJson = path.join(compiledDevPlan().out, "dev", "plan.json");
      assert.ok(fs.existsSync(planJson), "the compiled plan's plan.json");
      const quiet = plan(["dev", "--quiet", "--compare-to", planJson, "--format", "json"]);
      assert.equal(quiet.status, 0, quiet.stderr);
      assert.doesNotMatch(quiet.stderr, /\[plan\]/);
      assert.doesNotThrow(() => JSON.parse(quiet.stdout), quiet.stdout.slice(0, 200));
    });

    it("on a real terminal: spins and ends on success, on invalid config (exit 2) and on a render that never completes", function () {
      if (!fs.existsSync("/usr/bin/script")) this.skip(); // util-linux's script gives the plan a terminal
      this.timeout(240000);
      const env = { ...process.env };
      delete env.CI; // CI is not a terminal's environment
      const broken = path.join(tmp, "Pulumi.broken.yaml");
      fs.writeFileSync(broken, "config:\n  aws:region: ap-northeast-2\n  platform:environment: nope\n");
      const onTerminal = (args: string) => {
        const typescript = path.join(tmp, "typescript");
        const command = `node dist/automation/plan.js ${args} --out ${tmp} > ${path.join(tmp, "stdout")}`;
        const run = spawnSync("timeout", ["180", "script", "-qec", command, typescript], { cwd: repoRoot, encoding: "utf8", env, stdio: ["ignore", "ignore", "pipe"] });
        return { status: run.status, terminal: fs.readFileSync(typescript, "utf8"), stdout: fs.readFileSync(path.join(tmp, "stdout"), "utf8") };
      };
      const ok = onTerminal("dev");
      assert.equal(ok.status, 0, ok.terminal.slice(-500));
      assert.match(ok.terminal, new RegExp(`render: \\d+ resources${escape}`), "the running count");
      assert.match(ok.terminal, /✔\S* render: \d+ resources in /);
      assert.match(ok.terminal, /✔\S* write: plan.json, report.md in /);
      assert.ok(!ok.stdout.includes(escape) && !ok.stdout.includes("✔"), "the spinner never writes to stdout");
      const bad = onTerminal(`--file ${broken}`);
      assert.equal(bad.status, 2, bad.terminal.slice(-500));
      assert.match(bad.terminal, /✖\S* config failed after /);
      // The render of this stack never settles: the event loop runs dry and the plan fails (exit 3);
      // a spinner that kept the process alive would leave it to `timeout` (124).
      const stuck = onTerminal(`--file ${stuckStackFile(tmp)}`);
      assert.equal(stuck.status, 3, stuck.terminal.slice(-500));
      assert.match(stuck.terminal, /✖\S* render failed after /);
      assert.match(stuck.terminal, /plan failed: the render never finished/);
    });
  });
});
