// How long hostile stack files take to be judged; prints numbers, asserts nothing.
// Run with `npx ts-node --transpile-only scripts/bench-stack-file.ts` (after `npm run build` for
// the command-line row).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackFile, StackFileError, stackFilePath } from "../automation/plan/stack-file";
import { ConfigError, loadPlatformConfig } from "../config";

const root = path.resolve(__dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-stack-file-"));

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join("\n");
const files: [string, string][] = [
  ["5 MB: 190,000 keys in one mapping", `config:\n${lines(190_000, (i) => `  platform:k${i}: v${i}`)}\n`],
  ["125 KiB: 9,900 keys in one mapping (under the bounds)", `config:\n  platform:tags:\n${lines(9_900, (i) => `    t${i}: x`)}\n`],
  ["alias bomb (9 levels of 10 aliases)", `config:\n  platform:tags:\n    a0: &a0 [lol]\n${lines(9, (i) => `    a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)}\n`],
  ["50,000 nested flow sequences", `config:\n  platform:tags: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
  ["Pulumi.prod.yaml (valid)", fs.readFileSync(stackFilePath("prod"), "utf8")],
];

/** Reads and validates the file as `npm run plan` does before rendering; the verdict in a few words. */
function judge(file: string): string {
  try {
    const stack = readStackFile(file);
    loadPlatformConfig(stack.config, stack.secretKeys, { written: stack.written });
    return "valid";
  } catch (error) {
    if (error instanceof StackFileError) return `refused: ${error.message.slice(error.message.indexOf(": ") + 2, error.message.indexOf(": ") + 60)}`;
    if (error instanceof ConfigError) return `invalid config (${error.issues.length} problems)`;
    throw error;
  }
}

console.log(`| file | bytes | judged in (read + validate, median of 5) | verdict |`);
console.log(`|---|---|---|---|`);
for (const [label, text] of files) {
  const file = path.join(dir, `Pulumi.${label.replace(/\W+/g, "-")}.yaml`);
  fs.writeFileSync(file, text);
  let verdict = "";
  const samples = Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    verdict = judge(file);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }).sort((a, b) => a - b);
  console.log(`| ${label} | ${text.length} | ${samples[2].toFixed(1)} ms | ${verdict} |`);
}

const plan = path.join(root, "dist/automation/plan.js");
if (fs.existsSync(plan)) {
  const big = path.join(dir, "Pulumi.big.yaml");
  fs.writeFileSync(big, files[0][1]);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [plan, "--file", big, "--out", path.join(dir, "out")], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`\nnode dist/automation/plan.js --file <5 MB file>: exit ${run.status} in ${ms.toFixed(0)} ms wall (with Node's start-up and module loading)`);
}
fs.rmSync(dir, { recursive: true, force: true });
