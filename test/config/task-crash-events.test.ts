import { readStackFile } from "../../automation/plan/stack-file";
import { assertIssue, configIssues } from "../helpers/config";

describe("config: observability.taskCrashEvents", () => {
  it("is refused on EKS, naming the engine: the rule watches ECS tasks", () => {
    const config = { ...readStackFile("blueprints/openmarket/Pulumi.prod.yaml").config };
    const observability = JSON.parse(config["platform:observability"]) as Record<string, unknown>;
    config["platform:observability"] = JSON.stringify({ ...observability, taskCrashEvents: true });
    assertIssue(configIssues(config), "platform:observability.taskCrashEvents", "watches ECS tasks; this stack runs engine eks");
  });
});
