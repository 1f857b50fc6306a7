import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultLockWait } from "../../../automation/driver/retry";
import { drillCommand } from "../../../automation/drill/cli";
import { explainDrill } from "../../../automation/drill/explain";
import { DrillInputError, DrillRequest, validateDrill } from "../../../automation/drill/validate";
import { explainRollout } from "../../../automation/rollout/dry-run";
import { MemoryProgressStore } from "../../../automation/rollout/progress-file";
import { defaultHealthPolicy } from "../../../automation/rollout/run";
import { checkStandbyOrder, loadStacks, StackInfo } from "../../../automation/stacks/catalog";
import { cacheStrategies, databaseStrategies } from "../../../model/dr/strategy";
import { rolloutGraph, selectStacks } from "../../../automation/stacks/graph";
import { pairStacks } from "../../helpers/drill-harness";

const drill: DrillRequest = { kind: "drill", primary: "prod", standby: "prod-dr", mode: "planned", force: false };

function problems(request: DrillRequest, stacks: ReadonlyMap<string, StackInfo>): readonly string[] {
  try {
    validateDrill(request, stacks);
  } catch (error) {
    assert.ok(error instanceof DrillInputError, String(error));
    return error.problems;
  }
  assert.fail("the request was accepted");
}

/** A stack map with one stack's config changed. */
function edit(stacks: Map<string, StackInfo>, name: string, change: (config: StackInfo["config"]) => StackInfo["config"]): Map<string, StackInfo> {
  const info = stacks.get(name) as StackInfo;
  return new Map([...stacks, [name, { ...info, config: change(info.config) }]]);
}

describe("drill: bad input is refused before anything changes", () => {
  it("accepts the prod / prod-dr pair as the stack files describe it", () => {
    const setup = validateDrill(drill, pairStacks());
    assert.deepEqual(
      { from: setup.from, to: setup.to, targets: setup.targets, mode: setup.standbyMode, tasks: setup.standbyTasksPerService, promote: setup.promote },
      { from: "primary", to: "standby", targets: { rtoMinutes: 30, rpoMinutes: 5, filesRpoMinutes: 15 }, mode: "pilot-light", tasks: 0, promote: { database: "rds-replica", cache: "warm-empty" } },
    );
  });

  it("names an unknown stack", () => {
    assert.throws(() => loadStacks(["prod", "prod-tokyo"]), { message: "unknown stack 'prod-tokyo': no Pulumi.prod-tokyo.yaml (stacks: dev, prod, prod-dr, staging)" });
  });

  it("refuses a standby that does not stand by for the primary", () => {
    const stacks = loadStacks(["staging", "prod-dr"]);
    assert.deepEqual(problems({ ...drill, primary: "staging", force: true }, stacks), [
      "prod-dr is not a standby of staging: it stands by for prod (platform:dr.primaryStack)",
      "staging has no platform:dr.targets: a drill needs RTO and RPO targets (rtoMinutes, rpoMinutes)",
    ]);
    assert.deepEqual(problems({ ...drill, primary: "prod-dr", standby: "prod" }, pairStacks()), [
      "prod-dr is not a primary stack (platform:role is standby)",
      "prod is not a standby stack (platform:role is primary)",
    ]);
    assert.throws(() => validateDrill({ ...drill, standby: "prod" }, pairStacks()), { message: "--primary and --standby are the same stack (prod)" });
  });

  it("refuses a pair without targets, or with targets that disagree", () => {
    assert.deepEqual(problems(drill, edit(pairStacks(), "prod", (c) => ({ ...c, dr: undefined }))), [
      "prod has no platform:dr.targets: a drill needs RTO and RPO targets (rtoMinutes, rpoMinutes)",
    ]);
    const disagree = edit(pairStacks(), "prod", (c) => ({ ...c, dr: { targets: { rtoMinutes: 60, rpoMinutes: 5 } } }));
    assert.deepEqual(problems(drill, disagree), ["the targets disagree: prod says RTO 60 min / RPO 5 min, prod-dr says RTO 30 min / RPO 5 min (platform:dr.targets)"]);
  });

  it("refuses promotions the primary's data stores do not allow", () => {
    const stacks = pairStacks();
    const wrong = edit(stacks, "prod-dr", (c) => ({ ...c, dr: { ...c.dr!, promote: { database: "aurora-global", cache: "global-datastore" } } }));
    const expected = [
      "prod-dr's platform:dr.promote.database is aurora-global, but prod has postgres (allowed: rds-replica)",
      "prod-dr's platform:dr.promote.cache is global-datastore, but prod has cache.t4g.small (allowed: warm-empty)",
    ];
    assert.deepEqual(problems(drill, wrong), expected);
    assert.throws(() => checkStandbyOrder(rolloutGraph, wrong), { message: expected.join("\n") }, "the rollout refuses it too");
    const aurora = edit(wrong, "prod", (c) => ({ ...c, data: { ...c.data!, database: { ...c.data!.database, engine: "aurora-postgresql", globalDatabase: false } as never } }));
    assert.deepEqual(problems(drill, aurora)[0], "prod-dr's platform:dr.promote.database is aurora-global, but prod's aurora-postgresql cluster is not a global database (set platform:data.database.globalDatabase on prod)");
    assert.deepEqual(databaseStrategies(undefined), ["none"]);
    assert.deepEqual(cacheStrategies({ cache: { nodeType: "cache.r7g.large" } } as never), ["global-datastore", "warm-empty"]);
  });

  it("refuses a pair that is not production data unless forced", () => {
    const disposable = edit(pairStacks(), "prod-dr", (c) => ({ ...c, dataProtection: "disposable" as const }));
    assert.deepEqual(problems(drill, disposable), [
      "prod / prod-dr is not a production pair (platform:dataProtection is disposable on prod-dr): pass --force to drill it anyway",
    ]);
    assert.equal(validateDrill({ ...drill, force: true }, disposable).to, "standby");
  });

  it("follows the recorded state: no second drill while the standby serves, no failback before a drill", () => {
    assert.deepEqual(problems(drill, pairStacks({ primaryState: "standby", standbyState: "serving" })), [
      "a drill moves traffic from prod to prod-dr, but prod-dr serves now (platform:dr.state): run npm run failback -- --primary prod --standby prod-dr",
    ]);
    const failback: DrillRequest = { ...drill, kind: "failback" };
    assert.deepEqual(problems(failback, pairStacks({ promote: { database: "aurora-global", cache: "global-datastore" } })), [
      "a failback moves traffic from prod-dr back to prod, but prod serves now (platform:dr.state)",
    ]);
    const resumed = validateDrill({ ...drill, resume: true }, pairStacks({ primaryState: "serving", standbyState: "serving" }));
    assert.equal(resumed.to, "standby", "a resumed drill starts from half-way states");
  });

  it("refuses a failback that is not planned; an RDS pair is checked on RDS at run time (re-seeded or not), not refused offline", () => {
    const stacks = pairStacks({ primaryState: "standby", standbyState: "serving" });
    assert.deepEqual(problems({ ...drill, kind: "failback", mode: "unplanned" }, stacks), [
      "a failback is always a planned switchover (--mode planned)",
    ]);
    assert.equal(validateDrill({ ...drill, kind: "failback" }, stacks).promote.database, "rds-replica");
  });

  it("exits 2 and changes nothing on bad input, from the command line", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const code = await drillCommand("drill", { primary: "prod", standby: "qa", dryRun: true, reports: os.tmpdir(), policyPack: "policies" });
      assert.equal(code, 2);
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, ["drill: unknown stack 'qa': no Pulumi.qa.yaml (stacks: dev, prod, prod-dr, staging)", "drill: nothing was changed"]);
  });
});

