import { strict as assert } from "assert";
import type * as aws from "@pulumi/aws";
import { isSecretValue, RenderResult } from "../../../offline";
import { editSection, invalid } from "../../helpers/config";
import { auroraMysql, auroraPostgresGlobal, postgres, withDatabase } from "../../helpers/data-variants";
import { outputsOf } from "../../helpers/outputs";
import { input, named, ofType, renderConfig } from "../../helpers/stacks";

const T = {
  cluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  clusterParameterGroup: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  globalCluster: "aws:rds/globalCluster:GlobalCluster",
  instance: "aws:rds/instance:Instance",
  scalingTarget: "aws:appautoscaling/target:Target",
  scalingPolicy: "aws:appautoscaling/policy:Policy",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
};

describe("data tier engines", () => {
  describe("aurora-mysql (seed 004: Aurora MySQL 8.0, writer + 1 reader)", () => {
    let result: RenderResult;
    before(async () => {
      result = await renderConfig(withDatabase("prod", auroraMysql));
    });

    it("registers a cluster, a writer and one reader, and no RDS instance", () => {
      assert.equal(ofType(result.resources, T.cluster).length, 1);
      assert.deepEqual(ofType(result.resources, T.clusterInstance).map((i) => input(i, "identifier")).sort(), ["platform-prod-db-reader-replica", "platform-prod-db-writer"]);
      assert.equal(ofType(result.resources, T.instance).length, 0);
      assert.equal(ofType(result.resources, T.globalCluster).length, 0);
    });

    it("encrypts the cluster with the data key and keeps every instance private, across both zones", () => {
      const cluster = named(result.resources, T.cluster, "platform-prod-db-cluster");
      assert.equal(input(cluster, "storageEncrypted"), true);
      assert.equal(input(cluster, "kmsKeyId"), outputsOf(result).kmsKeyArns.data);
      assert.equal(input(cluster, "port"), 3306);
      assert.ok(isSecretValue(cluster.inputs.masterPassword), "the master password is a secret input");
      assert.deepEqual(input(cluster, "vpcSecurityGroupIds"), [outputsOf(result).securityGroupIds.database]);
      const zones = ofType(result.resources, T.clusterInstance).map((i) => [input(i, "identifier"), input(i, "availabilityZone"), input(i, "publiclyAccessible")]);
      assert.deepEqual(zones.sort(), [
        ["platform-prod-db-reader-replica", "ap-northeast-2c", false],
        ["platform-prod-db-writer", "ap-northeast-2a", false],
      ]);
    });

    it("requires TLS and switches on the server logs it exports", () => {
      const params = named(result.resources, T.clusterParameterGroup, "platform-prod-db-params");
      assert.equal(input(params, "family"), "aurora-mysql8.0");
      assert.equal(input(params, "name"), "platform-prod-db-aurora-mysql8-0");
      assert.deepEqual(
        input<{ name: string; value: string }[]>(params, "parameters").map((p) => `${p.name}=${p.value}`),
        ["require_secure_transport=ON", "server_audit_logging=1", "server_audit_events=CONNECT,QUERY_DCL,QUERY_DDL", "slow_query_log=1"],
      );
      const groups = ofType(result.resources, T.logGroup).filter((g) => String(input(g, "name")).startsWith("/aws/rds/"));
      assert.deepEqual(groups.map((g) => input(g, "name")).sort(), ["audit", "error", "slowquery"].map((l) => `/aws/rds/cluster/platform-prod-db/${l}`));
    });

    it("opens the database group on 3306 and stores the credentials in the rotation format", () => {
      const rules = ofType(result.resources, T.ingress).filter((r) => r.name.startsWith("platform-prod-database-in-"));
      assert.deepEqual([...new Set(rules.map((r) => input(r, "fromPort")))], [3306]);
      const stored = JSON.parse(String(named(result.resources, T.secretVersion, "platform-prod-db-secret-value").state.secretString));
      assert.equal(stored.engine, "mysql");
      assert.equal(stored.host, outputsOf(result).database!.endpoint);
      assert.equal(stored.dbname, "openmarket");
    });

    it("protects the cluster and writer in prod, not a reader", () => {
      const cluster = named(result.resources, T.cluster, "platform-prod-db-cluster");
      assert.equal(input(cluster, "deletionProtection"), true);
      assert.equal(input(cluster, "finalSnapshotIdentifier"), "platform-prod-db-final");
      assert.equal(cluster.options.protect, true);
      assert.equal(named(result.resources, T.clusterInstance, "platform-prod-db-writer").options.protect, true);
      assert.equal(named(result.resources, T.clusterInstance, "platform-prod-db-reader-replica").options.protect, false);
      assert.deepEqual(cluster.options.ignoreChanges, []);
    });

    it("exports the writer and reader endpoints in Aurora's formats", () => {
      const { database } = outputsOf(result);
      assert.ok(database, "the stack exports its database");
      assert.equal(database.engine, "aurora-mysql");
      assert.equal(database.port, 3306);
      assert.match(database.endpoint, /^platform-prod-db\.cluster-[a-z0-9]{12}\.ap-northeast-2\.rds\.amazonaws\.com$/);
      assert.match(database.readerEndpoint!, /^platform-prod-db\.cluster-ro-[a-z0-9]{12}\.ap-northeast-2\.rds\.amazonaws\.com$/);
      assert.equal(database.clusterIdentifier, "platform-prod-db");
      assert.equal(database.identifier, "platform-prod-db-writer");
    });
  });

  describe("aurora-postgresql as a global database with reader autoscaling", () => {
    let result: RenderResult;
    before(async () => {
      result = await renderConfig(withDatabase("prod", auroraPostgresGlobal));
    });

    it("makes the cluster the primary of a protected global database the standby can join", () => {
      const cluster = named(result.resources, T.cluster, "platform-prod-db-cluster");
      const global = named(result.resources, T.globalCluster, "platform-prod-db-global");
      assert.equal(input(global, "globalClusterIdentifier"), "platform-prod-db-global");
      assert.equal(input(global, "sourceDbClusterIdentifier"), cluster.state.arn);
      assert.equal(input(global, "forceDestroy"), true);
      assert.equal(input(global, "deletionProtection"), true);
      assert.equal(global.options.protect, true);
      assert.deepEqual(cluster.options.ignoreChanges, ["globalClusterIdentifier", "replicationSourceIdentifier"]);
      assert.equal(outputsOf(result).database!.globalClusterIdentifier, "platform-prod-db-global");
    });

    it("forces TLS and encrypts Performance Insights with the data key", () => {
      const params = named(result.resources, T.clusterParameterGroup, "platform-prod-db-params");
      assert.equal(input(params, "family"), "aurora-postgresql16");
      assert.deepEqual(input(params, "parameters"), [{ name: "rds.force_ssl", value: "1", applyMethod: "immediate" }]);
      for (const instance of ofType(result.resources, T.clusterInstance)) {
        assert.equal(input(instance, "performanceInsightsEnabled"), true);
        assert.equal(input(instance, "performanceInsightsKmsKeyId"), outputsOf(result).kmsKeyArns.data);
        assert.equal(input(instance, "instanceClass"), "db.r6g.large");
      }
    });

    it("scales readers on reader CPU between the configured bounds", () => {
      const target = named(result.resources, T.scalingTarget, "platform-prod-db-reader-scaling");
      assert.equal(input(target, "resourceId"), "cluster:platform-prod-db");
      assert.equal(input(target, "scalableDimension"), "rds:cluster:ReadReplicaCount");
      assert.deepEqual([input(target, "minCapacity"), input(target, "maxCapacity")], [1, 4]);
      const policy = named(result.resources, T.scalingPolicy, "platform-prod-db-reader-scaling-cpu");
      assert.equal(input(policy, "policyType"), "TargetTrackingScaling");
      const tracking = input<aws.types.output.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration>(policy, "targetTrackingScalingPolicyConfiguration");
      assert.deepEqual(tracking.predefinedMetricSpecification, {
        predefinedMetricType: "RDSReaderAverageCPUUtilization",
      });
      assert.equal(tracking.targetValue, 60);
    });
  });

  describe("Aurora in a disposable stack", () => {
    it("skips the final snapshot and protects nothing", async () => {
      const result = await renderConfig(withDatabase("dev", { ...auroraMysql, backupWindow: "18:00-19:00", maintenanceWindow: "sun:19:30-sun:20:30" }));
      const cluster = named(result.resources, T.cluster, "platform-dev-db-cluster");
      assert.equal(input(cluster, "deletionProtection"), false);
      assert.equal(input(cluster, "skipFinalSnapshot"), true);
      assert.equal(input(cluster, "finalSnapshotIdentifier"), undefined);
      assert.ok(result.resources.filter((r) => r.type.startsWith("aws:rds/")).every((r) => !r.options.protect));
    });
  });

  describe("postgres with a read replica (seed 002: db.r6g.medium replica)", () => {
    let result: RenderResult;
    before(async () => {
      result = await renderConfig(
        editSection("prod", "data", (data) => {
          const database = postgres(data.database);
          database.instanceClass = "db.r6g.large";
          database.readReplicas = [{ name: "reporting", instanceClass: "db.r6g.large" }];
        }),
      );
    });

    it("replicates the primary into an encrypted, private replica without credentials, protected from deletion like its source", () => {
      const replica = named(result.resources, T.instance, "platform-prod-db-replica-reporting");
      assert.equal(input(replica, "identifier"), "platform-prod-db-reporting");
      assert.equal(input(replica, "replicateSourceDb"), "platform-prod-db");
      assert.equal(input(replica, "storageEncrypted"), true);
      assert.equal(input(replica, "kmsKeyId"), outputsOf(result).kmsKeyArns.data);
      assert.equal(input(replica, "publiclyAccessible"), false);
      assert.equal(input(replica, "password"), undefined);
      assert.equal(input(replica, "username"), undefined);
      assert.equal(replica.options.protect, true, "prod: the replica serves reads, so it is protected like the writer");
      assert.equal(input(replica, "deletionProtection"), true);
      assert.equal(input(replica, "skipFinalSnapshot"), true, "RDS takes no final snapshot of a read replica");
      assert.deepEqual(ofType(result.resources, T.logGroup).filter((g) => String(input(g, "name")).includes("reporting")).map((g) => input(g, "name")).sort(), [
        "/aws/rds/instance/platform-prod-db-reporting/postgresql",
        "/aws/rds/instance/platform-prod-db-reporting/upgrade",
      ]);
      assert.match(outputsOf(result).database!.replicaEndpoints.reporting, /^platform-prod-db-reporting\.[a-z0-9]{12}\.ap-northeast-2\.rds\.amazonaws\.com$/);
    });
  });

  describe("a replicated Redis (seed 002: 3 nodes)", () => {
    it("runs a primary and two replicas with failover, Multi-AZ and a reader endpoint", async () => {
      const result = await renderConfig(
        editSection("prod", "data", (data) => {
          data.cache = { ...data.cache, mode: "replicated", replicasPerShard: 2, nodeType: "cache.r6g.large" };
        }),
      );
      const cache = named(result.resources, T.replicationGroup, "platform-prod-cache-group");
      assert.equal(input(cache, "numCacheClusters"), 3);
      assert.equal(input(cache, "automaticFailoverEnabled"), true);
      assert.equal(input(cache, "multiAzEnabled"), true);
      assert.equal(input(cache, "clusterMode"), "disabled");
      assert.match(outputsOf(result).cache!.endpoint, /^master\.platform-prod-cache\.[a-z0-9]{6}\.apn2\.cache\.amazonaws\.com$/);
      assert.match(outputsOf(result).cache!.readerEndpoint!, /^replica\.platform-prod-cache\./);
    });
  });

  it("stops an unknown engine before anything is registered, naming the field", async () => {
    await assert.rejects(
      renderConfig(editSection("prod", "data", (data) => (data.database.engine = invalid("oracle-ee")))),
      /platform:data\.database\.engine: "oracle-ee" is not allowed \(allowed: postgres, aurora-postgresql, aurora-mysql\)/,
    );
  });
});
