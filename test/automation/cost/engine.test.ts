import { strict as assert } from "assert";
import fc from "fast-check";
import { costUsageSchema } from "../../../config/sections/cost";
import { estimateCost } from "../../../automation/cost/engine";
import { priceTables, PriceTableError } from "../../../automation/cost/prices";
import { splitTasks } from "../../../automation/cost/rules/compute";
import { replicationGroupNodes } from "../../../automation/cost/rules/data";
import { alarmMetrics } from "../../../automation/cost/rules/operations";
import { healthCheckFeatures, webAclRuleCount } from "../../../automation/cost/rules/edge";
import { quantityGb } from "../../../automation/cost/rules/kubernetes";
import { codemateStack, codemateUsage } from "../../fixtures/codemate-synthetic";
import { SyntheticStack } from "../../helpers/synthetic";

const usage = costUsageSchema.parse({});
const seoul = priceTables["ap-northeast-2"];
const estimate = (s: SyntheticStack, u = usage) => estimateCost(s.resources, { region: s.region, usage: u });
const lineOf = (s: SyntheticStack, pattern: RegExp, u = usage) => {
  const found = estimate(s, u).lines.filter((l) => pattern.test(`${l.service}: ${l.item}`));
  assert.equal(found.length, 1, `expected one line ${pattern}, got ${found.map((l) => l.item).join("; ")}`);
  return found[0];
};

