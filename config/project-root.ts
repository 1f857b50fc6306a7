import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/**
 * The directory holding Pulumi.yaml, found from the working directory upwards. Pulumi runs the
 * program there, the plan and the tests run from the repository root: paths in config (a job's
 * code directory) are relative to it.
 */
export function projectRoot(start: string = process.cwd()): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

const names = new Map<string, string | undefined>();

/** The project's name from Pulumi.yaml (`aws-platform`): its own config namespace. */
export function projectName(root: string = projectRoot()): string | undefined {
  if (!names.has(root)) {
    let name: string | undefined;
    try {
      const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name?: unknown } | null;
      name = typeof project?.name === "string" ? project.name : undefined;
    } catch {
      name = undefined;
    }
    names.set(root, name);
  }
  return names.get(root);
}
