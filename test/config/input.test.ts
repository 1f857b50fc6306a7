import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, ConfigIssue, formatIssue, loadPlatformConfig } from "../../config";
import { runPlan } from "../../automation/plan/index";
import { readStackFile, stackFilePath } from "../../automation/plan/stack-file";
import { configIssues, editSection } from "../helpers/config";
import { stackConfig } from "../helpers/stacks";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "config-input-test-"));

/** prod's stack file with `from` replaced by `to` (each must occur), read as `plan` reads it. */
function prodWith(...edits: [string | RegExp, string][]): { issues: ConfigIssue[]; file: string } {
  let text = fs.readFileSync(stackFilePath("prod"), "utf8");
  for (const [from, to] of edits) {
    assert.ok(typeof from === "string" ? text.includes(from) : from.test(text), `prod has ${String(from)}`);
    text = text.replace(from, to);
  }
  const file = path.join(tmp, `Pulumi.case${Math.random().toString(36).slice(2, 8)}.yaml`);
  fs.writeFileSync(file, text);
  const stack = readStackFile(file);
  try {
    loadPlatformConfig(stack.config, stack.secretKeys, { written: stack.written });
    return { issues: [], file };
  } catch (error) {
    if (error instanceof ConfigError) return { issues: [...error.issues], file };
    throw error;
  }
}

const lines = (issues: readonly ConfigIssue[]) => issues.map(formatIssue);

describe("config: every key in a known namespace", () => {
  it("refuses a near-miss of platform, naming the key", () => {
    const config = stackConfig("prod");
    config["platfrom:observability"] = config["platform:observability"];
    delete config["platform:observability"];
    const issues = configIssues(config).filter((i) => i.path === "platfrom:observability");
    assert.equal(issues.length, 1, lines(configIssues(config)).join("\n"));
    assert.match(issues[0].message, /is not in a known namespace: 'platfrom' looks like a misspelling of 'platform' \(write platform:observability\)/);
  });

  it("refuses any other unknown namespace and lists the known ones", () => {
    const config = { ...stackConfig("prod"), "awz:region": "ap-northeast-2", "backup:plan": "x" };
    const issues = configIssues(config);
    assert.match(issues.find((i) => i.path === "backup:plan")?.message ?? "", /is not in a known namespace \(allowed: platform, aws, aws-platform, pulumi\)/);
    assert.match(issues.find((i) => i.path === "awz:region")?.message ?? "", /looks like a misspelling of 'aws'/);
  });

  it("accepts the provider's, the project's and Pulumi's own namespaces", () => {
    const config = { ...stackConfig("prod"), "aws:region": "ap-northeast-2", "aws-platform:note": "x", "pulumi:tags": "{}" };
    assert.deepEqual(configIssues(config), []);
  });

  it("the plan refuses platfrom:backup with exit 2 and renders nothing", async () => {
    const { file } = prodWith(["platform:backup:", "platfrom:backup:"]);
    const out: string[] = [];
    const run = await runPlan({ file, outRoot: path.join(tmp, "out"), log: (l) => out.push(l) });
    assert.equal(run.exitCode, 2);
    assert.ok(out.some((l) => l.includes("platfrom:backup:") && l.includes("misspelling of 'platform'")), out.join("\n"));
    assert.ok(!fs.existsSync(path.join(tmp, "out")));
  });
});

