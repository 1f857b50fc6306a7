import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

/** Runs `script` in a fresh Node process (this one loaded the SDK long ago) and returns what it printed. */
function fresh(script: string): unknown {
  const result = spawnSync(process.execPath, ["-r", "tsx/cjs", "-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as unknown;
}

const loaded = `Object.keys(require.cache).some((f) => /node_modules\\/typescript\\/lib\\/typescript\\.js$/.test(f))`;

describe("deferring the SDK's TypeScript load (offline/defer-typescript.ts)", () => {
  it("loads @pulumi/pulumi without the TypeScript compiler, which the SDK otherwise loads at once", () => {
    const without = fresh(`require("@pulumi/pulumi"); console.log(JSON.stringify(${loaded}))`);
    assert.equal(without, true, "the SDK no longer loads TypeScript by itself: the deferral can go");
    const deferred = fresh(`require("./offline/defer-typescript"); require("@pulumi/pulumi"); require("@pulumi/aws"); console.log(JSON.stringify(${loaded}))`);
    assert.equal(deferred, false);
  });

  it("loads it on first use: serializing a function into a resource still works", () => {
    const result = fresh(`
      require("./offline/defer-typescript");
      const pulumi = require("@pulumi/pulumi");
      const before = ${loaded};
      const y = 41;
      pulumi.runtime.serializeFunction(() => y + 1).then((f) => {
        console.log(JSON.stringify({ before, after: ${loaded}, text: f.text.includes("y + 1") }));
      });`);
    assert.deepEqual(result, { before: false, after: true, text: true });
  });
});
