import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../automation/plan/stack-file";
import { sdkProbe } from "./sdk-probe";

/** What a compiled plan printed, and where it wrote. */
export interface CompiledPlanRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The --out root: the plan's files are under <out>/<stack>/. */
  readonly out: string;
}

let devRun: CompiledPlanRun | undefined;

/**
 * `node dist/automation/plan.js dev` as the README runs it (built first, no terminal), run once per
 * test process: several command-line tests read the same run (its exit, its step lines on stderr,
 * its plan.json), and each run costs a process that loads the SDK and renders dev. A preload
 * says on stderr, as its last line, whether the process loaded the Pulumi SDK ("sdk loaded: true").
 */
export function compiledDevPlan(): CompiledPlanRun {
  if (!devRun) {
    execFileSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs")], { cwd: repoRoot });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "compiled-plan-"));
    process.on("exit", () => fs.rmSync(out, { recursive: true, force: true }));
    const run = spawnSync(process.execPath, ["-r", sdkProbe(out), "dist/automation/plan.js", "dev", "--out", out], { cwd: repoRoot, encoding: "utf8", timeout: 120000 });
    devRun = { status: run.status, stdout: run.stdout, stderr: run.stderr, out };
  }
  return devRun;
}
