// `npm run plan:ci -- --base <git ref> [--comment <file>]`: what a pull request's CI job runs. Plans
// every stack and blueprint the change touches (every one when shared code changed) with
// `--compare-to <base>`, writes one markdown comment for the pull request, and exits with the
// most severe of the stacks' exit codes (0 no change, 4 changes, 5 a protected resource replaced
// or deleted, 6 pulumi up would fail, 1 a mandatory violation, 2 bad input, 3 plan failed).
// First: before anything loads the Pulumi SDK (see the module).
import "../offline/defer-sdk-loads";
import { Command } from "commander";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exitCodes, meaningOf, mostSevere } from "./plan/compare/exit-codes";
import { CompareRun, runCompare } from "./plan/compare/run";
import { commitOf, RefCheckout } from "./plan/compare/side";
import { touchedStackFiles } from "./plan/compare/touched";
import { PlanFileError } from "./plan/plan-file";
import { primaryOf, primaryStackFile } from "./plan/primary";
import { readStackFile, repoRoot } from "./plan/stack-file";
import { repositoryStackFiles } from "./stacks/accounts";

/** GitHub refuses a comment longer than 65,536 characters. */
const commentLimit = 65_000;

/** The comment's first line: marks it for readers and for tools that update it in place. */
export const commentMarker = "<!-- offline plan: npm run plan:ci -->";

function relative(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join("/");
}

/** Files that differ between the merge base of `base` and HEAD, and in the working tree. */
function changedFiles(base: string): string[] {
  const diff = spawnSync("git", ["-C", repoRoot, "diff", "--name-only", `${base}...HEAD`], { encoding: "utf8" });
  if (diff.status !== 0) throw new PlanFileError(`--base ${base}: git diff failed: ${diff.stderr.trim()}`);
  const local = spawnSync("git", ["-C", repoRoot, "diff", "--name-only", "HEAD"], { encoding: "utf8" });
  return [...new Set([...diff.stdout.split("\n"), ...local.stdout.split("\n")].map((l) => l.trim()).filter(Boolean))];
}

function standbyPrimary(file: string): string | undefined {
  try {
    const stackFile = readStackFile(path.join(repoRoot, file));
    const primary = primaryOf(stackFile);
    return primary ? relative(primaryStackFile(stackFile.file, primary)) : undefined;
  } catch {
    return undefined; // An unreadable stack file is reported by its own plan.
  }
}

export interface CiRun {
  readonly exitCode: number;
  readonly comment: string;
}

export interface CiOptions {
  readonly log?: (line: string) => void;
  /** The changed files (repository-relative); what git says between the base and HEAD by default. */
  readonly changed?: readonly string[];
}

export async function runCi(base: string, options: CiOptions = {}): Promise<CiRun> {
  const log = options.log ?? ((line: string) => console.error(line));
  commitOf(base, repoRoot); // the base is checked before git diff runs on it
  const stackFiles = repositoryStackFiles().map(relative);
  const touched = touchedStackFiles(options.changed ?? changedFiles(base), stackFiles, standbyPrimary);
  log(`plan:ci: ${touched.files.length} stack file(s) against ${base}: ${touched.reason}`);
  const sections: string[] = [];
  const codes: number[] = [];
  const rows: string[] = [];
  const checkout = new RefCheckout(base, repoRoot, log);
  try {
    for (const file of touched.files) {
      log(`== ${file}`);
      let printed = "";
      const lines: string[] = [];
      const logBoth = (line: string) => {
        lines.push(line);
        log(line);
      };
      let run: CompareRun;
      try {
        run = await runCompare({ file: path.join(repoRoot, file), compareTo: base, format: "markdown", quiet: true, log: logBoth, print: (text) => (printed += text), label: "this pull request", checkout });
      } catch (error) {
        // One stack's failure is its own row; the other stacks are still compared.
        run = { exitCode: exitCodes.crashed, error: `plan failed: ${(error as Error).message.split("\n")[0]}` };
      }
      if (!run.error && !run.comparison) run = { ...run, error: ["```text", ...lines.slice(-20), "```"].join("\n") };
      codes.push(run.exitCode);
      rows.push(`| \`${file}\` | ${run.exitCode} | ${meaningOf(run.exitCode)} |`);
      sections.push(`<details${run.exitCode === exitCodes.ok ? "" : " open"}><summary><code>${file}</code>: ${meaningOf(run.exitCode)} (exit ${run.exitCode})</summary>\n\n${run.error ? `${run.error}\n` : printed}\n</details>`);
    }
  } finally {
    checkout.dispose();
  }
  const exitCode = mostSevere(codes);
  const header = [
    commentMarker,
    `## Offline plan against \`${base}\`: ${touched.files.length === 0 ? "no stack touched" : meaningOf(exitCode)}`,
    "",
    `${touched.reason}. Rendered offline under the mock cloud (\`npm run plan:ci\`); exit codes as in the README's plan section.`,
    "",
    ...(rows.length > 0 ? ["| stack file | exit | meaning |", "|---|---:|---|", ...rows, ""] : []),
  ].join("\n");
  let comment = [header, ...sections].join("\n\n");
  if (comment.length > commentLimit) {
    comment = `${comment.slice(0, commentLimit)}\n\n(cut at ${commentLimit} characters: the job's log and \`npm run plan -- --file <stack file> --compare-to ${base}\` show the rest)\n`;
  }
  return { exitCode, comment };
}

const program = new Command()
  .name("plan:ci")
  .description("Plan every stack a change touches against a base ref and write the pull request's markdown comment")
  .requiredOption("--base <git ref>", "the base the pull request merges into, e.g. origin/main")
  .option("--comment <file>", "where to write the markdown comment", "out/plan-comment.md")
  .action(async (options: { base: string; comment: string }) => {
    try {
      const run = await runCi(options.base);
      fs.mkdirSync(path.dirname(path.resolve(options.comment)), { recursive: true });
      fs.writeFileSync(options.comment, run.comment);
      console.error(`plan:ci: wrote ${options.comment}; exit ${run.exitCode}: ${meaningOf(run.exitCode)}`);
      process.exitCode = run.exitCode;
    } catch (error) {
      if (error instanceof PlanFileError) {
        console.error(error.message);
        process.exitCode = exitCodes.badInput;
        return;
      }
      console.error(`plan:ci failed: ${(error as Error).message}`);
      process.exitCode = exitCodes.crashed;
    }
  });

if (require.main === module) void program.parseAsync(process.argv);
