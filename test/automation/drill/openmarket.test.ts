import { strict as assert } from "assert";
import * as path from "path";
import { loadPlatformConfig } from "../../../config";
import { readStackFile, repoRoot } from "../../../automation/plan/stack-file";
import type { DrillRecord } from "../../../automation/drill/record";
import { recoveryFor } from "../../../automation/drill/recovery";
import { MemoryReportStore } from "../../../automation/drill/report";
import { runDrill } from "../../../automation/drill/run";
import { defaultTimings } from "../../../automation/drill/steps";
import { DrillTargets, parseDrillTargets, SideName } from "../../../automation/drill/targets";
import { DrillKind, validateDrill } from "../../../automation/drill/validate";
import type { DrillMode } from "../../../automation/drill/cloud";
import type { StackInfo } from "../../../automation/stacks/catalog";
import { FakeClock } from "../../helpers/fake-clock";
import { drillTargets, FakeAws, regions } from "../../helpers/fake-aws";
import { FakeDriver } from "../../helpers/fake-driver";
import { FakeKubernetes } from "../../helpers/fake-kubernetes";

/** OpenMarket's pair as its blueprint's stack files say (seed 004): prod in Seoul, prod-dr in Tokyo, both on EKS. */
function openMarketPair(failback: boolean): Map<string, StackInfo> {
  const load = (stack: string): StackInfo => {
    const file = path.join(repoRoot, "blueprints", "openmarket", `Pulumi.${stack}.yaml`);
    const stackFile = readStackFile(file, stack);
    const config = loadPlatformConfig(stackFile.config, stackFile.secretKeys, { written: stackFile.written });
    const state = failback ? (stack === "prod" ? "standby" : "serving") : undefined;
    return { name: stack, file, config: state && config.dr ? { ...config, dr: { ...config.dr, state } } : config };
  };
  return new Map([["prod", load("prod")], ["prod-dr", load("prod-dr")]]);
}

const deployments = ["backend", "frontend"];

/** The `drill` output of OpenMarket's prod-dr: an EKS side each, the shape ECS pairs have for DNS (om-dns's failover records). */
function openMarketTargets(files: boolean): DrillTargets {
  const base = drillTargets("aurora-global", "warm-empty", files);
  const eks = (side: SideName, stack: string) => ({
    clusterName: `openmarket-${stack}`,
    endpoint: `https://${side === "primary" ? "A1B2C3D4E5F6" : "F6E5D4C3B2A1"}.gr7.${regions[side]}.eks.amazonaws.com`,
    certificateAuthority: Buffer.from(`-----BEGIN CERTIFICATE-----\n${stack}\n-----END CERTIFICATE-----\n`).toString("base64"),
    namespace: `openmarket-${stack}`,
    workloads: deployments.map((name) => ({ deployment: name, hpa: name })),
  });
  const side = (s: SideName, stack: string) => {
    return { ...base[s], ecs: undefined, eks: eks(s, stack) };
  };
  // Through the schema, as the drill reads it.
  return parseDrillTargets({ drill: { ...base, primary: side("primary", "prod"), standby: side("standby", "prod-dr") } }, "prod-dr");
}

function openMarketDrill(options: { kind?: DrillKind; mode?: DrillMode }) {
  const kind = options.kind ?? "drill";
  const failback = kind === "failback";
  const setup = validateDrill({ kind, primary: "prod", standby: "prod-dr", mode: options.mode ?? "planned", force: false }, openMarketPair(failback));
  // The uploads replica's RPO is measured on the drill; a failback has no reverse replication to measure (yet).
  const targets = openMarketTargets(!failback);
  const aws = new FakeAws(targets, 1, 2);
  // seed 004's HPA 2-10 on prod; the standby's posture: one pod each (platform:dr.standby.tasksPerService 1).
  const kube = failback
    ? new FakeKubernetes(aws.trace, regions, deployments, { primary: 0, standby: 2 }, { primary: { min: 2, max: 10 }, standby: { min: 2, max: 10 } })
    : new FakeKubernetes(aws.trace, regions, deployments, { primary: 2, standby: 1 }, { primary: { min: 2, max: 10 }, standby: { min: 1, max: 1 } });
  aws.kubernetes = kube.connect((cluster) => (cluster === targets.primary.eks?.clusterName ? "primary" : "standby"));
  aws.serving = (side) => kube.serving(side);
  if (failback) {
    Object.assign(aws.db, { writer: "standby", pending: "standby" });
    aws.dns.inverted = true;
  }
  const clock = new FakeClock();
  const store = new MemoryReportStore();
  const driver: FakeDriver = new FakeDriver({
    outputs: { "prod-dr": { drill: targets } },
    onCall: (call) => aws.trace.push(`pulumi ${call.op} ${call.stack}${call.key ? ` ${call.key}=${call.value}` : ""}`),
    onSuccess: (call) => {
      if (call.op !== "up") return;
      // The program: HPAs at the services' 2-10 when serving, the posture's 1-1 standing by; no replicas declared.
      const side: SideName = call.stack === "prod" ? "primary" : "standby";
      const serving = call.stack === "prod" || driver.config.get(call.stack)?.get("platform:dr.state") === "serving";
      if (serving) kube.setHpa(side, 2, 10);
      else kube.setHpa(side, 1, 1);
    },
  });
  const run = (drillFence?: DrillRecord["drillFence"]) => runDrill({ setup, driver, clock, makeCloud: () => aws.cloud(clock), store, timings: defaultTimings, drillFence });
  return { aws, kube, run, targets };
}

