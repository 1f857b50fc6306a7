import { strict as assert } from "assert";
import { readStackFile } from "../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../config";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import { recoveryPointProblems, storeCopies } from "../../model/dr/recovery-point";
import { blueprintFile } from "../helpers/blueprints";
import { configIssueLines } from "../helpers/config";

/** A config section as JSON: the tests reach into it by the stack file's own keys. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML section, edited by path as the stack file spells it
type Json = Record<string, any>;

/** A blueprint's flat config with `platform:<key>` edited on its parsed JSON. */
function edited(product: string, env: string, key: string, edit: (value: Json) => void): Record<string, string> {
  const config = { ...readStackFile(blueprintFile(product, env)).config };
  const value = JSON.parse(config[`platform:${key}`] ?? "{}") as Json;
  edit(value);
  config[`platform:${key}`] = JSON.stringify(value);
  return config;
}
const load = (product: string, env: string, change?: { key: string; edit: (v: Json) => void }) =>
  loadPlatformConfig(change ? edited(product, env, change.key, change.edit) : readStackFile(blueprintFile(product, env)).config);

describe("config: a backup-and-restore standby (CodeMate prod-dr) and the RPO each copy can meet", () => {
  it("CodeMate prod-dr: no compute, no failover, promotes nothing; its copies arrive daily, within the 24 h RPO", () => {
    const standby = load("codemate", "prod-dr");
    const primary = load("codemate", "prod");
    assert.equal(standby.dr?.standby?.mode, "backup-restore");
    assert.deepEqual(
      storeCopies({ name: "prod", config: primary }, { name: "prod-dr", config: standby }).map((c) => [c.store, c.mechanism, c.boundMinutes, c.target.minutes]),
      [
        ["database", "backup-copy", 1440, 1440],
        ["bucket files", "backup-copy", 1440, 1440],
      ],
    );
    assert.deepEqual(checkStandbyPromotions({ name: "prod", config: primary }, { name: "prod-dr", config: standby }), []);
  });

  it("refuses compute, a failover record, promotions and a replica lifecycle on a backup-restore standby, naming each field", () => {
    const config = edited("codemate", "prod-dr", "dr", (dr) => {
      dr.failover = { domainName: "dr.code1398.io" };
      dr.promote = { database: "rds-replica", cache: "warm-empty" };
      dr.standby.tasksPerService = 1;
      dr.replica.buckets[0].lifecycle = [{ id: "expire", expirationDays: 30 }];
    });
    const lines = configIssueLines(config).filter((l) => l.startsWith("platform:dr"));
    for (const fragment of [
      "platform:dr.failover: is not set for standby.mode backup-restore",
      "platform:dr.standby.tasksPerService: must be 0 for mode backup-restore",
      "platform:dr.promote.database: must be none for standby.mode backup-restore",
      "platform:dr.promote.cache: must be none for standby.mode backup-restore",
      "platform:dr.replica.databaseBackups: applies with promote.database none only",
      "platform:dr.replica.buckets[0].lifecycle: applies to a replica bucket only",
    ]) {
      assert.ok(lines.some((l) => l.startsWith(fragment)), `${fragment}\n${lines.join("\n")}`);
    }
  });

  it("a standby whose primary does not copy to its vault, or does not back up the bucket it expects: names the primary's field", () => {
    const standby = load("codemate", "prod-dr");
    const noCopy = load("codemate", "prod", { key: "backup", edit: (b) => delete b.copyToVaultArn });
    assert.deepEqual(recoveryPointProblems({ name: "prod", config: noCopy }, { name: "prod-dr", config: standby }), [
      "prod-dr's platform:dr.replica.databaseBackups: database arrives by backup-copy, but prod does not copy its database's recovery points here: its platform:backup.copyToVaultArn must name this stack's vault codemate-prod-dr-from-prod",
      "prod-dr's platform:dr.replica.buckets[0].via: bucket files arrives by backup-copy, but prod does not copy bucket files's recovery points here: its platform:backup.copyToVaultArn must name this stack's vault codemate-prod-dr-from-prod",
    ]);
    const notBackedUp = load("codemate", "prod", { key: "storage", edit: (s) => (s.buckets[0].backup = false) });
    assert.deepEqual(recoveryPointProblems({ name: "prod", config: notBackedUp }, { name: "prod-dr", config: standby }), [
      "prod-dr's platform:dr.replica.buckets[0].via is backup-copy, but prod does not back up bucket files (platform:storage.buckets[].backup)",
    ]);
  });

  it("an RPO the chosen copy cannot meet: a daily backup for 5 minutes; S3 RTC's 15 minutes for 5", () => {
    const primary = load("codemate", "prod");
    const tight = load("codemate", "prod-dr", { key: "dr", edit: (dr) => (dr.targets = { rtoMinutes: 60, rpoMinutes: 5 }) });
    assert.deepEqual(recoveryPointProblems({ name: "prod", config: primary }, { name: "prod-dr", config: tight }), [
      "prod-dr's platform:dr.replica.databaseBackups: database by backup-copy can lose up to 1440 min (the primary's platform:backup.rules daily runs at most 1440 min apart), above platform:dr.targets.rpoMinutes 5 min; use a replica (promote.database)",
      "prod-dr's platform:dr.replica.buckets[0].via: bucket files by backup-copy can lose up to 1440 min (the primary's platform:backup.rules daily runs at most 1440 min apart), above platform:dr.targets.rpoMinutes 5 min; use replication (via: replication, S3 RTC: 15 min)",
    ]);
    const hooklabs = load("hooklabs", "prod");
    const seedTarget = load("hooklabs", "prod-dr", { key: "dr", edit: (dr) => delete dr.targets.filesRpoMinutes });
    assert.deepEqual(recoveryPointProblems({ name: "prod", config: hooklabs }, { name: "prod-dr", config: seedTarget }), [
      "prod-dr's platform:dr.replica.buckets[0].via: bucket assets by s3-replication-rtc can lose up to 15 min (S3 Replication Time Control's SLA is 15 min), above platform:dr.targets.rpoMinutes 5 min; no faster copy exists for this store: raise the target",
    ]);
  });
});
