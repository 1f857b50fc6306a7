import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { outFolder, PlanJson, runPlan } from "../../../automation/plan/index";
import { readStackFile, repoRoot, StackFileError, stackFilePath } from "../../../automation/plan/stack-file";
import { redactSecrets } from "../../../offline";
import { compiledDevPlan } from "../../helpers/compiled-plan";
import { probed, sdkProbe } from "../../helpers/sdk-probe";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));


function writeStackFile(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("plan command", () => {
  it("renders a stack, writes plan.json and exits 0", async () => {
    const lines: string[] = [];
    const run = await runPlan({ file: stackFilePath("staging"), outRoot: tmp, log: (l) => lines.push(l) });
    assert.equal(run.exitCode, 0);
    const plan = JSON.parse(fs.readFileSync(path.join(tmp, "staging", "plan.json"), "utf8")) as PlanJson;
    assert.equal(plan.stack, "staging");
    assert.equal(plan.region, "ap-northeast-2");
    const custom = run.context?.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length;
    const vpc = plan.resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
    assert.ok(vpc);
    assert.equal(plan.formatVersion, 2);
    assert.deepEqual(Object.keys(vpc).sort(), ["computed", "custom", "id", "inputs", "name", "options", "parent", "protect", "region", "type", "urn"]);
    assert.equal(vpc.protect, false);
    assert.match(String(vpc.computed.arn), /^arn:aws:ec2:ap-northeast-2:\d{12}:vpc\//);
    assert.deepEqual(plan.counts, { resources: custom, components: run.context?.resources.filter((r) => !r.custom).length });
    assert.ok(plan.cost && plan.cost.totalMonthlyUsd > 0 && plan.policy, "the steps' facts are recorded");
    assert.match(String(vpc.parent), /platform:network:Network::platform-staging$/);
    assert.equal((vpc.inputs as { cidrBlock: string }).cidrBlock, "10.0.0.0/16");
    assert.ok(lines[0].startsWith(`Stack staging (ap-northeast-2): ${custom} resources`), lines[0]);
    assert.ok(lines.some((l) => /^\s+network\s+\d+\s+/.test(l)), "a line per tier with its count");
  });

  it("lists every config problem, renders nothing and exits 2", async () => {
    const text = fs.readFileSync(stackFilePath("dev"), "utf8").replace("retentionDays: 7", "retentionDays: -1").replace("nat: instance", "nat: gateway");
    const file = writeStackFile("Pulumi.broken.yaml", text);
    const lines: string[] = [];
    const run = await runPlan({ file, outRoot: tmp, log: (l) => lines.push(l) });
    assert.equal(run.exitCode, 2);
    assert.ok(lines.some((l) => l.includes("platform:logs.retentionDays: -1")));
    assert.ok(lines.some((l) => l.includes('platform:network.nat: "gateway" is not allowed')));
    assert.ok(!fs.existsSync(path.join(tmp, "broken")), "nothing was written");
  });

  it("names the file and line of malformed YAML", () => {
    const file = writeStackFile("Pulumi.bad.yaml", "config:\n  aws:region: [ap-northeast-2\n");
    assert.throws(() => readStackFile(file), (error: Error) => error instanceof StackFileError && /Pulumi\.bad\.yaml:\d+: malformed YAML/.test(error.message));
  });

  it("rejects unknown top-level keys and keys without a namespace", () => {
    assert.throws(() => readStackFile(writeStackFile("Pulumi.a.yaml", "confg: {}\n")), /unknown top-level key 'confg'/);
    assert.throws(() => readStackFile(writeStackFile("Pulumi.b.yaml", "config:\n  region: x\n")), /config key 'region' needs a namespace/);
  });

  it("treats secure values as secrets it cannot read", () => {
    const stack = readStackFile(writeStackFile("Pulumi.s.yaml", "config:\n  platform:project:\n    secure: v1:abc\n"));
    assert.deepEqual(stack.secretKeys, ["platform:project"]);
    assert.equal(stack.config["platform:project"], "[secret]");
  });

  it("redacts secret values from plan inputs", () => {
    const secret = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: "hunter2" };
    assert.deepEqual(redactSecrets({ a: secret, b: [secret, "plain"], c: { d: secret } }), { a: "[secret]", b: ["[secret]", "plain"], c: { d: "[secret]" } });
  });

  it("runs as the README says, from compiled JavaScript, and fails on bad input", function () {
    this.timeout(60000);
    const ok = compiledDevPlan();
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(probed(ok.stderr).sdkLoaded, true, "the probe of the next test sees a render load the SDK");
    assert.match(ok.stdout, /^Stack dev \(ap-northeast-2\): \d+ resources/);
    const bad = spawnSync(process.execPath, ["dist/automation/plan.js", "--file", path.join(tmp, "Pulumi.broken.yaml"), "--out", tmp], { cwd: repoRoot, encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stdout + bad.stderr, /\n\s+at /, "no stack trace");
  });

  it("loads nothing a render does not use, off a terminal: the SDK's TypeScript, Automation API and Arborist, the spinner", function () {
    this.timeout(60000);
    const run = compiledDevPlan();
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(probed(run.stderr).alsoLoaded, []);
  });

  it("answers bad input before it loads the renderer (the Pulumi SDK and the program)", function () {
    this.timeout(60000);
    execFileSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs")], { cwd: repoRoot });
    const run = (...args: string[]) => spawnSync(process.execPath, ["-r", sdkProbe(tmp), "dist/automation/plan.js", ...args, "--out", tmp], { cwd: repoRoot, encoding: "utf8" });
    // A stack that does not exist, an unknown --format, a --format without a comparison, an unknown
    // option, and what --compare-to names (a missing plan.json, a ref that does not exist): each is
    // one line on stderr, exit 2, and the renderer never loads.
    for (const [args, message] of [
      [["nosuchstack"], /Pulumi\.nosuchstack\.yaml: no such stack file/],
      [["dev", "--compare-to", "HEAD", "--format", "yaml"], /^plan: --format 'yaml' is not one of text, markdown, json\n$/],
      [["dev", "--format", "markdown"], /^plan: --format markdown formats a comparison: add --compare-to <plan.json \| git ref>\n$/],
      [["dev", "--no-such-option"], /unknown option '--no-such-option'/],
      [["dev", "--compare-to", path.join(tmp, "none.json")], /none\.json: no such file\n$/],
      [["dev", "--compare-to", "no-such-ref-of-this-repository"], /no git ref of that name/],
    ] as const) {
      const bad = run(...args);
      assert.equal(bad.status, 2, `${args.join(" ")}: ${bad.stderr}`);
      const { said, sdkLoaded } = probed(bad.stderr);
      assert.match(said, message, args.join(" "));
      assert.equal(sdkLoaded, false, args.join(" "));
    }
    // A file that is not a stack file, an invalid config, and a standby its primary cannot serve:
    // each is said (on stdout, as the plan's own lines) without the renderer.
    const malformed = writeStackFile("Pulumi.malformed.yaml", "config:\n  aws:region: [ap-northeast-2\n");
    const invalid = writeStackFile("Pulumi.invalid.yaml", fs.readFileSync(stackFilePath("dev"), "utf8").replace("retentionDays: 7", "retentionDays: -1"));
    const standbyDir = fs.mkdtempSync(path.join(tmp, "pair-"));
    fs.writeFileSync(path.join(standbyDir, "Pulumi.prod.yaml"), fs.readFileSync(stackFilePath("prod"), "utf8").replace("retentionDays: 30", "retentionDays: -1"));
    fs.copyFileSync(stackFilePath("prod-dr"), path.join(standbyDir, "Pulumi.prod-dr.yaml"));
    for (const [file, said] of [
      [malformed, /Pulumi\.malformed\.yaml:\d+: malformed YAML/],
      [invalid, /invalid config, nothing was rendered:\n.*platform:logs\.retentionDays: -1/],
      [path.join(standbyDir, "Pulumi.prod-dr.yaml"), /invalid config against its primary, nothing was rendered:\n.*its primary .*Pulumi\.prod\.yaml is invalid:/],
    ] as const) {
      const bad = run("--file", file);
      assert.equal(bad.status, 2, `${file}: ${bad.stdout}${bad.stderr}`);
      assert.match(bad.stdout + bad.stderr, said);
      assert.equal(probed(bad.stderr).sdkLoaded, false, file);
    }
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
});

describe("plan output folders", () => {
  it("keeps each blueprint's artefacts apart from the stacks' and from each other", () => {
    assert.equal(outFolder(stackFilePath("prod"), "prod"), "prod");
    assert.equal(outFolder(path.join(repoRoot, "blueprints/onno/Pulumi.prod.yaml"), "prod"), path.join("blueprints", "onno", "prod"));
    assert.equal(outFolder(path.join(repoRoot, "blueprints/codemate/Pulumi.prod.yaml"), "prod"), path.join("blueprints", "codemate", "prod"));
    assert.equal(outFolder(path.join(os.tmpdir(), "Pulumi.x.yaml"), "x"), "x");
  });
});
