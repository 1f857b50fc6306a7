// Mocha's config. `npm test` runs the suite as two mocha processes side by side
// (scripts/test-groups.mjs): TEST_GROUP=commands runs the files below, which run the command lines as
// child processes and mostly wait on them; TEST_GROUP=in-process runs every other file, whose
// renders keep one core busy. On 2 cores the suite took 92 s so, against 118 s as one process
// (2026-12-06; 75-88 s in the bench after the young-generation size below and the caches of
// docs/architecture.md, "Performance"). Each group keeps about one core busy, so the suite lasts
// as long as the longer group: the render at 20 times prod (about 5 s) runs with the commands,
// which otherwise ended 12 s before the in-process group (57.7 s against 69.7 s, 2026-12-06).
// Without TEST_GROUP (`npx mocha`), every file runs in one process.
const commands = [
  "test/automation/plan/plan.test.ts",
  "test/automation/plan/compare.test.ts",
  "test/automation/plan/progress/plan-progress.test.ts",
  "test/automation/plan/progress/reporters.test.ts",
  "test/automation/plan/stack-file.test.ts",
  "test/github/plan-workflow.test.ts",
  "test/automation/fleet/cli.test.ts",
  "test/offline/defer-sdk-loads.test.ts",
  "test/policies/entry-point.test.ts",
  "test/jobs/handlers.test.ts",
  "test/components/observability/dashboard-scale.test.ts",
  "test/scripts/test-groups.test.ts",
];

const group = process.env.TEST_GROUP;
if (group !== undefined && group !== "commands" && group !== "in-process") {
  throw new Error(`TEST_GROUP '${group}' is not one of commands, in-process (or unset: every file)`);
}

// The in-process files keep every stack's render for the run (test/helpers/stacks.ts), and a
// render's promises live until it ends: most of what V8's young generation holds survives a
// scavenge. With a 64 MiB semi-space (16 MiB by default on 64-bit Node with a heap limit of 2 GiB
// or more: Node's CLI docs, --max-semi-space-size) V8 scavenges about a third as often (the 20x
// plan: 45 times against 132), and the in-process group took 56-59 s alone against 71-81 s
// (2026-12-06). Short processes, such as the plans
// the commands group runs, get slower with it (prod's plan 2.16 s against 1.86 s), so only the
// mocha process that renders in-process gets it (mocha re-runs itself with the option).
const nodeOption = group === "commands" ? [] : ["max-semi-space-size=64"];

module.exports = {
  "node-option": nodeOption,
  require: ["tsx/cjs", "test/setup.ts"],
  extension: ["ts"],
  spec: group === "commands" ? commands : ["test/**/*.test.ts"],
  ignore: group === "in-process" ? commands : [],
  timeout: 30000,
  recursive: true,
};
