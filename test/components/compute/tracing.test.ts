import { strict as assert } from "assert";
import { readStackFile } from "../../../automation/plan/stack-file";
import { CapturedResource } from "../../../offline";
import { assertIssue, configIssues } from "../../helpers/config";
import { input, named, ofType, renderStack, renderStackFile } from "../../helpers/stacks";

type Container = { name: string; image: string; essential: boolean; environment: { name: string; value: string }[]; portMappings: { containerPort: number; protocol: string }[]; logConfiguration: { options: Record<string, string> } };
type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[] };
const containersOf = (task: CapturedResource) => JSON.parse(String(input(task, "containerDefinitions"))) as Container[];
const statementsOf = (policy: CapturedResource) => (JSON.parse(String(input(policy, "policy"))) as { Statement: Statement[] }).Statement;
const xrayActions = (statements: readonly Statement[]) => statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith("xray:"));

// HookLabs, seed 000's monitoring module (CloudWatch, X-Ray): platform:observability.tracing.
describe("compute tier (ECS): X-Ray tracing", () => {
  it("runs the pinned X-Ray daemon beside each HookLabs prod service and points the application at it", async () => {
    const { resources } = await renderStackFile("blueprints/hooklabs/Pulumi.prod.yaml");
    const tasks = ofType(resources, "aws:ecs/taskDefinition:TaskDefinition");
    assert.equal(tasks.length, 1);
    for (const task of tasks) {
      const [app, daemon, ...rest] = containersOf(task);
      assert.deepEqual(rest, []);
      assert.equal(daemon.name, "xray-daemon");
      assert.equal(daemon.image, "public.ecr.aws/xray/aws-xray-daemon:3.3.15");
      // A dead daemon loses traces, not requests.
      assert.equal(daemon.essential, false);
      assert.deepEqual(daemon.portMappings, [{ containerPort: 2000, protocol: "udp" }]);
      assert.equal(daemon.logConfiguration.options["awslogs-group"], app.logConfiguration.options["awslogs-group"]);
      assert.equal(daemon.logConfiguration.options["awslogs-stream-prefix"], "xray-daemon");
      assert.deepEqual(daemon.environment, [{ name: "AWS_REGION", value: "ap-northeast-2" }]);
      assert.equal(app.essential, true);
      assert.deepEqual(app.environment.filter((e) => e.name === "AWS_XRAY_DAEMON_ADDRESS"), [{ name: "AWS_XRAY_DAEMON_ADDRESS", value: "127.0.0.1:2000" }]);
    }
  });

  it("lets each traced task's role upload traces, on '*' only (X-Ray defines no resource type)", async () => {
    const { resources } = await renderStackFile("blueprints/hooklabs/Pulumi.prod.yaml");
    for (const service of ["api"]) {
      const task = ofType(resources, "aws:ecs/taskDefinition:TaskDefinition").find((t) => String(input(t, "family")).endsWith(`-${service}`));
      assert.ok(task, service);
      const role = named(resources, "aws:iam/role:Role", `hooklabs-prod-${service}-task`);
      assert.equal(input(task, "taskRoleArn"), role.state.arn);
      const statements = statementsOf(named(resources, "aws:iam/rolePolicy:RolePolicy", `hooklabs-prod-${service}-task`));
      const upload = statements.find((s) => s.Sid === "UploadTraces");
      assert.deepEqual([upload?.Action, upload?.Resource], [["xray:PutTelemetryRecords", "xray:PutTraceSegments"], "*"]);
      assert.deepEqual(xrayActions(statements).sort(), ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]);
      // The execution role starts the task; it never uploads traces.
      assert.deepEqual(xrayActions(statementsOf(named(resources, "aws:iam/rolePolicy:RolePolicy", `hooklabs-prod-${service}-execution`))), []);
    }
  });

  it("is off by default: no daemon, no variable, no X-Ray grant (the root prod stack)", async () => {
    const { resources } = await renderStack("prod");
    for (const task of ofType(resources, "aws:ecs/taskDefinition:TaskDefinition")) {
      const containers = containersOf(task);
      assert.equal(containers.length, 1);
      assert.ok(!containers[0].environment.some((e) => e.name === "AWS_XRAY_DAEMON_ADDRESS"));
    }
    for (const policy of ofType(resources, "aws:iam/rolePolicy:RolePolicy")) assert.deepEqual(xrayActions(statementsOf(policy)), [], policy.name);
  });

  it("is refused on EKS, naming the field: the sidecar is the ECS tasks'", () => {
    const config = { ...readStackFile("blueprints/openmarket/Pulumi.prod.yaml").config };
    const observability = JSON.parse(config["platform:observability"]) as Record<string, unknown>;
    config["platform:observability"] = JSON.stringify({ ...observability, tracing: true });
    assertIssue(configIssues(config), "platform:observability.tracing", "adds the X-Ray daemon to ECS tasks; this stack runs engine eks");
  });

  it("is refused when not a boolean", () => {
    const config = { ...readStackFile("blueprints/hooklabs/Pulumi.prod.yaml").config };
    const observability = JSON.parse(config["platform:observability"]) as Record<string, unknown>;
    config["platform:observability"] = JSON.stringify({ ...observability, tracing: "yes" });
    assertIssue(configIssues(config), "platform:observability.tracing", "boolean");
  });
});
