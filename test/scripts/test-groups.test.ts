import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

const script = path.resolve(__dirname, "../../scripts/test-groups.mjs");

/** A child that prints `lines` numbered lines after `delay` seconds, then exits with `code`. */
const printer = (name: string, lines: number, delay: number, code = 0) => ({
  name,
  command: process.execPath,
  args: ["-e", `setTimeout(() => { for (let i = 0; i < ${lines}; i++) console.log("${name} " + i + " ${"x".repeat(60)}"); process.exitCode = ${code}; }, ${delay * 1000})`],
});

/**
 * Runs runInOrder in a fresh process whose stdout is a pipe, as npm test's is under CI or the
 * bench, and exits the moment it resolves (as concurrently did): what it wrote must be out by then.
 */
function throughPipe(commands: ReturnType<typeof printer>[]): { status: number | null; stdout: string } {
  const program = `import(${JSON.stringify(script)}).then(async ({ runInOrder, writeAll }) => { const codes = await runInOrder(${JSON.stringify(commands)}, (b) => writeAll(1, b)); process.exit(codes.every((c) => c === 0) ? 0 : 1); })`;
  const run = spawnSync(process.execPath, ["-e", program], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout };
}

// npm test runs the two mocha groups through scripts/test-groups.mjs (issue 18: the suite's time).
describe("npm test's runner of the two test groups", function () {
  this.timeout(60000);

  it("keeps every line of a group that ends before the one listed ahead of it, each group whole and in order", () => {
    const { status, stdout } = throughPipe([printer("first", 10, 1.5), printer("second", 20000, 0)]);
    assert.equal(status, 0);
    const lines = stdout.split("\n");
    assert.equal(lines.filter((l) => l.startsWith("second ")).length, 20000, "the second group's lines, all of them");
    assert.equal(lines.indexOf("first: exit 0"), 10, "the first group whole, then its exit");
    assert.equal(lines[lines.length - 2], "second: exit 0");
  });

  it("fails when either group fails, and says which", () => {
    const { status, stdout } = throughPipe([printer("first", 1, 0), printer("second", 1, 0, 3)]);
    assert.equal(status, 1);
    assert.match(stdout, /^first: exit 0$/m);
    assert.match(stdout, /^second: exit 3$/m);
  });
});
