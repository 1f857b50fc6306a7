import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackFile, repoRoot, StackFileError, stackFilePath } from "../../../automation/plan/stack-file";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-test-"));

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The StackFileError readStackFile throws for `file`; fails the test when it reads the file. */
function refusal(file: string): string {
  try {
    readStackFile(file);
  } catch (error) {
    assert.ok(error instanceof StackFileError, `expected a StackFileError, got ${(error as Error).stack}`);
    assert.ok(!error.message.includes("\n"), `one line: ${error.message}`);
    return error.message;
  }
  assert.fail(`${file} was accepted`);
}

/** A billion-laughs document: each anchor repeats the one before ten times. */
function aliasBomb(): string {
  const lines = ["config:", "  platform:project: platform", "  platform:tags:", '    a0: &a0 ["lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`    a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

describe("stack file reader: bounded before parsing", () => {
  it("refuses an alias bomb with the file, the line and a plain reason", () => {
    const message = refusal(write("Pulumi.bomb.yaml", aliasBomb()));
    assert.match(message, /Pulumi\.bomb\.yaml:\d+: /);
    assert.match(message, /alias/i);
    assert.doesNotMatch(message, /resource exhaustion|Excessive/);
  });

  it("refuses nesting deeper than the bound, before the parser recurses", () => {
    const flow = refusal(write("Pulumi.deep.yaml", `config:\n  platform:tags: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`));
    assert.match(flow, /Pulumi\.deep\.yaml:2: nested deeper than 32 levels/);
    const block = ["config:", ...Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`)].join("\n");
    assert.match(refusal(write("Pulumi.deep2.yaml", `${block} x\n`)), /Pulumi\.deep2\.yaml:\d+: nested deeper than 32 levels/);
  });

  it("refuses a file over the size bound without reading it as YAML", () => {
    const lines = ["config:"];
    for (let i = 0; i < 200_000; i++) lines.push(`  platform:k${i}: v${i}`);
    const message = refusal(write("Pulumi.huge.yaml", lines.join("\n")));
    assert.match(message, /Pulumi\.huge\.yaml: is \d+\.\d MiB; a stack file may be at most 256 KiB/);
  });

  it("refuses more map entries than the bound, inside the size bound", () => {
    const lines = ["config:", "  platform:tags:"];
    for (let i = 0; i < 12_000; i++) lines.push(`    t${i}: x`);
    assert.match(refusal(write("Pulumi.keys.yaml", lines.join("\n"))), /Pulumi\.keys\.yaml: has more than 10000 keys and items/);
  });

  it("still names a duplicate key with its line", () => {
    assert.match(refusal(write("Pulumi.dup.yaml", "config:\n  aws:region: ap-northeast-2\n  aws:region: ap-northeast-1\n")), /Pulumi\.dup\.yaml:3: .*aws:region.* twice/);
  });

  it("says the encoding is wrong for UTF-16, with or without a byte-order mark, and for bytes that are not UTF-8", () => {
    const text = fs.readFileSync(stackFilePath("dev"), "utf8");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    assert.match(refusal(write("Pulumi.u16.yaml", le)), /Pulumi\.u16\.yaml: is UTF-16 encoded; save it as UTF-8/);
    assert.match(refusal(write("Pulumi.u16nobom.yaml", Buffer.from(text, "utf16le"))), /is UTF-16 encoded; save it as UTF-8/);
    const latin1 = Buffer.from("config:\n  platform:project: caf\xe9\n", "latin1");
    assert.match(refusal(write("Pulumi.latin1.yaml", latin1)), /Pulumi\.latin1\.yaml:2: is not valid UTF-8/);
  });

  it("reads a UTF-8 file with a byte-order mark", () => {
    const text = fs.readFileSync(stackFilePath("dev"), "utf8");
    const stack = readStackFile(write("Pulumi.bom.yaml", `\ufeff${text}`));
    assert.equal(stack.config["aws:region"], "ap-northeast-2");
  });
});

describe("stack file reader: values as written", () => {
  it("keeps the text of every scalar by config path, for messages", () => {
    const stack = readStackFile(
      write("Pulumi.w.yaml", "config:\n  aws:region: ap-northeast-2\n  platform:project: ~\n  platform:logs:\n    retentionDays: .inf\n  platform:data:\n    database: { engineVersion: 16.10 }\n  other:key: 1\n"),
    );
    assert.equal(stack.written?.["platform:project"], "~");
    assert.equal(stack.written?.["platform:logs.retentionDays"], ".inf");
    assert.equal(stack.written?.["platform:data.database.engineVersion"], "16.10");
    assert.equal(stack.written?.["aws:region"], "ap-northeast-2");
  });
});

describe("plan command on hostile stack files", () => {
  before(function () {
    this.timeout(60000);
    execFileSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs")], { cwd: repoRoot });
  });

  for (const [name, content] of [
    ["Pulumi.bomb.yaml", aliasBomb()],
    ["Pulumi.deep.yaml", `config:\n  platform:tags: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
  ] as const) {
    it(`${name}: exit 2, one line naming the file, nothing under out/`, function () {
      this.timeout(60000);
      const file = write(name, content);
      const out = path.join(tmp, "out");
      const run = spawnSync(process.execPath, ["dist/automation/plan.js", "--file", file, "--out", out], { cwd: repoRoot, encoding: "utf8" });
      assert.equal(run.status, 2, run.stdout + run.stderr);
      const lines = (run.stdout + run.stderr).trim().split("\n");
      assert.equal(lines.length, 1, lines.join("\n"));
      assert.match(lines[0], new RegExp(`${name.replace(/\./g, "\\.")}:\\d+: `));
      assert.ok(!fs.existsSync(out), "nothing written");
    });
  }

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
});
