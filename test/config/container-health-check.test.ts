import { assertIssue, assertValid, configIssues, editSection, invalid, SectionInput } from "../helpers/config";

type Ecs = NonNullable<SectionInput<"compute">["ecs"]>;
type Check = NonNullable<NonNullable<Ecs["services"]>[string]["containerHealthCheck"]>;
/** prod with the backend's container health check set to `check`. */
const withCheck = (check: unknown) =>
  editSection("prod", "compute", (compute) => {
    compute.ecs = { ...compute.ecs, services: { ...compute.ecs?.services, backend: { containerHealthCheck: check as Check } } };
  });
const at = "platform:compute.ecs.services.backend.containerHealthCheck";

describe("config: the opt-in container health check (compute.ecs.services.<name>.containerHealthCheck)", () => {
  it("accepts the exec and shell forms with ECS's bounds, and no check at all", () => {
    assertValid(withCheck({ command: ["CMD", "node", "-e", "process.exit(0)"], interval: 5, timeout: 2, retries: 1, startPeriod: 0 }));
    assertValid(withCheck({ command: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:3001/health || exit 1"], interval: 300, timeout: 60, retries: 10, startPeriod: 300 }));
    assertValid(withCheck({ command: ["CMD", "/healthcheck"] }));
    assertValid(editSection("prod", "compute", () => undefined));
  });

  it("refuses the old on/off switch and a bare command string: the check is an object with the user's command", () => {
    assertIssue(configIssues(withCheck(true)), at, "must be object, not boolean");
    assertIssue(configIssues(withCheck(invalid("curl -f http://localhost:3001/health"))), at, "must be object, not string");
  });

  it("refuses a command ECS would refuse or could not run", () => {
    assertIssue(configIssues(withCheck({ command: ["curl -f http://localhost:3001/health"] })), `${at}.command[0]`, "must be CMD (run an executable) or CMD-SHELL");
    assertIssue(configIssues(withCheck({ command: [] })), `${at}.command[0]`, "must be CMD");
    assertIssue(configIssues(withCheck({ command: ["CMD"] })), `${at}.command`, "CMD needs an executable to run");
    assertIssue(configIssues(withCheck({ command: ["CMD-SHELL", "curl", "-f"] })), `${at}.command`, "CMD-SHELL takes one shell command string");
    assertIssue(configIssues(withCheck({ command: ["CMD", " "] })), `${at}.command[1]`, "is empty");
    assertIssue(configIssues(withCheck({ interval: 30 })), `${at}.command`, "is required (array)");
  });

  it("refuses timings outside ECS's HealthCheck bounds", () => {
    const command = ["CMD", "/healthcheck"];
    const cases: [string, Record<string, number>, string][] = [
      ["interval", { interval: 4 }, "at least 5 (ECS allows 5-300 seconds)"],
      ["interval", { interval: 301 }, "at most 300 (ECS allows 5-300 seconds)"],
      ["timeout", { timeout: 1 }, "(ECS allows 2-60 seconds)"],
      ["timeout", { timeout: 61 }, "(ECS allows 2-60 seconds)"],
      ["retries", { retries: 0 }, "(ECS allows 1-10)"],
      ["retries", { retries: 11 }, "(ECS allows 1-10)"],
      ["startPeriod", { startPeriod: -1 }, "(ECS allows 0-300 seconds)"],
      ["startPeriod", { startPeriod: 301 }, "(ECS allows 0-300 seconds)"],
      ["interval", { interval: 7.5 }, "must be integer"],
    ];
    for (const [field, timing, message] of cases) {
      assertIssue(configIssues(withCheck({ command, ...timing })), `${at}.${field}`, message);
    }
  });

  it("keeps unknown fields out, naming the allowed ones", () => {
    assertIssue(configIssues(withCheck({ command: ["CMD", "/healthcheck"], intervalSeconds: 30 })), `${at}.intervalSeconds`, "allowed: command, interval, timeout, retries, startPeriod");
  });
});
