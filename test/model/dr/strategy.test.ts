import { strict as assert } from "assert";
import { parsePrimaryOutput } from "../../../components/dr/primary";
import { standbyNodeGroup, standbySize } from "../../../model/dr/standby-size";
import { checkStandbyPromotions } from "../../../model/dr/strategy";
import { loadStacks, StackInfo } from "../../../automation/stacks/catalog";

type Config = StackInfo["config"];
const pair = () => loadStacks(["prod", "prod-dr"]);
/** The problems of prod-dr against prod, with either config changed. */
function problems(change: { prod?: (c: Config) => Config; standby?: (c: Config) => Config }): string[] {
  const stacks = pair();
  const prod = stacks.get("prod")!;
  const standby = stacks.get("prod-dr")!;
  return checkStandbyPromotions({ ...prod, config: (change.prod ?? ((c) => c))(prod.config) }, { ...standby, config: (change.standby ?? ((c) => c))(standby.config) });
}
const withReplica = (c: Config, replica: Partial<NonNullable<NonNullable<Config["dr"]>["replica"]>>): Config => ({ ...c, dr: { ...c.dr!, replica: { ...c.dr!.replica!, ...replica } } });

describe("dr: a standby against its primary (rollout and drill, offline)", () => {
  it("prod-dr fits prod", () => {
    assert.deepEqual(problems({}), []);
  });

  it("replicates the primary's engine at its major version (RDS) or exact version (Aurora)", () => {
    const database = pair().get("prod-dr")!.config.dr!.replica!.database!;
    assert.deepEqual(problems({ standby: (c) => withReplica(c, { database: { ...database, engineVersion: "15" } }) }), [
      "prod-dr's platform:dr.replica.database.engineVersion is 15, but prod runs 16 (a replica runs its source's major version)",
    ]);
    assert.deepEqual(problems({ standby: (c) => withReplica(c, { database: { ...database, engineVersion: "16.4" } }) }), []);
    const aurora = { ...database, engine: "aurora-postgresql", engineVersion: "16.4", readers: [] };
    const auroraPrimary = (c: Config): Config => ({ ...c, data: { ...c.data!, database: { ...c.data!.database, engine: "aurora-postgresql", engineVersion: "16.6", globalDatabase: true } as never } });
    const auroraStandby = (c: Config): Config => ({ ...withReplica(c, { database: aurora as never }), dr: { ...withReplica(c, { database: aurora as never }).dr!, promote: { database: "aurora-global", cache: "warm-empty" } } });
    assert.deepEqual(problems({ prod: auroraPrimary, standby: auroraStandby }), [
      "prod-dr's platform:dr.replica.database.engineVersion is 16.4, but prod runs 16.6 (a replica runs its source's exact version)",
    ]);
    assert.deepEqual(problems({ standby: (c) => withReplica(c, { database: aurora as never }) }), ["prod-dr's platform:dr.replica.database.engine is aurora-postgresql, but prod's database is postgres"]);
  });

  it("copies exactly the buckets the primary marks replicate", () => {
    assert.deepEqual(problems({ standby: (c) => withReplica(c, { buckets: [] }) }), ["prod marks bucket files replicate, but prod-dr's platform:dr.replica.buckets has no entry for it"]);
    assert.deepEqual(problems({ standby: (c) => withReplica(c, { buckets: [{ name: "files", lifecycle: [], via: "replication" }, { name: "uploads", lifecycle: [], via: "replication" }] }) }), [
      "prod-dr's platform:dr.replica.buckets lists uploads, which prod does not mark replicate (platform:storage.buckets)",
    ]);
  });

  it("holds the primary's repositories under the primary's namespace", () => {
    const storage = (c: Config, change: Partial<Config["storage"]>): Config => ({ ...c, storage: { ...c.storage, ...change } });
    assert.deepEqual(problems({ standby: (c) => storage(c, { repositoryNamespace: undefined }) }), [
      "prod-dr's platform:storage.repositoryNamespace is platform-prod-dr, but ECR replication keeps prod's names (platform-prod/...): set it to platform-prod",
    ]);
    assert.deepEqual(problems({ standby: (c) => storage(c, { repositories: c.storage.repositories.filter((r) => r.name !== "backend") }) }), [
      "prod-dr's platform:storage.repositories lacks backend: prod's images replicate into repositories of the same name",
    ]);
  });

  it("keeps the failover name apart from the primary's names, in the zone both edges use", () => {
    const failover = (domainName: string) => (c: Config): Config => ({ ...c, dr: { ...c.dr!, failover: { domainName } } });
    assert.deepEqual(problems({ standby: failover("origin.platform.example.com") }), [
      "prod-dr's platform:dr.failover.domainName origin.platform.example.com is one of prod's own names: the failover name needs records of its own",
    ]);
    assert.deepEqual(problems({ prod: (c) => ({ ...c, edge: { ...c.edge!, zone: { name: "platform.example.com", mode: "lookup" } } }) }), [
      "prod and prod-dr use different hosted zones (platform.example.com, example.com): the failover records need one zone for both",
    ]);
    assert.deepEqual(problems({ prod: (c) => ({ ...c, edge: undefined }) }), ["prod has no platform:edge: the failover record's PRIMARY answers with its load balancer"]);
  });
});

