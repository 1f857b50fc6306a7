import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import { backupRetention, deletionProtection, finalSnapshot, isReplica, multiAz, noPlaintextSecrets, s3Versioning, secretLikeName } from "../../../policies/rules/data-protection";
import { res, validate, validateStack } from "../../helpers/policy";

const protect = { opts: { protect: true } };

describe("policy: data protection", () => {
  it("treats read replicas and Aurora global secondaries as replicas", () => {
    assert.ok(isReplica(res(T.rdsInstance, "r", { replicateSourceDb: "arn:aws:rds:ap-northeast-2:1:db:platform-prod-db" })));
    assert.ok(isReplica(res(T.rdsCluster, "secondary", { globalClusterIdentifier: "g", engine: "aurora-postgresql" })));
    assert.ok(!isReplica(res(T.rdsCluster, "primary", { globalClusterIdentifier: "g", masterUsername: "app" })));
  });

  describe("deletion-protection", () => {
    it("passes protected databases, load balancers, and stores without force-destroy", async () => {
      for (const r of [
        res(T.rdsInstance, "db", { deletionProtection: true }, protect),
        res(T.rdsCluster, "aurora", { deletionProtection: true }, protect),
        res(T.loadBalancer, "alb", { enableDeletionProtection: true }),
        res(T.bucket, "files", { forceDestroy: false }),
        res(T.ecrRepository, "api", {}),
        res(T.backupVault, "vault", {}),
        res(T.secret, "db", { recoveryWindowInDays: 7 }),
      ]) {
        assert.deepEqual((await validate(deletionProtection, r)).violations, [], r.name);
      }
    });
    it("fails each way a store can be deleted by accident", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [res(T.rdsInstance, "db", {}), ["deletionProtection is off", "the `protect` resource option is off: `pulumi destroy` or a replacement would delete the database"]],
        [res(T.rdsCluster, "aurora", { deletionProtection: true }), ["the `protect` resource option is off: `pulumi destroy` or a replacement would delete the database"]],
        [res(T.albLoadBalancer, "alb", {}), ["enableDeletionProtection is off"]],
        [res(T.bucket, "files", { forceDestroy: true }), ["forceDestroy lets destroy delete the contents"]],
        [res(T.ecrRepository, "api", { forceDelete: true }), ["forceDelete lets destroy delete the repository with its images"]],
        [res(T.backupVault, "vault", { forceDestroy: true }), ["forceDestroy lets destroy delete the contents"]],
        [res(T.secret, "db", { recoveryWindowInDays: 0 }), ["recoveryWindowInDays 0 deletes the secret without a recovery window"]],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(deletionProtection, r)).violations, expected, r.name);
    });
  });

  describe("final-snapshot", () => {
    it("passes named final snapshots and skips replicas", async () => {
      for (const r of [
        res(T.rdsInstance, "db", { skipFinalSnapshot: false, finalSnapshotIdentifier: "platform-prod-db-final" }),
        res(T.cacheReplicationGroup, "redis", { finalSnapshotIdentifier: "platform-prod-redis-final" }),
        res(T.rdsInstance, "replica", { replicateSourceDb: "db", skipFinalSnapshot: true }),
      ]) {
        assert.deepEqual((await validate(finalSnapshot, r)).violations, [], r.name);
      }
    });
    it("fails skipped or unnamed final snapshots", async () => {
      assert.deepEqual((await validate(finalSnapshot, res(T.rdsCluster, "aurora", { skipFinalSnapshot: true }))).violations, ["skipFinalSnapshot is on: deleting it loses the data"]);
      assert.deepEqual((await validate(finalSnapshot, res(T.rdsInstance, "db", {}))).violations, ["no finalSnapshotIdentifier: set one so deletion leaves a snapshot"]);
      assert.deepEqual((await validate(finalSnapshot, res(T.cacheReplicationGroup, "redis", {}))).violations, ["no finalSnapshotIdentifier: set one so deletion leaves a snapshot"]);
    });
  });

  describe("backup-retention", () => {
    it("passes 7+ days for databases and plans and seed 001's 5-day Redis snapshots", async () => {
      for (const r of [
        res(T.rdsInstance, "db", { backupRetentionPeriod: 7 }),
        res(T.rdsCluster, "aurora", { backupRetentionPeriod: 14 }),
        res(T.cacheReplicationGroup, "redis", { snapshotRetentionLimit: 5 }),
        res(T.backupPlan, "plan", { rules: [{ ruleName: "daily", lifecycle: { deleteAfter: 30 }, copyActions: [{ destinationVaultArn: "v", lifecycle: { deleteAfter: 30 } }] }] }),
      ]) {
        assert.deepEqual((await validate(backupRetention, r)).violations, [], r.name);
      }
    });
    it("fails short or missing retention, and honours the rule's config", async () => {
      assert.deepEqual((await validate(backupRetention, res(T.rdsInstance, "db", { backupRetentionPeriod: 3 }))).violations, ["backupRetentionPeriod 3: keep at least 7 days"]);
      assert.deepEqual((await validate(backupRetention, res(T.rdsCluster, "aurora", {}))).violations, ["backupRetentionPeriod unset (AWS default): keep at least 7 days"]);
      assert.deepEqual((await validate(backupRetention, res(T.cacheReplicationGroup, "redis", { snapshotRetentionLimit: 0 }))).violations, ["snapshotRetentionLimit 0: keep at least 1 days"]);
      assert.deepEqual((await validate(backupRetention, res(T.backupPlan, "plan", { rules: [{ ruleName: "daily", lifecycle: { deleteAfter: 3 } }] }))).violations, [
        "rule daily deletes recovery points after 3 days (minimum 7)",
      ]);
      assert.deepEqual((await validate(backupRetention, res(T.rdsInstance, "db", { backupRetentionPeriod: 7 }), { minDays: 14 })).violations, ["backupRetentionPeriod 7: keep at least 14 days"]);
    });
  });

  describe("multi-az", () => {
    it("passes Multi-AZ RDS, Redis with a replica and failover, and Aurora with a reader", async () => {
      assert.deepEqual((await validate(multiAz, res(T.rdsInstance, "db", { multiAz: true }))).violations, []);
      assert.deepEqual((await validate(multiAz, res(T.cacheReplicationGroup, "redis", { multiAzEnabled: true, automaticFailoverEnabled: true, numCacheClusters: 2 }))).violations, []);
      const cluster = res(T.rdsCluster, "aurora", { clusterIdentifier: "platform-prod-aurora", masterUsername: "app" });
      const member = (n: string) => res(T.rdsClusterInstance, n, { clusterIdentifier: "platform-prod-aurora" });
      assert.deepEqual((await validateStack(multiAz, [cluster, member("writer"), member("reader")])).violations, []);
    });
    it("fails single-AZ stores", async () => {
      assert.deepEqual((await validate(multiAz, res(T.rdsInstance, "db", {}))).violations, ["single-AZ database: set multiAz: true"]);
      assert.deepEqual((await validate(multiAz, res(T.cacheReplicationGroup, "redis", { numCacheClusters: 1 }))).violations, [
        "cache without Multi-AZ automatic failover: set multiAzEnabled and automaticFailoverEnabled",
        "no replica to fail over to: numCacheClusters >= 2 or replicasPerNodeGroup >= 1",
      ]);
      const cluster = res(T.rdsCluster, "aurora", { clusterIdentifier: "platform-prod-aurora", masterUsername: "app" });
      assert.deepEqual((await validateStack(multiAz, [cluster, res(T.rdsClusterInstance, "writer", { clusterIdentifier: "platform-prod-aurora" })])).violations, [
        "Aurora cluster aurora has 1 instance(s): add a reader in another zone",
      ]);
    });
  });

  describe("s3-versioning", () => {
    const files = res(T.bucket, "files", { id: "files-1", bucket: "files-1", arn: "arn:aws:s3:::files-1" });
    const logs = res(T.bucket, "logs", { id: "logs-1", bucket: "logs-1", arn: "arn:aws:s3:::logs-1" });
    it("passes a versioned data bucket and an unversioned log bucket (target of access logs)", async () => {
      const resources = [
        files,
        logs,
        res(T.bucketVersioning, "files-versioning", { bucket: "files-1", versioningConfiguration: { status: "Enabled" } }),
        res(T.bucketLogging, "files-access-logs", { bucket: "files-1", targetBucket: "logs-1", targetPrefix: "files/" }),
      ];
      assert.deepEqual((await validateStack(s3Versioning, resources)).violations, []);
    });
    it("exempts a bucket declared DataClass=derived, not one declared user-data", async () => {
      const derived = res(T.bucket, "static", { id: "static-1", bucket: "static-1", tags: { Tier: "storage", DataClass: "derived" } });
      const user = res(T.bucket, "uploads", { id: "uploads-1", bucket: "uploads-1", tags: { Tier: "storage", DataClass: "user-data" } });
      assert.deepEqual((await validateStack(s3Versioning, [derived, user])).violations, ["bucket uploads holds data without versioning"]);
    });
    it("fails an unversioned or suspended data bucket", async () => {
      const outcome = await validateStack(s3Versioning, [files, logs, res(T.bucketVersioning, "logs-versioning", { bucket: "logs-1", versioningConfiguration: { status: "Suspended" } })]);
      assert.deepEqual(outcome.violations, ["bucket files holds data without versioning", "bucket logs holds data without versioning"]);
    });
  });

  describe("no-plaintext-secrets", () => {
    it("knows secret-like names", () => {
      for (const n of ["DB_PASSWORD", "JWT_SECRET", "API_KEY", "GITHUB_TOKEN", "privateKey"]) assert.ok(secretLikeName(n), n);
      for (const n of ["DB_SECRET_ARN", "TOKEN_TTL_SECONDS", "BUCKET", "SECRETS_PREFIX"]) assert.ok(!secretLikeName(n), n);
    });
    it("passes ARNs and secret references", async () => {
      const task = res(T.ecsTaskDefinition, "api", {
        family: "api",
        containerDefinitions: JSON.stringify([{ name: "api", environment: [{ name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:x" }], secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:x" }] }]),
      });
      assert.deepEqual((await validate(noPlaintextSecrets, task)).violations, []);
      assert.deepEqual((await validate(noPlaintextSecrets, res(T.lambdaFunction, "fn", { environment: { variables: { API_KEY: "arn:aws:secretsmanager:y" } } }))).violations, []);
    });
    it("fails plain values in ECS, Lambda and Kubernetes environments", async () => {
      const task = res(T.ecsTaskDefinition, "api", { family: "api", containerDefinitions: JSON.stringify([{ name: "api", environment: [{ name: "DB_PASSWORD", value: "hunter2" }] }]) });
      assert.deepEqual((await validate(noPlaintextSecrets, task)).violations, ["container api sets DB_PASSWORD as a plain value: inject it from Secrets Manager by ARN"]);
      assert.deepEqual((await validate(noPlaintextSecrets, res(T.lambdaFunction, "fn", { environment: { variables: { JWT_SECRET: "abc" } } }))).violations, [
        "environment sets JWT_SECRET as a plain value: inject it from Secrets Manager by ARN",
      ]);
      const deployment = res("kubernetes:apps/v1:Deployment", "web", { spec: { template: { spec: { containers: [{ name: "web", env: [{ name: "GRAFANA_TOKEN", value: "t" }] }] } } } });
      assert.deepEqual((await validate(noPlaintextSecrets, deployment)).violations, ["container web sets GRAFANA_TOKEN as a plain value: inject it from Secrets Manager by ARN"]);
    });
    it("leaves a value computed during a preview to be judged at up", async () => {
      const outcome = await validate(noPlaintextSecrets, res(T.lambdaFunction, "fn", { environment: { variables: { DB_PASSWORD: unknownValue } } }));
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /environment DB_PASSWORD/);
    });
  });
});
