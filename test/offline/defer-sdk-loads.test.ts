import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

/** Runs `script` in a fresh Node process (this one loaded the SDK long ago) and returns what it printed. */
function fresh(script: string): unknown {
  const result = spawnSync(process.execPath, ["-r", "tsx/cjs", "-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as unknown;
}

const loaded = `Object.keys(require.cache).some((f) => /node_modules\\/typescript\\/lib\\/typescript\\.js$/.test(f))`;

describe("deferring the SDK's TypeScript load (offline/defer-sdk-loads.ts)", () => {
  // One process with the deferral: what it loaded after the SDK and the AWS provider, then after
  // serializing a function (each process costs an SDK load, so both tests read this one).
  let deferred: { before: boolean; after: boolean; text: boolean } | undefined;
  const withDeferral = () =>
    (deferred ??= fresh(`
      require("./offline/defer-sdk-loads");
      const pulumi = require("@pulumi/pulumi");
      require("@pulumi/aws");
      const before = ${loaded};
      const y = 41;
      pulumi.runtime.serializeFunction(() => y + 1).then((f) => {
        console.log(JSON.stringify({ before, after: ${loaded}, text: f.text.includes("y + 1") }));
      });`) as { before: boolean; after: boolean; text: boolean });

  it("loads @pulumi/pulumi without the TypeScript compiler, which the SDK otherwise loads at once", () => {
    const without = fresh(`require("@pulumi/pulumi"); console.log(JSON.stringify(${loaded}))`);
    assert.equal(without, true, "the SDK no longer loads TypeScript by itself: the deferral can go");
    assert.equal(withDeferral().before, false);
  });

  it("loads it on first use: serializing a function into a resource still works", () => {
    assert.deepEqual(withDeferral(), { before: false, after: true, text: true });
  });
});

const automationLoaded = `Object.keys(require.cache).some((f) => /@pulumi\\/pulumi\\/automation\\/localWorkspace\\.js$/.test(f))`;

describe("deferring the SDK's Automation API load (offline/defer-sdk-loads.ts)", () => {
  it("loads @pulumi/pulumi without its Automation API, which the SDK otherwise loads at once", () => {
    const without = fresh(`require("@pulumi/pulumi"); console.log(JSON.stringify(${automationLoaded}))`);
    assert.equal(without, true, "the SDK no longer loads its Automation API by itself: the deferral can go");
    const deferred = fresh(`require("./offline/defer-sdk-loads"); require("@pulumi/pulumi"); require("@pulumi/aws"); console.log(JSON.stringify(${automationLoaded}))`);
    assert.equal(deferred, false);
  });

  it("loads it on first use, by the namespace or by its module: the same classes either way", () => {
    const used = fresh(`
      require("./offline/defer-sdk-loads");
      const pulumi = require("@pulumi/pulumi");
      const before = ${automationLoaded};
      const direct = require("@pulumi/pulumi/automation");
      const same = pulumi.automation.LocalWorkspace === direct.LocalWorkspace && typeof direct.LocalWorkspace.create === "function";
      const keys = Object.keys(pulumi.automation).includes("LocalWorkspace");
      console.log(JSON.stringify({ before, same, keys, after: ${automationLoaded} }));`);
    assert.deepEqual(used, { before: false, same: true, keys: true, after: true });
  });
});

const arboristLoaded = `Object.keys(require.cache).some((f) => /@npmcli\\/arborist\\/lib\\/arborist\\/index\\.js$/.test(f))`;

describe("deferring npm's Arborist, which the SDK loads for computeCodePaths (offline/defer-sdk-loads.ts)", () => {
  it("loads @pulumi/pulumi without @npmcli/arborist, which the SDK otherwise loads at once", () => {
    const without = fresh(`require("@pulumi/pulumi"); console.log(JSON.stringify(${arboristLoaded}))`);
    assert.equal(without, true, "the SDK no longer loads Arborist by itself: the deferral can go");
    const deferred = fresh(`require("./offline/defer-sdk-loads"); require("@pulumi/pulumi"); require("@pulumi/aws"); console.log(JSON.stringify(${arboristLoaded}))`);
    assert.equal(deferred, false);
  });

  it("loads it on first use: computeCodePaths (a Lambda's package from a JavaScript function) still reads the project's packages", () => {
    // A project of one package, so that Arborist reads a small tree: its own directory, with left-pad installed.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "code-paths-"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "lambda", version: "1.0.0", dependencies: { "left-pad": "1.3.0" } }));
    fs.mkdirSync(path.join(project, "node_modules", "left-pad"), { recursive: true });
    fs.writeFileSync(path.join(project, "node_modules", "left-pad", "package.json"), JSON.stringify({ name: "left-pad", version: "1.3.0" }));
    const script = `
      require(${JSON.stringify(path.join(root, "offline/defer-sdk-loads"))});
      const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});
      const before = ${arboristLoaded};
      pulumi.runtime.computeCodePaths({ extraIncludePackages: [] }).then((paths) => {
        console.log(JSON.stringify({ before, paths: [...paths.keys()], after: ${arboristLoaded} }));
      });`;
    const result = spawnSync(process.execPath, ["-r", require.resolve("tsx/cjs"), "-e", script], { cwd: project, encoding: "utf8" });
    fs.rmSync(project, { recursive: true, force: true });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { before: false, paths: ["node_modules/left-pad"], after: true });
  });
});
