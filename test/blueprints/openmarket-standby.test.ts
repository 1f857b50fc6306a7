import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../config";
import { readStackFile } from "../../automation/plan/stack-file";
import { referencedStacks } from "../../automation/plan/primary";
import { renderProgram } from "../../offline";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import type { PlatformSettings } from "../../model/platform";
import { blueprintFile } from "../helpers/blueprints";
import { ofType, renderStackFile } from "../helpers/stacks";

/** OpenMarket's pair (seed 004: RTO < 1 h, RPO < 5 min), as the stack files have it. */
const settings = (env: string): PlatformSettings => loadPlatformConfig(readStackFile(blueprintFile("openmarket", env)).config);

describe("blueprint openmarket prod-dr: the standby rendered against its primary", function () {
  this.timeout(120_000);
  const render = () => renderStackFile(blueprintFile("openmarket", "prod-dr"));

  it("joins prod's Aurora MySQL global database with a secondary cluster of the same exact version, in Tokyo", async () => {
    const primary = await renderStackFile(blueprintFile("openmarket", "prod"));
    const [global] = ofType(primary.resources, "aws:rds/globalCluster:GlobalCluster");
    assert.equal(global.inputs.globalClusterIdentifier, "openmarket-prod-db-global");
    const [source] = ofType(primary.resources, "aws:rds/cluster:Cluster");
    assert.equal(source.inputs.engine, "aurora-mysql");
    const standby = await render();
    const clusters = ofType(standby.resources, "aws:rds/cluster:Cluster");
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].region, "ap-northeast-1");
    assert.equal(clusters[0].inputs.engine, "aurora-mysql");
    assert.equal(clusters[0].inputs.engineVersion, "8.0.mysql_aurora.3.08.2");
    assert.equal(clusters[0].inputs.globalClusterIdentifier, global.id);
    assert.deepEqual(
      ofType(standby.resources, "aws:rds/clusterInstance:ClusterInstance").map((i) => i.inputs.instanceClass),
      ["db.r6g.large"],
    );
  });

  it("replicates the uploads bucket from Seoul with Replication Time Control", async () => {
    const [replication] = ofType((await render()).resources, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    assert.equal(replication.region, "ap-northeast-2");
    const rules = replication.inputs.rules as { destination: { replicationTime: { status: string; time: { minutes: number } } } }[];
    assert.equal(rules.length, 1);
    assert.deepEqual(rules[0].destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
  });

  it("holds the cluster at its standby size: one node, the workloads at one pod each, the autoscaler's maxSize kept", async () => {
    const { resources } = await render();
    const [nodes] = ofType(resources, "aws:eks/nodeGroup:NodeGroup");
    assert.deepEqual(nodes.inputs.scalingConfig, { minSize: 1, desiredSize: 1, maxSize: 6 });
    const hpas = ofType(resources, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map((h) => (h.inputs.spec as { minReplicas: number; maxReplicas: number }));
    assert.deepEqual(hpas, [
      { ...hpas[0], minReplicas: 1, maxReplicas: 1 },
      { ...hpas[1], minReplicas: 1, maxReplicas: 1 },
    ]);
  });

  it("deploys the four jobs on the copies with every trigger off until it serves", async () => {
    const { resources } = await render();
    assert.equal(ofType(resources, "aws:lambda/function:Function").filter((f) => !f.name.includes("rotation") && !f.name.includes("follow")).length, 4);
    assert.deepEqual(ofType(resources, "aws:scheduler/schedule:Schedule").map((s) => s.inputs.state), ["DISABLED", "DISABLED"]);
    assert.deepEqual(ofType(resources, "aws:cloudwatch/eventRule:EventRule").map((r) => r.inputs.state), ["DISABLED"]);
    assert.deepEqual(ofType(resources, "aws:s3/bucketNotification:BucketNotification"), []);
  });

  it("turns the jobs' triggers on and the cluster to its configured size once it serves", async () => {
    const file = readStackFile(blueprintFile("openmarket", "prod-dr"));
    const dr = JSON.parse(file.config["platform:dr"]) as Record<string, unknown>;
    const config = { ...file.config, "platform:dr": JSON.stringify({ ...dr, state: "serving" }) };
    const stacks = await referencedStacks(file, (primary) => renderStackFile(primary));
    const { resources } = await renderProgram({ project: "aws-platform", stack: file.stack, config, secretKeys: file.secretKeys, stacks });
    assert.deepEqual(ofType(resources, "aws:eks/nodeGroup:NodeGroup")[0].inputs.scalingConfig, { minSize: 2, desiredSize: 2, maxSize: 6 });
    assert.deepEqual(ofType(resources, "aws:scheduler/schedule:Schedule").map((s) => s.inputs.state), ["ENABLED", "ENABLED"]);
    assert.equal(ofType(resources, "aws:s3/bucketNotification:BucketNotification").length, 1);
  });
});

describe("blueprint openmarket prod-dr: checked against its primary", () => {
  const pair = (edit: (prod: PlatformSettings) => PlatformSettings = (c) => c) => checkStandbyPromotions({ name: "prod", config: edit(settings("prod")) }, { name: "prod-dr", config: settings("prod-dr") });

  it("fits prod: the global database, the replicated bucket, the repositories, each copy within its RPO", () => {
    assert.deepEqual(pair(), []);
  });

  it("names what prod does not replicate: a cluster that leads no global database, another Aurora version, a bucket not marked replicate", () => {
    const database = (change: object) => (c: PlatformSettings) => ({ ...c, data: { ...c.data!, database: { ...c.data!.database, ...change } } });
    assert.deepEqual(pair(database({ globalDatabase: false })), [
      "prod-dr's platform:dr.promote.database is aurora-global, but prod's aurora-mysql cluster is not a global database (set platform:data.database.globalDatabase on prod)",
    ]);
    assert.deepEqual(pair(database({ engineVersion: "8.0.mysql_aurora.3.09.0" })), [
      "prod-dr's platform:dr.replica.database.engineVersion is 8.0.mysql_aurora.3.08.2, but prod runs 8.0.mysql_aurora.3.09.0 (a replica runs its source's exact version)",
    ]);
    const unreplicated = (c: PlatformSettings) => ({ ...c, storage: { ...c.storage, buckets: c.storage.buckets.map((b) => ({ ...b, replicate: false })) } });
    assert.deepEqual(pair(unreplicated), ["prod-dr's platform:dr.replica.buckets lists uploads, which prod does not mark replicate (platform:storage.buckets)"]);
  });
});
