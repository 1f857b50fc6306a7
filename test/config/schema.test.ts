import { strict as assert } from "assert";
import { ConfigError, ConfigIssue, loadPlatformConfig } from "../../config";
import { stackConfig, stackNames } from "../helpers/stacks";

/** prod's config with one `platform:<key>` replaced (JSON-merged one level deep) or removed. */
function variant(key: string, change: unknown): Record<string, string> {
  const config = stackConfig("prod");
  if (change === undefined) {
    delete config[key];
    return config;
  }
  const current = config[key] !== undefined && config[key].startsWith("{") ? JSON.parse(config[key]) : undefined;
  const next = current && change && typeof change === "object" && !Array.isArray(change) ? { ...current, ...change } : change;
  config[key] = typeof next === "string" ? next : JSON.stringify(next);
  return config;
}

function issuesOf(config: Record<string, string>, secretKeys: string[] = []): ConfigIssue[] {
  try {
    loadPlatformConfig(config, secretKeys);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${(error as Error).message}`);
    return [...error.issues];
  }
  assert.fail("expected the config to be rejected");
}

function expectIssue(config: Record<string, string>, path: string, message: RegExp, secretKeys: string[] = []): void {
  const issues = issuesOf(config, secretKeys);
  const match = issues.find((i) => i.path === path && message.test(i.message));
  assert.ok(match, `no issue at ${path} matching ${message}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
}

describe("stack config", () => {
  for (const stack of stackNames) {
    it(`accepts Pulumi.${stack}.yaml`, () => {
      const config = loadPlatformConfig(stackConfig(stack));
      assert.equal(config.environment, stack);
    });
  }

  describe("rejects with the field, the value and what is allowed", () => {
    const cases: [string, string, unknown, string, RegExp][] = [
      ["a missing region", "aws:region", undefined, "aws:region", /is required/],
      ["an unsupported region", "aws:region", "mars-east-1", "aws:region", /allowed: ap-northeast-2, ap-northeast-1/],
      ["a project name with capitals", "platform:project", "CodeMate", "platform:project", /a-z, 0-9 and '-'/],
      ["an unknown role", "platform:role", "secondary", "platform:role", /allowed: primary, standby/],
      ["an unknown data protection", "platform:dataProtection", "maybe", "platform:dataProtection", /allowed: protected, disposable/],
      ["a negative log retention", "platform:logs", { retentionDays: -1 }, "platform:logs.retentionDays", /CloudWatch Logs retention \(one of 1, 3, 5/],
      ["a retention CloudWatch does not offer", "platform:logs", { retentionDays: 10 }, "platform:logs.retentionDays", /one of 1, 3, 5, 7, 14/],
      ["a malformed VPC CIDR", "platform:network", { vpcCidr: "10.0.0/16", subnets: undefined }, "platform:network.vpcCidr", /IPv4 CIDR/],
      ["a VPC larger than /16", "platform:network", { vpcCidr: "10.0.0.0/8", subnets: undefined }, "platform:network.vpcCidr", /\/16 to \/24/],
      ["one availability zone", "platform:network", { availabilityZones: ["ap-northeast-2a"] }, "platform:network.availabilityZones", /2 or 3 zones/],
      ["four availability zones", "platform:network", { availabilityZones: ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"] }, "platform:network.availabilityZones", /2 or 3 zones/],
      ["a zone of another region", "platform:network", { availabilityZones: ["ap-northeast-2a", "ap-northeast-1c"] }, "platform:network.availabilityZones[1]", /not a zone of ap-northeast-2/],
      ["a zone listed twice", "platform:network", { availabilityZones: ["ap-northeast-2a", "ap-northeast-2a"] }, "platform:network.availabilityZones[1]", /listed twice/],
      ["a subnet outside the VPC", "platform:network", { subnets: { public: ["10.1.1.0/24", "10.0.2.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] } }, "platform:network.subnets.public[0]", /outside the VPC 10.0.0.0\/16/],
      ["overlapping subnets", "platform:network", { subnets: { public: ["10.0.1.0/24", "10.0.2.0/24"], app: ["10.0.0.0/22", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] } }, "platform:network.subnets.app[0]", /overlaps public\[0\]/],
      ["fewer subnets than zones", "platform:network", { subnets: { public: ["10.0.1.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] } }, "platform:network.subnets.public", /one per zone/],
      ["a subnet with host bits", "platform:network", { subnets: { public: ["10.0.1.5/24", "10.0.2.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] } }, "platform:network.subnets.public[0]", /host bits set; the network address is 10.0.1.0\/24/],
      ["a subnet smaller than /28", "platform:network", { subnets: { public: ["10.0.1.0/29", "10.0.2.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] } }, "platform:network.subnets.public[0]", /smaller than \/28/],
      ["a VPC too small for the planned layout", "platform:network", { vpcCidr: "10.0.0.0/24", subnets: undefined }, "platform:network.vpcCidr", /too small for 2 zones/],
      ["an unknown NAT strategy", "platform:network", { nat: "gateway" }, "platform:network.nat", /allowed: perAz, single, instance, none/],
      ["a NAT instance type outside t4g", "platform:network", { natInstanceType: "m5.large" }, "platform:network.natInstanceType", /t4g.nano, t4g.micro or t4g.small/],
      ["an unknown flow-log traffic type", "platform:network", { flowLogs: { enabled: true, trafficType: "SOME" } }, "platform:network.flowLogs.trafficType", /allowed: ALL, REJECT, ACCEPT/],
      ["an unknown network key", "platform:network", { vpcCidrs: "10.0.0.0/16" }, "platform:network.vpcCidrs", /not a known setting \(allowed: vpcCidr, availabilityZones, subnets, nat/],
      ["a KMS deletion window of 3 days", "platform:security", { kms: { deletionWindowDays: 3 } }, "platform:security.kms.deletionWindowDays", /at least 7/],
      ["a string where a boolean belongs", "platform:security", { bastion: "yes" }, "platform:security.bastion", /must be boolean, not string/],
      ["a missing security section", "platform:security", undefined, "platform:security", /is required/],
      ["an unknown platform key", "platform:netwrk", { vpcCidr: "10.0.0.0/16" }, "platform:netwrk", /not a known setting \(allowed: region, project, environment/],
      ["a bad tag key", "platform:tags", { "bad{key}": "x" }, "platform:tags.bad{key}", /tag keys are 1-128 characters/],
    ];
    for (const [what, key, change, path, message] of cases) {
      it(what, () => expectIssue(variant(key, change), path, message));
    }

    it("a value that is not JSON", () => {
      const config = stackConfig("prod");
      config["platform:network"] = "{ vpcCidr: 10.0.0.0/16";
      expectIssue(config, "platform:network", /is not valid JSON/);
    });

    it("a secret in platform config", () => {
      expectIssue(stackConfig("prod"), "platform:project", /platform config holds no secrets/, ["platform:project"]);
    });
  });

  it("reports every problem at once", () => {
    const config = variant("platform:network", { nat: "gateway", natInstanceType: "m5.large" });
    config["platform:logs"] = JSON.stringify({ retentionDays: -1 });
    const paths = issuesOf(config).map((i) => i.path);
    assert.deepEqual(paths.sort(), ["platform:logs.retentionDays", "platform:network.nat", "platform:network.natInstanceType"]);
  });

  it("renders the value it rejects", () => {
    const [issue] = issuesOf(variant("platform:network", { nat: "gateway" }));
    assert.equal(issue.value, '"gateway"');
  });

  it("plans subnets from the VPC range when none are listed", () => {
    const config = loadPlatformConfig(stackConfig("prod-dr"));
    assert.deepEqual(config.subnetPlan, {
      public: ["10.1.1.0/24", "10.1.2.0/24"],
      app: ["10.1.11.0/24", "10.1.12.0/24"],
      data: ["10.1.21.0/24", "10.1.22.0/24"],
    });
  });
});
