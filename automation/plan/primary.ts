import * as fs from "fs";
import * as path from "path";
import type { OtherStacks, RenderResult } from "../../offline";
import { readStackFile, repoRoot, StackFile, StackFileError } from "./stack-file";

/**
 * The primary a standby stack file stands by for (`platform:role standby`, `platform:dr.primaryStack`),
 * or undefined. Read from the raw config: an invalid config is reported by the render itself.
 */
export function primaryOf(stackFile: StackFile): string | undefined {
  if (stackFile.config["platform:role"] !== "standby") return undefined;
  try {
    const dr = JSON.parse(stackFile.config["platform:dr"] ?? "{}") as { primaryStack?: unknown };
    return typeof dr.primaryStack === "string" ? dr.primaryStack : undefined;
  } catch {
    return undefined;
  }
}

/** `Pulumi.<primary>.yaml` next to the standby's file, else in the repository. */
export function primaryStackFile(standbyFile: string, primary: string): string {
  const candidates = [path.join(path.dirname(standbyFile), `Pulumi.${primary}.yaml`), path.join(repoRoot, `Pulumi.${primary}.yaml`)];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new StackFileError(`${standbyFile} stands by for '${primary}', whose outputs it reads: no Pulumi.${primary}.yaml beside it or in ${repoRoot}`);
  return found;
}

/**
 * The stacks a render of `stackFile` refers to: for a standby, its primary rendered first under
 * the mock cloud, so the standby's StackReference reads the primary's real (mock) outputs and
 * nothing can go stale. `render` is the caller's (the tests cache renders per file).
 */
export async function referencedStacks(stackFile: StackFile, render: (file: string) => Promise<RenderResult>): Promise<OtherStacks> {
  const primary = primaryOf(stackFile);
  if (!primary) return {};
  const file = primaryStackFile(stackFile.file, primary);
  const rendered = await render(file);
  return { [readStackFile(file).stack]: rendered.asReferenced };
}
