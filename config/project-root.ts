import * as fs from "fs";
import * as path from "path";

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
