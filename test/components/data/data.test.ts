import { strict as assert } from "assert";
import { planJson } from "../../../automation/plan/index";
import { CapturedResource, isSecretValue, RenderResult } from "../../../offline";
import { outputsOf } from "../../helpers/outputs";
import { accountOf, input, named, ofType, renderStack } from "../../helpers/stacks";

const T = {
  instance: "aws:rds/instance:Instance",
  parameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheParameterGroup: "aws:elasticache/parameterGroup:ParameterGroup",
  cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
  secret: "aws:secretsmanager/secret:Secret",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  password: "random:index/randomPassword:RandomPassword",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
};

/** Per stack, from the seeds (001 dev and prod, 003 prod windows; staging between). */
const expected = {
  dev: { instanceClass: "db.t4g.micro", storageGb: 20, maxStorageGb: undefined, multiAz: false, backupDays: 3, insights: false, logs: [] as string[], protect: false, cacheNodes: 1, snapshotDays: 1 },
  staging: { instanceClass: "db.t4g.small", storageGb: 20, maxStorageGb: 50, multiAz: false, backupDays: 5, insights: true, logs: ["postgresql", "upgrade"], protect: false, cacheNodes: 1, snapshotDays: 1 },
  prod: { instanceClass: "db.t4g.small", storageGb: 50, maxStorageGb: 100, multiAz: true, backupDays: 7, insights: true, logs: ["postgresql", "upgrade"], protect: true, cacheNodes: 2, snapshotDays: 5 },
};

const dataTier = (r: CapturedResource, resources: readonly CapturedResource[]) => {
  const parent = resources.find((p) => p.urn === r.parent);
  return parent !== undefined && parent.type.startsWith("platform:data:");
};

/** Every generated password and token of a render, to search outputs and plans for. */
function generatedValues(result: RenderResult): string[] {
  return ofType(result.resources, T.password).map((p) => String(p.state.result));
}