const k8s = (side: SideName) => `k8s@${regions[side]}`;
/** One read of a side's workloads: each Deployment's scale (and its Deployment, pods and HPA, not traced). */
const read = (side: SideName) => deployments.map((name) => `${k8s(side)} GET ${name}/scale`);

describe("drill: OpenMarket's EKS pair (blueprints/openmarket, seed 004)", () => {
  let kube: FakeKubernetes | undefined;
  let aws: FakeAws | undefined;
  afterEach(async () => {
    aws?.restore();
    await kube?.close();
  });

  for (const mode of ["planned", "unplanned"] as const) {
    it(`${mode}: fences prod's Deployments at 0 through the scale subresource, moves the Aurora global database, scales prod-dr's HPAs and switches DNS`, async () => {
      const d = openMarketDrill({ mode });
      ({ kube, aws } = d);
      const record = await d.run();
      assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
      const standbyArn = d.targets.database.strategy === "aurora-global" ? d.targets.database.standby.clusterArn : "";
      const promote = mode === "planned" ? `rds@ap-northeast-1 SwitchoverGlobalCluster to=${standbyArn}` : `rds@ap-northeast-1 FailoverGlobalCluster to=${standbyArn} allowDataLoss=true`;
      const trace = d.aws.trace.filter((call) => !call.startsWith("cloudwatch") && !call.startsWith("elasticache"));
      assert.deepEqual(trace.slice(0, trace.indexOf(promote) + 1), [
        "pulumi outputs prod-dr",
        "probe https://prod-origin.example.test/healthz",
        "rds@ap-northeast-1 DescribeGlobalClusters",
        ...read("standby"),
        ...read("primary"),
        `${k8s("primary")} PATCH backend/scale replicas=0`,
        `${k8s("primary")} PATCH frontend/scale replicas=0`,
        ...read("primary"),
        ...read("primary"),
        "rds@ap-northeast-1 DescribeGlobalClusters",
        promote,
      ]);
      // The previous replicas and HPA bounds, saved before the first change.
      assert.deepEqual(record.fence?.services, deployments.map((name) => ({ name, previousDesired: 2, hpa: { name, minReplicas: 2, maxReplicas: 10 } })));
      assert.equal(record.fence?.engine, "eks");
      // Held by the HPA's maintenance mode: prod still at 0 after its HPAs saw every poll.
      for (const w of d.kube.workloads.primary.values()) assert.deepEqual({ replicas: w.replicas, pods: w.pods, hpa: w.hpa }, { replicas: 0, pods: 0, hpa: { min: 2, max: 10 } });
      for (const w of d.kube.workloads.standby.values()) assert.deepEqual({ replicas: w.replicas, pods: w.pods }, { replicas: 2, pods: 2 });
      const scale = record.steps.find((s) => s.id === "scale");
      assert.match(scale?.detail.at(-1) ?? "", /backend ready 2\/2 \(HPA 2-10\), frontend ready 2\/2 \(HPA 2-10\)/);
      assert.ok(d.aws.trace.includes("route53 UpdateHealthCheck inverted=true"));
      // Every Kubernetes call carried an EKS token: a presigned STS GetCallerIdentity URL signing x-k8s-aws-id.
      assert.ok(d.kube.tokens.length > 0);
      for (const url of d.kube.tokens) {
        assert.match(url, /^https:\/\/sts\.ap-northeast-[12]\.amazonaws\.com\/\?/);
        const query = new URL(url).searchParams;
        assert.equal(query.get("Action"), "GetCallerIdentity");
        assert.equal(query.get("X-Amz-SignedHeaders"), "host;x-k8s-aws-id");
      }
    });
  }

  it("stops the drill when a Deployment wants pods again while the fence waits (someone's kubectl scale)", async () => {
    const d = openMarketDrill({ mode: "planned" });
    ({ kube, aws } = d);
    // Before the first wait's read: after the pre-check's read of prod-dr, prod's fence read and its PATCHes.
    d.kube.between("primary", 2, () => Object.assign(d.kube.workloads.primary.get("backend") as object, { replicas: 3, settle: 1 }));
    const record = await d.run();
    assert.equal(record.outcome, "stopped");
    assert.equal(record.stoppedAt, "fence");
    assert.match(record.steps.find((s) => s.id === "fence")?.error ?? "", /the fence did not hold: backend wants 3 pods on prod again/);
    assert.ok(!d.aws.trace.some((call) => call.includes("SwitchoverGlobalCluster")), "no data store moved");
  });

  it("failback: fences prod-dr, switches the Aurora global database back, and restores prod's saved replicas and HPA bounds", async () => {
    const d = openMarketDrill({ kind: "failback" });
    ({ kube, aws } = d);
    // What the drill saved on prod (bounds changed by hand before it: 3-8, 4 replicas).
    const saved = {
      startedAt: Date.UTC(2026, 5, 1),
      fence: { at: Date.UTC(2026, 5, 1), region: regions.primary, cluster: "openmarket-prod", engine: "eks" as const, namespace: "openmarket-prod", services: deployments.map((name) => ({ name, previousDesired: 4, hpa: { name, minReplicas: 3, maxReplicas: 8 } })) },
    };
    const record = await d.run(saved);
    assert.equal(record.outcome, "passed", JSON.stringify(record.steps.filter((s) => s.error)));
    assert.ok(d.aws.trace.includes(`rds@ap-northeast-2 SwitchoverGlobalCluster to=${d.targets.database.strategy === "aurora-global" ? d.targets.database.primary.clusterArn : ""}`));
    const up = d.aws.trace.indexOf("pulumi up prod");
    assert.deepEqual(d.aws.trace.slice(up + 1, up + 5), [
      `${k8s("primary")} PATCH hpa backend min=3 max=8`,
      `${k8s("primary")} PATCH hpa frontend min=3 max=8`,
      `${k8s("primary")} PATCH backend/scale replicas=4`,
      `${k8s("primary")} PATCH frontend/scale replicas=4`,
    ]);
    for (const w of d.kube.workloads.primary.values()) assert.deepEqual({ replicas: w.replicas, hpa: w.hpa }, { replicas: 4, hpa: { min: 3, max: 8 } });
    // prod-dr back at its posture: the HPA's 1 pod, the HPA active again.
    for (const w of d.kube.workloads.standby.values()) assert.deepEqual({ replicas: w.replicas, hpa: w.hpa }, { replicas: 1, hpa: { min: 1, max: 1 } });
    assert.ok(d.aws.trace.includes("route53 UpdateHealthCheck inverted=false"));
  });
});

describe("drill: recovery of an EKS fence", () => {
  it("prints kubectl commands: each HPA's saved bounds, then each Deployment's saved replicas", () => {
    const record = {
      kind: "drill",
      mode: "planned",
      primary: "prod",
      standby: "prod-dr",
      from: "primary",
      to: "standby",
      outcome: "stopped",
      stoppedAt: "promote-database",
      steps: [{ id: "promote-database", title: "promote the database", kind: "change", status: "failed", detail: [] }],
      fence: { at: 0, region: "ap-northeast-2", cluster: "openmarket-prod", engine: "eks", namespace: "openmarket-prod", services: [{ name: "backend", previousDesired: 2, hpa: { name: "backend", minReplicas: 2, maxReplicas: 10 } }] },
    } as unknown as DrillRecord;
    const lines = recoveryFor(record).join("\n");
    assert.match(lines, /kubectl --context <openmarket-prod> --namespace openmarket-prod patch hpa backend --type merge -p '\{"spec":\{"minReplicas":2,"maxReplicas":10\}\}'/);
    assert.match(lines, /kubectl --context <openmarket-prod> --namespace openmarket-prod scale deployment backend --replicas 2/);
    assert.doesNotMatch(lines, /aws ecs update-service/);
  });
});
