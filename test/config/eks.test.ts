import { strict as assert } from "assert";
import * as fc from "fast-check";
import { readStackFile } from "../../automation/plan/stack-file";
import { allocatable, instanceTypes, schedulable } from "../../model/compute/eks/instance-types";
import { mebibytes, millicores, parseQuantity } from "../../model/compute/eks/quantity";
import { chartSupportProblem, charts, installedCharts } from "../../model/compute/eks/charts";
import { eksVersionProblem, supportedEksVersions } from "../../model/compute/eks/versions";
import { ConfigError, ConfigIssue, loadPlatformConfig } from "../../config";
import { EksSettings, workloadRequests } from "../../model/compute/settings";
import type { PlatformSettings } from "../../model/platform";
import { invalid, Present, remove } from "../helpers/config";
import { EksComputeInput, openMarketBlueprint, withCompute } from "../helpers/eks";

function issuesOf(config: Record<string, string>): ConfigIssue[] {
  try {
    loadPlatformConfig(config);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${(error as Error).message}`);
    return [...error.issues];
  }
  assert.fail("expected the config to be rejected");
}

function expectIssue(config: Record<string, string>, path: string, message: RegExp): void {
  const issues = issuesOf(config);
  const match = issues.find((i) => i.path === path && message.test(i.message));
  assert.ok(match, `no issue at ${path} matching ${message}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
}

/** The blueprint's backend service, which sets its routing. */
const backend = (compute: EksComputeInput) => compute.services.find((s) => s.name === "backend") as Present<EksComputeInput["services"][number], "routing">;
const eksPath = "platform:compute.eks";

/** The EKS settings of a config whose compute engine must be eks. */
function eksOf(config: PlatformSettings): EksSettings {
  if (config.compute?.engine !== "eks") throw new assert.AssertionError({ message: `compute engine is ${config.compute?.engine}, not eks` });
  return config.compute.eks;
}

describe("EKS config (compute.eks)", () => {
  for (const env of ["dev", "prod"] as const) {
    it(`accepts the OpenMarket ${env} blueprint`, () => {
      const config = loadPlatformConfig(readStackFile(openMarketBlueprint(env)).config);
      assert.equal(eksOf(config).version, "1.34");
    });
  }


  it("admits a version in extended support when the upgrade policy pays for it, then asks the pinned charts", () => {
    const issues = issuesOf(
      withCompute("dev", (c) => {
        c.eks.version = "1.33";
        c.eks.supportType = "EXTENDED";
        c.eks.addons.kubeProxy = "v1.33.5-eksbuild.2";
      }),
    );
    // The EKS calendar admits 1.33 under EXTENDED; only the External Secrets chart's support table refuses it.
    assert.deepEqual(
      issues.map((i) => i.path),
      [`${eksPath}.version`],
    );
    assert.match(issues[0].message, /^external-secrets 2\.6\.0 supports Kubernetes 1\.34-1\.35 \(.*stability-support\.md/);
  });

  it("accepts the blueprints' Kubernetes version for every chart it installs, monitoring included", () => {
    for (const env of ["dev", "prod"] as const) {
      const { version, monitoring } = eksOf(loadPlatformConfig(readStackFile(openMarketBlueprint(env)).config));
      assert.equal(monitoring.enabled, true);
      assert.deepEqual(installedCharts(true).map((pin) => chartSupportProblem(pin, version)).filter(Boolean), [], env);
    }
  });

  describe("rejects with the field and what is allowed", () => {
    const cases: [string, (c: EksComputeInput) => void, string, RegExp][] = [
      ["seed 004's Kubernetes 1.28 (past extended support)", (c) => (c.eks.version = "1.28"), `${eksPath}.version`, /reached the end of EKS extended support on 2025-11-26 \(supported on 2026-11-21 under STANDARD support: 1\.34, 1\.35\)/],
      ["a version only in extended support under STANDARD", (c) => (c.eks.version = "1.31"), `${eksPath}.version`, /left EKS standard support on 2025-11-26; it needs supportType EXTENDED/],
      ["a version EKS does not offer", (c) => (c.eks.version = "1.40"), `${eksPath}.version`, /is not a Kubernetes version EKS offers/],
      ["a malformed version", (c) => (c.eks.version = "1.3x"), `${eksPath}.version`, /Kubernetes minor version such as 1.34/],
      ["a cluster version the pinned External Secrets chart does not support", (c) => ((c.eks.version = "1.32"), (c.eks.supportType = "EXTENDED"), (c.eks.addons.kubeProxy = "v1.32.9-eksbuild.2")), `${eksPath}.version`, /external-secrets 2\.6\.0 supports Kubernetes 1\.34-1\.35/],
      ["kube-proxy for another Kubernetes version", (c) => (c.eks.addons.kubeProxy = "v1.33.5-eksbuild.2"), `${eksPath}.addons.kubeProxy`, /kube-proxy must match the cluster version 1.34/],
      ["a malformed add-on version", (c) => (c.eks.addons.vpcCni = "1.20"), `${eksPath}.addons.vpcCni`, /EKS add-on version such as v1.20.4-eksbuild.1/],
      ["min above max nodes", (c) => (c.eks.nodeGroups.general.minSize = 7), `${eksPath}.nodeGroups.general.minSize`, /is 7, above maxSize 6/],
      ["desired outside min..max", (c) => (c.eks.nodeGroups.general.desiredSize = 7), `${eksPath}.nodeGroups.general.desiredSize`, /between minSize 2 and maxSize 6/],
      ["an instance type the sizing table lacks", (c) => (c.eks.nodeGroups.general.instanceTypes = ["x9.huge"]), `${eksPath}.nodeGroups.general.instanceTypes[0]`, /not in the node sizing table \(known: t3.small, t3.medium/],
      ["x86 and arm types in one group", (c) => (c.eks.nodeGroups.general.instanceTypes = ["t3.medium", "t4g.medium"]), `${eksPath}.nodeGroups.general.instanceTypes`, /mixes x86_64 and arm64/],
      ["an unknown capacity type", (c) => (c.eks.nodeGroups.general.capacityType = invalid("RESERVED")), `${eksPath}.nodeGroups.general.capacityType`, /allowed: ON_DEMAND, SPOT/],
      ["an unknown taint effect", (c) => (c.eks.nodeGroups.general.taints = [{ key: "dedicated", effect: invalid("NoSchedule") }]), `${eksPath}.nodeGroups.general.taints[0].effect`, /allowed: NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE/],
      ["only tainted node groups", (c) => (c.eks.nodeGroups.general.taints = [{ key: "dedicated", value: "batch", effect: "NO_SCHEDULE" }]), `${eksPath}.nodeGroups`, /needs one group without taints/],
      ["no node group", (c) => (c.eks.nodeGroups = {}), `${eksPath}.nodeGroups`, /needs at least one node group/],
      ["a node type too small for the requests", (c) => (c.eks.nodeGroups.general.instanceTypes = ["t3.small"], (c.eks.services.backend.memoryRequest = "1536Mi")), `${eksPath}.services.backend`, /requests 250m CPU and 1536Mi, more than any node it may run on can schedule after DaemonSets \(general\/t3.small: 1575m CPU, 1093Mi \(of 1469Mi allocatable\)/],
      ["more CPU than a t3.medium can give a pod", (c) => ((c.eks.services.backend.cpuRequest = "1800m"), (c.eks.services.backend.cpuLimit = "2")), `${eksPath}.services.backend`, /requests 1800m CPU .*\(general\/t3.medium: 1575m CPU/],
      ["a CPU quantity with a space", (c) => (c.eks.services.backend.cpuRequest = "250 m"), `${eksPath}.services.backend.cpuRequest`, /not a Kubernetes CPU quantity/],
      ["a memory unit Kubernetes does not know", (c) => (c.eks.services.backend.memoryLimit = "2GB"), `${eksPath}.services.backend.memoryLimit`, /not a Kubernetes memory quantity \(bytes with a suffix such as 512Mi or 2Gi\)/],
      ["memory in millibytes", (c) => (c.eks.services.backend.memoryRequest = "512m"), `${eksPath}.services.backend.memoryRequest`, /milli suffix m .* write Mi/],
      ["a negative CPU limit", (c) => (c.eks.services.backend.cpuLimit = "-1"), `${eksPath}.services.backend.cpuLimit`, /must not be negative/],
      ["a CPU request below 1m", (c) => (c.eks.services.backend.cpuRequest = "0.0001"), `${eksPath}.services.backend.cpuRequest`, /below 1m/],
      ["a request above its limit", (c) => (c.eks.services.backend.cpuRequest = "1500m"), `${eksPath}.services.backend.cpuRequest`, /must not exceed cpuLimit 1000m \(Kubernetes rejects a request above its limit\)/],
      ["a memory request above its limit", (c) => (c.eks.services.backend.memoryRequest = "3Gi"), `${eksPath}.services.backend.memoryRequest`, /must not exceed memoryLimit 2Gi/],
      ["a service without Kubernetes sizing", (c) => delete c.eks.services.frontend, `${eksPath}.services`, /has no entry for service frontend/],
      ["sizing for a service that does not exist", (c) => (c.eks.services.worker = { cpuLimit: "1", memoryLimit: "1Gi" }), `${eksPath}.services.worker`, /is not a service of compute.services \(services: backend, frontend\)/],
      ["pods pinned to an unknown node group", (c) => (c.eks.services.backend.nodeGroup = "gpu"), `${eksPath}.services.backend.nodeGroup`, /is not a node group \(groups: general\)/],
      ["an API open to the internet", (c) => (c.eks.endpoint.publicAccessCidrs = ["0.0.0.0/0"]), `${eksPath}.endpoint.publicAccessCidrs[0]`, /opens the Kubernetes API to the whole internet/],
      ["a malformed CIDR", (c) => (c.eks.endpoint.publicAccessCidrs = ["office"]), `${eksPath}.endpoint.publicAccessCidrs[0]`, /IPv4 CIDR/],
      ["no administrator role", (c) => (c.eks.adminRoleArns = []), `${eksPath}.adminRoleArns`, /at least one administrator role/],
      ["a user ARN as administrator", (c) => (c.eks.adminRoleArns = ["arn:aws:iam::478266318018:user/alice"]), `${eksPath}.adminRoleArns[0]`, /must be an IAM role ARN/],
      ["a monitoring section without the flag", (c) => remove(c.eks.monitoring, "enabled"), `${eksPath}.monitoring.enabled`, /is required/],
      ["engine eks without compute.eks", (c) => remove(c, "eks"), `${eksPath}`, /is required when engine is eks/],
      ["compute.eks under the ECS engine", (c) => (c.engine = "ecs"), `${eksPath}`, /only read when engine is eks \(engine is ecs\)/],
      ["an HPA that scales to zero", (c) => (backend(c).scaling.min = 0), "platform:compute.services[0].scaling.min", /at least 1 on EKS/],
      ["scheduled scaling on EKS", (c) => (backend(c).scaling.schedules = [{ name: "office-hours", cron: "0 9 * * 1-5", minCapacity: 4 }]), "platform:compute.services[0].scaling.schedules", /not supported on EKS/],
      ["an NLB service on EKS", (c) => (backend(c).routing.loadBalancer = "nlb"), "platform:compute.services[0].routing.loadBalancer", /is not supported on EKS/],
      ["a bucket the storage tier does not have", (c) => (backend(c).permissions = { buckets: [{ bucket: "photos", access: "readwrite" }] }), "platform:compute.services[0].permissions.buckets[0].bucket", /is not a bucket of storage.buckets \(have: uploads\)/],
      ["an image repository the storage tier does not have", (c) => (backend(c).image = { repository: "api", tag: "1.0.0" }), "platform:compute.services[0].image.repository", /is not a repository of storage.repositories \(have: backend, frontend-web\)/],
    ];
    for (const [what, edit, path, message] of cases) {
      it(what, () => expectIssue(withCompute("dev", edit), path, message));
    }

    it("an ALB service without the edge tier that names and certifies it", () => {
      const config = withCompute("dev", () => undefined);
      delete config["platform:edge"];
      expectIssue(config, "platform:edge", /is required: services backend, frontend route through a load balancer/);
    });

    it("a public API endpoint for people where data is protected", () =>
      expectIssue(
        withCompute("prod", (c) => (c.eks.endpoint.publicAccessCidrs = ["203.0.113.0/24"])),
        `${eksPath}.endpoint.publicAccessCidrs`,
        /must be empty when dataProtection is protected: people reach the API through the VPC; list where pulumi up runs in deployerCidrs/,
      ));
  });
});

describe("EKS API endpoint: reachable from where pulumi up runs (compute.eks.endpoint)", () => {
  const endpointPath = `${eksPath}.endpoint`;
  const ci = ["198.51.100.7/32", "198.51.100.8/32"];

  for (const env of ["dev", "prod"] as const) {
    it(`${env}: refuses a private-only endpoint, which the program's own Kubernetes objects could not reach on the first deploy`, () =>
      expectIssue(
        withCompute(env, (c) => (c.eks.endpoint = { publicAccessCidrs: [] })),
        `${endpointPath}.deployerCidrs`,
        /is empty and so is publicAccessCidrs: the API endpoint would be private, yet pulumi up creates Helm releases, namespaces and Deployments through it, and the VPC it sits in is created by this same stack, so nothing running pulumi up can be inside it .*list the egress addresses of the CI runner that runs pulumi up/,
      ));

    it(`${env}: accepts the CI runner's egress addresses as deployer ranges`, () => {
      const config = loadPlatformConfig(withCompute(env, (c) => (c.eks.endpoint = { deployerCidrs: ci })));
      assert.deepEqual(eksOf(config).endpoint, { deployerCidrs: ci, publicAccessCidrs: [] });
    });
  }

  it("lets people reach a disposable cluster from listed ranges without a deployer range (they run pulumi up from there)", () => {
    const config = loadPlatformConfig(withCompute("dev", (c) => (c.eks.endpoint = { publicAccessCidrs: ["203.0.113.0/24"] })));
    assert.deepEqual(eksOf(config).endpoint, { deployerCidrs: [], publicAccessCidrs: ["203.0.113.0/24"] });
  });

  const cases: [string, "dev" | "prod", Record<string, string[]>, string, RegExp][] = [
    ["a deployer range open to the internet", "dev", { deployerCidrs: ["0.0.0.0/0"] }, `${endpointPath}.deployerCidrs[0]`, /opens the Kubernetes API to the whole internet/],
    ["a private deployer range (a machine in the VPC uses the private endpoint)", "dev", { deployerCidrs: ["10.20.0.0/16"] }, `${endpointPath}.deployerCidrs[0]`, /is a private-use range, not an internet address: .*EKS refuses reserved addresses/],
    ["a carrier-grade NAT range for people", "dev", { deployerCidrs: ci, publicAccessCidrs: ["100.64.0.0/10"] }, `${endpointPath}.publicAccessCidrs[0]`, /is a shared \(carrier-grade NAT\) range, not an internet address/],
    ["a wide deployer range where data is protected", "prod", { deployerCidrs: ["198.51.0.0/16"] }, `${endpointPath}.deployerCidrs[0]`, /is a \/16 .* at most a \/24 where dataProtection is protected/],
    ["a deployer range written with host bits", "prod", { deployerCidrs: ["198.51.100.7/24"] }, `${endpointPath}.deployerCidrs[0]`, /is not a network address \(its host bits are set; the network is 198\.51\.100\.0\/24\), which the AWS provider refuses/],
    ["a malformed deployer range", "prod", { deployerCidrs: ["ci-runner"] }, `${endpointPath}.deployerCidrs[0]`, /IPv4 CIDR/],
    [
      "more ranges than EKS accepts",
      "dev",
      { deployerCidrs: Array.from({ length: 30 }, (_, i) => `198.51.100.${i}/32`), publicAccessCidrs: Array.from({ length: 11 }, (_, i) => `203.0.113.${i}/32`) },
      endpointPath,
      /lists 41 ranges; EKS accepts at most 40 public access CIDR ranges per cluster \(a quota it does not raise\)/,
    ],
  ];
  for (const [what, env, endpoint, path, message] of cases) {
    it(`refuses ${what}`, () => expectIssue(withCompute(env, (c) => (c.eks.endpoint = endpoint)), path, message));
  }
});

describe("EKS sizing and parsing", () => {
  it("parses Kubernetes quantities in every suffix family", () => {
    assert.equal(millicores("250m"), 250);
    assert.equal(millicores("1"), 1000);
    assert.equal(millicores("1.5"), 1500);
    assert.equal(millicores("2e-1"), 200);
    assert.equal(millicores("500000u"), 500);
    assert.equal(mebibytes("512Mi"), 512);
    assert.equal(mebibytes("2Gi"), 2048);
    assert.equal(mebibytes("1048576"), 1);
    assert.equal(mebibytes("1Ki") * 1024, 1);
    assert.equal(parseQuantity("1k", "memory").value, 1000);
    assert.equal(parseQuantity("1e3", "memory").value, 1000);
    for (const bad of ["", "1.2.3", "Mi", "1 Gi", "1mi", "+-1", "1GB", "0x10"]) {
      assert.throws(() => parseQuantity(bad, "memory"), /not a Kubernetes memory quantity/, bad);
    }
    assert.throws(() => parseQuantity("0", "cpu"), /greater than zero/);
  });

  it("reads any whole millicore and MiB count back exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (n) => millicores(`${n}m`) === n && mebibytes(`${n}Mi`) === n),
    );
  });

  it("offers 1930m and 3349Mi of a t3.medium to pods, less the DaemonSets", () => {
    const t3medium = instanceTypes["t3.medium"];
    assert.deepEqual(allocatable(t3medium), { millicores: 1930, mebibytes: 3349 });
    assert.deepEqual(schedulable(t3medium, false), { millicores: 1775, mebibytes: 3229 });
    // Seed 004's Node Exporter and Fluent Bit (100m / 128Mi each) on every node.
    assert.deepEqual(schedulable(t3medium, true), { millicores: 1575, mebibytes: 2973 });
    assert.deepEqual(allocatable(instanceTypes["m5.2xlarge"]).millicores, 8000 - 60 - 10 - 5 - 5 - 4 * 2.5);
  });

  it("defaults requests to the shared task size (1024 CPU units = 1 core)", () => {
    const limits = { cpuLimit: "1", memoryLimit: "2Gi" };
    assert.deepEqual(workloadRequests(limits, { cpuUnits: 256, memoryMb: 512 }), { millicores: 250, mebibytes: 512 });
    assert.deepEqual(workloadRequests(limits, { cpuUnits: 1024, memoryMb: 2048 }), { millicores: 1000, mebibytes: 2048 });
    assert.deepEqual(workloadRequests({ ...limits, cpuRequest: "100m", memoryRequest: "1Gi" }, { cpuUnits: 256, memoryMb: 512 }), { millicores: 100, mebibytes: 1024 });
  });

  it("judges Kubernetes versions by the EKS calendar on its review date", () => {
    assert.deepEqual(supportedEksVersions("STANDARD"), ["1.34", "1.35"]);
    assert.deepEqual(supportedEksVersions("EXTENDED"), ["1.31", "1.32", "1.33", "1.34", "1.35"]);
    // Five days later 1.31 leaves extended support; a week after that 1.34 leaves standard support.
    assert.deepEqual(supportedEksVersions("EXTENDED", "2026-11-26"), ["1.32", "1.33", "1.34", "1.35"]);
    assert.deepEqual(supportedEksVersions("STANDARD", "2026-12-02"), ["1.35"]);
    assert.equal(eksVersionProblem("1.35", "STANDARD"), undefined);
    assert.match(String(eksVersionProblem("1.35", "STANDARD", "2025-12-01")), /is not released on EKS yet/);
  });

});

describe("Helm chart support table (model/compute/eks/charts.ts)", () => {
  it("judges a Kubernetes version against each chart's range as its publisher states it", () => {
    assert.equal(chartSupportProblem(charts.metricsServer, "1.30"), `metrics-server 3.13.0 supports Kubernetes 1.31+ (${charts.metricsServer.source})`);
    assert.equal(chartSupportProblem(charts.metricsServer, "1.35"), undefined, "no upper bound stated");
    assert.match(String(chartSupportProblem(charts.externalSecrets, "1.36")), /^external-secrets 2\.6\.0 supports Kubernetes 1\.34-1\.35 /);
    assert.equal(chartSupportProblem(charts.externalSecrets, "1.34"), undefined);
    assert.equal(chartSupportProblem(charts.fluentBit, "1.20"), undefined, "a chart that states no range is not judged");
  });

  it("installs the monitoring charts only with monitoring", () => {
    assert.deepEqual(installedCharts(false).map((pin) => pin.chart), ["aws-load-balancer-controller", "metrics-server", "external-secrets"]);
    assert.deepEqual(installedCharts(true).map((pin) => pin.chart).slice(3), ["kube-prometheus-stack", "aws-for-fluent-bit"]);
  });
});
