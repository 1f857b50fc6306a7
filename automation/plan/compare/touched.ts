// Which stack files a change can alter the plan of: what a pull request's CI job compares.
import * as path from "path";

/**
 * Files whose change no plan can show: documentation, tests, CI definitions. Anything else (the
 * program, the model, the config schema, the policies, the prices, package.json and its lock)
 * is shared by every stack, so a change to it re-plans them all.
 */
const planNeutral: readonly RegExp[] = [/\.md$/, /^docs\//, /^test\//, /^\.github\//, /^\.ci\//, /^\.gitignore$/, /^LICENSE/];

export interface TouchedStacks {
  /** Repository-relative stack files to plan, in repository order. */
  readonly files: readonly string[];
  /** Why: `all (shared code changed: index.ts, ...)` or `the stack files changed`. */
  readonly reason: string;
}

/**
 * The stack files (repository-relative, `/`-separated) whose plans `changed` can alter: every one
 * when a shared file changed, else those changed themselves and the standbys of a changed primary
 * (a standby's render reads its primary's outputs). `primaryFileOf` gives a standby's primary
 * stack file, or undefined.
 */
export function touchedStackFiles(changed: readonly string[], stackFiles: readonly string[], primaryFileOf: (file: string) => string | undefined): TouchedStacks {
  const isStackFile = (file: string) => /^Pulumi\..+\.ya?ml$/.test(path.posix.basename(file)) && path.posix.basename(file) !== "Pulumi.yaml";
  const shared = changed.filter((file) => !isStackFile(file) && !planNeutral.some((pattern) => pattern.test(file)));
  if (shared.length > 0) {
    const named = shared.slice(0, 3).join(", ") + (shared.length > 3 ? `, and ${shared.length - 3} more` : "");
    return { files: [...stackFiles], reason: `Every stack and blueprint: shared files changed (${named})` };
  }
  const direct = new Set(changed.filter(isStackFile));
  const files = stackFiles.filter((file) => direct.has(file) || (primaryFileOf(file) !== undefined && direct.has(primaryFileOf(file) as string)));
  return { files, reason: files.length > 0 ? "The stack files the change edits, and the standbys of an edited primary" : "No stack is touched: only documentation, tests or CI changed" };
}
