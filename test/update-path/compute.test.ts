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
});
