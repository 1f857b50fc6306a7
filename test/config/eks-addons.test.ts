import { strict as assert } from "assert";
import { ConfigError, ConfigIssue, loadPlatformConfig } from "../../config";
import { capacityAtMax, systemReservation } from "../../model/compute/eks/capacity";
import { allocatable, instanceTypes, schedulable } from "../../model/compute/eks/instance-types";
import { chartSupportProblem, charts, installedCharts } from "../../model/compute/eks/charts";
import { readStackFile } from "../../automation/plan/stack-file";
import { invalid, remove } from "../helpers/config";
import { openMarketBlueprint, withCompute } from "../helpers/eks";

function issuesOf(config: Record<string, string>): ConfigIssue[] {
  try {
    loadPlatformConfig(config);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${(error as Error).message}`);
    return [...error.issues];
  }
  assert.fail("expected the config to be rejected");
}

function expectOnly(config: Record<string, string>, path: string, message: RegExp): ConfigIssue {
  const issues = issuesOf(config);
  assert.deepEqual(issues.map((i) => i.path), [path], issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  assert.match(issues[0].message, message);
  return issues[0];
}

const eks = "platform:compute.eks";
const slack = `${eks}.monitoring.alerting.slack`;

describe("EKS node autoscaling and alert routing config (issue 15)", () => {
  describe("the services' HPA maxima against the node groups' maxSize", () => {
    it("refuses OpenMarket's 10 + 10 pods on seed 004's four t3.medium nodes, naming maxSize and the numbers", () => {
      const issue = expectOnly(
        withCompute("prod", (c) => {
          c.eks.nodeGroups.general.maxSize = 4;
        }),
        `${eks}.nodeGroups.general.maxSize`,
        /cannot hold the services at their HPA maxima: the node group at maxSize 4 schedules 4580m CPU and 8596Mi after DaemonSets and the cluster's own pods \(1720m, 3296Mi\), but the services at their scaling.max need 5000m and 10240Mi \(backend 10 x 250m\/512Mi, frontend 10 x 250m\/512Mi\): raise maxSize/,
      );
      assert.match(issue.message, /scaling\.max/);
    });

    it("accepts the blueprints' six nodes (seed 004's capacity plan: nodes 2 -> 6)", () => {
      for (const env of ["dev", "prod"] as const) {
        const config = loadPlatformConfig(readStackFile(openMarketBlueprint(env)).config);
        assert.equal(config.compute?.engine, "eks");
      }
    });

    it("refuses the same pods once the HPA maximum grows past what six nodes hold", () => {
      expectOnly(
        withCompute("prod", (c) => {
          c.services[0].scaling.max = 30;
        }),
        `${eks}.nodeGroups.general.maxSize`,
        /backend 30 x 250m\/512Mi/,
      );
    });

    it("computes the reservation and the offer from the tables (t3.medium x 4 with monitoring and the autoscaler)", () => {
      const room = schedulable(instanceTypes["t3.medium"], true);
      assert.deepEqual(allocatable(instanceTypes["t3.medium"]), { millicores: 1930, mebibytes: 3349 });
      assert.deepEqual(room, { millicores: 1575, mebibytes: 2973 });
      const reserved = systemReservation({ monitoring: true, autoscaler: true });
      assert.deepEqual(reserved, { millicores: 1720, mebibytes: 3296 });
      assert.deepEqual(systemReservation({ monitoring: false, autoscaler: false }), { millicores: 670, mebibytes: 1204 });
      const fit = capacityAtMax(
        [{ instanceTypes: ["t3.medium"], maxSize: 4 }],
        [{ maxPods: 20, requests: { millicores: 250, mebibytes: 512 } }],
        { monitoring: true, autoscaler: true },
      );
      assert.deepEqual(fit.offered, { millicores: 4 * 1575 - 1720, mebibytes: 4 * 2973 - 3296 });
      assert.equal(fit.fits, false);
      assert.equal(capacityAtMax([{ instanceTypes: ["t3.medium"], maxSize: 5 }], [{ maxPods: 20, requests: { millicores: 250, mebibytes: 512 } }], { monitoring: true, autoscaler: true }).fits, true);
    });

    it("refuses the autoscaler beside office hours, which it would undo", () => {
      expectOnly(
        withCompute("dev", (c) => {
          c.eks.autoscaler = { enabled: true };
        }),
        `${eks}.autoscaler.enabled`,
        /cannot be true with platform:officeHours.enabled: Cluster Autoscaler would scale the node groups the schedule stops back up/,
      );
    });

    it("pins Cluster Autoscaler to the cluster's minor version and refuses another", () => {
      assert.equal(chartSupportProblem(charts.clusterAutoscaler, "1.34"), undefined);
      assert.match(chartSupportProblem(charts.clusterAutoscaler, "1.35") ?? "", /cluster-autoscaler 9\.53\.0 supports Kubernetes 1\.34 /);
      assert.ok(installedCharts(true, true).includes(charts.clusterAutoscaler));
      assert.ok(!installedCharts(true, false).includes(charts.clusterAutoscaler));
    });
  });

  describe("Alertmanager's Slack channels", () => {
    it("refuses a channel without its webhook secret, naming the field and what goes there", () => {
      expectOnly(
        withCompute("prod", (c) => {
          const channel = c.eks.monitoring.alerting?.slack.channels.critical;
          assert.ok(channel);
          remove(channel, "webhookSecret");
        }),
        `${slack}.channels.critical.webhookSecret`,
        /is required: the name of the Secrets Manager secret holding this channel's Slack webhook URL/,
      );
    });

    it("refuses a webhook URL written where the secret's name goes, without printing it", () => {
      const url = ["https://hooks.slack.com/services", "T00000000", "B00000000", "XXXXXXXXXXXXXXXXXXXXXXXX"].join("/");
      const issues = issuesOf(
        withCompute("prod", (c) => {
          const channel = c.eks.monitoring.alerting?.slack.channels.critical;
          assert.ok(channel);
          channel.webhookSecret = url;
        }),
      );
      const mine = issues.filter((i) => i.path === `${slack}.channels.critical.webhookSecret`);
      assert.ok(mine.some((i) => /Slack webhook URL/.test(i.message)), issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
      assert.ok(issues.every((i) => !JSON.stringify(i).includes("XXXXXXXXXXXXXXXXXXXXXXXX")));
    });

    it("refuses a route or default to a channel that is not configured", () => {
      const issues = issuesOf(
        withCompute("prod", (c) => {
          const alerting = c.eks.monitoring.alerting;
          assert.ok(alerting);
          alerting.slack.defaultChannel = "nowhere";
          alerting.slack.routes = [{ matchers: { severity: "critical" }, channel: "pager" }];
        }),
      );
      assert.deepEqual(issues.map((i) => i.path).sort(), [`${slack}.defaultChannel`, `${slack}.routes[0].channel`]);
      assert.ok(issues.every((i) => /is not a channel key \(channels: critical, warning, cluster, application, devops\)/.test(i.message)));
    });

    it("refuses a channel name that is not one", () => {
      expectOnly(
        withCompute("prod", (c) => {
          const channel = c.eks.monitoring.alerting?.slack.channels.devops;
          assert.ok(channel);
          channel.channel = invalid("openmarket-devops");
        }),
        `${slack}.channels.devops.channel`,
        /must be a Slack channel name/,
      );
    });
  });

  describe("Grafana dashboards from the repository", () => {
    it("refuses a dashboard file that does not exist", () => {
      expectOnly(
        withCompute("prod", (c) => {
          c.eks.monitoring.dashboards = ["dashboards/missing.json"];
        }),
        `${eks}.monitoring.dashboards[0]`,
        /does not exist in the repository/,
      );
    });

    it("refuses a repository file that is no dashboard model, and dashboards or alerting without monitoring", () => {
      expectOnly(
        withCompute("prod", (c) => {
          c.eks.monitoring.dashboards = ["package.json"];
        }),
        `${eks}.monitoring.dashboards[0]`,
        /is not a Grafana dashboard model \(a JSON object with a title and panels\)/,
      );
      const issues = issuesOf(
        withCompute("prod", (c) => {
          c.eks.monitoring.enabled = false;
        }),
      );
      assert.deepEqual(issues.map((i) => i.path), [`${eks}.monitoring.alerting`, `${eks}.monitoring.dashboards[0]`]);
      assert.ok(issues.every((i) => /needs monitoring.enabled: true/.test(i.message)));
    });

    it("refuses a path out of the repository", () => {
      expectOnly(
        withCompute("prod", (c) => {
          c.eks.monitoring.dashboards = ["../outside.json"];
        }),
        `${eks}.monitoring.dashboards[0]`,
        /must stay inside the repository/,
      );
    });
  });
});
