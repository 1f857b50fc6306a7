// Transpiles the TypeScript sources to dist/ with esbuild (no type-check: `npm run typecheck`
// does that). The plan runs the compiled JavaScript: under ts-node every promise the Pulumi SDK
// creates pays for a source-mapped stack trace.
import { existsSync, readdirSync, statSync } from "fs";
import { join } from "path";

const roots = ["index.ts", "config", "components", "automation", "policies/lib", "policies/rules", "offline", "scripts/bench.ts", "scripts/bench-render.ts", "scripts/bench-program.ts", "scripts/plan-snapshots.ts"];
const entryPoints = roots.flatMap((root) => (statSync(root).isDirectory() ? walk(root) : [root]));

function walk(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return walk(full);
    return full.endsWith(".ts") && !full.endsWith(".d.ts") && !full.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every output exists and is newer than its source: nothing to do (saves esbuild's start-up). */
function upToDate() {
  return entryPoints.every((source) => {
    const output = join("dist", source.replace(/\.ts$/, ".js"));
    return existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs;
  });
}

if (process.argv.includes("--force") || !upToDate()) {
  const { build } = await import("esbuild");
  await build({ entryPoints, outdir: "dist", outbase: ".", platform: "node", format: "cjs", target: "node20", logLevel: "warning" });
}