describe("data tier", () => {
  for (const stack of ["dev", "staging", "prod"] as const) {
    describe(stack, () => {
      const want = expected[stack];

      it("registers one PostgreSQL instance, one Redis group, their groups, secrets and log groups", async () => {
        const { resources } = await renderStack(stack);
        const counts = Object.fromEntries(Object.entries(T).map(([key, type]) => [key, ofType(resources, type).filter((r) => dataTier(r, resources)).length]));
        assert.deepEqual(counts, {
          instance: 1,
          parameterGroup: 1,
          subnetGroup: 1,
          replicationGroup: 1,
          cacheParameterGroup: 1,
          cacheSubnetGroup: 1,
          secret: 2,
          secretVersion: 2,
          password: 2,
          logGroup: want.logs.length,
          ingress: 0,
        });
      });

      it("sizes the database per the seeds: class, storage, Multi-AZ, backups, insights", async () => {
        const { resources } = await renderStack(stack);
        const db = named(resources, T.instance, `platform-${stack}-db-instance`);
        assert.equal(input(db, "instanceClass"), want.instanceClass);
        assert.equal(input(db, "allocatedStorage"), want.storageGb);
        assert.equal(input(db, "maxAllocatedStorage"), want.maxStorageGb);
        assert.equal(input(db, "storageType"), "gp3");
        assert.equal(input(db, "multiAz"), want.multiAz);
        assert.equal(input(db, "backupRetentionPeriod"), want.backupDays);
        assert.equal(input(db, "performanceInsightsEnabled"), want.insights);
        assert.deepEqual(input(db, "enabledCloudwatchLogsExports"), want.logs);
        assert.equal(input(db, "engine"), "postgres");
        assert.equal(input(db, "engineVersion"), "16");
        if (stack === "prod") {
          // Seed 003's windows and Performance Insights retention.
          assert.equal(input(db, "backupWindow"), "03:00-04:00");
          assert.equal(input(db, "maintenanceWindow"), "mon:04:00-mon:05:00");
          assert.equal(input(db, "performanceInsightsRetentionPeriod"), 7);
        }
      });

      it("encrypts with the data key, stays private behind the database group, and forces TLS", async () => {
        const result = await renderStack(stack);
        const { resources } = result;
        const dataKey = outputsOf(result).kmsKeyArns.data;
        const db = named(resources, T.instance, `platform-${stack}-db-instance`);
        assert.equal(input(db, "storageEncrypted"), true);
        assert.equal(input(db, "kmsKeyId"), dataKey);
        assert.equal(input(db, "publiclyAccessible"), false);
        assert.deepEqual(input(db, "vpcSecurityGroupIds"), [outputsOf(result).securityGroupIds.database]);
        if (want.insights) assert.equal(input(db, "performanceInsightsKmsKeyId"), dataKey);
        const subnets = named(resources, T.subnetGroup, `platform-${stack}-db-subnets`);
        assert.deepEqual(input(subnets, "subnetIds"), outputsOf(result).dataSubnetIds);
        assert.equal(input(db, "dbSubnetGroupName"), input(subnets, "name"));
        const params = named(resources, T.parameterGroup, `platform-${stack}-db-params`);
        assert.equal(input(params, "family"), "postgres16");
        assert.equal(input(db, "parameterGroupName"), input(params, "name"));
        assert.deepEqual(input(params, "parameters"), [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }]);
      });

      it("keeps the exported logs with the stack's retention and the logs key", async () => {
        const result = await renderStack(stack);
        const groups = ofType(result.resources, T.logGroup).filter((r) => dataTier(r, result.resources));
        assert.deepEqual(groups.map((g) => input(g, "name")).sort(), want.logs.map((l) => `/aws/rds/instance/platform-${stack}-db/${l}`).sort());
        for (const group of groups) assert.equal(input(group, "kmsKeyId"), outputsOf(result).kmsKeyArns.logs);
      });

      it(`is ${want.protect ? "protected: deletion protection, final snapshot, pulumi protect" : "disposable: no protection, no final snapshot"}`, async () => {
        const { resources } = await renderStack(stack);
        const db = named(resources, T.instance, `platform-${stack}-db-instance`);
        const cache = named(resources, T.replicationGroup, `platform-${stack}-cache-group`);
        assert.equal(input(db, "deletionProtection"), want.protect);
        assert.equal(input(db, "skipFinalSnapshot"), !want.protect);
        assert.equal(input(db, "finalSnapshotIdentifier"), want.protect ? `platform-${stack}-db-final` : undefined);
        assert.equal(input(db, "deleteAutomatedBackups"), !want.protect);
        assert.equal(input(cache, "finalSnapshotIdentifier"), want.protect ? `platform-${stack}-cache-final` : undefined);
        for (const resource of [db, cache, ...ofType(resources, T.secret)]) assert.equal(resource.options.protect, want.protect, resource.name);
        for (const secret of ofType(resources, T.secret)) assert.equal(input(secret, "recoveryWindowInDays"), want.protect ? 30 : 0);
      });

      it("generates the master password into a KMS-encrypted secret and passes it only as a secret", async () => {
        const result = await renderStack(stack);
        const { resources } = result;
        const db = named(resources, T.instance, `platform-${stack}-db-instance`);
        assert.ok(isSecretValue(db.inputs.password), "the password input is a secret");
        const secret = named(resources, T.secret, `platform-${stack}-db-secret`);
        assert.equal(input(secret, "name"), `platform/${stack}/database`);
        assert.equal(input(secret, "kmsKeyId"), outputsOf(result).kmsKeyArns.data);
        const version = named(resources, T.secretVersion, `platform-${stack}-db-secret-value`);
        assert.ok(isSecretValue(version.inputs.secretString), "the secret's value is a secret input");
        const stored = JSON.parse(String(version.state.secretString));
        const password = named(resources, T.password, `platform-${stack}-db-password`).state.result;
        assert.deepEqual(stored, { engine: "postgres", host: db.state.address, port: 5432, username: "dbadmin", password, dbname: "app" });
        assert.equal(outputsOf(result).database!.secretArn, secret.state.arn);
      });

      it("runs Redis 7 encrypted at rest and in transit with an AUTH token from Secrets Manager", async () => {
        const result = await renderStack(stack);
        const { resources } = result;
        const cache = named(resources, T.replicationGroup, `platform-${stack}-cache-group`);
        assert.equal(input(cache, "engine"), "redis");
        assert.equal(input(cache, "engineVersion"), "7.1");
        assert.equal(input(cache, "atRestEncryptionEnabled"), true);
        assert.equal(input(cache, "kmsKeyId"), outputsOf(result).kmsKeyArns.data);
        assert.equal(input(cache, "transitEncryptionEnabled"), true);
        assert.equal(input(cache, "transitEncryptionMode"), "required");
        assert.ok(isSecretValue(cache.inputs.authToken), "the AUTH token input is a secret");
        assert.deepEqual(input(cache, "securityGroupIds"), [outputsOf(result).securityGroupIds.cache]);
        assert.deepEqual(input(named(resources, T.cacheSubnetGroup, `platform-${stack}-cache-subnets`), "subnetIds"), outputsOf(result).dataSubnetIds);
        assert.equal(input(cache, "snapshotRetentionLimit"), want.snapshotDays);
        assert.equal((cache.state.memberClusters as string[]).length, want.cacheNodes);
        const token = named(resources, T.password, `platform-${stack}-cache-password`).state.result;
        const stored = JSON.parse(String(named(resources, T.secretVersion, `platform-${stack}-cache-secret-value`).state.secretString));
        assert.deepEqual(stored, { authToken: token, host: outputsOf(result).cache!.endpoint, port: 6379 });
        assert.equal(input(named(resources, T.secret, `platform-${stack}-cache-secret`), "name"), `platform/${stack}/redis-auth`);
      });

      it("exports endpoints, ports and secret ARNs, and no secret value", async () => {
        const result = await renderStack(stack);
        const { database, cache } = outputsOf(result);
        assert.ok(database && cache, "the stack exports its data tier");
        assert.equal(database.engine, "postgres");
        assert.match(database.endpoint, new RegExp(`^platform-${stack}-db\\.[a-z0-9]{12}\\.ap-northeast-2\\.rds\\.amazonaws\\.com$`));
        assert.equal(database.port, 5432);
        assert.match(database.secretArn, new RegExp(`^arn:aws:secretsmanager:ap-northeast-2:${accountOf(stack)}:secret:platform/${stack}/database-[A-Za-z0-9]{6}$`));
        assert.equal(database.identifier, `platform-${stack}-db`);
        assert.equal(cache.port, 6379);
        assert.equal(cache.replicationGroupId, `platform-${stack}-cache`);
        assert.match(cache.authSecretArn, /:secret:platform\/.*\/redis-auth-[A-Za-z0-9]{6}$/);
        const text = JSON.stringify(result.outputs);
        for (const value of generatedValues(result)) assert.ok(!text.includes(value), "a generated secret reached the stack outputs");
      });

      it("redacts every secret input in plan.json", async () => {
        const result = await renderStack(stack);
        const plan = planJson({ stack, region: result.region, resources: result.resources, outputs: result.outputs });
        const inputsOf = (name: string) => plan.resources.find((r) => r.name === name)?.inputs as Record<string, unknown>;
        assert.equal(inputsOf(`platform-${stack}-db-instance`).password, "[secret]");
        assert.equal(inputsOf(`platform-${stack}-cache-group`).authToken, "[secret]");
        assert.equal(inputsOf(`platform-${stack}-db-secret-value`).secretString, "[secret]");
        assert.equal(inputsOf(`platform-${stack}-cache-secret-value`).secretString, "[secret]");
        const text = JSON.stringify(plan);
        for (const value of generatedValues(result)) assert.ok(!text.includes(value), "a generated secret reached plan.json");
      });
    });
  }

  it("dev runs a single Redis node: no failover, no Multi-AZ (seed 001 dev)", async () => {
    const { resources } = await renderStack("dev");
    const cache = named(resources, T.replicationGroup, "platform-dev-cache-group");
    assert.equal(input(cache, "clusterMode"), "disabled");
    assert.equal(input(cache, "numCacheClusters"), 1);
    assert.equal(input(cache, "automaticFailoverEnabled"), false);
    assert.equal(input(cache, "multiAzEnabled"), false);
    assert.deepEqual(input(named(resources, T.cacheParameterGroup, "platform-dev-cache-params"), "parameters"), [
      { name: "cluster-enabled", value: "no" },
      { name: "maxmemory-policy", value: "volatile-lru" },
    ]);
  });

  it("prod runs Redis in cluster mode, one replica per shard, Multi-AZ with failover (seed 001 prod)", async () => {
    const result = await renderStack("prod");
    const cache = named(result.resources, T.replicationGroup, "platform-prod-cache-group");
    assert.equal(input(cache, "clusterMode"), "enabled");
    assert.equal(input(cache, "numNodeGroups"), 1);
    assert.equal(input(cache, "replicasPerNodeGroup"), 1);
    assert.equal(input(cache, "numCacheClusters"), undefined);
    assert.equal(input(cache, "automaticFailoverEnabled"), true);
    assert.equal(input(cache, "multiAzEnabled"), true);
    assert.equal(input<{ value: string }[]>(named(result.resources, T.cacheParameterGroup, "platform-prod-cache-params"), "parameters")[0].value, "yes");
    assert.match(outputsOf(result).cache!.endpoint, /^clustercfg\.platform-prod-cache\.[a-z0-9]{6}\.apn2\.cache\.amazonaws\.com$/);
  });

  it("prod-dr has no data tier of its own: its stores are the dr tier's copies of prod's", async () => {
    const result = await renderStack("prod-dr");
    const ours = (r: CapturedResource) => dataTier(r, result.resources);
    // The standby's own cache (warm-empty) is a data-tier Cache, built by and under the dr tier.
    for (const type of [T.instance, "aws:rds/cluster:Cluster"]) assert.equal(ofType(result.resources, type).filter(ours).length, 0, type);
    const [replica] = ofType(result.resources, T.instance);
    assert.equal(replica.name, "platform-prod-dr-standby-db-replica");
    const cache = named(result.resources, T.replicationGroup, "platform-prod-dr-cache-group");
    const component = result.resources.find((r) => r.urn === cache.parent)!;
    assert.equal(component.type, "platform:data:Cache");
    assert.equal(result.resources.find((r) => r.urn === component.parent)?.type, "platform:dr:Standby");
    assert.equal(outputsOf(result).database, undefined);
    assert.equal(outputsOf(result).cache, undefined);
  });

  it("opens the database group on the engine's port only", async () => {
    const { resources } = await renderStack("prod");
    const rules = ofType(resources, T.ingress).filter((r) => r.name.startsWith("platform-prod-database-in-"));
    assert.deepEqual(rules.map((r) => [r.name, input(r, "fromPort"), input(r, "toPort")]).sort(), [
      ["platform-prod-database-in-bastion", 5432, 5432],
      ["platform-prod-database-in-ecs-backend", 5432, 5432],
    ]);
  });
});
