import { strict as assert } from "assert";
import * as path from "path";
import { readStackFile, repoRoot } from "../../../automation/plan/stack-file";
import { repositoryStackFiles } from "../../../automation/stacks/accounts";
import { dashboardLimits, dashboardPages } from "../../../components/observability/dashboard";
import { loadPlatformConfig } from "../../../config";
import { CapturedResource } from "../../../offline";
import { DashboardBody } from "../../helpers/dashboard";
import { input, ofType, renderStackFile } from "../../helpers/stacks";

/** What an alarm watches, as the dashboard must draw it: its metric, or the query it alarms on. */
function watched(alarm: CapturedResource): string {
  const queries = input<{ expression?: string; returnData?: boolean }[] | undefined>(alarm, "metricQueries");
  if (queries) return String(queries.find((q) => q.returnData)?.expression);
  return `${input<string>(alarm, "namespace")} ${input<string>(alarm, "metricName")}`;
}

/** What a graph draws: its first line's expression, or its metric's namespace and name. */
function drawn(metrics: unknown[][]): string {
  const [first] = metrics;
  const head = first[0] as string | { expression: string };
  return typeof head === "string" ? `${head} ${String(first[1])}` : head.expression;
}

describe("dashboards", () => {
  // Every alarm any tier makes (the dr tier's readiness check and the application's own included),
  // in every stack file of the repository: its state listed once, its metric drawn once.
  for (const file of repositoryStackFiles()) {
    const relative = path.relative(repoRoot, file);
    it(`${relative}: every alarm of the stack is on one dashboard page, its metric drawn under its description`, async function () {
      this.timeout(120_000);
      const stackFile = readStackFile(file);
      const wanted = loadPlatformConfig(stackFile.config, stackFile.secretKeys).observability?.dashboard === true;
      const { resources } = await renderStackFile(file);
      const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
      const dashboards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard");
      assert.equal(dashboards.length, wanted && alarms.length > 0 ? dashboardPages(alarms).length : 0);
      if (dashboards.length === 0) return;
      const listed: string[] = [];
      const graphs = new Map<string, string[]>();
      for (const dashboard of dashboards) {
        for (const widget of (JSON.parse(input(dashboard, "dashboardBody")) as DashboardBody).widgets) {
          if (widget.type === "alarm") listed.push(...(widget.properties.alarms ?? []));
          else graphs.set(String(widget.properties.title), [...(graphs.get(String(widget.properties.title)) ?? []), drawn(widget.properties.metrics ?? [])]);
        }
      }
      assert.deepEqual([...listed].sort(), alarms.map((a) => String(a.state.arn)).sort(), "every alarm's state, once");
      for (const alarm of alarms) {
        const description = String(input(alarm, "alarmDescription"));
        assert.deepEqual(graphs.get(description), [watched(alarm)], `${String(input(alarm, "name"))}: one graph of what it watches`);
      }
      assert.equal([...graphs.values()].flat().length, alarms.length, "no graph without an alarm");
    });
  }

  it("pages any number of alarms within PutDashboard's limits, every alarm on exactly one page", () => {
    for (const count of [1, 99, 100, 101, 494, 495, 496, 1200]) {
      const keys = Array.from({ length: count }, (_, i) => `alarm-${i}`);
      const pages = dashboardPages(keys);
      assert.deepEqual(pages.flat(), keys, `${count}: every alarm once, in order`);
      for (const page of pages) {
        const alarmWidgets = Math.ceil(page.length / dashboardLimits.alarmsPerWidget);
        assert.ok(page.length + alarmWidgets <= dashboardLimits.widgets, `${count}: ${page.length} graphs and ${alarmWidgets} alarm widgets`);
      }
      assert.equal(pages.length, Math.max(1, Math.ceil(count / 495)));
    }
  });

});
