import { strict as assert } from "assert";
import { dashboardLimits } from "../../../components/observability/dashboard";
import { scaledConfig } from "../../../scripts/scaled-config";
import { DashboardBody } from "../../helpers/dashboard";
import { input, ofType, renderConfig, stackConfig } from "../../helpers/stacks";

/** prod with 40 services, 40 buckets and 100 jobs: it validates, and its alarms fill more than one dashboard. */
function scaledProd(): Record<string, string> {
  return scaledConfig(stackConfig("prod"), 20);
}

// The one render at 20 times prod (2,972 registrations, about 5 s): in the commands group of
// .mocharc.cjs, which would otherwise finish well before the in-process group.
describe("dashboards at scale", () => {
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
      const body = JSON.parse(input(dashboard, "dashboardBody")) as DashboardBody;
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
