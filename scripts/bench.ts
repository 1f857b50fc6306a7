// Benchmarks the README's commands and the mock path; prints numbers, asserts nothing.
// Run with `npm run bench` (add `-- --install` to time `npm ci` from the lockfile too).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = root): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (n=${samples.length})`;
}

const rows: [string, string, string][] = [];

if (process.argv.includes("--install")) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ci-"));
  fs.copyFileSync(path.join(root, "package.json"), path.join(dir, "package.json"));
  fs.copyFileSync(path.join(root, "package-lock.json"), path.join(dir, "package-lock.json"));
  const { ms } = time("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {}, dir);
  rows.push(["npm ci (lockfile, warm npm cache)", `${(ms / 1000).toFixed(1)} s`, "target < 30 s"]);
  fs.rmSync(dir, { recursive: true, force: true });
}

for (const stack of ["prod", "dev"]) {
  const samples = Array.from({ length: 5 }, () => time(process.execPath, [path.join(dist, "automation/plan.js"), stack, "--out", out]).ms);
  rows.push([`plan ${stack} (node dist, wall incl. start-up)`, stats(samples), "target < 2000 ms"]);
}
// `npm run plan` runs the build first: usually only its up-to-date check, a full transpile after an edit.
const check = time(process.execPath, [path.join(root, "scripts/build.mjs")]);
rows.push(["build step of npm run plan, dist/ up to date (check only)", `${check.ms.toFixed(0)} ms`, ""]);
const transpile = time(process.execPath, [path.join(root, "scripts/build.mjs"), "--force"]);
rows.push(["build step of npm run plan, full esbuild transpile", `${transpile.ms.toFixed(0)} ms`, ""]);

const renders: [string, string[], NodeJS.ProcessEnv][] = [
  ["ts-node, stack traces on", ["-r", "ts-node/register/transpile-only", path.join(root, "scripts/bench-render.ts")], { BENCH_TRACES: "on" }],
  ["ts-node, stack traces off while rendering", ["-r", "ts-node/register/transpile-only", path.join(root, "scripts/bench-render.ts")], {}],
  ["compiled JS, stack traces on", [path.join(dist, "scripts/bench-render.js")], { BENCH_TRACES: "on" }],
  ["compiled JS, stack traces off while rendering", [path.join(dist, "scripts/bench-render.js")], {}],
];
for (const [label, args, env] of renders) {
  const { stdout } = time(process.execPath, args, { ...env, BENCH_RESOURCES: "300" });
  const { ms, resources } = JSON.parse(stdout) as { ms: number; resources: number };
  rows.push([`300 buckets under mocks: ${label}`, `${ms.toFixed(0)} ms (${(ms / resources).toFixed(1)} ms/resource)`, ""]);
}

const suite = time(process.execPath, [path.join(root, "node_modules/mocha/bin/mocha.js")]);
const passing = /(\d+) passing/.exec(suite.stdout)?.[1] ?? "?";
rows.push(["test suite (npm test)", `${(suite.ms / 1000).toFixed(1)} s, ${passing} passing`, "target < 60 s"]);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`benchmark on ${os.cpus().length} cores, node ${process.version}, ${new Date().toISOString()}`);
for (const [what, value, target] of rows) console.log(`${what.padEnd(width)}  ${value}${target ? `  (${target})` : ""}`);
fs.rmSync(out, { recursive: true, force: true });
