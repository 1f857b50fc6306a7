import { strict as assert } from "assert";
import { stackFilePath } from "../../automation/plan/stack-file";
import { editing, updatePath } from "../helpers/update-path";

// Config edits of a deployed stack's compute, rendered before and after and compared as
// `pulumi up` would apply them (offline/plan-diff).
describe("update path: compute", () => {
  const prod = stackFilePath("prod");

  for (const [what, edit] of [
    ["spotPercent", editing("compute", (c) => void (c.ecs = { ...c.ecs, spotPercent: 50 }))],
    ["onDemandBaseTasks", editing("compute", (c) => void (c.ecs = { ...c.ecs, onDemandBaseTasks: 2 }))],
  ] as const) {
    it(`changes the Spot share (${what}) of prod's services in place, with a forced deployment`, async () => {
      const { diff, lines } = await updatePath(prod, edit);
      assert.deepEqual(diff.errors, [], lines.join("\n"));
      const services = diff.updated.filter((u) => u.type === "aws:ecs/service:Service");
      assert.deepEqual(services.map((s) => s.name).sort(), ["platform-prod-backend-service", "platform-prod-frontend-service"], lines.join("\n"));
      for (const service of services) assert.ok(service.fields.every((f) => f.path.startsWith("capacityProviderStrategies")), lines.join("\n"));
      assert.deepEqual(diff.replaced, [], lines.join("\n"));
    });
  }

  it("resizes a service by a new task definition revision, the service updated in place", async () => {
    const { diff, lines } = await updatePath(
      prod,
      editing("compute", (c) => {
        const backend = c.services.find((s) => s.name === "backend");
        if (backend) Object.assign(backend, { cpuUnits: 2048, memoryMb: 4096 });
      }),
    );
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    assert.deepEqual(diff.replaced.map((r) => `${r.type} ${r.name}: ${r.because.map((b) => b.field).join(", ")}`), ["aws:ecs/taskDefinition:TaskDefinition platform-prod-backend-task: cpu, memory"]);
    const service = diff.updated.find((u) => u.name === "platform-prod-backend-service");
    assert.deepEqual(service?.fields.map((f) => f.path), ["taskDefinition"], lines.join("\n"));
  });

  it("moves a deployed service from rolling to ECS blue/green in place: new alternate group, rule and role, nothing replaced", async () => {
    const { diff, lines } = await updatePath(
      prod,
      editing("compute", (c) => void (c.ecs = { ...c.ecs, services: { ...c.ecs?.services, frontend: { delivery: { strategy: "blue-green", bakeMinutes: 10, rollbackOn: ["5xx-count"] } } } })),
    );
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    // The ECS controller stays (ECS's default): the strategy is deploymentConfiguration, which the
    // provider updates in place (resourceService: deployment_configuration is not ForceNew).
    assert.deepEqual(diff.replaced, [], lines.join("\n"));
    assert.deepEqual(
      diff.created.map((r) => `${r.type} ${r.name}`).sort(),
      [
        "aws:iam/role:Role platform-prod-frontend-traffic-shift",
        "aws:iam/rolePolicy:RolePolicy platform-prod-frontend-traffic-shift",
        "aws:lb/listenerRule:ListenerRule platform-prod-alb-rule-frontend-default",
        "aws:lb/targetGroup:TargetGroup platform-prod-alb-tg-frontend-alternate",
      ],
      lines.join("\n"),
    );
    const service = diff.updated.find((u) => u.name === "platform-prod-frontend-service");
    const fields = new Set(service?.fields.map((f) => f.path.split(/[.[]/)[0]));
    assert.deepEqual([...fields].sort(), ["alarms", "deploymentConfiguration", "loadBalancers"], lines.join("\n"));
  });

  it("changes a blueprint's traffic steps in place (NewsForge: linear 10 % steps -> canary 10 %)", async () => {
    const { diff, lines } = await updatePath(
      "blueprints/newsforge/Pulumi.prod.yaml",
      editing("compute", (c) => {
        const web = c.ecs!.services!.web;
        web.delivery = { ...web.delivery!, strategy: "canary", trafficSteps: [10, 100] };
      }),
    );
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    assert.deepEqual(diff.replaced, [], lines.join("\n"));
    assert.deepEqual(diff.created, [], lines.join("\n"));
    assert.deepEqual(diff.updated.map((u) => `${u.name}: ${[...new Set(u.fields.map((f) => f.path.split(".")[0]))].join(", ")}`), ["newsforge-prod-web-service: deploymentConfiguration"], lines.join("\n"));
  });
});
