import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { imdsv2Required } from "../../../policies/rules/instance-metadata";
import { res, validate } from "../../helpers/policy";

const imdsv2 = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };

describe("policy: imdsv2-required", () => {
  it("passes instances and templates that require tokens with hop limit 1, a disabled endpoint, and node groups on such templates", async () => {
    for (const r of [
      res(T.instance, "bastion", { metadataOptions: imdsv2 }),
      res(T.instance, "nat", { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" } }),
      res(T.instance, "dark", { metadataOptions: { httpEndpoint: "disabled" } }),
      res(T.instance, "from-template", { launchTemplate: { id: "lt-1" } }),
      res(T.launchTemplate, "nodes", { metadataOptions: imdsv2 }),
      res(T.eksNodeGroup, "ng", { launchTemplate: { id: "lt-1", version: "1" } }),
      res(T.eksComponentManagedNodeGroup, "mng", { enableIMDSv2: true }),
      res(T.eksComponentCluster, "eks", { skipDefaultNodeGroup: true }),
    ]) {
      assert.deepEqual((await validate(imdsv2Required, r)).violations, [], r.name);
    }
  });

  it("fails IMDSv1 (optional or unset tokens), a hop limit above 1, node groups without a template and the eks default node group", async () => {
    const cases: [ReturnType<typeof res>, string[]][] = [
      [res(T.instance, "legacy", {}), ["metadataOptions.httpTokens is unset: IMDSv1 answers without a token; set httpTokens \"required\""]],
      [res(T.instance, "optional", { metadataOptions: { httpTokens: "optional" } }), ["metadataOptions.httpTokens is optional: IMDSv1 answers without a token; set httpTokens \"required\""]],
      [res(T.launchTemplate, "hops", { metadataOptions: { ...imdsv2, httpPutResponseHopLimit: 2 } }), ["metadataOptions.httpPutResponseHopLimit 2 lets the token leave the instance: at most 1"]],
      [res(T.eksNodeGroup, "ng", {}), ["no launch template: the nodes take EKS's own metadata options; give a launch template that requires IMDSv2"]],
      [res(T.eksComponentManagedNodeGroup, "mng", {}), ["the nodes answer IMDSv1: set enableIMDSv2: true or give a launch template that requires IMDSv2"]],
      [res(T.eksComponentCluster, "eks", {}), ["the default node group cannot require IMDSv2: set skipDefaultNodeGroup: true and add node groups with launch templates"]],
    ];
    for (const [r, expected] of cases) assert.deepEqual((await validate(imdsv2Required, r)).violations, expected, r.name);
    // Hop limit 2 (containers without host networking reach the metadata service) is a setting.
    assert.deepEqual((await validate(imdsv2Required, cases[2][0], { maxHopLimit: 2 })).violations, []);
  });
});
