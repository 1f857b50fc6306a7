import { strict as assert } from "assert";
import { dashboardLimits, dashboardPages } from "../../../components/observability/dashboard";
import { scaledConfig } from "../../../scripts/scaled-config";
import { input, ofType, renderConfig, stackConfig } from "../../helpers/stacks";

interface Body {
  widgets: { type: string; properties: { alarms?: string[]; title?: string } }[];
}

/** prod with 40 services, 40 buckets and 100 jobs: it validates, and its alarms fill more than one dashboard. */
function scaledProd(): Record<string, string> {
  return scaledConfig(stackConfig("prod"), 20);
}

describe("dashboards", () => {
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

  it("renders a config of 40 services, 40 buckets and 100 jobs: split dashboards, each within the limits", async function () {
    this.timeout(180_000);
    const { resources } = await renderConfig(scaledProd(), "prod");
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const dashboards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard").sort((a, b) => a.name.localeCompare(b.name));
    assert.ok(dashboards.length > 1, `${alarms.length} alarms on ${dashboards.length} dashboard(s)`);
    assert.deepEqual(
      dashboards.map((d) => input(d, "dashboardName")),
      dashboards.map((_, i) => (i === 0 ? "platform-prod" : `platform-prod-${i + 1}`)),
    );
    const graphed = new Set<string>();
    const listed = new Set<string>();
    for (const dashboard of dashboards) {
      const body = JSON.parse(input(dashboard, "dashboardBody")) as Body;
      assert.ok(body.widgets.length <= dashboardLimits.widgets);
      for (const widget of body.widgets) {
        if (widget.type === "alarm") {
          assert.ok((widget.properties.alarms ?? []).length <= dashboardLimits.alarmsPerWidget);
          widget.properties.alarms?.forEach((arn) => listed.add(arn));
        } else graphed.add(String(widget.properties.title));
      }
    }
    assert.equal(listed.size, alarms.length, "every alarm's state is on a dashboard");
    assert.equal(graphed.size, new Set(alarms.map((a) => String(input(a, "alarmDescription")))).size, "every alarm's metric is drawn");
  });
});
