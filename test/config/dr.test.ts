import { strict as assert } from "assert";
import { ConfigError, loadPlatformConfig } from "../../config";
import { drState } from "../../model/dr/settings";
import { stackConfig } from "../helpers/stacks";

/** The messages of a config that must fail, one `path: value message` line each. */
function problems(config: Record<string, string>): string[] {
  try {
    loadPlatformConfig(config);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.issues.map((issue) => `${issue.path}:${issue.value === undefined ? "" : ` ${issue.value}`} ${issue.message}`);
  }
  assert.fail("the config was accepted");
}

function withDr(stack: "prod" | "prod-dr", dr: unknown): Record<string, string> {
  const config = stackConfig(stack);
  if (dr === undefined) delete config["platform:dr"];
  else config["platform:dr"] = JSON.stringify(dr);
  return config;
}

const targets = { rtoMinutes: 30, rpoMinutes: 5, filesRpoMinutes: 15 };
/** prod-dr's platform:dr as its stack file has it. */
const standbyDr = JSON.parse(stackConfig("prod-dr")["platform:dr"]);
/** Only the problems of platform:dr (a standby without it also loses its services' data references). */
const drProblems = (config: Record<string, string>) => problems(config).filter((line) => line.startsWith("platform:dr"));

describe("config: platform:dr", () => {
  it("reads the prod / prod-dr pair from the stack files", () => {
    const prod = loadPlatformConfig(stackConfig("prod"));
    const standby = loadPlatformConfig(stackConfig("prod-dr"));
    assert.deepEqual(prod.dr, { targets });
    const dr = standby.dr!;
    assert.deepEqual(
      { targets: dr.targets, primaryStack: dr.primaryStack, standby: dr.standby, promote: dr.promote, failover: dr.failover },
      {
        targets,
        primaryStack: "prod",
        standby: { mode: "pilot-light", tasksPerService: 0 },
        promote: { database: "rds-replica", cache: "warm-empty" },
        failover: { domainName: "api.platform.example.com" },
      },
    );
    assert.equal(dr.replica?.database?.engine, "postgres");
    assert.equal(dr.replica?.cache?.nodeType, "cache.t4g.small");
    assert.deepEqual(dr.replica?.buckets.map((b) => b.name), ["files"]);
    assert.equal(drState(prod), "serving");
    assert.equal(drState(standby), "standby");
  });

  it("requires both targets", () => {
    assert.deepEqual(problems(withDr("prod", { targets: { rtoMinutes: 30 } })), ["platform:dr.targets.rpoMinutes: is required (number)"]);
    assert.deepEqual(problems(withDr("prod", {})), ["platform:dr.targets: is required (object)"]);
  });

  it("rejects targets out of range", () => {
    assert.deepEqual(problems(withDr("prod", { targets: { rtoMinutes: 0, rpoMinutes: -1 } })), [
      "platform:dr.targets.rtoMinutes: 0 must be at least 1",
      "platform:dr.targets.rpoMinutes: -1 must be at least 0",
    ]);
    assert.deepEqual(problems(withDr("prod", { targets: { rtoMinutes: 2000, rpoMinutes: 5 } })), ["platform:dr.targets.rtoMinutes: 2000 must be at most 1440"]);
  });

  it("requires the section, the primary, the posture and the promotions on a standby stack", () => {
    assert.deepEqual(drProblems(withDr("prod-dr", undefined)), [
      "platform:dr: is required on a standby stack (role: standby): targets, primaryStack, standby, promote and failover",
    ]);
    assert.deepEqual(drProblems(withDr("prod-dr", { targets })), [
      "platform:dr.primaryStack: is required on a standby stack (role: standby)",
      "platform:dr.standby: is required on a standby stack (role: standby)",
      "platform:dr.promote: is required on a standby stack (role: standby)",
      "platform:dr.failover: is required on a standby stack (role: standby)",
    ]);
  });

  it("keeps the standby settings off a primary stack", () => {
    assert.deepEqual(problems(withDr("prod", { ...standbyDr })), [
      'platform:dr.primaryStack: "prod" is set only on a standby stack (role: standby)',
      'platform:dr.standby: {"mode":"pilot-light","tasksPerService":0} is set only on a standby stack (role: standby)',
      'platform:dr.promote: {"database":"rds-replica","cache":"warm-empty"} is set only on a standby stack (role: standby)',
      'platform:dr.failover: {"domainName":"api.platform.example.com"} is set only on a standby stack (role: standby)',
      'platform:dr.replica: {"database":{"engine":"postgres","engineVersion":"16","in... is set only on a standby stack (role: standby)',
      'platform:dr.readiness: {"schedule":"rate(15 minutes)"} is set only on a standby stack (role: standby)',
    ]);
  });

  it("ties the standby size to its mode", () => {
    assert.deepEqual(problems(withDr("prod-dr", { ...standbyDr, standby: { mode: "pilot-light", tasksPerService: 2 } })), [
      "platform:dr.standby.tasksPerService: 2 must be 0 for mode pilot-light (use mode: warm to keep tasks running)",
    ]);
    assert.deepEqual(problems(withDr("prod-dr", { ...standbyDr, standby: { mode: "warm", tasksPerService: 0 } })), [
      "platform:dr.standby.tasksPerService: 0 must be at least 1 for mode warm",
    ]);
    const warm = loadPlatformConfig(withDr("prod-dr", { ...standbyDr, standby: { mode: "warm", tasksPerService: 1 } }));
    assert.deepEqual(warm.dr?.standby, { mode: "warm", tasksPerService: 1 });
  });

  it("names the allowed modes, strategies and states", () => {
    assert.deepEqual(
      problems(withDr("prod-dr", { ...standbyDr, state: "active", standby: { mode: "hot", tasksPerService: 0 }, promote: { database: "dms", cache: "memcached" } })),
      [
        'platform:dr.state: "active" is not allowed (allowed: serving, standby)',
        'platform:dr.standby.mode: "hot" is not allowed (allowed: pilot-light, warm, backup-restore)',
        'platform:dr.promote.database: "dms" is not allowed (allowed: aurora-global, rds-replica, none)',
        'platform:dr.promote.cache: "memcached" is not allowed (allowed: global-datastore, warm-empty, none)',
      ],
    );
  });

  it("rejects unknown keys and a malformed primary stack name", () => {
    assert.deepEqual(problems(withDr("prod-dr", { ...standbyDr, primaryStack: "Prod", rto: 30 })), [
      "platform:dr.primaryStack: \"Prod\" must be a stack name: 2-40 characters of a-z, 0-9 and '-'",
      "platform:dr.rto: 30 is not a known setting (allowed: targets, state, primaryStack, primaryOrganization, primaryProject, standby, promote, replica, failover, readiness)",
    ]);
  });

  it("keeps a recorded state", () => {
    assert.equal(drState(loadPlatformConfig(withDr("prod-dr", { ...standbyDr, state: "serving" }))), "serving");
    assert.equal(drState(loadPlatformConfig(withDr("prod", { targets, state: "standby" }))), "standby");
  });
});
