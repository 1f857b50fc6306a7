import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deferredSdkModules, loadedExpression } from "../helpers/sdk-probe";

const root = path.resolve(__dirname, "../..");
const deferral = path.join(root, "offline/defer-sdk-loads");

/** Runs `script` in a fresh Node process (this one loaded the SDK long ago) in `cwd` and returns what it printed. */
function fresh(script: string, cwd = root): unknown {
  const result = spawnSync(process.execPath, ["-r", require.resolve("tsx/cjs"), "-e", script], { cwd, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as unknown;
}

const loaded = (name: string) => loadedExpression({ [name]: deferredSdkModules[name] }) + ".length === 1";

describe("deferring what the SDK loads at start-up and a render never uses (offline/defer-sdk-loads.ts)", () => {
  const all = Object.keys(deferredSdkModules);

  it("the SDK loads each of them by itself (else its deferral can go); with the deferral, the SDK and the AWS provider load none", () => {
    assert.deepEqual(fresh(`require("@pulumi/pulumi"); console.log(JSON.stringify(${loadedExpression(deferredSdkModules)}))`), all);
    assert.deepEqual(fresh(`require(${JSON.stringify(deferral)}); require("@pulumi/pulumi"); require("@pulumi/aws"); console.log(JSON.stringify(${loadedExpression(deferredSdkModules)}))`), []);
  });

  it("TypeScript loads on first use: serializing a function into a resource still works", () => {
    const used = fresh(`
      require(${JSON.stringify(deferral)});
      const pulumi = require("@pulumi/pulumi");
      const before = ${loaded("the TypeScript compiler")};
      const y = 41;
      pulumi.runtime.serializeFunction(() => y + 1).then((f) => {
        console.log(JSON.stringify({ before, after: ${loaded("the TypeScript compiler")}, text: f.text.includes("y + 1") }));
      });`);
    assert.deepEqual(used, { before: false, after: true, text: true });
  });

  it("the Automation API loads on first use, by the namespace or by its module: the same classes either way", () => {
    const used = fresh(`
      require(${JSON.stringify(deferral)});
      const pulumi = require("@pulumi/pulumi");
      const before = ${loaded("the SDK's Automation API")};
      const direct = require("@pulumi/pulumi/automation");
      const same = pulumi.automation.LocalWorkspace === direct.LocalWorkspace && typeof direct.LocalWorkspace.create === "function";
      const keys = Object.keys(pulumi.automation).includes("LocalWorkspace");
      console.log(JSON.stringify({ before, same, keys, after: ${loaded("the SDK's Automation API")} }));`);
    assert.deepEqual(used, { before: false, same: true, keys: true, after: true });
  });

  it("Arborist loads on first use: computeCodePaths (a Lambda's package from a JavaScript function) still reads the project's packages", () => {
    // A project of one installed package, so that Arborist reads a small tree: the working directory's.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "code-paths-"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "lambda", version: "1.0.0", dependencies: { "left-pad": "1.3.0" } }));
    fs.mkdirSync(path.join(project, "node_modules", "left-pad"), { recursive: true });
    fs.writeFileSync(path.join(project, "node_modules", "left-pad", "package.json"), JSON.stringify({ name: "left-pad", version: "1.3.0" }));
    try {
      const used = fresh(
        `
        require(${JSON.stringify(deferral)});
        const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});
        const before = ${loaded("npm's Arborist")};
        pulumi.runtime.computeCodePaths({ extraIncludePackages: [] }).then((paths) => {
          console.log(JSON.stringify({ before, paths: [...paths.keys()], after: ${loaded("npm's Arborist")} }));
        });`,
        project,
      );
      assert.deepEqual(used, { before: false, paths: ["node_modules/left-pad"], after: true });
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
