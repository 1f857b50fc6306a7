import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDrillTargets } from "../../../automation/drill/targets";
import { runPlan } from "../../../automation/plan/index";
import { stackFilePath } from "../../../automation/plan/stack-file";
import { CapturedResource, isSecretValue, redactSecrets, renderProgram, RenderResult } from "../../../offline";
import { editSection, StandbyDrInput } from "../../helpers/config";
import { auroraPostgresGlobal, withDatabase } from "../../helpers/data-variants";
import { input, named, ofType, renderConfig, renderStack, stackConfig } from "../../helpers/stacks";
import { fixturePath } from "../../helpers/paths";

const unwrap = (value: unknown): unknown => (isSecretValue(value) ? (value as { value: unknown }).value : value);
const inPrimaryRegion = (result: RenderResult) => result.resources.filter((r) => r.custom && r.region === "ap-northeast-2" && !r.type.startsWith("pulumi:providers:"));

/** prod-dr's config with its platform:dr changed, rendered against a render of prod. */
function renderStandby(prod: RenderResult, edit: (dr: StandbyDrInput) => void): Promise<RenderResult> {
  const config = editSection("prod-dr", "dr", (dr) => edit(dr as StandbyDrInput));
  return renderConfig(config, "prod-dr", { prod: prod.asReferenced });
}

