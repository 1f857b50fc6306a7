import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { runPlan } from "../../../automation/plan/index";
import { comparePlans } from "../../../automation/plan/compare/compare";
import { exitCodes, mostSevere } from "../../../automation/plan/compare/exit-codes";
import { compareMarkdown, compareText, formatComparison } from "../../../automation/plan/compare/format";
import type { CompareFormat } from "../../../automation/plan/compare/formats";
import { emptyPlan, PlanJson } from "../../../automation/plan/plan-file";
import { CompareRun, runCompare } from "../../../automation/plan/compare/run";
import { repoRoot, stackFilePath } from "../../../automation/plan/stack-file";
import { renderStack } from "../../helpers/stacks";

// `plan --compare-to` (issue 18, item 1): prod's plan.json against an edited prod, in the three formats.
describe("plan --compare-to", function () {
  this.timeout(120000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-compare-"));
  const beforePlan = path.join(tmp, "before", "prod", "plan.json");
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(async () => {
    const run = await runPlan({ file: stackFilePath("prod"), outRoot: path.join(tmp, "before"), rendered: await renderStack("prod"), log: () => undefined });
    assert.equal(run.exitCode, 0);
  });

  /** The parts of prod's config the edits change. */
  interface ProdConfig {
    "platform:compute": { services: { name: string; cpuUnits: number; memoryMb: number }[] };
    "platform:storage": { buckets: { name: string; versioning?: boolean }[] };
    "platform:data": { database: { databaseName: string } };
  }

  /** prod's stack file with `edit` applied to its config, written as tmp/<dir>/Pulumi.prod.yaml. */
  function editedProd(dir: string, edit: (config: ProdConfig) => void): string {
    const document = parseDocument(fs.readFileSync(stackFilePath("prod"), "utf8"));
    const root = document.toJS() as { config: ProdConfig };
    edit(root.config);
    const file = path.join(tmp, dir, "Pulumi.prod.yaml");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(root));
    return file;
  }

  const resizeBackend = (config: ProdConfig) => {
    const backend = config["platform:compute"].services.find((s) => s.name === "backend");
    assert.ok(backend);
    Object.assign(backend, { cpuUnits: 2048, memoryMb: 4096 });
  };
  const addBucket = (config: ProdConfig) => {
    config["platform:storage"].buckets.push({ name: "reports", versioning: true });
  };
  const renameDatabase = (config: ProdConfig) => {
    config["platform:data"].database.databaseName = "app2";
  };

  const runs = new Map<string, Promise<{ run: CompareRun; printed: string; logged: string[] }>>();
  /** One render per edit and format (renders are the slow part). */
  function compare(edit: string, file: string, format: CompareFormat, compareTo = beforePlan) {
    const key = `${edit}:${format}:${compareTo}`;
    let found = runs.get(key);
    if (!found) {
      found = (async () => {
        let printed = "";
        const logged: string[] = [];
        const run = await runCompare({ file, compareTo, format, outRoot: path.join(tmp, `${edit}-${format}`), quiet: true, log: (l) => logged.push(l), print: (t) => (printed += t) });
        return { run, printed, logged };
      })();
      runs.set(key, found);
    }
    return found;
  }

  let changed: string;
  let replaced: string;
  before(() => {
    changed = editedProd("changed", (c) => {
      resizeBackend(c);
      addBucket(c);
    });
    replaced = editedProd("replaced", (c) => {
      resizeBackend(c);
      addBucket(c);
      renameDatabase(c);
    });
  });

  it("text: a service's new size, a new bucket and the cost delta; exit 4 (changes)", async () => {
    const { run, printed } = await compare("changed", changed, "text");
    assert.equal(run.exitCode, exitCodes.changes, printed);
    const diff = run.comparison?.diff;
    assert.ok(diff);
    // The service's size is its task definition's: a new revision replaces it (cpu and memory force a new one), the service takes it in place.
    assert.match(printed, /\+- replace aws:ecs\/taskDefinition:TaskDefinition platform-prod-backend-task\n {6}because cpu: cpu forces a new resource \(hashicorp\/terraform-provider-aws v6\.58\.0 [^)]+\)/);
    assert.match(printed, /\n {6}cpu: "1024" -> "2048"\n {6}memory: "2048" -> "4096"/);
    // A policy document's change is shown by the value that changes in it, not as two whole documents.
    assert.match(printed, /~ update aws:s3\/bucketPolicy:BucketPolicy platform-prod-logs-policy\n {6}policy#Statement\[5\]\.Condition\.ArnEquals\.aws:SourceArn\[2\]: "arn:aws:s3:::platform-prod-trail-[0-9a-f]+" -> "arn:aws:s3:::platform-prod-reports-/);
    assert.match(printed, /~ update aws:ecs\/service:Service platform-prod-backend-service\n {6}taskDefinition: /);
    assert.ok(diff.created.some((r) => r.type === "aws:s3/bucket:Bucket" && r.name === "platform-prod-bucket-reports"), printed);
    assert.match(printed, /\+ create aws:s3\/bucket:Bucket platform-prod-bucket-reports\n/);
    assert.deepEqual(diff.deleted, []);
    assert.deepEqual(diff.protectedChanges, []);
    // Fargate is priced per vCPU and GB: doubling the backend's size adds to compute, and only there.
    const cost = run.comparison?.cost;
    assert.ok(cost);
    const compute = cost.tiers.find((t) => t.tier === "compute");
    assert.ok(compute && compute.deltaUsd > 0, printed);
    assert.equal(cost.total.deltaUsd, Math.round((cost.total.afterUsd - cost.total.beforeUsd) * 100) / 100);
    assert.ok(cost.tiers.filter((t) => t.deltaUsd !== 0).every((t) => ["compute", "storage"].includes(t.tier)), printed);
    assert.match(printed, new RegExp(`\\n  compute +\\$[\\d,.]+ +\\$[\\d,.]+ +\\+\\$${compute.deltaUsd.toFixed(2)} \\(\\+[\\d.]+ %\\)\\n`));
    assert.match(printed, /\nexit 4: changes\n$/);
  });

  it("markdown: the replaced protected database with its reason, the cost delta; exit 5 (protected)", async () => {
    const { run, printed } = await compare("replaced", replaced, "markdown");
    assert.equal(run.exitCode, exitCodes.protectedChange, printed);
    assert.match(printed, /^### `prod` \(ap-northeast-2\): a protected resource would be replaced or deleted \(exit 5\)\n/);
    assert.match(printed, /> \[!CAUTION\]\n> \*\*Protected resources would be replaced or deleted\*\*.*\n> - replace `aws:rds\/instance:Instance` `platform-prod-db-instance`: not acknowledged/);
    assert.match(printed, /\| replace \| `platform-prod-db-instance` 🔒 \| `aws:rds\/instance:Instance` \| because `dbName`: dbName forces a new resource \(hashicorp\/terraform-provider-aws v6\.58\.0 internal\/service\/rds resourceInstance\)<br>`dbName`: `"app"` → `"app2"` \|/);
    assert.match(printed, /\| create \| `platform-prod-bucket-reports` 🔒 \| `aws:s3\/bucket:Bucket` \| \|/);
    assert.match(printed, /\| \*\*total\*\* \| \*\*\$[\d,.]+\*\* \| \*\*\$[\d,.]+\*\* \| \*\*\+\$[\d,.]+ \(\+[\d.]+ %\)\*\* \|/);
    assert.match(printed, /\| compute \| \$[\d,.]+ \| \$[\d,.]+ \| \+\$/);
    // The database's password stays a secret: no generated value in the comment.
    assert.doesNotMatch(printed, /mock-[0-9a-f]{8,}/);
  });

  it("json: the same comparison for tools, with the exit code and its meaning", async () => {
    // The markdown test's comparison, printed as runCompare prints --format json (one render of the edit, not two).
    const { run } = await compare("replaced", replaced, "markdown");
    assert.ok(run.comparison);
    const printed = formatComparison(run.comparison, "json");
    const parsed = JSON.parse(printed) as {
      compareFormatVersion: number;
      exitCode: number;
      meaning: string;
      diff: { replaced: { name: string; protect: boolean; because: { field: string }[] }[]; created: { name: string }[]; protectedChanges: { name: string; change: string; acknowledged: boolean }[] };
      cost: { total: { beforeUsd: number; afterUsd: number; deltaUsd: number }; tiers: { tier: string; deltaUsd: number }[] };
    };
    assert.equal(parsed.compareFormatVersion, 1);
    assert.equal(parsed.exitCode, 5);
    assert.equal(run.exitCode, 5);
    assert.equal(parsed.meaning, "a protected resource would be replaced or deleted");
    assert.deepEqual(parsed.diff.protectedChanges.map((p) => [p.name, p.change, p.acknowledged]), [["platform-prod-db-instance", "replace", false]]);
    const database = parsed.diff.replaced.find((r) => r.name === "platform-prod-db-instance");
    assert.deepEqual(database?.because.map((b) => b.field), ["dbName"]);
    assert.equal(database?.protect, true);
    assert.ok(parsed.diff.created.some((r) => r.name === "platform-prod-bucket-reports"));
    assert.ok(parsed.cost.total.deltaUsd > 0);
    assert.ok((parsed.cost.tiers.find((t) => t.tier === "compute")?.deltaUsd ?? 0) > 0);
    assert.doesNotMatch(printed, /mock-[0-9a-f]{8,}/, "no generated secret");
  });

  it("exit 0 and nothing listed when the stack is unchanged", async () => {
    const { run, printed } = await compare("same", stackFilePath("prod"), "text");
    assert.equal(run.exitCode, exitCodes.ok, printed);
    assert.match(printed, /0 to create, 0 to update, 0 to replace, 0 to delete, 0 error\(s\)/);
    assert.match(printed, /\n {2}total per month +\$[\d,.]+ +\$[\d,.]+ +\$0\.00\n/);
  });

  it("exit 6 when pulumi up would fail: a service's capacity providers changed without a forced deployment", () => {
    const plan = JSON.parse(fs.readFileSync(beforePlan, "utf8")) as PlanJson;
    const changedPlan = JSON.parse(fs.readFileSync(beforePlan, "utf8")) as PlanJson;
    const service = changedPlan.resources.find((r) => r.name === "platform-prod-backend-service");
    assert.ok(service);
    const strategies = service.inputs.capacityProviderStrategies as { weight: number }[];
    strategies[0].weight += 10;
    service.inputs.forceNewDeployment = false;
    const comparison = comparePlans({ label: "before", plan }, { label: "after", plan: changedPlan });
    assert.equal(comparison.exitCode, exitCodes.upWouldFail);
    assert.match(compareText(comparison).join("\n"), /error: aws:ecs\/service:Service platform-prod-backend-service: the provider refuses this update of capacityProviderStrategies: force_new_deployment should be true/);
    assert.match(compareMarkdown(comparison), /> \[!WARNING\]\n> \*\*`pulumi up` would fail:\*\*\n> - aws:ecs\/service:Service platform-prod-backend-service: the provider refuses/);
  });

  it("a stack file the change adds: everything created, the whole cost as the delta, exit 4", () => {
    const plan = JSON.parse(fs.readFileSync(beforePlan, "utf8")) as PlanJson;
    const comparison = comparePlans({ label: "main, where Pulumi.prod.yaml does not exist", plan: emptyPlan("prod", plan.region, plan.file) }, { label: "after", plan });
    assert.equal(comparison.exitCode, exitCodes.changes);
    assert.equal(comparison.diff.created.length, plan.resources.filter((r) => r.custom).length);
    assert.deepEqual(comparison.diff.protectedChanges, [], "creating a protected resource puts nothing at risk");
    assert.equal(comparison.cost?.total.deltaUsd, Math.round((plan.cost?.totalMonthlyUsd ?? 0) * 100) / 100);
    assert.equal(comparison.policy.added.length, plan.policy?.violations.length);
  });

  it("picks the most severe code when several hold", () => {
    assert.equal(mostSevere([exitCodes.changes, exitCodes.protectedChange, exitCodes.upWouldFail]), exitCodes.protectedChange);
    assert.equal(mostSevere([exitCodes.changes, exitCodes.stepFailed]), exitCodes.stepFailed);
    assert.equal(mostSevere([exitCodes.ok, exitCodes.changes]), exitCodes.changes);
    assert.equal(mostSevere([exitCodes.badInput, exitCodes.crashed]), exitCodes.crashed);
    assert.equal(mostSevere([]), exitCodes.ok);
  });

  describe("a git ref", () => {
    // Only ours: other checkouts of the repository may add and remove worktrees meanwhile.
    const worktrees = () =>
      execFileSync("git", ["-C", repoRoot, "worktree", "list", "--porcelain"], { encoding: "utf8" })
        .split("\n")
        .filter((l) => l.startsWith(`worktree ${path.join(os.tmpdir(), "plan-compare-")}`));

    it("is rendered with that ref's own code in a temporary worktree, which is removed", async () => {
      const { run, printed, logged } = await compare("ref", stackFilePath("dev"), "json", "HEAD");
      assert.ok([exitCodes.ok, exitCodes.changes].includes(run.exitCode as 0 | 4), `${run.error ?? ""}${printed}`);
      assert.match(run.comparison?.before.label ?? "", /^HEAD \([0-9a-f]{7}\)$/);
      assert.ok(logged.some((l) => /^rendering Pulumi\.dev\.yaml at HEAD \([0-9a-f]{7}\) with that ref's code$/.test(l)), logged.join("\n"));
      assert.equal(run.comparison?.before.resources, run.comparison?.after.resources);
      assert.deepEqual(worktrees(), [], "the temporary worktree is gone");
    });

    it("of a plan older than the comparison: one line naming the format, exit 2", async function () {
      // The last commit of main before plan.json format 2 (issue 18); absent from a shallow clone.
      const before = "8cd2ad5";
      if (spawnSync("git", ["-C", repoRoot, "cat-file", "-e", `${before}^{commit}`]).status !== 0) this.skip();
      let printed = "";
      const run = await runCompare({ file: stackFilePath("dev"), compareTo: before, format: "text", outRoot: path.join(tmp, "old-ref"), quiet: true, log: () => undefined, print: (t) => (printed += t) });
      assert.equal(run.exitCode, exitCodes.badInput, printed);
      assert.equal(run.error, `--compare-to ${before}: the plan at that ref writes plan.json format 1, and a comparison needs format 2: compare to a later ref, or to a plan.json`);
      assert.deepEqual(worktrees(), []);
    });
  });

  describe("bad input: one clear line, exit 2", () => {
    async function badInput(compareTo: string, file = stackFilePath("prod")): Promise<string> {
      let printed = "";
      const run = await runCompare({ file, compareTo, format: "text", outRoot: path.join(tmp, "bad"), quiet: true, log: () => undefined, print: (t) => (printed += t) });
      assert.equal(run.exitCode, exitCodes.badInput, run.error);
      assert.equal(printed, "", "no comparison printed");
      assert.ok(run.error && !run.error.includes("\n"), "one line");
      return run.error ?? "";
    }

    it("a missing plan.json", async () => {
      assert.match(await badInput(path.join(tmp, "nowhere", "plan.json")), /nowhere\/plan\.json: no such file$/);
    });

    it("a git ref that does not exist", async () => {
      assert.match(await badInput("no-such-branch-xyz"), /^--compare-to no-such-branch-xyz: no such file, and no git ref of that name in /);
    });

    it("a plan of another stack", async () => {
      // prod's own plan.json, written as dev's: the stack it names is what is checked.
      const dev = path.join(tmp, "dev-plan", "dev", "plan.json");
      fs.mkdirSync(path.dirname(dev), { recursive: true });
      fs.writeFileSync(dev, JSON.stringify({ ...(JSON.parse(fs.readFileSync(beforePlan, "utf8")) as PlanJson), stack: "dev" }));
      assert.match(await badInput(dev), /dev\/plan\.json: is a plan of stack 'dev', not of 'prod'$/);
    });

    it("a plan.json of the older format", async () => {
      const old = JSON.parse(fs.readFileSync(beforePlan, "utf8")) as Record<string, unknown>;
      delete old.formatVersion;
      const file = path.join(tmp, "old-plan.json");
      fs.writeFileSync(file, JSON.stringify({ stack: old.stack, region: old.region, resources: old.resources }));
      assert.match(await badInput(file), /old-plan\.json: is plan\.json format 1; a comparison needs format 2/);
    });
  });
});
