// Transpiles the TypeScript sources to dist/ with esbuild (no type-check: `npm run typecheck`
// does that). The plan runs the compiled JavaScript: under ts-node every promise the Pulumi SDK
// creates pays for a source-mapped stack trace.
import { existsSync, readdirSync, rmSync, statSync } from "fs";
import { join } from "path";

const roots = ["index.ts", "program.ts", "model", "config", "components", "automation", "policies/lib", "policies/rules", "offline", "scripts/bench.ts", "scripts/bench-render.ts", "scripts/bench-program.ts", "scripts/bench-floor.ts", "scripts/bench-floor-deferred.ts", "scripts/bench-render-stack.ts", "scripts/install-costs.ts", "scripts/scaled-config.ts", "scripts/plan-snapshots.ts"];
const entryPoints = roots.flatMap((root) => (statSync(root).isDirectory() ? walk(root) : [root]));

function walk(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return walk(full);
    return full.endsWith(".ts") && !full.endsWith(".d.ts") && !full.endsWith(".test.ts") ? [full] : [];
  });
}

const outputOf = (source) => join("dist", source.replace(/\.ts$/, ".js"));

/** JavaScript files under dist/: a moved or deleted source leaves one behind, which a `require` could still find. */
function outputs(dir = "dist") {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return outputs(full);
    return full.endsWith(".js") ? [full] : [];
  });
}

/**
 * Every output exists and is newer than its source, and no output is left of a source that is
 * gone: nothing to do (saves esbuild's start-up).
 */
function upToDate() {
  if (!existsSync("dist")) return false;
  const expected = new Set(entryPoints.map(outputOf));
  const fresh = entryPoints.every((source) => existsSync(outputOf(source)) && statSync(outputOf(source)).mtimeMs >= statSync(source).mtimeMs);
  return fresh && outputs().every((output) => expected.has(output));
}

if (process.argv.includes("--force") || !upToDate()) {
  rmSync("dist", { recursive: true, force: true });
  const { build } = await import("esbuild");
  await build({ entryPoints, outdir: "dist", outbase: ".", platform: "node", format: "cjs", target: "node20", logLevel: "warning" });
  // `plan` is one file with every module of ours it runs (npm packages stay in node_modules):
  // Node resolves, reads and wraps each CommonJS file it loads, and the plan loads about 300 of
  // ours. Every source keeps its own transpiled file above, so the up-to-date check still sees
  // each one's age.
  // The benchmark's plan without its steps is one file the same way, or it would pay for loading
  // those files one by one and overstate what the render costs.
  for (const entry of ["automation/plan.ts", "scripts/bench-render-stack.ts"]) {
    await build({ entryPoints: [entry], outfile: outputOf(entry), bundle: true, packages: "external", platform: "node", format: "cjs", target: "node20", logLevel: "warning" });
  }
}
