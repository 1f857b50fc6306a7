// Benchmarks the README's commands against floors measured side by side in the same run, and prints
// ratios (the machine's speed drifts from run to run; a ratio of two interleaved measurements does
// not). Prints numbers and whether each target is met; asserts nothing.
// Run with `npm run bench` (add `-- --install` to time `npm ci` from the lockfile too).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackFile, stackFilePath } from "../automation/plan/stack-file";
import { installCosts } from "./install-costs";
import { scaledConfig, stackFileText } from "./scaled-config";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = root): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}${result.stdout.slice(-2000)}`);
  return { ms, stdout: result.stdout };
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Row {
  readonly what: string;
  readonly measured: string;
  readonly target?: string;
  readonly met?: boolean;
}
const rows: Row[] = [];

/**
 * `plan` of a stack file against the SDK floor for the same resources (scripts/bench-floor.ts
 * replays the plan's own plan.json): pairs run alternately, so both see the same machine.
 */
function planAgainstFloor(label: string, file: string, pairs: number, bound: number): void {
  const out = path.join(work, label.replace(/\W+/g, "-"));
  const plan = () => time(process.execPath, [path.join(dist, "automation/plan.js"), "--file", file, "--out", out]);
  const first = plan(); // writes plan.json for the floor; not counted (its files are written the first time)
  const resources = /: (\d+) resources/.exec(first.stdout)?.[1] ?? "?";
  const planJson = findFile(out, "plan.json");
  const planMs: number[] = [];
  const floorMs: number[] = [];
  const deferredMs: number[] = [];
  const genericMs: number[] = [];
  const renderMs: number[] = [];
  const dependenciesMs: number[] = [];
  const floor = (script: string, env: NodeJS.ProcessEnv = {}) => time(process.execPath, [path.join(dist, "scripts", script)], { BENCH_PLAN: planJson, ...env }).ms;
  for (let i = 0; i < pairs; i++) {
    planMs.push(plan().ms);
    floorMs.push(floor("bench-floor.js"));
    deferredMs.push(floor("bench-floor-deferred.js"));
    genericMs.push(floor("bench-floor.js", { BENCH_FLOOR: "generic" }));
    dependenciesMs.push(floor("bench-floor.js", { BENCH_FLOOR: "dependencies" }));
    renderMs.push(time(process.execPath, [path.join(dist, "scripts/bench-render-stack.js")], { BENCH_STACK_FILE: file }).ms);
  }
  const spread = (samples: number[]) => `${seconds(median(samples))} median of ${pairs} (${seconds(Math.min(...samples))}-${seconds(Math.max(...samples))})`;
  const ratio = median(planMs) / median(floorMs);
  rows.push({ what: `plan ${label} (${resources} resources): plan, whole process`, measured: spread(planMs) });
  rows.push({ what: `  SDK floor for the same resources (their provider classes), whole process`, measured: spread(floorMs) });
  rows.push({ what: `  plan / floor`, measured: `${ratio.toFixed(2)}x`, target: `within ${bound}x`, met: ratio <= bound });
  const against = (samples: number[]) => `${spread(samples)}; plan / it ${(median(planMs) / median(samples)).toFixed(2)}x`;
  rows.push({ what: `  for comparison: the floor with the SDK's loads of TypeScript, its Automation API and npm's Arborist deferred, as plan defers them`, measured: against(deferredMs) });
  rows.push({ what: `  for comparison: bare CustomResources (the floor before 2026-12-06)`, measured: against(genericMs) });
  rows.push({ what: `  for comparison: the floor with each input that depended on other resources given as an Output of them`, measured: against(dependenciesMs) });
  const beforeSteps = median(renderMs) / median(floorMs);
  rows.push({ what: `  the plan without its steps (config check and render only), whole process`, measured: `${spread(renderMs)}; it / floor ${beforeSteps.toFixed(2)}x` });
}

function findFile(dir: string, name: string): string {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) return full;
  }
  return "";
}

if (process.argv.includes("--install")) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ci-"));
  fs.copyFileSync(path.join(root, "package.json"), path.join(dir, "package.json"));
  fs.copyFileSync(path.join(root, "package-lock.json"), path.join(dir, "package-lock.json"));
  const { ms } = time("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {}, dir);
  rows.push({ what: "npm ci (lockfile, warm npm cache)", measured: seconds(ms), target: "within 30 s", met: ms <= 30_000 });
  fs.rmSync(dir, { recursive: true, force: true });
}

const prod = stackFilePath("prod");
planAgainstFloor("prod", prod, 5, 1.3);
const scaledFile = path.join(work, "Pulumi.prod-x20.yaml");
fs.writeFileSync(scaledFile, stackFileText(scaledConfig(readStackFile(prod).config, 20)));
planAgainstFloor("prod x20 (services, buckets and jobs)", scaledFile, 5, 1.15);

// `npm run plan` runs the build first: usually only its up-to-date check, a full transpile after an edit.
const check = time(process.execPath, [path.join(root, "scripts/build.mjs")]);
const transpile = time(process.execPath, [path.join(root, "scripts/build.mjs"), "--force"]);
rows.push({ what: "build step of npm run plan: up-to-date check / full esbuild transpile", measured: `${check.ms.toFixed(0)} ms / ${transpile.ms.toFixed(0)} ms` });

// npm test runs two mocha processes side by side (.mocharc.cjs); each prints its own count.
const suite = time("npm", ["test", "--silent"]);
// Each group's summary line ("  1882 passing (55s)"). A missing one is said with the output's end:
// concurrently --group, npm test's runner until 2026-12-06, once cut a group's output short (69 of 1,951 counted).
const summaries = [...suite.stdout.matchAll(/(\d+) passing \(\d+(?:ms|s|m)\)/g)];
const passing = summaries.reduce((sum, m) => sum + Number(m[1]), 0);
if (summaries.length !== 2) console.warn(`npm test printed ${summaries.length} summary lines, not one per group; its output ends:\n${suite.stdout.slice(-3000)}`);
rows.push({ what: `test suite (npm test, ${os.cpus().length} cores)`, measured: `${seconds(suite.ms)}, ${passing} passing`, target: "within 60 s", met: suite.ms <= 60_000 });

const width = Math.max(...rows.map((r) => r.what.length));
console.log(`benchmark on ${os.cpus().length} cores, node ${process.version}, ${new Date().toISOString()}`);
for (const row of rows) {
  const verdict = row.target ? `  (target ${row.target}: ${row.met ? "met" : "NOT met"})` : "";
  console.log(`${row.what.padEnd(width)}  ${row.measured}${verdict}`);
}

// What each dependency costs to install: what npm ci unpacks for it (the packages only it brings).
console.log("\nwhat npm ci installs, by direct dependency: the packages only it brings in (their size on disk), and all it pulls in:");
for (const cost of installCosts(root).slice(0, 12)) {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1).padStart(6)} MB`;
  console.log(`  ${cost.name.padEnd(32)} ${String(cost.packages).padStart(4)} packages ${mb(cost.bytes)}   with shared ones ${mb(cost.closureBytes)}`);
}
fs.rmSync(work, { recursive: true, force: true });
