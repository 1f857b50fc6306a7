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
  // One process with the deferral: what it loaded after the SDK and the AWS provider, then after
  // serializing a function (each process costs an SDK load, so both tests read this one).
  let deferred: { before: boolean; after: boolean; text: boolean } | undefined;
  const withDeferral = () =>
    (deferred ??= fresh(`
      require("./offline/defer-typescript");
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
