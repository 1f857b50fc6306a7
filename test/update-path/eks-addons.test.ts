import { strict as assert } from "assert";
import { openMarketBlueprint } from "../helpers/eks";
import { editing, updatePath } from "../helpers/update-path";

// OpenMarket prod rendered, one setting of its autoscaler or alert routing changed, rendered again:
// what `pulumi up` would do to a running cluster (issue 15).
describe("update path: EKS node autoscaling and alert routing", () => {
  const prod = openMarketBlueprint("prod");

  it("adds or removes Cluster Autoscaler as its role, policy and release alone, the node group untouched", async () => {
    // The blueprint has it on; switching it off is the reverse of the first deploy that adds it.
    const { diff, lines } = await updatePath(prod, editing("compute", (c) => void (c.eks && (c.eks.autoscaler = { enabled: false }))));
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    assert.deepEqual(
      diff.deleted.map((r) => `${r.type} ${r.name}`).sort(),
      [
        "aws:iam/role:Role openmarket-prod-cluster-autoscaler",
        "aws:iam/rolePolicy:RolePolicy openmarket-prod-cluster-autoscaler",
        "kubernetes:helm.sh/v3:Release openmarket-prod-cluster-autoscaler",
      ],
      lines.join("\n"),
    );
    assert.deepEqual(diff.replaced, [], lines.join("\n"));
    assert.deepEqual(diff.created, [], lines.join("\n"));
    assert.ok(!diff.updated.some((u) => u.type === "aws:eks/nodeGroup:NodeGroup"), lines.join("\n"));
  });

  it("changes a Slack route by updating the monitoring release in place, nothing replaced", async () => {
    const { diff, lines } = await updatePath(
      prod,
      editing("compute", (c) => {
        const slack = c.eks?.monitoring.alerting?.slack;
        if (slack) slack.defaultChannel = "warning";
      }),
    );
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    assert.deepEqual(diff.replaced, [], lines.join("\n"));
    assert.deepEqual(diff.updated.map((u) => u.name), ["openmarket-prod-monitoring-prometheus-stack"], lines.join("\n"));
  });
});