describe("dr: the standby's service size", () => {
  const scaling = { min: 2, desired: 2, max: 5, cpuTargetPercent: 70, schedules: [{ name: "office-hours", cron: "0 9 ? * MON-FRI *", timezone: "Asia/Seoul", minCapacity: 4 }] };

  it("is the posture's size while standing by, schedules held to it", () => {
    assert.deepEqual(standbySize(scaling, "standby", 0), { ...scaling, min: 0, desired: 0, max: 0, schedules: [{ ...scaling.schedules[0], minCapacity: 0, maxCapacity: 0 }] });
    assert.deepEqual(standbySize(scaling, "standby", 1), { ...scaling, min: 1, desired: 1, max: 1, schedules: [{ ...scaling.schedules[0], minCapacity: 1, maxCapacity: 1 }] });
  });

  it("is the configured size while serving", () => {
    assert.equal(standbySize(scaling, "serving", 0), scaling);
  });
});

describe("dr: an EKS standby's node group", () => {
  const group = { instanceTypes: ["t3.medium"], minSize: 2, desiredSize: 2, maxSize: 6 };

  it("holds nodesPerGroup nodes while standing by, and keeps maxSize for the Cluster Autoscaler", () => {
    assert.deepEqual(standbyNodeGroup(group, "standby", 1), { ...group, minSize: 1, desiredSize: 1, maxSize: 6 });
  });

  it("is the configured size while serving, or without nodesPerGroup", () => {
    assert.equal(standbyNodeGroup(group, "serving", 1), group);
    assert.equal(standbyNodeGroup(group, "standby", undefined), group);
  });
});

describe("dr: reading the primary's outputs", () => {
  it("names a missing output and what to do", () => {
    assert.throws(() => parsePrimaryOutput("prod", "healthUrl", undefined), /^Error: stack prod has no 'healthUrl' output, which the standby reads: roll prod out first \(npm run rollout -- --stacks prod\)$/);
  });

  it("names what is wrong in an output of the wrong shape", () => {
    assert.throws(
      () => parsePrimaryOutput("prod", "database", { engine: "oracle", identifier: "x", arn: "nope", secretArn: "arn:aws:secretsmanager:x", port: 5432 }),
      /stack prod's 'database' output is not what the standby reads \(database\.engine: Invalid enum value.*; database\.arn: must be an ARN\)/,
    );
    assert.deepEqual(parsePrimaryOutput("prod", "region", "ap-northeast-2"), "ap-northeast-2");
  });
});
