import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { smallFleet } from "../../helpers/fleet";
import { probed, sdkProbe } from "../../helpers/sdk-probe";

const repoRoot = path.join(__dirname, "../../..");

describe("npm run fleet", () => {
  let tmp: string;
  before(function () {
    this.timeout(60000);
    execFileSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs")], { cwd: repoRoot });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-"));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // Bad input is answered before the Automation API and the policy gate load (a preload says whether the SDK did).
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, ["-r", sdkProbe(tmp), "dist/automation/fleet.js", ...args], { cwd: repoRoot, encoding: "utf8" });
    const { said, sdkLoaded } = probed(result.stderr);
    return { status: result.status, stdout: result.stdout, stderr: said, sdkLoaded };
  };

  it("refuses a bad fleet file with one line naming the entry, exit 2, and starts nothing", () => {
    const fleet = smallFleet();
    fleet.stacks.splice(2, 1); // a-prod-dr's primary
    const file = path.join(tmp, "fleet.yaml");
    fs.writeFileSync(file, stringify(fleet));
    const progress = path.join(tmp, "progress.json");
    const up = run("up", "--file", file, "--progress-file", progress);
    assert.equal(up.status, 2);
    assert.equal(up.stderr, `fleet: ${file}: stacks[3] (a-prod-dr): a standby without its primary: standbyFor 'a-prod' is not a stack of the fleet\n`);
    assert.equal(up.stdout, "", "no plan printed, nothing started");
    assert.equal(fs.existsSync(progress), false);
    assert.equal(up.sdkLoaded, false, "answered before the Pulumi SDK loads");
  });

  it("refuses a fleet whose stacks' files deploy into other accounts than the fleet gives them", () => {
    const file = path.join(tmp, "moved.yaml");
    fs.writeFileSync(file, fs.readFileSync(path.join(repoRoot, "fleet.yaml"), "utf8").replace('prod: { id: "123456789012", role: "arn:aws:iam::123456789012:role/platform-deployer" }', 'prod: { id: "777788889999", role: "arn:aws:iam::777788889999:role/platform-deployer" }'));
    const up = run("up", "--file", file, "--progress-file", path.join(tmp, "p2.json"));
    assert.equal(up.status, 2);
    assert.match(up.stderr, /^fleet: .*moved\.yaml: stacks\[2\] \(prod\): account 'prod' is 777788889999, but Pulumi\.prod\.yaml deploys into 123456789012 and refuses any other$/m);
    assert.equal(up.stdout, "");
    assert.equal(up.sdkLoaded, false, "answered before the Pulumi SDK loads");
  });
});
