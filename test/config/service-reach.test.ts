import { strict as assert } from "assert";
import { blueprintFile } from "../helpers/blueprints";
import { assertIssue, assertValid, configIssueLines, configIssues, editSection, invalid, SectionInput } from "../helpers/config";
import { readStackFile } from "../../automation/plan/stack-file";

type Compute = SectionInput<"compute">;
type Service = Compute["services"][number];
const service = (compute: Compute, name: string): Service => {
  const found = compute.services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
};
/** prod with one edit to its compute section (seed 001: frontend, backend). */
const prod = (edit: (compute: Compute) => void) => configIssues(editSection("prod", "compute", edit));

describe("config: what each service reaches (compute.services[].reaches)", () => {
  it("accepts the stacks' declarations: the backend reaches the database and the cache, the frontend nothing", () => {
    assertValid(editSection("prod", "compute", () => undefined));
  });

  it("names the allowed stores when a store name is unknown", () => {
    const issues = prod((c) => (service(c, "backend").reaches = { stores: invalid(["database", "redis"]) }));
    assertIssue(issues, "platform:compute.services[1].reaches.stores[1]", "is not allowed (allowed: database, cache)");
  });

  it("names the services when a service name is unknown, and refuses the service itself and a name twice", () => {
    const issues = prod((c) => (service(c, "frontend").reaches = { services: ["api", "frontend"] }));
    assertIssue(issues, "platform:compute.services[0].reaches.services[0]", "names no service (services: frontend, backend)");
    assertIssue(issues, "platform:compute.services[0].reaches.services[1]", "names the service itself");
    const twice = prod((c) => (service(c, "frontend").reaches = { services: ["backend", "backend"] }));
    assertIssue(twice, "platform:compute.services[0].reaches.services[1]", "is listed twice");
  });

  it("refuses a service that reads a store's address or credentials without declaring it", () => {
    const issues = prod((c) => (service(c, "backend").reaches = { stores: ["cache"] }));
    assertIssue(issues, "platform:compute.services[1].reaches.stores", "must include database: the service reads its address or credentials (DATABASE_HOST, DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD)");
    const none = prod((c) => delete service(c, "backend").reaches);
    assert.deepEqual(
      none.map((i) => `${i.path}: ${i.message.split(":")[0]}`),
      ["platform:compute.services[1].reaches.stores: must include database", "platform:compute.services[1].reaches.stores: must include cache"],
      "no reach by default: a service that omits the key reaches no store",
    );
  });

  it("refuses a store the stack does not have", () => {
    const hooklabs = readStackFile(blueprintFile("hooklabs", "prod")).config;
    const compute = JSON.parse(hooklabs["platform:compute"]) as Compute;
    compute.services[0].reaches = { stores: ["database"] };
    const lines = configIssueLines({ ...hooklabs, "platform:compute": JSON.stringify(compute) });
    assert.deepEqual(lines, ["platform:compute.services[0].reaches.stores[0]: names the database, which this stack does not have (stores: none; platform:data, or on a standby the dr tier's replicas)"]);
  });

  it("lets a standby's services reach the dr tier's copies", () => {
    assertValid(editSection("prod-dr", "compute", () => undefined));
  });

  it("refuses service-to-service declarations under EKS, where every pod shares the cluster group", () => {
    const openmarket = readStackFile(blueprintFile("openmarket", "prod")).config;
    const compute = JSON.parse(openmarket["platform:compute"]) as Compute;
    service(compute, "frontend").reaches = { services: ["backend"] };
    const lines = configIssueLines({ ...openmarket, "platform:compute": JSON.stringify(compute) });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /^platform:compute\.services\[1\]\.reaches\.services: must be empty under engine eks: every pod carries the cluster security group/);
  });
});