describe("dry runs explain exactly what would run, offline", () => {
  it("drill: the offline checks passed, then every pre-check and change with its calls", () => {
    const setup = validateDrill({ ...drill, mode: "unplanned" }, pairStacks({ promote: { database: "aurora-global", cache: "global-datastore" } }));
    const lines = explainDrill(setup);
    assert.equal(lines[0], "DR drill (unplanned): prod (ap-northeast-2) -> prod-dr (ap-northeast-1)");
    for (const expected of [
      "  ok  prod-dr is a standby of prod (platform:role standby, platform:dr.primaryStack prod)",
      "  ok  targets: RTO 30 min, RPO 5 min, the same on both stacks (platform:dr.targets)",
      "Needs at run time (not checked by --dry-run): the Pulumi CLI with access to both stacks' state, AWS credentials",
      "   1. read the drill targets",
      "        HTTPS GET prod's healthUrl: recorded, not required (an unplanned drill treats prod as lost)",
      "        RDS FailoverGlobalCluster (ap-northeast-1) to prod-dr's cluster with AllowDataLoss=true",
      "        ElastiCache DisassociateGlobalReplicationGroup (ap-northeast-1): prod-dr's group leaves the datastore and takes writes",
      "        Route 53 UpdateHealthCheck Inverted=true on the PRIMARY failover record's health check",
      "  12. reconcile Pulumi state and config",
    ]) {
      assert.ok(lines.includes(expected), `missing: ${expected}\n${lines.join("\n")}`);
    }
    assert.equal(lines.filter((line) => /^ {2}[ \d]\d\. /.test(line)).length, 12);
  });

  it("rollout: waves, the four steps per stack, and what blocks a real run", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-pack-"));
    const store = new MemoryProgressStore();
    const graph = selectStacks(rolloutGraph, ["prod", "prod-dr"]);
    const input = { graph, stacks: loadStacks(["prod", "prod-dr"]), store, resume: false, policyPackPath: empty, health: defaultHealthPolicy, lockWait: defaultLockWait, root: os.tmpdir() };
    const { lines, blockers } = explainRollout(input);
    assert.deepEqual(blockers, [`policy pack missing at ${path.basename(empty)}`]);
    assert.ok(lines.includes("Wave 1: prod"));
    assert.ok(lines.includes("Wave 2: prod-dr"));
    assert.ok(lines.includes("  ok  prod-dr stands by for prod and is rolled out after it"));
    // Where each stack deploys, and who owns its account's baseline there.
    assert.ok(lines.includes("  ok  prod deploys into account 123456789012 as arn:aws:iam::123456789012:role/platform-deployer; owns the account baseline in ap-northeast-2"), lines.join("\n"));
    assert.ok(lines.includes("  ok  prod-dr deploys into account 123456789012 as arn:aws:iam::123456789012:role/platform-deployer; owns the account baseline in ap-northeast-1"));
    assert.equal(lines.filter((line) => line.startsWith("    1. preview with the policy pack: pulumi preview --stack ")).length, 2);

    fs.writeFileSync(path.join(empty, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    store.save({ version: 1, waves: [["prod"], ["prod-dr"]], startedAt: 0, updatedAt: 0, stacks: { prod: { wave: 1, status: "succeeded" }, "prod-dr": { wave: 2, status: "failed", step: "up", error: "boom" } } });
    const resumed = explainRollout({ ...input, resume: true });
    assert.deepEqual(resumed.blockers, []);
    assert.ok(resumed.lines.includes("      continues at prod-dr (failed at up: boom)"), resumed.lines.join("\n"));
    assert.ok(resumed.lines.includes("  prod (ap-northeast-2, role primary, data protected): succeeded in the saved rollout, not run again"));
  });
});
