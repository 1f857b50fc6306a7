import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../automation/plan/index";
import { readStackFile } from "../../automation/plan/stack-file";
import { compareWithReference, tolerance } from "../../automation/cost/reference";
import { estimateCost } from "../../automation/cost/engine";
import { loadPlatformConfig } from "../../config";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import { blueprintFile, blueprintFiles } from "../helpers/blueprints";
import { configIssueLines, SectionInput, SectionKey } from "../helpers/config";
import type { EksComputeInput } from "../helpers/eks";
import { renderStackFile } from "../helpers/stacks";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "blueprints-"));

/** The seed products (shared/seeds/README.md) and the environments each blueprint folder holds. */
const expected: Record<string, string[]> = {
  hooklabs: ["dev", "prod", "prod-dr", "staging"], // seed 000: its staging column too (Spot 100 %); RTO 30 min / RPO 5 min, activate the secondary region
  codemate: ["dev", "prod", "prod-dr"], // seed 001: cross-region backup, RTO 1 h / RPO 24 h
  newsforge: ["dev", "prod", "prod-dr"], // seed 002: DR to another region
  onno: ["dev", "prod", "prod-dr"], // seed 003: replication to ap-northeast-1
  openmarket: ["dev", "prod", "prod-dr"], // seed 004
};

describe("blueprints", () => {
  const blueprints = blueprintFiles();

  it("has a folder per seed product with at least dev and prod", () => {
    const found: Record<string, string[]> = {};
    for (const b of blueprints) (found[b.product] ??= []).push(b.env);
    for (const envs of Object.values(found)) envs.sort();
    assert.deepEqual(found, expected);
  });

  for (const blueprint of blueprints) {
    describe(blueprint.relative, () => {
      const raw = readStackFile(blueprint.file).config;

      it("names its product and environment as its folder and file do", () => {
        const config = loadPlatformConfig(raw);
        assert.equal(config.project, blueprint.product);
        assert.equal(config.environment, blueprint.env);
      });

      it("plans with exit 0: every step passes and plan.json, architecture.mmd and report.md are written", async () => {
        const lines: string[] = [];
        const outRoot = path.join(tmp, blueprint.product);
        const run = await runPlan({ file: blueprint.file, outRoot, log: (l) => lines.push(l), rendered: await renderStackFile(blueprint.file) });
        assert.equal(run.exitCode, 0, lines.join("\n"));
        const outDir = path.join(outRoot, "blueprints", blueprint.product, blueprint.env);
        for (const artefact of ["plan.json", "architecture.mmd", "report.md"]) {
          assert.ok(fs.existsSync(path.join(outDir, artefact)), artefact);
        }
        assert.ok(!lines.some((l) => /UNEXPLAINED|not priced|no estimate/.test(l)), lines.filter((l) => /UNEXPLAINED|not priced|no estimate/.test(l)).join("\n"));
      });

      const standby = loadPlatformConfig(raw);
      if (standby.role === "standby") {
        it("stands by for the blueprint beside it: promotions, replicas, buckets, repositories and names fit its primary", () => {
          assert.equal(standby.dr?.primaryStack, "prod");
          const primary = loadPlatformConfig(readStackFile(blueprintFile(blueprint.product, "prod")).config);
          assert.equal(primary.project, standby.project);
          assert.deepEqual(primary.dr?.targets, standby.dr?.targets, "the drill refuses a pair whose targets disagree");
          assert.deepEqual(checkStandbyPromotions({ name: "prod", config: primary }, { name: blueprint.env, config: standby }), []);
          assert.notEqual(primary.region, standby.region);
        });
      }

      const reference = loadPlatformConfig(raw).cost.reference;
      if (reference) {
        it("explains every difference from the seed's own cost table, and only the differences", async () => {
          const { resources, region } = await renderStackFile(blueprint.file);
          const config = loadPlatformConfig(raw);
          const comparison = compareWithReference(estimateCost(resources, { region, usage: config.cost.usage, officeHours: config.officeHours }), reference);
          assert.deepEqual(comparison.unexplained, []);
          for (const row of comparison.rows.filter((r) => r.note !== undefined && r.estimateUsd !== undefined)) {
            // A note on a row that matches anyway would hide a stale explanation.
            assert.ok(!row.withinTolerance, `${row.name} is within ${tolerance * 100} % of the seed but carries a note: drop it`);
          }
        });
      }
    });
  }
});

/** A blueprint's flat config with one `platform:<section>` changed by `edit` (on the parsed JSON). */
function edited<K extends SectionKey>(product: string, env: string, section: K, edit: (value: SectionInput<K>) => void): Record<string, string> {
  const config = { ...readStackFile(blueprintFile(product, env)).config };
  const value = JSON.parse(config[`platform:${section}`]) as SectionInput<K>;
  edit(value);
  config[`platform:${section}`] = JSON.stringify(value);
  return config;
}

const problems = configIssueLines;

describe("blueprints: a feature the chosen engine cannot do is a config error naming the engine that can", () => {
  it("Aurora's global database on NewsForge's RDS PostgreSQL", () => {
    const config = edited("newsforge", "prod", "data", (data) => Object.assign(data.database, { globalDatabase: true }));
    assert.deepEqual(problems(config).map((p) => p.split(" (allowed")[0]), [
      "platform:data.database.globalDatabase: applies only with engine aurora-postgresql or aurora-mysql, not postgres",
    ]);
    assert.match(problems(config)[0], /\(allowed with postgres: engine, .*readReplicas\)$/);
  });

  it("RDS read replicas on OpenMarket's Aurora MySQL (Aurora has readers)", () => {
    const config = edited("openmarket", "prod", "data", (data) => Object.assign(data.database, { readReplicas: [{ name: "reporting", instanceClass: "db.r6g.large" }] }));
    assert.deepEqual(problems(config).map((p) => p.split(" (allowed")[0]), ["platform:data.database.readReplicas: applies only with engine postgres, not aurora-mysql"]);
  });

  it("Onno's WebSocket service behind an NLB, moved to the EKS variant", () => {
    const { eks } = JSON.parse(readStackFile(blueprintFile("openmarket", "prod")).config["platform:compute"]) as EksComputeInput;
    const config = edited("onno", "prod", "compute", (compute) => {
      compute.engine = "eks";
      delete compute.ecs;
      compute.eks = { ...eks, services: { api: eks.services.backend, ws: eks.services.backend } };
      for (const service of compute.services) service.scaling.schedules = [];
    });
    // Onno's ECS task-crash rule (observability.taskCrashEvents) and [ERROR] filter on an ECS log group have no EKS counterpart either.
    assert.deepEqual(problems(config).sort(), [
      "platform:compute.services[1].routing.loadBalancer: is not supported on EKS; use alb (the Ingress) or none",
      "platform:observability.logTextAlarms.api-errors.service: reads an ECS service's log group; this stack runs engine eks: allowed only with platform:compute.engine ecs",
      "platform:observability.taskCrashEvents: watches ECS tasks; this stack runs engine eks (its pods are Prometheus's and Alertmanager's)",
    ]);
  });

  it("a key no engine has is still just unknown", () => {
    const config = edited("codemate", "dev", "data", (data) => Object.assign(data.database, { replicas: 1 }));
    assert.equal(problems(config).length, 1);
    assert.match(problems(config)[0], /^platform:data\.database\.replicas: is not a known setting \(allowed: engine, /);
  });
});
