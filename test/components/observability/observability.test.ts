import { strict as assert } from "assert";
import { CapturedResource } from "../../../offline";
import { assertLeastPrivilege, list, statementsOf } from "../../helpers/iam";
import { accountOf, input, named, ofType, renderStack, StackName, stackNames } from "../../helpers/stacks";

/** Seed values per stack: budget (USD/month) and the ALB p95 threshold. */
const expected: Record<StackName, { budget: string; p95: number }> = {
  dev: { budget: "200.00", p95: 3 }, // seed 001 dev $198.10; seed 002's 3 s
  staging: { budget: "400.00", p95: 3 }, // seed 004 staging $380; seed 002's 3 s
  prod: { budget: "500.00", p95: 2 }, // seed 000: $500, 2 s
  "prod-dr": { budget: "400.00", p95: 2 },
};

const arnOf = (r: CapturedResource) => String(r.state.arn);
/** Seed 001: services keep logs 7 days in dev and 30 in prod; seed 003: jobs 14 days. */
const serviceRetention: Record<StackName, number> = { dev: 7, staging: 14, prod: 30, "prod-dr": 30 };
const jobRetention: Record<StackName, number> = { dev: 7, staging: 14, prod: 14, "prod-dr": 14 };

describe("observability tier", () => {
  for (const stack of stackNames) {
    describe(stack, () => {
      it("has one alert topic, encrypted with the logs key, that CloudWatch of this account may publish to over TLS", async () => {
        const { resources } = await renderStack(stack);
        const topics = ofType(resources, "aws:sns/topic:Topic");
        assert.equal(topics.length, 1);
        const [topic] = topics;
        assert.equal(input(topic, "name"), `platform-${stack}-alerts`);
        assert.equal(input(topic, "kmsMasterKeyId"), arnOf(named(resources, "aws:kms/key:Key", `platform-${stack}-logs`)));
        const [policy] = ofType(resources, "aws:sns/topicPolicy:TopicPolicy");
        const statements = statementsOf(input(policy, "policy"));
        assertLeastPrivilege(input(policy, "policy"), "topic policy");
        const cloudwatch = statements.find((s) => s.Sid === "CloudWatchAlarmsPublish");
        assert.deepEqual(cloudwatch?.Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.deepEqual(list(cloudwatch?.Action), ["sns:Publish"]);
        assert.deepEqual(cloudwatch?.Condition, { StringEquals: { "aws:SourceAccount": accountOf(stack) } });
        const deny = statements.find((s) => s.Effect === "Deny");
        assert.deepEqual(deny?.Condition, { Bool: { "aws:SecureTransport": "false" } });
      });

      it("subscribes the on-call address by e-mail", async () => {
        const { resources } = await renderStack(stack);
        const subscriptions = ofType(resources, "aws:sns/topicSubscription:TopicSubscription");
        assert.equal(subscriptions.length, 1);
        assert.equal(input(subscriptions[0], "protocol"), "email");
        assert.equal(input(subscriptions[0], "endpoint"), "alerts@codemate.code1398.io");
        assert.equal(input(subscriptions[0], "topic"), arnOf(ofType(resources, "aws:sns/topic:Topic")[0]));
      });

      it("sets the monthly budget with seed 001's alerts: 80 % forecast and 100 % actual", async () => {
        const { resources } = await renderStack(stack);
        const budgets = ofType(resources, "aws:budgets/budget:Budget");
        assert.equal(budgets.length, 1);
        const [budget] = budgets;
        assert.equal(input(budget, "budgetType"), "COST");
        assert.equal(input(budget, "timeUnit"), "MONTHLY");
        assert.equal(input(budget, "limitAmount"), expected[stack].budget);
        assert.equal(input(budget, "limitUnit"), "USD");
        assert.deepEqual(input(budget, "costFilters"), [{ name: "TagKeyValue", values: [`user:Environment$${stack}`] }]);
        const notifications = input<{ notificationType: string; threshold: number; thresholdType: string; comparisonOperator: string; subscriberEmailAddresses: string[] }[]>(budget, "notifications");
        assert.deepEqual(
          notifications.map((n) => [n.notificationType, n.comparisonOperator, n.threshold, n.thresholdType, n.subscriberEmailAddresses]),
          [
            ["FORECASTED", "GREATER_THAN", 80, "PERCENTAGE", ["alerts@codemate.code1398.io"]],
            ["ACTUAL", "GREATER_THAN", 100, "PERCENTAGE", ["alerts@codemate.code1398.io"]],
          ],
        );
      });

      it("sends every alarm to the alert topic, on alarm and on recovery", async () => {
        const { resources } = await renderStack(stack);
        const topic = arnOf(ofType(resources, "aws:sns/topic:Topic")[0]);
        for (const alarm of ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
          assert.deepEqual(input(alarm, "alarmActions"), [topic], String(input(alarm, "name")));
          assert.deepEqual(input(alarm, "okActions"), [topic], String(input(alarm, "name")));
        }
      });

      it("draws every alarm's metric on one dashboard", async () => {
        const { resources } = await renderStack(stack);
        const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const dashboards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard");
        assert.equal(dashboards.length, alarms.length > 0 ? 1 : 0);
        if (alarms.length === 0) return;
        const body = JSON.parse(input(dashboards[0], "dashboardBody")) as { widgets: { type: string; properties: { alarms?: string[]; title?: string } }[] };
        assert.deepEqual([...(body.widgets[0].properties.alarms ?? [])].sort(), alarms.map(arnOf).sort());
        assert.equal(body.widgets.filter((w) => w.type === "metric").length, alarms.length);
      });
    });
  }

  it("alarms when prod's backup jobs fail", async () => {
    const { resources } = await renderStack("prod");
    const alarm = named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "platform-prod-backup-jobs-failed");
    assert.equal(input(alarm, "namespace"), "AWS/Backup");
    assert.equal(input(alarm, "metricName"), "NumberOfBackupJobsFailed");
    assert.deepEqual(input(alarm, "dimensions"), { BackupVaultName: "platform-prod-vault" });
    assert.equal(input(alarm, "comparisonOperator"), "GreaterThanThreshold");
    assert.equal(input(alarm, "threshold"), 0);
  });

  describe("data tier alarms", () => {
    /** Seed values per stack: instance class -> max_connections (LEAST(memory/9531392, 5000)) and storage. */
    const databases: Partial<Record<StackName, { maxConnections: number; storageGb: number }>> = {
      dev: { maxConnections: 112, storageGb: 20 }, // db.t4g.micro, 1 GiB
      staging: { maxConnections: 225, storageGb: 20 }, // db.t4g.small, 2 GiB
      prod: { maxConnections: 225, storageGb: 50 }, // db.t4g.small; seed 001 prod 50 GB
    };
    for (const [stack, db] of Object.entries(databases) as [StackName, { maxConnections: number; storageGb: number }][]) {
      it(`${stack}: database CPU > 80 % for two 5-minute periods, connections > 80 % of ${db.maxConnections}, free storage < 20 % of ${db.storageGb} GB`, async () => {
        const { resources } = await renderStack(stack);
        const alarm = (key: string) => named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `platform-${stack}-${key}`);
        const dims = { DBInstanceIdentifier: `platform-${stack}-db` };
        const cpu = alarm("database-cpu-primary");
        assert.deepEqual(
          [input(cpu, "namespace"), input(cpu, "metricName"), input(cpu, "dimensions"), input(cpu, "threshold"), input(cpu, "period"), input(cpu, "evaluationPeriods")],
          ["AWS/RDS", "CPUUtilization", dims, 80, 300, 2],
        );
        const connections = alarm("database-connections-primary");
        assert.equal(input(connections, "metricName"), "DatabaseConnections");
        assert.deepEqual(input(connections, "dimensions"), dims);
        assert.equal(input(connections, "threshold"), Math.floor(db.maxConnections * 0.8));
        assert.equal(input(connections, "evaluationPeriods"), 5);
        const storage = alarm("database-free-storage-primary");
        assert.equal(input(storage, "metricName"), "FreeStorageSpace");
        assert.equal(input(storage, "comparisonOperator"), "LessThanThreshold");
        assert.equal(input(storage, "threshold"), Math.floor(db.storageGb * 1024 ** 3 * 0.2));
      });
    }

    it("prod: Redis engine CPU, memory (seed 004: 80 %) and evictions over both cluster-mode nodes", async () => {
      const { resources } = await renderStack("prod");
      const members = ["platform-prod-cache-0001-001", "platform-prod-cache-0001-002"];
      const cases: [string, string, string, number][] = [
        ["cache-cpu", "EngineCPUUtilization", "MAX([m0,m1])", 80],
        ["cache-memory", "DatabaseMemoryUsagePercentage", "MAX([m0,m1])", 80],
        ["cache-evictions", "Evictions", "SUM([m0,m1])", 0],
      ];
      for (const [key, metric, expression, threshold] of cases) {
        const alarm = named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `platform-prod-${key}`);
        const queries = input<{ id: string; expression?: string; returnData: boolean; metric?: { metricName: string; dimensions: Record<string, string> } }[]>(alarm, "metricQueries");
        assert.equal(queries[0].expression, expression, key);
        assert.equal(queries[0].returnData, true);
        assert.deepEqual(queries.slice(1).map((q) => [q.metric?.metricName, q.metric?.dimensions.CacheClusterId, q.returnData]), members.map((m) => [metric, m, false]));
        assert.equal(input(alarm, "threshold"), threshold, key);
      }
    });

    it("dev: one Redis node, so one metric per cache alarm", async () => {
      const { resources } = await renderStack("dev");
      const alarm = named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "platform-dev-cache-memory");
      const queries = input<{ metric?: { dimensions: Record<string, string> } }[]>(alarm, "metricQueries");
      assert.deepEqual(queries.slice(1).map((q) => q.metric?.dimensions.CacheClusterId), ["platform-dev-cache-001"]);
    });

    it("the standby, without a database of its own, has no data alarms", async () => {
      const { resources } = await renderStack("prod-dr");
      assert.equal(ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /-(database|cache)-/.test(String(input(a, "name")))).length, 0);
    });
  });

  describe("service and load balancer alarms", () => {
    for (const stack of stackNames) {
      it(`${stack}: CPU > 80 % and memory > 85 % for 5 minutes on every ECS service`, async () => {
        const { resources } = await renderStack(stack);
        const [cluster] = ofType(resources, "aws:ecs/cluster:Cluster");
        const services = ofType(resources, "aws:ecs/service:Service");
        assert.deepEqual(services.map((s) => input(s, "name")).sort(), ["backend", "frontend"]);
        for (const service of services) {
          const key = String(input(service, "name")).split("-").pop();
          for (const [metric, threshold] of [["CPUUtilization", 80], ["MemoryUtilization", 85]] as const) {
            const alarm = named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `platform-${stack}-service-${metric === "CPUUtilization" ? "cpu" : "memory"}-${key}`);
            assert.deepEqual(
              [input(alarm, "namespace"), input(alarm, "metricName"), input(alarm, "dimensions"), input(alarm, "statistic"), input(alarm, "threshold")],
              ["AWS/ECS", metric, { ClusterName: input(cluster, "name"), ServiceName: input(service, "name") }, "Average", threshold],
            );
            assert.deepEqual([input(alarm, "period"), input(alarm, "evaluationPeriods"), input(alarm, "datapointsToAlarm")], [60, 5, 5]);
          }
        }
      });

      it(`${stack}: p95 response time > ${expected[stack].p95} s, 5xx > 10 per 5 minutes, unhealthy hosts for 2 minutes, per target group`, async () => {
        const { resources } = await renderStack(stack);
        const [balancer] = ofType(resources, "aws:lb/loadBalancer:LoadBalancer").filter((lb) => input(lb, "loadBalancerType") !== "network");
        const groups = ofType(resources, "aws:lb/targetGroup:TargetGroup").filter((g) => String(g.name).includes("-alb-"));
        assert.deepEqual(groups.map((g) => g.name).sort(), [`platform-${stack}-alb-tg-backend`, `platform-${stack}-alb-tg-frontend`]);
        for (const group of groups) {
          const key = String(group.name).split("-alb-tg-").pop();
          const dims = { LoadBalancer: String(balancer.state.arnSuffix), TargetGroup: String(group.state.arnSuffix) };
          const alarm = (name: string) => named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `platform-${stack}-${name}-alb-${key}`);
          const p95 = alarm("response-time");
          assert.deepEqual([input(p95, "metricName"), input(p95, "extendedStatistic"), input(p95, "threshold"), input(p95, "dimensions")], ["TargetResponseTime", "p95", expected[stack].p95, dims]);
          const errors = alarm("target-5xx");
          assert.deepEqual([input(errors, "metricName"), input(errors, "statistic"), input(errors, "threshold"), input(errors, "period")], ["HTTPCode_Target_5XX_Count", "Sum", 10, 300]);
          const unhealthy = alarm("unhealthy-hosts");
          assert.deepEqual(
            [input(unhealthy, "metricName"), input(unhealthy, "statistic"), input(unhealthy, "threshold"), input(unhealthy, "period"), input(unhealthy, "evaluationPeriods")],
            ["UnHealthyHostCount", "Maximum", 0, 60, 2],
          );
        }
      });

      it(`${stack}: every service and every job has exactly one log group, with its retention and the logs key`, async () => {
        const { resources } = await renderStack(stack);
        const logsKey = String(named(resources, "aws:kms/key:Key", `platform-${stack}-logs`).state.arn);
        const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup");
        const names = groups.map((g) => String(input(g, "name")));
        assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], "no log group is declared twice");
        const retention = (name: string) => input(groups[names.indexOf(name)], "retentionInDays");
        for (const service of ofType(resources, "aws:ecs/service:Service")) {
          const name = `/ecs/platform-${stack}/${String(input(service, "name")).split("-").pop()}`;
          assert.ok(names.includes(name), name);
          assert.equal(retention(name), serviceRetention[stack]);
          assert.equal(input(groups[names.indexOf(name)], "kmsKeyId"), logsKey);
        }
        for (const fn of ofType(resources, "aws:lambda/function:Function")) {
          const name = `/aws/lambda/${input<string>(fn, "name")}`;
          assert.ok(names.includes(name), name);
          // Every function's log group, the secret rotators' included, keeps the jobs' retention: they are
          // Lambdas (seed 004 keeps Lambda logs 30 days); what a rotation changed, CloudTrail records anyway.
          assert.equal(retention(name), jobRetention[stack], name);
        }
      });
    }
  });
});
