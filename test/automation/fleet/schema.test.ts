import { strict as assert } from "assert";
import * as path from "path";
import { stringify } from "yaml";
import { fleetGraph } from "../../../automation/fleet/graph";
import { FleetFile, FleetFileError, loadFleetFile, parseFleet } from "../../../automation/fleet/schema";
import { smallFleet } from "../../helpers/fleet";

const fleet = smallFleet;

/** The problems a fleet file is refused with, or [] when it loads and orders. */
function problems(edit: (f: FleetFile) => unknown): string[] {
  const f = fleet();
  edit(f);
  try {
    fleetGraph(parseFleet(stringify(f), "fleet.yaml"), "fleet.yaml");
    return [];
  } catch (error) {
    if (error instanceof FleetFileError) return [...error.problems];
    throw error;
  }
}

describe("fleet file", () => {
  it("orders dev before prod per product, a primary before its standby, a baseline before its account's stacks", () => {
    const graph = fleetGraph(parseFleet(stringify(fleet()), "fleet.yaml"));
    assert.deepEqual(graph.deps, {
      "a-dev": [],
      "b-dev": ["a-dev"],
      "a-prod": ["a-dev"],
      "b-prod": ["b-dev", "a-prod"],
      "a-prod-dr": ["a-prod"],
    });
    assert.equal(graph.reasons.get("a-dev<-b-dev"), "baseline of account 'dev' in ap-northeast-2 first");
    assert.equal(graph.reasons.get("b-dev<-b-prod"), "dev before prod");
    assert.equal(graph.reasons.get("a-prod<-a-prod-dr"), "primary before its standby");
  });

  it("loads the repository's fleet.yaml in the order of npm run rollout", () => {
    const graph = fleetGraph(loadFleetFile(path.join(__dirname, "../../../fleet.yaml")));
    assert.deepEqual(graph.deps, { dev: [], staging: ["dev"], prod: ["staging"], "prod-dr": ["prod"] });
  });

  describe("bad input: one line naming the entry", () => {
    const cases: [string, (f: FleetFile) => unknown, string][] = [
      ["a cycle", (f) => (f.stacks[0].after = ["b-prod"]), "fleet.yaml: stack 'a-dev' is on a cycle: "],
      ["a standby without its primary", (f) => f.stacks.splice(2, 1), "fleet.yaml: stacks[3] (a-prod-dr): a standby without its primary: standbyFor 'a-prod' is not a stack of the fleet"],
      ["an unknown account", (f) => (f.stacks[1].account = "sandbox"), "fleet.yaml: stacks[1] (b-dev): unknown account 'sandbox' (accounts: dev, prod)"],
      ["an unknown region", (f) => (f.stacks[1].region = "eu-west-1"), "fleet.yaml: stacks[1] (b-dev): unknown region 'eu-west-1' (regions: ap-northeast-2, ap-northeast-1)"],
      ["concurrency 0", (f) => (f.concurrency.overall = 0), "fleet.yaml: concurrency.overall: concurrency.overall must be at least 1 (0 would start nothing)"],
      [
        "two owners of an account and region's baseline",
        (f) => (f.stacks[3].baseline = true),
        "fleet.yaml: stacks[3] (b-prod): the baseline of account 'prod' in ap-northeast-2 is already owned by stacks[2] (a-prod); one stack owns an account-level singleton",
      ],
      [
        "two owners of an account's trail, in different regions",
        (f) => (f.stacks[4].trail = true),
        "fleet.yaml: stacks[4] (a-prod-dr): the multi-region trail of account 'prod' is already owned by stacks[2] (a-prod); one stack owns an account-level singleton",
      ],
    ];
    for (const [what, edit, expected] of cases) {
      it(`refuses ${what}`, () => {
        const found = problems(edit);
        assert.equal(found.length, 1, found.join("\n"));
        assert.ok(!found[0].includes("\n"));
        assert.ok(found[0].startsWith(expected), `${found[0]}\n  does not start with\n${expected}`);
      });
    }

    it("reads a cycle forwards with the reason of each link", () => {
      assert.deepEqual(problems((f) => (f.stacks[0].after = ["b-prod"])), [
        "fleet.yaml: stack 'a-dev' is on a cycle: a-dev before b-dev (baseline of account 'dev' in ap-northeast-2 first), b-dev before b-prod (dev before prod), b-prod before a-dev (after (fleet file))",
      ]);
    });

    it("refuses a standby in another account than its primary's, and a region the platform does not support", () => {
      assert.deepEqual(problems((f) => (f.stacks[4].account = "dev")), ["fleet.yaml: stacks[4] (a-prod-dr): a standby deploys into its primary's account 'prod', not 'dev'"]);
      assert.deepEqual(problems((f) => f.regions.push("mars-east-1")), ["fleet.yaml: regions: 'mars-east-1' is not a region the platform supports (ap-northeast-2, ap-northeast-1, ap-northeast-3, us-east-1, us-west-2)"]);
    });

    it("names the stack of a shape error by its name", () => {
      assert.deepEqual(problems((f) => ((f.stacks[1] as { region: unknown }).region = 7)), ["fleet.yaml: stacks[1] (b-dev).region: Expected string, received number"]);
    });
  });
});
