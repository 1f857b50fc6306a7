import * as path from "path";

/** The repository root: tests read its files (blueprints, job handlers, the policy pack) from here, wherever the test lives. */
export const repoRoot = path.resolve(__dirname, "../..");

/** A program or file under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, "test", "fixtures", ...parts);
}
