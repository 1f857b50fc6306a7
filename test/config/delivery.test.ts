import { assertIssue, assertValid, configIssues, editSection, invalid, SectionInput } from "../helpers/config";

type Ecs = NonNullable<SectionInput<"compute">["ecs"]>;
type Delivery = NonNullable<NonNullable<Ecs["services"]>[string]["delivery"]>;
/** prod with `service`'s delivery set to `delivery`. */
const withDelivery = (service: string, delivery: unknown, edit?: (compute: SectionInput<"compute">) => void) =>
  editSection("prod", "compute", (compute) => {
    compute.ecs = { ...compute.ecs, services: { ...compute.ecs?.services, [service]: { delivery: delivery as Delivery } } };
    edit?.(compute);
  });
const at = (service: string) => `platform:compute.ecs.services.${service}.delivery`;

describe("config: progressive delivery (compute.ecs.services.<name>.delivery)", () => {
  it("accepts each strategy ECS runs, with its steps, bake times and rollback alarms", () => {
    assertValid(withDelivery("frontend", { strategy: "blue-green", bakeMinutes: 15, rollbackOn: ["5xx-count", "p95-latency"] }));
    assertValid(withDelivery("frontend", { strategy: "canary", trafficSteps: [10, 100], stepBakeMinutes: 10, bakeMinutes: 0 }));
    assertValid(withDelivery("frontend", { strategy: "linear", trafficSteps: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], stepBakeMinutes: 5, bakeMinutes: 1440 }));
    assertValid(withDelivery("backend", { strategy: "rolling", rollbackOn: ["5xx-count"] }));
  });

  it("refuses a step list that does not end at 100 % or is not increasing, naming the field", () => {
    assertIssue(configIssues(withDelivery("frontend", { strategy: "canary", trafficSteps: [10, 50] })), `${at("frontend")}.trafficSteps`, "must end at 100");
    assertIssue(configIssues(withDelivery("frontend", { strategy: "linear", trafficSteps: [50, 40, 100] })), `${at("frontend")}.trafficSteps[1]`, "must be above the step before it (50)");
    assertIssue(configIssues(withDelivery("frontend", { strategy: "canary", trafficSteps: [10, 50, 100] })), `${at("frontend")}.trafficSteps`, "ECS CANARY shifts one canary step");
  });

  it("refuses bake times outside ECS's 0-1440 minutes", () => {
    assertIssue(configIssues(withDelivery("frontend", { strategy: "blue-green", bakeMinutes: 1441 })), `${at("frontend")}.bakeMinutes`, "ECS allows 0-1440 minutes");
    assertIssue(configIssues(withDelivery("frontend", { strategy: "canary", trafficSteps: [10, 100], stepBakeMinutes: -1 })), `${at("frontend")}.stepBakeMinutes`, "ECS allows 0-1440 minutes");
    assertIssue(configIssues(withDelivery("frontend", { strategy: "canary", trafficSteps: [10, 100], stepBakeMinutes: 2.5 })), `${at("frontend")}.stepBakeMinutes`, "must be integer");
  });

  it("refuses an unknown strategy or rollback signal, naming what is allowed", () => {
    assertIssue(configIssues(withDelivery("frontend", { strategy: invalid("codedeploy") })), `${at("frontend")}.strategy`, "rolling");
    assertIssue(configIssues(withDelivery("frontend", { strategy: "blue-green", rollbackOn: ["cpu"] })), `${at("frontend")}.rollbackOn[0]`, "5xx-rate");
  });

  it("traffic shifting needs one ALB route: a service behind the NLB or with two path rules cannot take it", () => {
    // prod's backend has /api/* and /socket.io/*: ECS shifts one production listener rule.
    assertIssue(configIssues(withDelivery("backend", { strategy: "blue-green" })), `${at("backend")}.strategy`, "one production listener rule");
    assertIssue(
      configIssues(withDelivery("backend", { strategy: "canary", trafficSteps: [10, 100] }, (c) => (c.services[1].routing = { loadBalancer: "none" }))),
      `${at("backend")}.strategy`,
      "needs the service behind the ALB",
    );
  });

  it("rollback alarms must exist: 5xx-rate needs its threshold, every signal needs the ALB and the observability tier", () => {
    assertIssue(configIssues(withDelivery("frontend", { strategy: "blue-green", rollbackOn: ["5xx-rate"] })), `${at("frontend")}.rollbackOn[0]`, "platform:observability.alarms.target5xxRate");
    const noObservability = withDelivery("frontend", { strategy: "blue-green", rollbackOn: ["p95-latency"] });
    delete noObservability["platform:observability"];
    assertIssue(configIssues(noObservability), `${at("frontend")}.rollbackOn[0]`, "platform:observability");
  });
});
