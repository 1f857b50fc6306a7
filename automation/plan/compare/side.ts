// The "before" side of `plan --compare-to <plan.json | git ref>`. A plan.json is read as it is. A
// git ref is rendered by that ref's own code: a temporary detached worktree of the ref (the
// repository's node_modules linked in), built and planned there, then removed. The ref's code
// decides what its plan registers, exactly as a deployment of that ref would.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyPlan, PlanFileError, planFileName, planFormatVersion, PlanJson, readPlanJson } from "../plan-file";
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

/** The other side: the plan.json as read, or the stack rendered at the ref (in `checkout` when the caller keeps one). */
export function resolveSide(target: Target, options: SideOptions, checkout?: RefCheckout): Side {
  if (target.kind === "plan") return target.side;
  return checkout ? checkout.plan(options) : planAtRef(target.ref, options);
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

/**
 * A temporary detached worktree of a ref, built once: plans as many stack files as asked (a CI job
 * compares every touched stack to one base), then is removed by `dispose`.
 */
export class RefCheckout {
  readonly commit: string;
  readonly label: string;
  private work?: string;

  constructor(
    readonly ref: string,
    private readonly repo: string = repoRoot,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.commit = commitOf(ref, repo);
    this.label = `${ref} (${this.commit.slice(0, 7)})`;
  }

  /** The stack file (repository-relative) as the ref's code plans it. */
  plan(options: SideOptions): Side {
    const relative = path.relative(this.repo, path.resolve(options.file));
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new PlanFileError(`--compare-to ${this.ref}: ${options.file} is outside the repository, so it has no version at a git ref; compare to a plan.json instead`);
    }
    const gitPath = relative.split(path.sep).join("/");
    if (git(this.repo, ["cat-file", "-e", `${this.commit}:${gitPath}`]).status !== 0) {
      // The change adds this stack file: at the ref the stack does not exist, and everything is created.
      const stack = options.stack ?? path.basename(relative).replace(/^Pulumi\.(.+)\.ya?ml$/, "$1");
      return { label: `${this.label}, where ${gitPath} does not exist`, plan: emptyPlan(stack, options.region, planFileName(options.file)) };
    }
    const tree = this.checkout();
    this.log(`rendering ${gitPath} at ${this.label} with that ref's code`);
    const out = fs.mkdtempSync(path.join(this.work as string, "out-"));
    const args = ["dist/automation/plan.js", ...(options.stack ? [options.stack] : []), "--file", gitPath, "--out", out];
    const plan = spawnSync(process.execPath, args, { cwd: tree, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
    // 1 is a mandatory violation at the ref: its plan.json is written all the same.
    if (plan.status === 2) {
      const first = `${plan.stdout}\n${plan.stderr}`.split("\n").find((l) => l.trim() !== "") ?? "";
      throw new PlanFileError(`--compare-to ${this.ref}: ${gitPath} at that ref is not a valid stack (${first.trim()})`);
    }
    if (plan.status !== 0 && plan.status !== 1) throw new Error(`the plan of ${gitPath} at ${this.ref} failed (exit ${plan.status}): ${plan.stderr.trim().split("\n").slice(-3).join(" ")}`);
    const written = findPlanJson(out);
    if (!written) throw new Error(`the plan of ${gitPath} at ${this.ref} wrote no plan.json`);
    const version = (JSON.parse(fs.readFileSync(written, "utf8")) as { formatVersion?: unknown }).formatVersion ?? 1;
    if (version !== planFormatVersion) {
      throw new PlanFileError(`--compare-to ${this.ref}: the plan at that ref writes plan.json format ${JSON.stringify(version)}, and a comparison needs format ${planFormatVersion}: compare to a later ref, or to a plan.json`);
    }
    return { label: this.label, plan: readPlanJson(written, `--compare-to ${this.ref}: its plan.json`) };
  }

  /** The worktree, added and built on first use (the repository's node_modules linked in). */
  private checkout(): string {
    if (this.work) return path.join(this.work, "src");
    this.work = fs.mkdtempSync(path.join(os.tmpdir(), "plan-compare-"));
    const tree = path.join(this.work, "src");
    const added = git(this.repo, ["worktree", "add", "--detach", "--quiet", tree, this.commit]);
    if (added.status !== 0) throw new Error(`git worktree add of ${this.ref} failed: ${added.stderr}`);
    fs.symlinkSync(path.join(this.repo, "node_modules"), path.join(tree, "node_modules"), "dir");
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: tree, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`building ${this.ref} failed: ${(build.stderr || build.stdout).trim().split("\n").slice(-3).join(" ")}`);
    return tree;
  }

  /** Removes the worktree; safe to call more than once. */
  dispose(): void {
    if (!this.work) return;
    git(this.repo, ["worktree", "remove", "--force", path.join(this.work, "src")]);
    fs.rmSync(this.work, { recursive: true, force: true });
    git(this.repo, ["worktree", "prune"]);
    this.work = undefined;
  }
}

/** Renders the stack file as it is at `ref`, with the ref's code, in a worktree removed afterwards. */
export function planAtRef(ref: string, options: SideOptions): Side {
  const checkout = new RefCheckout(ref, options.repo ?? repoRoot, options.log);
  try {
    return checkout.plan(options);
  } finally {
    checkout.dispose();
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
