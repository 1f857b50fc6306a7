import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../../automation/plan/index";
import { stackFilePath } from "../../../automation/plan/stack-file";

/**
 * A standby's plan checks it against its primary's file before rendering anything: a store it
 * expects that the primary does not copy, or a copy slower than the RPO, is a config error (exit 2)
 * naming the field, with nothing written.
 */
describe("plan: a standby against the primary beside it", () => {
  const pairDir = (edit: { prod?: (text: string) => string; standby?: (text: string) => string }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "standby-pair-"));
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), (edit.prod ?? ((t) => t))(fs.readFileSync(stackFilePath("prod"), "utf8")));
    fs.writeFileSync(path.join(dir, "Pulumi.prod-dr.yaml"), (edit.standby ?? ((t) => t))(fs.readFileSync(stackFilePath("prod-dr"), "utf8")));
    return dir;
  };
  const plan = async (dir: string) => {
    const lines: string[] = [];
    const outRoot = path.join(dir, "out");
    const run = await runPlan({ file: path.join(dir, "Pulumi.prod-dr.yaml"), outRoot, log: (l) => lines.push(l) });
    return { exitCode: run.exitCode, lines, wrote: fs.existsSync(outRoot) && fs.readdirSync(outRoot, { recursive: true }).some((f) => String(f).endsWith("plan.json")) };
  };

  it("refuses a replica of a bucket the primary does not replicate", async function () {
    this.timeout(120_000);
    const dir = pairDir({ prod: (text) => text.replace(/\n\s+replicate: true[^\n]*/, "\n") });
    const { exitCode, lines, wrote } = await plan(dir);
    assert.equal(exitCode, 2, lines.join("\n"));
    assert.ok(lines.some((l) => l.includes("platform:dr.replica.buckets lists files, which prod does not mark replicate")), lines.join("\n"));
    assert.equal(wrote, false);
  });

  it("refuses a daily backup copy for a 5-minute RPO, naming the field and the plan's interval", async function () {
    this.timeout(120_000);
    // The files arrive as prod's backup copies instead of by replication; prod copies them to this
    // stack's vault; the pair's files follow the 5-minute RPO (no filesRpoMinutes of their own).
    const noFilesTarget = (text: string) => text.replace(/\n\s+filesRpoMinutes: [^\n]*/, "");
    const dir = pairDir({
      prod: (text) =>
        noFilesTarget(text)
          .replace(/\n\s+replicate: true[^\n]*/, "\n")
          .replace("  platform:backup:", `  platform:backup:\n    copyToVaultArn: arn:aws:backup:ap-northeast-1:123456789012:backup-vault:platform-prod-dr-from-prod`),
      standby: (text) => noFilesTarget(text).replace(/\n\s+- name: files {2}[\s\S]*?(?=\n {4}failover:)/, "\n        - { name: files, via: backup-copy }"),
    });
    const { exitCode, lines } = await plan(dir);
    assert.equal(exitCode, 2, lines.join("\n"));
    assert.ok(
      lines.some((l) => l.includes("prod-dr's platform:dr.replica.buckets[0].via: bucket files by backup-copy can lose up to 1440 min") && l.includes("above platform:dr.targets.rpoMinutes 5 min")),
      lines.join("\n"),
    );
  });
});
