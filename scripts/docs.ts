// Writes the generated reference docs: docs/configuration.md from the zod schema and
// docs/policy-rules.md from the policy rules; and jobs/readiness/checks.js, the readiness checks
// bundled for the scheduled check's Lambda.
//   npm run docs            write both files
//   npm run docs -- --check exit 1 when a committed file differs from what the code generates
//
// Run with tsx, not compiled by scripts/build.mjs: it needs no build step before it, and
// test/docs/generated-docs.test.ts imports the same functions under mocha's tsx hook, so the file
// the test compares with is produced by one code path and one transpiler.
import * as fs from "fs";
import * as path from "path";
import { platformObject } from "../config/schema";
import { renderConfigReference } from "./docs/config-reference";
import { renderPolicyRules } from "./docs/policy-rules";
import { renderReadinessJob } from "./docs/readiness-job";

export const repositoryRoot = path.join(__dirname, "..");

/** Each generated document: where it goes, relative to the repository root, and its text. */
export function generatedDocs(): { readonly file: string; readonly text: string }[] {
  return [
    { file: "docs/configuration.md", text: renderConfigReference(platformObject) },
    { file: "docs/policy-rules.md", text: renderPolicyRules(repositoryRoot) },
    { file: "jobs/readiness/checks.js", text: renderReadinessJob(repositoryRoot) },
  ];
}

if (require.main === module) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { file, text } of generatedDocs()) {
    const target = path.join(repositoryRoot, file);
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
      if (current !== text) {
        stale++;
        console.error(`${file} is out of date: run \`npm run docs\``);
      }
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
  if (stale > 0) process.exitCode = 1;
}
