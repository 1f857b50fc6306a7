// Mocha's config. `npm test` runs the suite as two mocha processes side by side (concurrently,
// see package.json): TEST_GROUP=commands runs the files below, which run the command lines as
// child processes and mostly wait on them; TEST_GROUP=in-process runs every other file, whose
// renders keep one core busy. On 2 cores the suite took 92 s so, against 118 s as one process
// (2026-12-06). Without TEST_GROUP (`npx mocha`), every file runs in one process.
const commands = [
  "test/automation/plan/plan.test.ts",
  "test/automation/plan/compare.test.ts",
  "test/automation/plan/progress/plan-progress.test.ts",
  "test/automation/plan/progress/reporters.test.ts",
  "test/automation/plan/stack-file.test.ts",
  "test/github/plan-workflow.test.ts",
  "test/automation/fleet/cli.test.ts",
  "test/offline/defer-typescript.test.ts",
  "test/policies/entry-point.test.ts",
  "test/jobs/handlers.test.ts",
];

const group = process.env.TEST_GROUP;
if (group !== undefined && group !== "commands" && group !== "in-process") {
  throw new Error(`TEST_GROUP '${group}' is not one of commands, in-process (or unset: every file)`);
}

module.exports = {
  require: ["tsx/cjs", "test/setup.ts"],
  extension: ["ts"],
  spec: group === "commands" ? commands : ["test/**/*.test.ts"],
  ignore: group === "in-process" ? commands : [],
  timeout: 30000,
  recursive: true,
};
