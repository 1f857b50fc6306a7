import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AccountsError, baselineOrderProblems, checkAccounts, describePlacements, loadPlacedStacks, repositoryStackFiles } from "../../../automation/stacks/accounts";
import { loadStacks } from "../../../automation/stacks/catalog";
import { rolloutGraph } from "../../../automation/stacks/graph";
import type { AccountSettings } from "../../../model/account/settings";
import { PlacedStack, placementProblems, placements } from "../../../model/account/placement";
import { repoRoot } from "../../helpers/paths";

/** The repository's stacks and blueprints, as the set `npm run accounts` checks. */
const repository = (): PlacedStack[] => loadPlacedStacks(repositoryStackFiles(repoRoot), repoRoot);

/** The set with one file's account settings changed. */
function withAccount(stacks: PlacedStack[], file: string, change: (account: AccountSettings) => AccountSettings | undefined): PlacedStack[] {
  assert.ok(stacks.some((s) => s.file === file), `no ${file} in the set`);
  return stacks.map((s) => (s.file === file ? { ...s, settings: { ...s.settings, account: change(s.settings.account as AccountSettings) } } : s));
}

const baseline = { cloudTrail: false, guardDuty: true, registryReplication: [] };

describe("accounts: a set of stacks that deploy together", () => {
  it("places the repository's 20 stack files in three accounts, one baseline owner per account and region", () => {
    const stacks = repository();
    assert.equal(stacks.length, 20);
    assert.deepEqual(placementProblems(stacks), []);
    assert.deepEqual(
      placements(stacks).map((p) => `${p.accountId} ${p.region}: ${p.baselineOwner?.file} of ${p.stacks.length}`),
      [
        "111122223333 ap-northeast-2: Pulumi.dev.yaml of 6",
        "123456789012 ap-northeast-1: Pulumi.prod-dr.yaml of 6",
        "123456789012 ap-northeast-2: Pulumi.prod.yaml of 6",
        "444455556666 ap-northeast-2: Pulumi.staging.yaml of 2",
      ],
    );
    assert.ok(describePlacements(stacks).includes("  blueprints/onno/Pulumi.prod.yaml as arn:aws:iam::123456789012:role/platform-deployer"));
  });

  it("refuses a second baseline owner in one account and region, naming both files", () => {
    const stacks = withAccount(repository(), "blueprints/onno/Pulumi.prod.yaml", (a) => ({ ...a, baseline }));
    assert.deepEqual(placementProblems(stacks), [
      "account 123456789012 in ap-northeast-2 has 2 baseline owners: Pulumi.prod.yaml and blueprints/onno/Pulumi.prod.yaml; " +
        "one stack per account and region owns its GuardDuty detector and registry replication (platform:account.baseline)",
    ]);
  });

  it("refuses a second multi-region trail in one account, even from another region", () => {
    const stacks = withAccount(repository(), "Pulumi.prod-dr.yaml", (a) => ({ ...a, baseline: { ...baseline, cloudTrail: true } }));
    const [problem] = placementProblems(stacks);
    assert.match(problem, /^account 123456789012 gets 2 multi-region trails: Pulumi.prod-dr.yaml and Pulumi.prod.yaml; one records every region/);
  });

  it("refuses a standby outside its primary's account", () => {
    const stacks = withAccount(repository(), "blueprints/newsforge/Pulumi.prod-dr.yaml", (a) => ({ ...a, id: "777788889999", role: { arn: "arn:aws:iam::777788889999:role/platform-deployer" } }));
    assert.ok(
      placementProblems(stacks).includes(
        "blueprints/newsforge/Pulumi.prod-dr.yaml is in account 777788889999 but stands by for blueprints/newsforge/Pulumi.prod.yaml in 123456789012: a standby deploys into its primary's account " +
          "(the database copy, the buckets' replication role and the registry's copies are made with one account's credentials)",
      ),
    );
  });

  it("refuses a standby whose primary's images the registry's one replication configuration does not copy", () => {
    const stacks = withAccount(repository(), "Pulumi.prod.yaml", (a) => ({
      ...a,
      baseline: { cloudTrail: true, guardDuty: true, registryReplication: [{ region: "ap-northeast-1", repositoryPrefixes: ["platform-prod/", "newsforge/", "hooklabs/", "codemate/", "openmarket/"] }] },
    }));
    assert.deepEqual(placementProblems(stacks), [
      "blueprints/onno/Pulumi.prod-dr.yaml expects blueprints/onno/Pulumi.prod.yaml's images in ap-northeast-1, but the registry replication of account 123456789012 in ap-northeast-2 " +
        "(Pulumi.prod.yaml, platform:account.baseline.registryReplication) copies no onno/api, onno/ws there",
    ]);
    const unowned = withAccount(repository(), "Pulumi.prod.yaml", (a) => ({ ...a, baseline: undefined }));
    assert.ok(placementProblems(unowned).some((p) => p.startsWith("Pulumi.prod-dr.yaml expects Pulumi.prod.yaml's images in ap-northeast-1, but no stack of the set owns the baseline of account 123456789012 in ap-northeast-2")));
  });

  it("refuses two stacks that would create the same names in one account, and a stack without an account", () => {
    const stacks = repository();
    const copy = { ...stacks.find((s) => s.file === "blueprints/onno/Pulumi.dev.yaml")!, file: "blueprints/onno-copy/Pulumi.dev.yaml" };
    const problems = placementProblems([...stacks, copy]);
    assert.ok(problems.includes("blueprints/onno/Pulumi.dev.yaml and blueprints/onno-copy/Pulumi.dev.yaml both name their resources onno-dev-* in account 111122223333, whose IAM names are account-wide: give each its own platform:project or platform:environment"));
    assert.ok(problems.includes("blueprints/onno/Pulumi.dev.yaml and blueprints/onno-copy/Pulumi.dev.yaml both create the repository onno/api in account 111122223333 in ap-northeast-2: ECR repository names are unique per registry"));
    const unplaced = withAccount(stacks, "blueprints/hooklabs/Pulumi.dev.yaml", () => undefined);
    assert.deepEqual(placementProblems(unplaced), ["blueprints/hooklabs/Pulumi.dev.yaml: declares no platform:account: a set of stacks is checked account by account, so each names its account"]);
  });

  it("reads stack files from disk, naming every invalid one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-"));
    try {
      const file = path.join(dir, "Pulumi.prod.yaml");
      fs.writeFileSync(file, fs.readFileSync(path.join(repoRoot, "Pulumi.prod.yaml"), "utf8").replace('id: "123456789012"', "id: 123456789012"));
      assert.throws(() => loadPlacedStacks([file], dir), (error: Error) => error instanceof AccountsError && /Pulumi.prod.yaml: invalid config:\n {2}platform:account.id: 123456789012 must be a 12-digit account id in quotes/.test(error.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("accounts in the rollout", () => {
  it("accepts the rollout's stacks: each account's baseline owner rolls out before the stacks it serves", () => {
    const stacks = loadStacks(Object.keys(rolloutGraph));
    checkAccounts(rolloutGraph, stacks);
    // staging in dev's account, dev owning its baseline: dev comes first, as the graph says.
    const shared = new Map([...stacks].map(([name, info]) => [name, name === "staging" ? { ...info, config: { ...info.config, account: { ...stacks.get("dev")!.config.account!, baseline: undefined } } } : info]));
    assert.deepEqual(baselineOrderProblems(rolloutGraph, shared), []);
    assert.deepEqual(baselineOrderProblems({ dev: ["staging"], staging: [], prod: ["staging"], "prod-dr": ["prod"] }, shared), [
      "stack 'staging' deploys into account 111122223333 in ap-northeast-2, whose baseline 'dev' owns, but the rollout graph does not order 'dev' before it",
    ]);
  });

  it("stops a rollout whose stacks would collide in an account, before anything runs", () => {
    const stacks = loadStacks(Object.keys(rolloutGraph));
    const dr = stacks.get("prod-dr")!;
    const colliding = new Map(stacks).set("prod-dr", { ...dr, config: { ...dr.config, account: { ...dr.config.account!, baseline: { ...baseline, cloudTrail: true } } } });
    assert.throws(() => checkAccounts(rolloutGraph, colliding), { name: "GraphError", message: /account 123456789012 gets 2 multi-region trails: Pulumi.prod.yaml and Pulumi.prod-dr.yaml/ });
  });
});
