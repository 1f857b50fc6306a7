import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { commentMarker, runCi } from "../../automation/plan-ci";
import { touchedStackFiles } from "../../automation/plan/compare/touched";
import { repoRoot } from "../../automation/plan/stack-file";
import { repositoryStackFiles } from "../../automation/stacks/accounts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { stack: string[] } }; permissions?: Record<string, string> }>;
}

// .github/workflows/plan.yml (issue 18, item 2): the offline plan on every pull request, and
// pulumi preview with the pack where credentials exist.
describe("the plan workflow", () => {
  const workflow = parse(fs.readFileSync(path.join(repoRoot, ".github/workflows/plan.yml"), "utf8")) as Workflow;
  const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it("is valid YAML that runs on pull requests, with an offline job and a preview job", () => {
    assert.ok("pull_request" in workflow.on);
    assert.deepEqual(Object.keys(workflow.jobs), ["offline-plan", "preview"]);
    assert.equal(workflow.jobs["offline-plan"].permissions?.["pull-requests"], "write");
  });

  it("runs only npm scripts that package.json has, and actions pinned to a major version", () => {
    const commands = steps.flatMap((s) => [...(s.run ?? "").matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    assert.deepEqual([...new Set(commands)].sort(), ["plan", "plan:ci"]);
    for (const command of commands) assert.ok(scripts[command], `package.json has no script ${command}`);
    for (const uses of steps.map((s) => s.uses).filter((u): u is string => !!u)) assert.match(uses, /^[\w-]+\/[\w-]+@v\d+$/);
  });

  it("posts the comment plan:ci writes, and fails on anything but exit 0 or 4", () => {
    const offline = workflow.jobs["offline-plan"].steps;
    const plan = offline.find((s) => s.run?.includes("plan:ci"));
    const comment = /--comment (\S+)/.exec(plan?.run ?? "")?.[1];
    assert.equal(comment, "out/plan-comment.md");
    const post = offline.find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@"));
    assert.equal(post?.with?.path, comment);
    assert.match(plan?.run ?? "", /--base "origin\/\$BASE_REF"/);
    const gate = offline[offline.length - 1];
    assert.equal(gate.if, "steps.plan.outputs.code != '0' && steps.plan.outputs.code != '4'");
  });

  it("previews every stack of the repository with the pack and the config plan writes", () => {
    const stacks = repositoryStackFiles().filter((f) => path.dirname(f) === repoRoot).map((f) => path.basename(f).replace(/^Pulumi\.(.+)\.yaml$/, "$1"));
    assert.deepEqual([...(workflow.jobs.preview.strategy?.matrix.stack ?? [])].sort(), stacks.sort());
    const preview = workflow.jobs.preview.steps.find((s) => s.run?.startsWith("pulumi preview"));
    assert.match(preview?.run ?? "", /--policy-pack policies --policy-pack-config "out\/\$STACK\/policy-config\.json"/);
    assert.ok(workflow.jobs.preview.steps.slice(1).every((s) => s.if === "steps.credentials.outputs.present == 'true'"), "every step after the check needs the credentials");
  });

  it("runs the offline part on this repository: a touched stack compared to a ref, one comment", async function () {
    this.timeout(180000);
    const lines: string[] = [];
    const run = await runCi("HEAD", { changed: ["Pulumi.dev.yaml"], log: (l) => lines.push(l) });
    assert.ok([0, 4].includes(run.exitCode), `${run.comment}\n${lines.join("\n")}`);
    assert.ok(run.comment.startsWith(`${commentMarker}\n## Offline plan against \`HEAD\`: `), run.comment);
    assert.match(run.comment, /\| `Pulumi\.dev\.yaml` \| [04] \| (no change|changes) \|/);
    assert.match(run.comment, /<summary><code>Pulumi\.dev\.yaml<\/code>: .*<\/summary>\n\n### `dev` \(ap-northeast-2\): /);
    assert.doesNotMatch(run.comment, /Pulumi\.prod\.yaml/);
  });
});

describe("the stacks a change touches", () => {
  const files = ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.prod-dr.yaml", "blueprints/onno/Pulumi.prod.yaml", "blueprints/onno/Pulumi.prod-dr.yaml"];
  const primaries: Record<string, string> = { "Pulumi.prod-dr.yaml": "Pulumi.prod.yaml", "blueprints/onno/Pulumi.prod-dr.yaml": "blueprints/onno/Pulumi.prod.yaml" };
  const touched = (changed: string[]) => touchedStackFiles(changed, files, (f) => primaries[f]).files;

  it("plans an edited stack file, and the standby of an edited primary", () => {
    assert.deepEqual(touched(["Pulumi.dev.yaml"]), ["Pulumi.dev.yaml"]);
    assert.deepEqual(touched(["blueprints/onno/Pulumi.prod.yaml"]), ["blueprints/onno/Pulumi.prod.yaml", "blueprints/onno/Pulumi.prod-dr.yaml"]);
    assert.deepEqual(touched(["Pulumi.prod-dr.yaml"]), ["Pulumi.prod-dr.yaml"]);
  });

  it("plans every stack when shared code changes, none for documentation, tests or CI", () => {
    assert.deepEqual(touched(["components/data/database.ts", "Pulumi.dev.yaml"]), files);
    assert.deepEqual(touched(["package-lock.json"]), files);
    assert.deepEqual(touched(["Pulumi.yaml"]), files);
    assert.deepEqual(touched(["README.md", "docs/policy.md", "test/x.test.ts", ".github/workflows/plan.yml", "blueprints/onno/README.md"]), []);
    assert.match(touchedStackFiles(["index.ts"], files, () => undefined).reason, /^Every stack and blueprint: shared files changed \(index\.ts\)$/);
  });
});