describe("cost engine", () => {
  describe("regions", () => {
    it("refuses a region without a price table, naming the region and the tables it has", () => {
      const s = codemateStack("dev", "us-east-1");
      assert.throws(
        () => estimate(s),
        (error: Error) =>
          error instanceof PriceTableError &&
          error.message.includes("no price table for region 'us-east-1'") &&
          error.message.includes("ap-northeast-2, ap-northeast-1") &&
          error.message.includes("automation/cost/prices/us-east-1.ts"),
      );
    });

    it("prices the same stack in Tokyo with no missing price, above Seoul", () => {
      const tokyo = estimateCost(codemateStack("prod").resources, { region: "ap-northeast-1", usage: codemateUsage("prod") });
      const seoulEstimate = estimateCost(codemateStack("prod").resources, { region: "ap-northeast-2", usage: codemateUsage("prod") });
      assert.deepEqual(tokyo.missingPrices, []);
      assert.equal(tokyo.region, "ap-northeast-1");
      assert.ok(tokyo.totalMonthlyUsd > seoulEstimate.totalMonthlyUsd);
    });

    it("sums the tiers to the total and every line to its tier", () => {
      const e = estimateCost(codemateStack("prod").resources, { region: "ap-northeast-2", usage: codemateUsage("prod") });
      assert.deepEqual(
        e.tiers.map((t) => t.tier),
        ["security", "network", "data", "storage", "compute", "edge", "observability"],
      );
      for (const tier of e.tiers) {
        const sum = e.lines.filter((l) => l.tier === tier.tier).reduce((x, l) => x + l.monthlyUsd, 0);
        assert.ok(Math.abs(sum - tier.monthlyUsd) < 1e-9);
      }
      assert.ok(Math.abs(e.tiers.reduce((x, t) => x + t.monthlyUsd, 0) - e.totalMonthlyUsd) < 1e-9);
    });
  });

  describe("Fargate", () => {
    it("splits tasks over capacity providers: base first, then by weight", () => {
      const strategies = [
        { capacityProvider: "FARGATE", weight: 1, base: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 4, base: 0 },
      ];
      assert.deepEqual(splitTasks(5, strategies), { onDemand: 1.8, spot: 3.2 });
      assert.deepEqual(splitTasks(1, strategies), { onDemand: 1, spot: 0 });
      assert.deepEqual(splitTasks(3, []), { onDemand: 3, spot: 0 });
    });

    it("keeps every task somewhere, whatever the strategy", () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 5 }), (tasks, w1, w2, base) => {
          const split = splitTasks(tasks, [
            { capacityProvider: "FARGATE", weight: w1, base },
            { capacityProvider: "FARGATE_SPOT", weight: w2, base: 0 },
          ]);
          return Math.abs(split.onDemand + split.spot - tasks) < 1e-9 && split.onDemand >= Math.min(base, tasks) - 1e-9;
        }),
      );
    });

    it("prices the Spot share at Spot rates, from the service's strategy (seed 000: 80 % Spot)", () => {
      const s = new SyntheticStack();
      const compute = s.tier("compute");
      s.fargateService(compute, "api", { cpu: 1024, memory: 2048, tasks: 5 }, {
        capacityProviderStrategies: [
          { capacityProvider: "FARGATE", weight: 1, base: 0 },
          { capacityProvider: "FARGATE_SPOT", weight: 4, base: 0 },
        ],
      });
      const spot = lineOf(s, /Spot$/);
      const onDemand = lineOf(s, /on-demand$/);
      assert.ok(Math.abs(spot.quantity - 4 * 730) < 1e-9);
      assert.ok(Math.abs(onDemand.quantity - 1 * 730) < 1e-9);
      assert.ok(Math.abs(spot.unitUsd - (seoul.fargate.spotX86.vcpuHour.usd + 2 * seoul.fargate.spotX86.gbHour.usd)) < 1e-12);
    });

    it("falls back to the cluster's default strategy when the service has none", () => {
      const s = new SyntheticStack();
      const compute = s.tier("compute");
      const clusterArn = s.arn("ecs", "cluster/hooklabs");
      s.add("aws:ecs/cluster:Cluster", "hooklabs", { name: "hooklabs" }, { parent: compute, id: clusterArn, state: { arn: clusterArn } });
      s.add("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "hooklabs", {
        clusterName: "hooklabs",
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1, base: 0 }],
      }, { parent: compute });
      s.fargateService(compute, "api", { cpu: 512, memory: 1024, tasks: 2 }, { cluster: clusterArn });
      assert.ok(Math.abs(lineOf(s, /Spot$/).quantity - 2 * 730) < 1e-9);
    });

    it("prices ARM64 task definitions at the ARM rate", () => {
      const s = new SyntheticStack();
      s.fargateService(s.tier("compute"), "worker", { cpu: 1024, memory: 2048, tasks: 1, arm: true });
      const line = lineOf(s, /worker/);
      assert.ok(Math.abs(line.unitUsd - (seoul.fargate.arm64.vcpuHour.usd + 2 * seoul.fargate.arm64.gbHour.usd)) < 1e-12);
      assert.match(line.item, /ARM/);
    });

    it("says so when a service's task definition is not among the registrations", () => {
      const s = new SyntheticStack();
      s.add("aws:ecs/service:Service", "orphan", { desiredCount: 2, taskDefinition: "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/gone:3" });
      const e = estimate(s);
      assert.equal(e.lines.length, 0);
      assert.match(e.warnings[0], /orphan: its task definition .*gone:3.* not priced/);
    });
  });

  describe("data stores", () => {
    it("counts replication group nodes: shards x (1 + replicas), or the cluster-mode-disabled count", () => {
      assert.equal(replicationGroupNodes({ numNodeGroups: 2, replicasPerNodeGroup: 1 }), 4);
      assert.equal(replicationGroupNodes({ numCacheClusters: 3 }), 3);
      assert.equal(replicationGroupNodes({ nodeGroupConfigurations: [{ replicaCount: 2 }, { replicaCount: 1 }] }), 5);
      assert.equal(replicationGroupNodes({}), 1);
    });

    it("prices Aurora members by edition and class, and the volume from usage", () => {
      const s = new SyntheticStack();
      const data = s.tier("data");
      for (const [cluster, engine] of [["mysql", "aurora-mysql"], ["postgres", "aurora-postgresql"]] as const) {
        s.add("aws:rds/cluster:Cluster", cluster, { engine, clusterIdentifier: cluster }, { parent: data, id: cluster });
        s.add("aws:rds/clusterInstance:ClusterInstance", `${cluster}-writer`, { engine, instanceClass: "db.r6g.large", clusterIdentifier: cluster }, { parent: data });
      }
      const u = costUsageSchema.parse({ aurora: { storageGb: 100, ioRequestsMillions: 10 } });
      assert.match(lineOf(s, /mysql-writer/, u).item, /aurora-mysql db\.r6g\.large$/);
      // Seoul lists db.r6g.large at $0.313 for both editions (vantage-sh/ec2instances.info, 2021-08-03).
      assert.equal(lineOf(s, /mysql-writer/, u).unitUsd, 0.313);
      assert.equal(lineOf(s, /postgres-writer/, u).unitUsd, 0.313);
      assert.ok(Math.abs(lineOf(s, /mysql: cluster volume/, u).monthlyUsd - 100 * seoul.aurora.storageGbMonth.usd) < 1e-9);
      assert.ok(Math.abs(lineOf(s, /mysql: I\/O/, u).monthlyUsd - 10 * 0.24) < 1e-9);
    });

    it("reads I/O-Optimized instances from their own listed prices, never a factor on Standard: none listed is a missing price", () => {
      const s = new SyntheticStack();
      const data = s.tier("data");
      s.add("aws:rds/cluster:Cluster", "optimized", { engine: "aurora-mysql", clusterIdentifier: "optimized", storageType: "aurora-iopt1" }, { parent: data, id: "optimized" });
      s.add("aws:rds/clusterInstance:ClusterInstance", "optimized-writer", { engine: "aurora-mysql", instanceClass: "db.t3.medium", clusterIdentifier: "optimized" }, { parent: data });
      const u = costUsageSchema.parse({ aurora: { storageGb: 100, ioRequestsMillions: 10 } });
      const e = estimate(s, u);
      assert.deepEqual(e.missingPrices, ["Aurora aurora-mysql I/O-Optimized instance class db.t3.medium (optimized-writer)"]);
      assert.ok(e.lines.every((l) => !/optimized-writer/.test(l.item)));
      assert.ok(Math.abs(lineOf(s, /optimized: cluster volume I\/O-Optimized/, u).monthlyUsd - 100 * seoul.aurora.ioOptimizedStorageGbMonth.usd) < 1e-9);
      assert.ok(e.lines.every((l) => !/optimized: I\/O/.test(l.item)), "I/O-Optimized has no I/O charge");
    });

    it("prices a Multi-AZ instance and its storage at AWS's listed Multi-AZ rates, not twice Single-AZ", () => {
      const s = new SyntheticStack();
      s.add("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.micro", multiAz: true, allocatedStorage: 100, storageType: "gp2" }, { parent: s.tier("data") });
      const instance = lineOf(s, /db: postgres instance/);
      const storage = lineOf(s, /db: .*storage/);
      assert.equal(instance.item, "db: postgres instance db.t4g.micro Multi-AZ");
      assert.equal(instance.unitUsd, 0.051, "Seoul lists Multi-AZ db.t4g.micro at $0.051, not 2 x $0.025");
      assert.ok(Math.abs(instance.monthlyUsd - 0.051 * 730) < 1e-9);
      assert.equal(storage.unitUsd, 0.276, "Seoul lists Multi-AZ gp2 at $0.276 per GB-month, not 2 x $0.131");
      assert.ok(Math.abs(storage.monthlyUsd - 27.6) < 1e-9);
    });

    it("prices PostgreSQL and MySQL at their own rates (Seoul db.t3.micro: $0.028 and $0.026)", () => {
      const s = new SyntheticStack();
      const data = s.tier("data");
      for (const engine of ["postgres", "mysql"]) s.add("aws:rds/instance:Instance", engine, { engine, instanceClass: "db.t3.micro", allocatedStorage: 20, storageType: "gp3" }, { parent: data });
      assert.equal(lineOf(s, /postgres: postgres instance/).unitUsd, 0.028);
      assert.equal(lineOf(s, /mysql: mysql instance/).unitUsd, 0.026);
    });

    it("prices a cache by its engine: Valkey below Redis OSS, and an engine without prices is named", () => {
      const s = new SyntheticStack();
      const data = s.tier("data");
      s.add("aws:elasticache/replicationGroup:ReplicationGroup", "redis", { engine: "redis", nodeType: "cache.t4g.micro", numCacheClusters: 2 }, { parent: data });
      s.add("aws:elasticache/replicationGroup:ReplicationGroup", "valkey", { engine: "valkey", nodeType: "cache.t4g.micro", numCacheClusters: 2 }, { parent: data });
      s.add("aws:elasticache/replicationGroup:ReplicationGroup", "default", { nodeType: "cache.t4g.micro" }, { parent: data });
      s.add("aws:elasticache/replicationGroup:ReplicationGroup", "other", { engine: "keydb", nodeType: "cache.t4g.micro" }, { parent: data });
      assert.equal(lineOf(s, /redis: /).item, "redis: 2 x cache.t4g.micro Redis OSS");
      assert.equal(lineOf(s, /redis: /).unitUsd, 0.024);
      assert.equal(lineOf(s, /valkey: /).item, "valkey: 2 x cache.t4g.micro Valkey");
      assert.equal(lineOf(s, /valkey: /).unitUsd, 0.0192);
      assert.match(lineOf(s, /default: /).item, /Redis OSS$/, "a group that names no engine runs Redis OSS");
      assert.deepEqual(estimate(s).missingPrices, ["ElastiCache keydb node type cache.t4g.micro (other)"]);
    });

    it("gives a read replica its source's storage, as RDS creates it (seed 002's 200 GB)", () => {
      const s = new SyntheticStack();
      const data = s.tier("data");
      s.add("aws:rds/instance:Instance", "primary", { identifier: "news-db", engine: "postgres", instanceClass: "db.r6g.large", allocatedStorage: 200, storageType: "gp3", multiAz: true }, { parent: data, id: "news-db" });
      s.add("aws:rds/instance:Instance", "reader", { identifier: "news-db-reader", engine: "postgres", instanceClass: "db.r6g.large", storageType: "gp3", replicateSourceDb: "news-db" }, { parent: data });
      const storage = lineOf(s, /reader: .*storage/);
      assert.equal(storage.item, "reader: 200 GB gp3 storage Single-AZ");
      assert.ok(Math.abs(storage.monthlyUsd - 200 * seoul.rds.storageGbMonth["Single-AZ"].gp3.usd) < 1e-9);
      assert.match(lineOf(s, /reader: .*replica/).item, /postgres read replica db\.r6g\.large Single-AZ$/);
    });

    it("names a class the price table lacks and leaves it out of the total", () => {
      const s = new SyntheticStack();
      s.add("aws:rds/instance:Instance", "big", { engine: "postgres", instanceClass: "db.x2g.16xlarge", allocatedStorage: 100, storageType: "gp3" }, { parent: s.tier("data") });
      const e = estimate(s);
      assert.deepEqual(e.missingPrices, ["RDS postgres Single-AZ instance class db.x2g.16xlarge (big)"]);
      assert.ok(Math.abs(e.totalMonthlyUsd - 100 * seoul.rds.storageGbMonth["Single-AZ"].gp3.usd) < 1e-9, "storage is still priced");
    });
  });

  describe("compute on EC2 and EKS", () => {
    it("prices the @pulumi/eks default node group unless it is skipped, and Spot node groups at the Spot fraction", () => {
      const s = new SyntheticStack();
      const compute = s.tier("compute");
      s.add("eks:index:Cluster", "with-default", { version: "1.31" }, { parent: compute });
      s.add("eks:index:Cluster", "skipped", { skipDefaultNodeGroup: true }, { parent: compute });
      s.add("eks:index:ManagedNodeGroup", "spot", { scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 4 }, instanceTypes: ["t3.medium"], capacityType: "SPOT" }, { parent: compute });
      const e = estimate(s);
      assert.equal(e.lines.filter((l) => /control plane/.test(l.item)).reduce((n, l) => n + l.resources.length, 0), 2);
      assert.ok(Math.abs(lineOf(s, /with-default: default node group 2 x t3.medium/).quantity - 2 * 730) < 1e-9);
      const spot = lineOf(s, /spot: nodes 3 x t3.medium Spot/);
      assert.ok(Math.abs(spot.unitUsd - 0.052 * 0.3) < 1e-12);
      assert.ok(!e.lines.some((l) => /skipped: default node group/.test(l.item)));
    });

    it("prices a node group at its maxSize when Cluster Autoscaler may grow it, and at its desired size otherwise (issue 15)", () => {
      const scaled = new SyntheticStack();
      const compute = scaled.tier("compute");
      scaled.add("aws:eks/nodeGroup:NodeGroup", "general", { scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 6 }, instanceTypes: ["t3.medium"] }, { parent: compute });
      scaled.add("kubernetes:helm.sh/v3:Release", "autoscaler", { chart: "cluster-autoscaler", version: "9.53.0", namespace: "kube-system" }, { parent: compute });
      const nodes = lineOf(scaled, /general: nodes 6 x t3.medium at maxSize \(Cluster Autoscaler\)/);
      assert.ok(Math.abs(nodes.quantity - 6 * 730) < 1e-9);
      assert.ok(Math.abs(lineOf(scaled, /general: 6 node root volumes/).quantity - 6 * 20) < 1e-9);
      const fixed = new SyntheticStack();
      fixed.add("aws:eks/nodeGroup:NodeGroup", "general", { scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 6 }, instanceTypes: ["t3.medium"] }, { parent: fixed.tier("compute") });
      assert.ok(Math.abs(lineOf(fixed, /general: nodes 2 x t3.medium$/).quantity - 2 * 730) < 1e-9);
    });

    it("sees the load balancers the controller creates: one ALB per ingress group, an NLB per LoadBalancer service", () => {
      const s = new SyntheticStack();
      const compute = s.tier("compute");
      const ingress = (name: string, group: string) =>
        s.add("kubernetes:networking.k8s.io/v1:Ingress", name, {
          metadata: { name, annotations: { "alb.ingress.kubernetes.io/group.name": group, "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
          spec: { ingressClassName: "alb" },
        }, { parent: compute });
      ingress("web", "shop");
      ingress("api", "shop");
      s.add("kubernetes:core/v1:Service", "ws", { spec: { type: "LoadBalancer" } }, { parent: compute });
      s.add("kubernetes:core/v1:Service", "internal", { spec: { type: "ClusterIP" } }, { parent: compute });
      const e = estimate(s);
      assert.equal(e.lines.filter((l) => /ALB from the load balancer controller/.test(l.item)).length, 1);
      assert.equal(e.lines.filter((l) => /NLB from the load balancer controller/.test(l.item)).length, 1);
      assert.deepEqual(e.unpriced, []);
    });

    it("prices the volumes a Helm chart claims through its values, per replica (seed 004's 100Gi Prometheus volume)", () => {
      const s = new SyntheticStack();
      const compute = s.tier("compute");
      const claim = (storage: string) => ({ volumeClaimTemplate: { spec: { resources: { requests: { storage } } } } });
      s.add("kubernetes:helm.sh/v3:Release", "monitoring", {
        values: {
          prometheus: { prometheusSpec: { replicas: 2, retention: "30d", storageSpec: claim("100Gi") } },
          alertmanager: { alertmanagerSpec: { storage: claim("10Gi") } },
          grafana: { persistence: { enabled: false } },
        },
      }, { parent: compute });
      s.add("kubernetes:helm.sh/v3:Release", "metrics-server", { values: { args: ["--kubelet-insecure-tls=false"] } }, { parent: compute });
      const e = estimate(s);
      assert.deepEqual(e.lines.map((l) => `${l.item} = ${l.quantity.toFixed(2)} GB`).sort(), [
        "monitoring: 1 x 10Gi volume (gp3) for alertmanager.alertmanagerSpec.storage = 10.74 GB",
        "monitoring: 2 x 100Gi volume (gp3) for prometheus.prometheusSpec = 214.75 GB",
      ]);
      assert.ok(Math.abs(e.totalMonthlyUsd - (200 + 10) * (1024 ** 3 / 1e9) * seoul.ec2.ebsGbMonth.gp3.usd) < 1e-9);
    });

    it("reads Kubernetes storage quantities", () => {
      assert.ok(Math.abs((quantityGb("100Gi") as number) - 107.374) < 0.001);
      assert.equal(quantityGb("20G"), 20);
      assert.equal(quantityGb("lots"), undefined);
    });

    it("prices Lambda requests and GB-seconds from the job's own usage entry", () => {
      const s = new SyntheticStack();
      s.add("aws:lambda/function:Function", "openmarket-dev-report-generator", { memorySize: 1024, architectures: ["arm64"] }, { parent: s.tier("jobs") });
      const u = costUsageSchema.parse({ lambdaFunctions: { "report-generator": { invocationsPerMonth: 30, averageDurationMs: 60_000 } } });
      const compute = lineOf(s, /arm64 x 60000 ms/, u);
      assert.ok(Math.abs(compute.quantity - 30 * 60 * 1) < 1e-9, "30 runs x 60 s x 1 GB");
      assert.equal(compute.unitUsd, seoul.lambda.arm64GbSecond.usd);
      assert.equal(compute.basis, "usage");
    });
  });

  describe("secret rotation (issue 15, items 2 and 7)", () => {
    it("prices a rotation by its schedule: 4 invocations a rotation, not the default Lambda usage", () => {
      const s = new SyntheticStack();
      const data = s.tier("data");
      s.add("aws:lambda/function:Function", "onno-prod-db-rotation", { memorySize: 128, architectures: ["arm64"], environment: { variables: { ROTATION_KIND: "rds-instance" } } }, { parent: data });
      s.add("aws:secretsmanager/secretRotation:SecretRotation", "onno-prod-db-rotation-rotation", { rotationRules: { automaticallyAfterDays: 30 } }, { parent: data });
      const e = estimate(s);
      assert.deepEqual(e.lines.map((l) => l.item).sort(), [
        "onno-prod-db-rotation-rotation: rotation 128 MB arm64 x 15 s",
        "onno-prod-db-rotation-rotation: rotation API calls",
        "onno-prod-db-rotation-rotation: rotation requests (every 30 d)",
      ]);
      const rotations = 730 / 24 / 30;
      const requests = lineOf(s, /rotation requests/);
      assert.ok(Math.abs(requests.quantity - (rotations * 4) / 1e6) < 1e-12);
      const compute = lineOf(s, /rotation 128 MB/);
      assert.ok(Math.abs(compute.quantity - rotations * 4 * 15 * 0.125) < 1e-9);
      assert.equal(lineOf(s, /rotation API calls/).unitUsd, seoul.secretsManager.apiCalls10k.usd);
      // Daily rotation costs 30 times the monthly one.
      const daily = new SyntheticStack();
      daily.add("aws:secretsmanager/secretRotation:SecretRotation", "r", { rotationRules: { automaticallyAfterDays: 1 } }, { parent: daily.tier("data") });
      const cost = (lines: readonly { quantity: number; unitUsd: number }[]) => lines.reduce((sum, l) => sum + l.quantity * l.unitUsd, 0);
      assert.ok(cost(e.lines) > 0);
      assert.ok(Math.abs(cost(estimate(daily).lines) - 30 * cost(e.lines)) < 1e-9);
    });

    it("prices the daily secret age check at 31 runs a month", () => {
      const s = new SyntheticStack();
      s.add("aws:lambda/function:Function", "onno-prod-secret-age", { name: "onno-prod-secret-age", memorySize: 128, architectures: ["arm64"] }, { parent: s.tier("observability") });
      assert.ok(Math.abs(lineOf(s, /secret-age: requests/).quantity - 31 / 1e6) < 1e-12);
    });
  });

  describe("edge, network and operations", () => {
    it("charges interface endpoints per AZ and leaves gateway endpoints free", () => {
      const s = new SyntheticStack();
      const network = s.tier("network");
      s.add("aws:ec2/vpcEndpoint:VpcEndpoint", "ecr", { vpcEndpointType: "Interface", serviceName: "com.amazonaws.ap-northeast-2.ecr.api", subnetIds: ["a", "b", "c"] }, { parent: network });
      s.add("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway", serviceName: "com.amazonaws.ap-northeast-2.s3" }, { parent: network });
      const e = estimate(s);
      assert.equal(e.lines.length, 1);
      assert.equal(e.lines[0].quantity, 3 * 730);
    });

    it("counts the metrics an alarm is billed for", () => {
      assert.deepEqual(alarmMetrics({ metricName: "CPUUtilization", period: 300 }), { metrics: 1, highResolution: false });
      assert.deepEqual(alarmMetrics({ period: 10 }), { metrics: 1, highResolution: true });
      assert.deepEqual(alarmMetrics({ metricQueries: [{ id: "a", metric: { metricName: "x", period: 60 } }, { id: "b", metric: { metricName: "y", period: 60 } }, { id: "e", expression: "a/b" }] }), { metrics: 2, highResolution: false });
      assert.equal(alarmMetrics({ thresholdMetricId: "band", metricQueries: [{ id: "m", metric: { metricName: "x", period: 300 } }] }).metrics, 3);
    });

    it("gives the first 50 Route 53 health checks free and bills the rest at the AWS-endpoint rate; features are billed per check", () => {
      const checks = (count: number) => {
        const s = new SyntheticStack();
        const edge = s.tier("edge");
        for (let i = 0; i < count; i++) s.add("aws:route53/healthCheck:HealthCheck", `check-${i}`, { type: i === 0 ? "HTTPS" : "HTTP", requestInterval: 30 }, { parent: edge });
        return estimate(s);
      };
      const few = checks(3);
      assert.deepEqual(few.lines.map((l) => `${l.item} = ${l.monthlyUsd}`), ["check-0: HTTPS = 1"], "3 checks are free; the HTTPS feature is not");
      const many = checks(52);
      const beyond = many.lines.find((l) => /health checks beyond/.test(l.item));
      assert.ok(beyond, many.lines.map((l) => l.item).join("; "));
      assert.equal(beyond.item, "health checks beyond the first 50 free (52 in all)");
      assert.equal(beyond.quantity, 2);
      assert.equal(beyond.monthlyUsd, 1);
      assert.equal(beyond.basis, "resource");
    });

    it("counts web ACL rules and health-check features", () => {
      assert.equal(webAclRuleCount({ rules: [{ name: "common" }, { name: "sqli" }, { name: "rate" }] }), 3);
      assert.equal(webAclRuleCount({ ruleJson: JSON.stringify([{ Name: "a" }, { Name: "b" }]) }), 2);
      assert.deepEqual(healthCheckFeatures({ type: "HTTPS_STR_MATCH", requestInterval: 10, measureLatency: true }), ["HTTPS", "string match", "fast interval", "latency"]);
      assert.deepEqual(healthCheckFeatures({ type: "HTTP", requestInterval: 30 }), []);
    });

    it("reports AWS types that no rule prices and the no-charge list does not name", () => {
      const s = new SyntheticStack();
      s.add("aws:opensearch/domain:Domain", "search", {});
      s.add("aws:opensearch/domain:Domain", "search-2", {});
      s.add("aws:iam/role:Role", "role", {});
      s.add("random:index/randomPassword:RandomPassword", "password", {});
      assert.deepEqual(estimate(s).unpriced, [{ type: "aws:opensearch/domain:Domain", count: 2 }]);
    });
  });

  describe("properties", () => {
    const serviceStack = (tasks: number, cpu: number, memory: number, spotWeight: number) => {
      const s = new SyntheticStack();
      s.fargateService(s.tier("compute"), "svc", { cpu, memory, tasks }, {
        capacityProviderStrategies: [
          { capacityProvider: "FARGATE", weight: 1, base: 0 },
          { capacityProvider: "FARGATE_SPOT", weight: spotWeight, base: 0 },
        ],
      });
      return estimate(s).totalMonthlyUsd;
    };

    it("costs more when a service runs more tasks", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 1, max: 10 }),
          fc.constantFrom([256, 512], [512, 1024], [1024, 2048], [2048, 4096], [4096, 8192]),
          fc.integer({ min: 0, max: 9 }),
          (tasks, more, [cpu, memory], spotWeight) => serviceStack(tasks + more, cpu, memory, spotWeight) > serviceStack(tasks, cpu, memory, spotWeight),
        ),
      );
    });

    /** Classes of one price map, any two with different prices. */
    const pricedPairs = (prices: Readonly<Record<string, { usd: number }>>) =>
      fc.tuple(fc.constantFrom(...Object.keys(prices)), fc.constantFrom(...Object.keys(prices))).filter(([a, b]) => prices[a].usd < prices[b].usd);

    it("costs more when a database moves to a dearer instance class", () => {
      const deployments = ["Single-AZ", "Multi-AZ"] as const;
      fc.assert(
        fc.property(fc.constantFrom(...deployments).chain((d) => fc.tuple(fc.constant(d), pricedPairs(seoul.rds.instanceHour.postgres[d]))), ([deployment, [cheap, dear]]) => {
          const multiAz = deployment === "Multi-AZ";
          const db = (instanceClass: string) => {
            const s = new SyntheticStack();
            s.add("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass, multiAz, allocatedStorage: 50, storageType: "gp3" }, { parent: s.tier("data") });
            return estimate(s).totalMonthlyUsd;
          };
          return db(dear) > db(cheap);
        }),
      );
    });

    it("costs more when a cache or a node group moves to a dearer node type", () => {
      fc.assert(
        fc.property(pricedPairs(seoul.elasticache.nodeHour.redis), fc.integer({ min: 1, max: 6 }), ([cheap, dear], nodes) => {
          const cache = (nodeType: string) => {
            const s = new SyntheticStack();
            s.add("aws:elasticache/replicationGroup:ReplicationGroup", "redis", { nodeType, numCacheClusters: nodes }, { parent: s.tier("data") });
            return estimate(s).totalMonthlyUsd;
          };
          return cache(dear) > cache(cheap);
        }),
      );
      fc.assert(
        fc.property(pricedPairs(seoul.ec2.instanceHour), fc.integer({ min: 1, max: 10 }), ([cheap, dear], nodes) => {
          const group = (instanceType: string) => {
            const s = new SyntheticStack();
            s.add("eks:index:ManagedNodeGroup", "nodes", { scalingConfig: { desiredSize: nodes }, instanceTypes: [instanceType] }, { parent: s.tier("compute") });
            return estimate(s).totalMonthlyUsd;
          };
          return group(dear) > group(cheap);
        }),
      );
    });
  });
});
