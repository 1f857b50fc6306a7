import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../config";
import { readStackFile } from "../../automation/plan/stack-file";
import { referencedStacks } from "../../automation/plan/primary";
import { renderProgram } from "../../offline";
import { eksOf, parseDrillTargets } from "../../automation/drill/targets";
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

  it("fails www.openmarket.com over between the Ingress ALBs: PRIMARY prod's, health-checked on its own name, SECONDARY this one's", async () => {
    const primary = await renderStackFile(blueprintFile("openmarket", "prod"));
    const { resources, outputs } = await render();
    const records = ofType(resources, "aws:route53/record:Record").filter((r) => r.inputs.failoverRoutingPolicies !== undefined);
    assert.deepEqual(
      records.map((r) => [r.inputs.name, r.inputs.setIdentifier, (r.inputs.failoverRoutingPolicies as { type: string }[])[0].type, (r.inputs.aliases as { name: string; zoneId: string }[])[0]]),
      [
        ["www.openmarket.com", "prod", "PRIMARY", { name: primary.outputs.albDnsName, zoneId: "ZWKZPGTI48KDX", evaluateTargetHealth: true }],
        ["www.openmarket.com", "prod-dr", "SECONDARY", { name: (outputs.eks as { loadBalancerHostname: string }).loadBalancerHostname, zoneId: "Z14GRHDCWA56QT", evaluateTargetHealth: true }],
      ],
    );
    const [check] = ofType(resources, "aws:route53/healthCheck:HealthCheck");
    assert.deepEqual([check.inputs.fqdn, check.inputs.resourcePath, check.inputs.type, check.inputs.invertHealthcheck], ["www-seoul.openmarket.com", "/", "HTTPS", false]);
    assert.equal(records[0].inputs.healthCheckId, check.id);
    assert.equal(primary.outputs.healthUrl, "https://www-seoul.openmarket.com/");
    // No listener certificate from outside: the controller keeps each listener to its Ingress's list.
    assert.deepEqual(ofType(resources, "aws:lb/listenerCertificate:ListenerCertificate"), []);
  });

  it("lists the failover name's certificate after the edge's on both Ingresses, validated by the one record prod writes", async () => {
    const primary = await renderStackFile(blueprintFile("openmarket", "prod"));
    const standby = await render();
    for (const side of [primary, standby]) {
      const [ingress] = ofType(side.resources, "kubernetes:networking.k8s.io/v1:Ingress");
      const arns = String((ingress.inputs.metadata as { annotations: Record<string, string> }).annotations["alb.ingress.kubernetes.io/certificate-arn"]).split(",");
      const certificates = ofType(side.resources, "aws:acm/certificate:Certificate");
      const byName = (name: string) => certificates.find((c) => c.inputs.domainName === name)!.state.arn;
      assert.deepEqual(arns, [byName(side === primary ? "www-seoul.openmarket.com" : "www-tokyo.openmarket.com"), byName("www.openmarket.com")]);
    }
    const validationRecords = (r: typeof primary) => ofType(r.resources, "aws:route53/record:Record").filter((x) => x.inputs.type === "CNAME" && String(x.name).includes("failover"));
    assert.equal(validationRecords(primary).length, 1);
    assert.equal(validationRecords(standby).length, 0);
    assert.equal(primary.outputs.failoverDomainName, "www.openmarket.com");
  });

  it("publishes the drill output an ECS pair publishes, with the EKS clusters and Deployments in place of the ECS services", async () => {
    const drill = (await render()).outputs.drill as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(drill), ["publicUrl", "dns", "primary", "standby", "database", "cache", "files"]);
    assert.equal(drill.publicUrl, "https://www.openmarket.com/");
    assert.deepEqual(Object.keys(drill.dns), ["hostedZoneId", "recordName", "primaryHealthCheckId"]);
    assert.deepEqual(Object.keys(drill.primary), ["stack", "region", "healthUrl", "loadBalancerDnsName", "eks"]);
    assert.equal(drill.standby.healthUrl, "https://www-tokyo.openmarket.com/");
  });

  it("publishes a drill output npm run drill accepts: each side's Kubernetes API, CA, and every Deployment with its HPA", async () => {
    const [primary, standby] = [await renderStackFile(blueprintFile("openmarket", "prod")), await render()];
    const targets = parseDrillTargets(standby.outputs, "openmarket-prod-dr");
    const cluster = (r: typeof primary) => ofType(r.resources, "eks:index:Cluster")[0].state.eksCluster as { endpoint: string; certificateAuthority: { data: string } };
    for (const [side, rendered, name] of [[targets.primary, primary, "openmarket-prod"], [targets.standby, standby, "openmarket-prod-dr"]] as const) {
      const eks = eksOf(side);
      assert.equal(eks.clusterName, name);
      assert.equal(eks.namespace, name);
      assert.equal(eks.endpoint, cluster(rendered).endpoint);
      assert.equal(eks.certificateAuthority, cluster(rendered).certificateAuthority.data);
      const hpas = ofType(rendered.resources, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map((h) => (h.inputs.metadata as { name: string }).name).sort();
      const deployments = ofType(rendered.resources, "kubernetes:apps/v1:Deployment").map((d) => (d.inputs.metadata as { name: string }).name);
      assert.deepEqual(eks.workloads.map((w) => w.hpa).sort(), hpas);
      assert.ok(eks.workloads.every((w) => deployments.includes(w.deployment)), `${eks.workloads.map((w) => w.deployment).join(", ")} are Deployments of ${deployments.join(", ")}`);
    }
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

  it("names a failover name prod's Ingress does not serve", () => {
    const without = (c: PlatformSettings) => ({ ...c, dr: { ...c.dr!, failover: undefined } });
    assert.deepEqual(pair(without), ["prod-dr's platform:dr.failover.domainName is www.openmarket.com, but prod's Ingress serves no failover name (set prod's platform:dr.failover.domainName to www.openmarket.com)"]);
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