describe("dr tier: state, posture and engine variants", () => {
  let prod: RenderResult;
  let standingBy: RenderResult;
  before(async () => {
    [prod, standingBy] = await Promise.all([renderStack("prod"), renderStack("prod-dr")]);
  });

  it("replicateBack false: no reverse rule nor its role, and the drill output names none (issue 16, item 5)", async () => {
    const oneWay = await renderStandby(prod, (dr) => Object.assign(dr.replica.buckets[0], { replicateBack: false, replicateBackOffReason: "thumbnails only: regenerated after a failback" }));
    const names = (r: RenderResult) => r.resources.filter((x) => x.name.includes("replicate-back")).map((x) => x.type).sort();
    assert.deepEqual(names(oneWay), []);
    assert.deepEqual(names(standingBy), ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:s3/bucketReplicationConfig:BucketReplicationConfig"]);
    assert.equal(parseDrillTargets(oneWay.outputs, "prod-dr").files[0].reverseRuleId, undefined);
    assert.equal(parseDrillTargets(standingBy.outputs, "prod-dr").files[0].reverseRuleId, "failback");
  });

  it("serving (after a drill's promotion): inverted health check, full size, backups of its own, and nothing read from Seoul", async () => {
    const serving = await renderStandby(prod, (dr) => (dr.state = "serving"));
    // Nothing follows Seoul's secret while serving: the copy keeps the password it has.
    assert.equal(serving.resources.some((r) => r.name === "platform-prod-dr-standby-db-follow-rotation"), false);
    assert.equal(input(named(serving.resources, "aws:route53/healthCheck:HealthCheck", "platform-prod-dr-failover-primary-health"), "invertHealthcheck"), true);
    for (const [service, max] of [["frontend", 5], ["backend", 6]] as const) {
      const target = named(serving.resources, "aws:appautoscaling/target:Target", `platform-prod-dr-${service}-scaling`);
      assert.deepEqual([input(target, "minCapacity"), input(target, "maxCapacity")], [2, max]);
      const office = named(serving.resources, "aws:appautoscaling/scheduledAction:ScheduledAction", `platform-prod-dr-${service}-schedule-office-hours`);
      assert.deepEqual(input(office, "scalableTargetAction"), { minCapacity: 4, maxCapacity: max });
    }
    const replica = named(serving.resources, "aws:rds/instance:Instance", "platform-prod-dr-standby-db-replica");
    assert.deepEqual(
      ["backupRetentionPeriod", "backupWindow", "skipFinalSnapshot", "finalSnapshotIdentifier"].map((key) => input(replica, key)),
      [7, "03:00-04:00", false, "platform-prod-dr-db-final"],
    );
    assert.deepEqual(replica.options.ignoreChanges, ["replicateSourceDb"]);
    // The region may be gone: no data source is read there, and the copy keeps its last value.
    assert.deepEqual(serving.calls.filter((c) => c.region === "ap-northeast-2"), []);
    const version = named(serving.resources, "aws:secretsmanager/secretVersion:SecretVersion", "platform-prod-dr-standby-db-secret-value");
    assert.deepEqual(version.options.ignoreChanges, ["secretString"]);
    assert.ok(isSecretValue(version.inputs.secretString));
    // Flipping the state changes nothing in Seoul.
    const before = new Map(inPrimaryRegion(standingBy).map((r) => [`${r.type} ${r.name}`, JSON.stringify(redactSecrets(r.inputs))]));
    const after = new Map(inPrimaryRegion(serving).map((r) => [`${r.type} ${r.name}`, JSON.stringify(redactSecrets(r.inputs))]));
    assert.deepEqual([...after.entries()], [...before.entries()]);
    assert.equal(before.size, 4);
    assert.equal(serving.outputs.healthUrl, "https://platform-dr.example.com/api/health");
  });

  it("a warm standby runs its minimum and publishes its health URL", async () => {
    const warm = await renderStandby(prod, (dr) => (dr.standby = { mode: "warm", tasksPerService: 1 }));
    for (const service of ["frontend", "backend"]) {
      const target = named(warm.resources, "aws:appautoscaling/target:Target", `platform-prod-dr-${service}-scaling`);
      assert.deepEqual([input(target, "minCapacity"), input(target, "maxCapacity")], [1, 1]);
      assert.equal(input(named(warm.resources, "aws:ecs/service:Service", `platform-prod-dr-${service}-service`), "desiredCount"), 1);
    }
    assert.equal(warm.outputs.healthUrl, "https://platform-dr.example.com/api/health");
  });

  it("an Aurora primary: a global database secondary in Tokyo that ignores what a switchover changes", async () => {
    const auroraProd = await renderConfig(withDatabase("prod", auroraPostgresGlobal), "prod");
    const standby = await renderStandby(auroraProd, (dr) => {
      dr.promote.database = "aurora-global";
      dr.replica.database = {
        engine: "aurora-postgresql",
        engineVersion: "16.6",
        instanceClass: "db.r6g.large",
        readers: [{ name: "replica" }],
        backupRetentionDays: 7,
        backupWindow: "03:00-04:00",
        maintenanceWindow: "mon:04:00-mon:05:00",
        performanceInsights: true,
        logExports: ["postgresql"],
      };
    });
    assert.equal(ofType(standby.resources, "aws:rds/instance:Instance").length, 0);
    const global = named(auroraProd.resources, "aws:rds/globalCluster:GlobalCluster", "platform-prod-db-global");
    const cluster = named(standby.resources, "aws:rds/cluster:Cluster", "platform-prod-dr-standby-db-cluster");
    const dataKey = named(standby.resources, "aws:kms/key:Key", "platform-prod-dr-data").state.arn;
    assert.equal(cluster.region, "ap-northeast-1");
    assert.deepEqual(
      ["globalClusterIdentifier", "engine", "engineVersion", "kmsKeyId", "storageEncrypted", "masterUsername", "masterPassword", "databaseName", "deletionProtection"].map((key) => input(cluster, key)),
      [global.id, "aurora-postgresql", "16.6", dataKey, true, undefined, undefined, undefined, true],
    );
    assert.deepEqual(cluster.options.ignoreChanges, ["globalClusterIdentifier", "replicationSourceIdentifier"]);
    assert.equal(cluster.options.protect, true);
    assert.deepEqual(input(cluster, "vpcSecurityGroupIds"), [named(standby.resources, "aws:ec2/securityGroup:SecurityGroup", "platform-prod-dr-database").id]);
    const params = named(standby.resources, "aws:rds/clusterParameterGroup:ClusterParameterGroup", "platform-prod-dr-standby-db-params");
    assert.equal(input(cluster, "dbClusterParameterGroupName"), params.state.name);
    assert.deepEqual([input(params, "family"), input<{ name: string; value: string }[]>(params, "parameters")[0].name], ["aurora-postgresql16", "rds.force_ssl"]);
    const members = ofType(standby.resources, "aws:rds/clusterInstance:ClusterInstance");
    assert.deepEqual(
      members.map((m: CapturedResource) => [m.name, input(m, "clusterIdentifier"), input(m, "instanceClass"), input(m, "promotionTier"), m.options.protect]),
      [
        ["platform-prod-dr-standby-db-primary", cluster.id, "db.r6g.large", 0, true],
        ["platform-prod-dr-standby-db-reader-replica", cluster.id, "db.r6g.large", 1, false],
      ],
    );
    const copy = JSON.parse(String(unwrap(named(standby.resources, "aws:secretsmanager/secretVersion:SecretVersion", "platform-prod-dr-standby-db-secret-value").inputs.secretString)));
    assert.equal(copy.host, cluster.state.endpoint);
    const targets = parseDrillTargets(standby.outputs, "prod-dr");
    assert.deepEqual(targets.database, {
      strategy: "aurora-global",
      globalClusterIdentifier: "platform-prod-db-global",
      primary: { clusterIdentifier: "platform-prod-db", clusterArn: "arn:aws:rds:ap-northeast-2:123456789012:cluster:platform-prod-db" },
      standby: { clusterIdentifier: "platform-prod-dr-db", clusterArn: "arn:aws:rds:ap-northeast-1:123456789012:cluster:platform-prod-dr-db" },
    });
  });

  it("fails the update with what to do when prod lacks an output the standby reads", async () => {
    const stale = { ...prod.asReferenced, outputs: Object.fromEntries(Object.entries(prod.asReferenced.outputs).filter(([key]) => key !== "albHttpsListenerArn")) };
    await assert.rejects(renderConfig(stackConfig("prod-dr"), "prod-dr", { prod: stale }), /error serializing property "listenerArn": stack prod has no 'albHttpsListenerArn' output, which the standby reads: roll prod out first \(npm run rollout -- --stacks prod\)/);
  });
});

describe("dr tier: prod renders as before", () => {
  it("has no dr tier, no StackReference and nothing outside Seoul (and us-east-1 for CloudFront)", async () => {
    const prod = await renderStack("prod");
    assert.equal(prod.resources.filter((r) => r.type.startsWith("platform:dr:") || r.type === "pulumi:pulumi:StackReference").length, 0);
    assert.deepEqual([...new Set(prod.resources.filter((r) => r.custom).map((r) => r.region))].sort(), ["ap-northeast-2", "us-east-1"]);
    // Its outputs: what it had, plus what the standby reads of its ALB and health (albZoneId,
    // albHttpsListenerArn, healthUrl), each bucket's encryption and its account (the standby checks it shares it).
    assert.deepEqual(Object.keys(prod.outputs), [
      "region", "accountId", "vpcId", "publicSubnetIds", "appSubnetIds", "dataSubnetIds", "securityGroupIds", "kmsKeyArns", "database", "cache", "logBucket", "buckets", "repositories",
      "urls", "albDnsName", "albZoneId", "albHttpsListenerArn", "cloudFrontDomainName", "cloudFrontDistributionId", "ecsClusterName", "ecsServices", "healthUrl",
    ]);
    assert.deepEqual((prod.outputs.buckets as Record<string, { encryption: string }>).files.encryption, "kms");
    assert.deepEqual(prod.asReferenced.secretOutputNames, [], "no secret in prod's outputs");
  });
});

describe("mock cloud: a StackReference reads a rendered stack", () => {
  const programPath = fixturePath("stack-reference");
  const primary = { qualifiedName: "organization/fixture/primary", outputs: { region: "ap-northeast-2", password: "hunter2" }, secretOutputNames: ["password"], secretValues: {} };

  it("keeps the referenced stack's secret outputs secret", async () => {
    const result = await renderProgram({ project: "fixture", stack: "standby", config: { "aws:region": "ap-northeast-1" }, programPath, stacks: { primary } });
    assert.equal(result.outputs.region, "ap-northeast-2");
    assert.deepEqual(result.outputs.password, { secret: true });
    assert.deepEqual(result.asReferenced.secretOutputNames, ["password"]);
    assert.ok(!JSON.stringify(result.outputs).includes("hunter2"));
  });

  it("fails the render for a stack that was not rendered, naming what it has", async () => {
    await assert.rejects(
      renderProgram({ project: "fixture", stack: "standby", config: { "aws:region": "ap-northeast-1" }, programPath, stacks: { other: { ...primary, qualifiedName: "organization/fixture/other" } } }),
      /no stack organization\/fixture\/primary in the state backend \(rendered before this one: organization\/fixture\/other\)/,
    );
  });
});

describe("plan: a standby stack", () => {
  it("npm run plan -- prod-dr renders prod first, then prod-dr with its dr tier", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-dr-"));
    const lines: string[] = [];
    const run = await runPlan({ file: stackFilePath("prod-dr"), outRoot: out, log: (l) => lines.push(l) });
    assert.equal(run.exitCode, 0, lines.join("\n"));
    assert.ok(lines[0].startsWith("prod-dr stands by for prod: rendering"), lines[0]);
    assert.match(lines[1], /^Stack prod-dr \(ap-northeast-1\): \d+ resources \(and \d+ components\)$/);
    assert.ok(lines.some((l) => /^\s+dr\s+\d+\s+/.test(l)), "the dr tier has its line");
    const plan = fs.readFileSync(path.join(out, "prod-dr", "plan.json"), "utf8");
    assert.ok(plan.includes("aws:s3/bucketReplicationConfig:BucketReplicationConfig"));
  });
});
