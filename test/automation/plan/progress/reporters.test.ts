import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { Writable } from "stream";
import { isInteractive, PlainProgress, planProgress, silentProgress, TerminalProgress } from "../../../../automation/plan/progress";

/** A terminal as yocto-spinner uses one: isTTY, a width, cursor moves; everything written is kept. */
class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 100;
  text = "";
  _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
  cursorTo(x: number): boolean {
    this.text += `\x1b[${x + 1}G`;
    return true;
  }
  moveCursor(_dx: number, dy: number): boolean {
    this.text += `\x1b[${-dy}A`;
    return true;
  }
  clearLine(): boolean {
    this.text += "\x1b[0K";
    return true;
  }
}

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

// Issue 18, item 3: progress while plan works, plain in logs, a spinner on a terminal.
describe("plan progress", () => {
  describe("plain lines (CI, a pipe)", () => {
    it("writes one line per finished step, with what it found and its time", () => {
      const lines: string[] = [];
      const clock = fakeClock();
      const progress = new PlainProgress({ write: (l) => lines.push(l), now: clock.now });
      progress.start("config");
      clock.advance(40);
      progress.done("valid");
      progress.start("render");
      for (let i = 1; i <= 282; i++) progress.update(`${i} resources`);
      clock.advance(1234);
      progress.done("282 resources");
      progress.start("gate");
      clock.advance(400);
      progress.fail();
      progress.close();
      assert.deepEqual(lines, ["[plan] config: valid in 0.04 s", "[plan] render: 282 resources in 1.2 s", "[plan] gate failed after 0.40 s"]);
    });

    it("says how far a long step has got every 5 seconds, from its updates (no timer)", () => {
      const lines: string[] = [];
      const clock = fakeClock();
      const progress = new PlainProgress({ write: (l) => lines.push(l), now: clock.now });
      progress.start("render");
      progress.update("10 resources");
      clock.advance(4999);
      progress.update("900 resources");
      clock.advance(1);
      progress.update("1000 resources");
      clock.advance(2000);
      progress.update("1500 resources");
      assert.deepEqual(lines, ["[plan] render: 1000 resources so far (5.0 s)"]);
    });

    it("ends a step still running as failed when closed, and only once", () => {
      const lines: string[] = [];
      const progress = new PlainProgress({ write: (l) => lines.push(l), now: fakeClock().now });
      progress.start("render");
      progress.close();
      progress.close();
      assert.deepEqual(lines, ["[plan] render failed after 0.00 s"]);
    });
  });

  describe("choosing the reporter", () => {
    const pipe = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { isTTY: false });
    const tty = new FakeTerminal();

    it("draws a spinner only on a terminal that is not dumb and not in CI, as yocto-spinner decides", () => {
      assert.equal(isInteractive(tty, {}), true);
      assert.equal(isInteractive(tty, { CI: "true" }), false);
      assert.equal(isInteractive(tty, { TERM: "dumb" }), false);
      assert.equal(isInteractive(pipe, {}), false);
      assert.ok(planProgress({ stream: tty, env: {} }) instanceof TerminalProgress);
      assert.ok(planProgress({ stream: tty, env: { CI: "1" } }) instanceof PlainProgress);
      assert.ok(planProgress({ stream: pipe, env: {} }) instanceof PlainProgress);
    });

    it("shows nothing with --quiet, on a terminal or not", () => {
      assert.equal(planProgress({ stream: tty, env: {}, quiet: true }), silentProgress);
      assert.equal(planProgress({ stream: pipe, env: {}, quiet: true }), silentProgress);
    });
  });

  describe("on a terminal (a faked TTY stream)", () => {
    // yocto-spinner reads CI from the environment itself: a CI run of this test must look like a terminal's.
    const saved = process.env.CI;
    before(() => delete process.env.CI);
    after(() => {
      if (saved !== undefined) process.env.CI = saved;
    });

    it("spins with the running count, leaves a ✔ line per step and shows the cursor again", () => {
      const terminal = new FakeTerminal();
      const clock = fakeClock();
      const progress = new TerminalProgress({ stream: terminal, now: clock.now });
      progress.start("render");
      clock.advance(100);
      progress.update("120 resources");
      progress.update("121 resources"); // within the redraw interval: not drawn
      clock.advance(1100);
      progress.done("282 resources");
      progress.start("gate");
      clock.advance(300);
      progress.fail();
      progress.close();
      assert.match(terminal.text, /render: 120 resources/);
      assert.doesNotMatch(terminal.text, /121 resources/);
      assert.match(terminal.text, /✔\S* render: 282 resources in 1\.2 s\n/);
      assert.match(terminal.text, /✖\S* gate failed after 0\.30 s\n/);
      assert.ok(terminal.text.endsWith("\n"), "the last line is finished");
      assert.ok(terminal.text.lastIndexOf("\x1b[?25h") > terminal.text.lastIndexOf("\x1b[?25l"), "the cursor is shown again");
    });

    it("never keeps the process alive: a step left running still lets Node exit, with the cursor back", function () {
      this.timeout(60000);
      // A render whose promises never settle leaves the spinner running and nothing else to do:
      // Node must exit (a ref'd animation timer would keep it alive for ever).
      const script = `
        const { Writable } = require("stream");
        const { TerminalProgress } = require(${JSON.stringify(path.resolve(__dirname, "../../../../automation/plan/progress"))});
        const out = Object.assign(new Writable({ write: (c, e, cb) => { process.stdout.write(c); cb(); } }), { isTTY: true, columns: 80, cursorTo() { return true; }, moveCursor() { return true; }, clearLine() { return true; } });
        new TerminalProgress({ stream: out }).start("render");
        new Promise(() => undefined); // never settles
      `;
      const env = { ...process.env };
      delete env.CI;
      const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { encoding: "utf8", env, timeout: 50000 });
      assert.equal(run.error, undefined, "the child ended by itself");
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /render failed after .*: the process ended before the step did/);
      assert.ok(run.stdout.lastIndexOf("\x1b[?25h") > run.stdout.lastIndexOf("\x1b[?25l"), "the cursor is shown again");
    });
  });
});
