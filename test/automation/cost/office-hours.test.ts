import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../../config";
import { CostEstimate, estimateCost } from "../../../automation/cost/engine";
import type { CostLine } from "../../../automation/cost/model";
import { daysPerWeek, officeRunningHours, runningHoursPerMonth } from "../../../automation/cost/office-hours";
import { readStackFile } from "../../../automation/plan/stack-file";
import { blueprintFile } from "../../helpers/blueprints";
import { renderConfig, renderStack, renderStackFile, stackConfig } from "../../helpers/stacks";
import type { RenderResult } from "../../../offline";

// Seed 004: dev runs MON-FRI 09:00-18:00; the database starts 30 minutes early and stops 15 late.
const seed004 = { days: "MON-FRI", start: "09:00", stop: "18:00" };
const serviceHours = (5 * 9 * 52.14) / 12; // 195.5 h
const databaseHours = (5 * 9.75 * 52.14) / 12; // 211.8 h

describe("cost estimate: office hours", () => {
  describe("running hours per month (days a week x hours a day x 52.14 / 12)", () => {
    it("seed 004's MON-FRI 09:00-18:00: 195.5 h for the services, 211.8 h for the database (45 minutes more a day)", () => {
      assert.ok(Math.abs(runningHoursPerMonth(seed004) - 195.525) < 1e-9);
      assert.ok(Math.abs(runningHoursPerMonth(seed004, 45) - 211.81875) < 1e-9);
      const hours = officeRunningHours(seed004);
      assert.equal(hours.services.note, "office hours MON-FRI 09:00-18:00: 195.5 h");
      assert.equal(hours.database.note, "office hours MON-FRI 09:00-18:00 (database 08:30-18:15): 211.8 h");
    });

    it("counts the days of a cron day-of-week field: ranges, lists and a range through the weekend", () => {
      assert.equal(daysPerWeek("MON-FRI"), 5);
      assert.equal(daysPerWeek("MON,WED,FRI"), 3);
      assert.equal(daysPerWeek("FRI-MON"), 4);
      assert.equal(daysPerWeek("MON-WED,TUE-THU"), 4);
      assert.equal(daysPerWeek("SUN-SAT"), 7);
      assert.throws(() => daysPerWeek("MON-FUN"), /'MON-FUN' is not a day-of-week list/);
    });

    it("scales with the days and the length of the day", () => {
      assert.ok(Math.abs(runningHoursPerMonth({ days: "MON,WED,FRI", start: "08:00", stop: "12:30" }) - (3 * 4.5 * 52.14) / 12) < 1e-9);
      assert.ok(runningHoursPerMonth({ ...seed004, stop: "19:00" }) > runningHoursPerMonth(seed004));
    });
  });

  /** A line's identity without the office-hours note its item gains. */
  const key = (line: CostLine) => [line.tier, line.service, line.item.replace(/, office hours .*$/, ""), line.unit, line.resources.join(",")].join(" | ");
  const byKey = (estimate: CostEstimate) => new Map(estimate.lines.map((line) => [key(line), line]));

  /** Lines whose amount differs between the two estimates, with the ratio of their quantities. */
  function changed(always: CostEstimate, office: CostEstimate): { key: string; ratio: number; line: CostLine }[] {
    const before = byKey(always);
    const after = byKey(office);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), "the same lines, only some amounts change");
    return [...after].filter(([k, line]) => line.monthlyUsd !== before.get(k)?.monthlyUsd).map(([k, line]) => ({ key: k, ratio: line.quantity / before.get(k)!.quantity, line }));
  }

  describe("the dev stack", () => {
    const estimateOf = (result: RenderResult, raw: Record<string, string>) => {
      const config = loadPlatformConfig(raw);
      return estimateCost(result.resources, { region: result.region, usage: config.cost.usage, officeHours: config.officeHours });
    };

    it("prices exactly the Fargate tasks and the database instance-hours for the office hours; storage, NAT and the rest stay 730 h", async () => {
      const raw = stackConfig("dev");
      assert.equal(loadPlatformConfig(raw).officeHours?.enabled, true, "dev runs office hours (seed 004)");
      const office = estimateOf(await renderStack("dev"), raw);
      const allDay = { ...raw, "platform:officeHours": JSON.stringify({ ...JSON.parse(raw["platform:officeHours"]), enabled: false }) };
      const always = estimateOf(await renderConfig(allDay, "dev"), allDay);

      const rows = changed(always, office);
      assert.deepEqual(rows.map((r) => `${r.line.service}: ${r.line.resources.join(",")}`).sort(), [
        "ECS Fargate: platform-dev-backend-service",
        "ECS Fargate: platform-dev-frontend-service",
        "RDS: platform-dev-db-instance",
      ]);
      for (const row of rows) {
        const [hours, note] = row.line.service === "RDS" ? [databaseHours, "211.8 h"] : [serviceHours, "195.5 h"];
        assert.ok(Math.abs(row.ratio - hours / 730) < 1e-9, `${row.key}: ratio ${row.ratio}`);
        assert.ok(row.line.item.endsWith(`office hours MON-FRI 09:00-18:00${row.line.service === "RDS" ? " (database 08:30-18:15)" : ""}: ${note}`), row.line.item);
      }
      const storage = office.lines.find((l) => l.service === "RDS" && / storage /.test(l.item));
      assert.equal(storage?.quantity, 20, "the stopped database's storage is billed all month");
      const nat = office.lines.filter((l) => l.resources.some((r) => r.includes("nat")));
      assert.ok(nat.length > 0 && nat.every((l) => l.quantity === 730 || l.unit !== "hour"), "the NAT instance runs all month");
      const saved = rows.reduce((sum, r) => sum + (r.line.monthlyUsd / r.ratio - r.line.monthlyUsd), 0);
      assert.ok(Math.abs(always.totalMonthlyUsd - office.totalMonthlyUsd - saved) < 1e-6);
    });
  });

  describe("the openmarket dev blueprint (EKS nodes and Aurora)", () => {
    it("prices the node group's instances and both Aurora instances for the office hours, not the volumes or the cluster volume", async () => {
      const file = blueprintFile("openmarket", "dev");
      const config = loadPlatformConfig(readStackFile(file).config);
      assert.equal(config.officeHours?.enabled, true);
      const { resources, region } = await renderStackFile(file);
      const office = estimateCost(resources, { region, usage: config.cost.usage, officeHours: config.officeHours });
      const always = estimateCost(resources, { region, usage: config.cost.usage });

      const rows = changed(always, office);
      assert.deepEqual(rows.map((r) => `${r.line.service}: ${r.line.resources.join(",")}`).sort(), [
        "Aurora: openmarket-dev-db-reader-reader",
        "Aurora: openmarket-dev-db-writer",
        "EC2: openmarket-dev-nodes-general",
      ]);
      for (const row of rows) assert.ok(Math.abs(row.ratio - (row.line.service === "EC2" ? serviceHours : databaseHours) / 730) < 1e-9, row.key);
      const nodes = rows.find((r) => r.line.service === "EC2")!.line;
      assert.ok(Math.abs(nodes.monthlyUsd - 2 * serviceHours * 0.052) < 1e-6, "2 x t3.medium at $0.052/h for 195.5 h");
      assert.ok(Math.abs(always.totalMonthlyUsd - office.totalMonthlyUsd - ((730 - serviceHours) * 2 * 0.052 + (730 - databaseHours) * 2 * 0.125)) < 1e-6, "2 x Aurora MySQL db.t3.medium at $0.125/h");
    });
  });
});