describe("config: secret-shaped values in plain config", () => {
  const secrets: [string, string, RegExp][] = [
    ["an Anthropic key", `sk-ant-api03-${"Ab3dE".repeat(18)}`, /an Anthropic API key/],
    ["an OpenAI key", `sk-proj-${"Zx9Qw".repeat(9)}`, /an OpenAI API key/],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE", /an AWS access key ID/],
    ["a GitHub token", `ghp_${"aB3dE6gH9j".repeat(3)}123456`, /a GitHub token/],
    ["a Slack token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", /a Slack token/],
    ["a Slack webhook URL", ["https://hooks.slack.com/services", "T0AAAAAAA", "B0BBBBBBB", "cCcCcCcCcCcCcCcCcCcCcCcC"].join("/"), /a Slack webhook URL/],
    ["a private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", /a private key/],
    ["a JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", /a JSON Web Token/],
    ["a high-entropy string", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", /high-entropy/],
  ];
  for (const [what, value, kind] of secrets) {
    it(`refuses ${what} in a service's environment, without printing it`, () => {
      const config = editSection("prod", "compute", (compute) => {
        compute.services[0].environment = { ...compute.services[0].environment, ANTHROPIC_KEY: value };
      });
      const issues = configIssues(config).filter((i) => i.path.endsWith("environment.ANTHROPIC_KEY"));
      assert.equal(issues.length, 1, lines(configIssues(config)).join("\n"));
      assert.match(issues[0].message, kind);
      assert.match(issues[0].message, /Secrets Manager/);
      const printed = formatIssue(issues[0]);
      assert.ok(!printed.includes(value.slice(8, 24)), `the secret is not printed: ${printed}`);
    });
  }

  it("looks in every plain value, not only environments", () => {
    const config = { ...stackConfig("prod"), "platform:tags": JSON.stringify({ Owner: "AKIAIOSFODNN7EXAMPLE" }) };
    assert.ok(configIssues(config).some((i) => i.path === "platform:tags.Owner" && /AWS access key ID/.test(i.message)));
  });

  it("accepts every stack's and blueprint's values (names, ARNs, image tags, digests)", () => {
    for (const stack of ["dev", "staging", "prod", "prod-dr"] as const) assert.deepEqual(lines(configIssues(stackConfig(stack))), [], stack);
  });

  it("the plan exits 2 before writing anything under out/", async () => {
    const { file } = prodWith(["environment:                           # seed 001's environment block", `environment:\n          ANTHROPIC_KEY: sk-ant-api03-${"Ab3dE".repeat(18)}`]);
    const out: string[] = [];
    const outRoot = path.join(tmp, "out-secret");
    const run = await runPlan({ file, outRoot, log: (l) => out.push(l) });
    assert.equal(run.exitCode, 2, out.join("\n"));
    assert.ok(!fs.existsSync(outRoot), "nothing written");
    assert.ok(!out.join("\n").includes("Ab3dEAb3dE"), "the key is not printed");
  });
});

describe("config: messages name the field at fault and quote the value as written, one line each", () => {
  it(".inf is reported as written, not as null", () => {
    const { issues } = prodWith(["retentionDays: 30 ", "retentionDays: .inf "]);
    const at = issues.filter((i) => i.path === "platform:logs.retentionDays");
    assert.equal(at.length, 1, lines(issues).join("\n"));
    assert.equal(at[0].value, ".inf");
    assert.doesNotMatch(formatIssue(at[0]), /null/);
  });

  it("~ is reported as written and as empty, not as the string \"null\"", () => {
    const { issues } = prodWith(["platform:project: platform", "platform:project: ~"]);
    const at = issues.filter((i) => i.path === "platform:project");
    assert.equal(at.length, 1, lines(issues).join("\n"));
    assert.equal(at[0].value, "~");
    assert.match(at[0].message, /is empty/);
  });

  it("a version written as a number is quoted as written, with a hint to quote it", () => {
    const { issues } = prodWith(['engineVersion: "16"', "engineVersion: 16.10"]);
    const at = issues.filter((i) => i.path === "platform:data.database.engineVersion");
    assert.equal(at.length, 1, lines(issues).join("\n"));
    assert.equal(at[0].value, "16.10");
    assert.match(at[0].message, /quote it: "16\.10"/);
  });

  it("prints the value once", () => {
    const { issues } = prodWith(["vpcCidr: 10.0.0.0/16", "vpcCidr: 10.300.0.0/16"]);
    const line = lines(issues).find((l) => l.includes("platform:network.vpcCidr"));
    assert.equal(line, '  platform:network.vpcCidr: "10.300.0.0/16" is not an IPv4 CIDR');
  });

  it("keeps a newline in a key on one line", () => {
    const config = { ...stackConfig("prod"), "platform:tags": JSON.stringify({ "bad\nkey": "x" }) };
    const printed = lines(configIssues(config));
    assert.equal(printed.length, 1);
    assert.ok(!printed[0].includes("\n"));
    assert.match(printed[0], /platform:tags\.bad\\nkey/);
  });

  it("one renamed bucket gives one line, not one per reference", () => {
    const { issues } = prodWith(["      - name: files ", "      - name: filez "]);
    assert.equal(issues.length, 1, lines(issues).join("\n"));
    assert.match(formatIssue(issues[0]), /"files" is not a bucket/);
    assert.match(formatIssue(issues[0]), /and \d+ more references to it/);
  });

  it("blames platform:project, once, when the project makes names too long", () => {
    const { issues } = prodWith(["platform:project: platform", "platform:project: platform-with-a-very-long-project-name-x"]);
    assert.deepEqual(issues.map((i) => i.path), ["platform:project"], lines(issues).join("\n"));
  });

  it("blames platform:project when a valid project still makes bucket names too long", () => {
    const { issues } = prodWith(["platform:project: platform", "platform:project: platform-analytics-kr"], ["platform:environment: prod", "platform:environment: production-seoul-a"]);
    const paths = [...new Set(issues.map((i) => i.path))];
    assert.ok(paths.includes("platform:project"), lines(issues).join("\n"));
    assert.ok(!paths.some((p) => p.startsWith("platform:storage.buckets")), lines(issues).join("\n"));
  });
});

describe("config: every problem at once, cross-field checks included", () => {
  it("reports a Fargate size beside a type error and an enum error in other sections", () => {
    const config = editSection("prod", "compute", (compute) => {
      compute.services[0].cpuUnits = 500;
    });
    config["platform:logs"] = JSON.stringify({ retentionDays: "thirty" });
    config["platform:network"] = JSON.stringify({ ...JSON.parse(config["platform:network"]), nat: "gateway" });
    const paths = configIssues(config).map((i) => i.path).sort();
    assert.deepEqual(paths, ["platform:compute.services[0].cpuUnits", "platform:logs.retentionDays", "platform:network.nat"]);
  });

  it("skips only the checks that read a section that failed", () => {
    const config = editSection("prod", "compute", (compute) => {
      compute.services[0].cpuUnits = 500;
    });
    config["platform:storage"] = JSON.stringify({ ...JSON.parse(config["platform:storage"]), buckets: "files" });
    const paths = configIssues(config).map((i) => i.path).sort();
    assert.deepEqual(paths, ["platform:compute.services[0].cpuUnits", "platform:storage.buckets"]);
  });
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));
