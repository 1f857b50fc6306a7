// The "before" side of `plan --compare-to <plan.json | git ref>`. A plan.json is read as it is. A
// git ref is rendered by that ref's own code: a temporary detached worktree of the ref (the
// repository's node_modules linked in), built and planned there, then removed. The ref's code
// decides what its plan registers, exactly as a deployment of that ref would.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyPlan, PlanFileError, planFileName, planFormatVersion, PlanJson, readPlanJson } from "../plan-json";
import { repoRoot } from "../stack-file";
import type { Side } from "./compare";

export interface SideOptions {
  /** The stack file being planned (its path at the ref is the same, relative to the repository). */
  readonly file: string;
  /** The stack name given on the command line, if any. */
  readonly stack?: string;
  /** The region of the plan being compared: the region of an empty plan when the file is new at the ref. */
  readonly region: string;
  /** The repository; this checkout by default. */
  readonly repo?: string;
  /** Progress lines (the ref's build and plan take seconds). */
  readonly log?: (line: string) => void;
}

function git(repo: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync("git", ["-C", repo, ...args], { encoding: "utf8" });
  if (run.error) throw new PlanFileError(`--compare-to a git ref needs git: ${run.error.message}`);
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

/** What --compare-to names, checked before anything is rendered: a plan.json read and checked, or a git ref that exists. */
export type Target = { readonly kind: "plan"; readonly side: Side } | { readonly kind: "ref"; readonly ref: string };

/** A plan.json path when such a file exists or the argument ends in .json; else a git ref. Bad input throws PlanFileError. */
export function checkTarget(target: string, stack: string, repo: string = repoRoot): Target {
  if (fs.existsSync(target) && fs.statSync(target).isFile()) {
    const plan = readPlanJson(target);
    if (plan.stack !== stack) throw new PlanFileError(`${target}: is a plan of stack '${plan.stack}', not of '${stack}'`);
    return { kind: "plan", side: { label: target, plan } };
  }
  if (target.endsWith(".json")) throw new PlanFileError(`${target}: no such file`);
  commitOf(target, repo);
  return { kind: "ref", ref: target };
}

/** The other side: the plan.json as read, or the stack rendered at the ref. */
export function resolveSide(target: Target, options: SideOptions): Side {
  return target.kind === "plan" ? target.side : planAtRef(target.ref, options);
}

/** The ref's full commit, or a bad-input error naming the ref. */
export function commitOf(ref: string, repo: string): string {
  if (ref.startsWith("-")) throw new PlanFileError(`--compare-to ${ref}: not a plan.json file nor a git ref`);
  const found = git(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (found.status !== 0 || !/^[0-9a-f]{40}$/.test(found.stdout)) {
    throw new PlanFileError(`--compare-to ${ref}: no such file, and no git ref of that name in ${repo}`);
  }
  return found.stdout;
}

/** Renders the stack file as it is at `ref`, with the ref's code. */
export function planAtRef(ref: string, options: SideOptions): Side {
  const repo = options.repo ?? repoRoot;
  const commit = commitOf(ref, repo);
  const label = `${ref} (${commit.slice(0, 7)})`;
  const relative = path.relative(repo, path.resolve(options.file));
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new PlanFileError(`--compare-to ${ref}: ${options.file} is outside the repository, so it has no version at a git ref; compare to a plan.json instead`);
  }
  const gitPath = relative.split(path.sep).join("/");
  if (git(repo, ["cat-file", "-e", `${commit}:${gitPath}`]).status !== 0) {
    // The change adds this stack file: at the ref the stack does not exist, and everything is created.
    const stack = options.stack ?? path.basename(relative).replace(/^Pulumi\.(.+)\.ya?ml$/, "$1");
    return { label: `${label}, where ${gitPath} does not exist`, plan: emptyPlan(stack, options.region, planFileName(options.file)) };
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "plan-compare-"));
  const tree = path.join(work, "src");
  const log = options.log ?? (() => undefined);
  try {
    log(`rendering ${gitPath} at ${label} with that ref's code`);
    const added = git(repo, ["worktree", "add", "--detach", "--quiet", tree, commit]);
    if (added.status !== 0) throw new Error(`git worktree add of ${ref} failed: ${added.stderr}`);
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(tree, "node_modules"), "dir");
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: tree, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`building ${ref} failed: ${(build.stderr || build.stdout).trim().split("\n").slice(-3).join(" ")}`);
    const out = path.join(work, "out");
    const args = ["dist/automation/plan.js", ...(options.stack ? [options.stack] : []), "--file", gitPath, "--out", out];
    const plan = spawnSync(process.execPath, args, { cwd: tree, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    // 1 is a mandatory violation at the ref: its plan.json is written all the same.
    if (plan.status === 2) {
      const first = `${plan.stdout}\n${plan.stderr}`.split("\n").find((l) => l.trim() !== "") ?? "";
      throw new PlanFileError(`--compare-to ${ref}: ${gitPath} at that ref is not a valid stack (${first.trim()})`);
    }
    if (plan.status !== 0 && plan.status !== 1) throw new Error(`the plan of ${gitPath} at ${ref} failed (exit ${plan.status}): ${plan.stderr.trim().split("\n").slice(-3).join(" ")}`);
    const written = findPlanJson(out);
    if (!written) throw new Error(`the plan of ${gitPath} at ${ref} wrote no plan.json`);
    const version = (JSON.parse(fs.readFileSync(written, "utf8")) as { formatVersion?: unknown }).formatVersion ?? 1;
    if (version !== planFormatVersion) {
      throw new PlanFileError(`--compare-to ${ref}: the plan at that ref writes plan.json format ${JSON.stringify(version)}, and a comparison needs format ${planFormatVersion}: compare to a later ref, or to a plan.json`);
    }
    return { label, plan: readPlanJson(written, `--compare-to ${ref}: its plan.json`) };
  } finally {
    git(repo, ["worktree", "remove", "--force", tree]);
    fs.rmSync(work, { recursive: true, force: true });
    git(repo, ["worktree", "prune"]);
  }
}

function findPlanJson(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === "plan.json") return full;
    if (entry.isDirectory()) {
      const found = findPlanJson(full);
      if (found) return found;
    }
  }
  return undefined;
}

export type { PlanJson };
