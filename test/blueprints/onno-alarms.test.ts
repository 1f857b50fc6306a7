import { strict as assert } from "assert";
import { readStackFile } from "../../automation/plan/stack-file";
import type { CapturedResource } from "../../offline";
import { assertIssue, configIssues } from "../helpers/config";
import { input, named, ofType, renderStack, renderStackFile } from "../helpers/stacks";

const file = "blueprints/onno/Pulumi.prod.yaml";
const alarmType = "aws:cloudwatch/metricAlarm:MetricAlarm";
const actionsOf = (alarm: CapturedResource) => [input<string[]>(alarm, "alarmActions"), input<string[]>(alarm, "okActions")];

/** Onno's stack file with `platform:observability` edited. */
function editedObservability(edit: (observability: Record<string, unknown>) => void): Record<string, string> {
  const config = { ...readStackFile(file).config };
  const observability = JSON.parse(config["platform:observability"]) as Record<string, unknown>;
  edit(observability);
  config["platform:observability"] = JSON.stringify(observability);
  return config;
}

// Onno, sections 7-1 and 7-2 (issue 15, item 6).
describe("blueprints: Onno's own alarms (sections 7-1 and 7-2)", () => {
  it("counts the API's [ERROR] lines with a metric filter on its log group, and pages the critical topic on any", async () => {
    const { resources } = await renderStackFile(file);
    const filter = named(resources, "aws:cloudwatch/logMetricFilter:LogMetricFilter", "onno-prod-log-text-api-errors");
    const group = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => input(g, "name") === "/ecs/onno-prod/api");
    assert.ok(group);
    assert.equal(input(filter, "logGroupName"), group.state.name ?? input(group, "name"));
    // Quoted: an unquoted [ERROR] is a one-field space-delimited pattern that matches every one-word line.
    assert.equal(input(filter, "pattern"), '"[ERROR]"');
    assert.deepEqual(input(filter, "metricTransformation"), { name: "api-errors", namespace: "onno-prod/LogText", value: "1", defaultValue: "0", unit: "Count" });
    const alarm = named(resources, alarmType, "onno-prod-log-text-api-errors");
    assert.deepEqual(
      [input(alarm, "namespace"), input(alarm, "metricName"), input(alarm, "statistic"), input(alarm, "period"), input(alarm, "comparisonOperator"), input(alarm, "threshold")],
      ["onno-prod/LogText", "api-errors", "Sum", 300, "GreaterThanThreshold", 0],
    );
    const critical = named(resources, "aws:sns/topic:Topic", "onno-prod-alerts");
    assert.deepEqual(actionsOf(alarm), [[critical.state.arn], [critical.state.arn]]);
  });

  it("splits warnings from critical alarms: a warnings topic of its own, encrypted, with its own subscribers", async () => {
    const { resources } = await renderStackFile(file);
    const critical = named(resources, "aws:sns/topic:Topic", "onno-prod-alerts");
    const warnings = named(resources, "aws:sns/topic:Topic", "onno-prod-warnings");
    assert.equal(input(warnings, "name"), "onno-prod-warnings");
    assert.equal(input(warnings, "kmsMasterKeyId"), input(critical, "kmsMasterKeyId"));
    const subscriptions = ofType(resources, "aws:sns/topicSubscription:TopicSubscription").filter((s) => input(s, "topic") === warnings.state.arn);
    assert.deepEqual(subscriptions.map((s) => input(s, "endpoint")), ["warnings@onno.app"]);
    const policy = JSON.parse(input<string>(named(resources, "aws:sns/topicPolicy:TopicPolicy", "onno-prod-warnings"), "policy")) as { Statement: { Sid: string }[] };
    assert.ok(policy.Statement.some((s) => s.Sid === "CloudWatchAlarmsPublish"));
    // Seed 003 7-2: the error rate, database CPU and crashes are onno-critical-alerts'; load and latency warn.
    for (const key of ["target-5xx-rate-alb-api", "database-cpu-primary", "unhealthy-hosts-alb-api", "job-errors-post-meeting-processor"]) {
      assert.deepEqual(actionsOf(named(resources, alarmType, `onno-prod-${key}`)), [[critical.state.arn], [critical.state.arn]], key);
    }
    for (const key of ["service-cpu-api", "service-memory-ws", "response-time-alb-api", "cache-cpu", "job-throttles-post-meeting-processor"]) {
      assert.deepEqual(actionsOf(named(resources, alarmType, `onno-prod-${key}`)), [[warnings.state.arn], [warnings.state.arn]], key);
    }
    // The crash rule keeps the critical topic.
    assert.equal(input(named(resources, "aws:cloudwatch/eventTarget:EventTarget", "onno-prod-task-crash"), "arn"), critical.state.arn);
  });

  it("alarms on the application's WebSocket_Connections across its servers, to the warnings topic", async () => {
    const { resources } = await renderStackFile(file);
    const alarm = named(resources, alarmType, "onno-prod-app-websocket-connection-drop");
    type Query = { id: string; expression: string; period: number; returnData: boolean };
    const queries = input<Query[]>(alarm, "metricQueries");
    assert.deepEqual(
      queries.map((q) => [q.expression, q.period, q.returnData]),
      [['SELECT SUM(WebSocket_Connections) FROM "Onno/Application"', 120, true]],
    );
    assert.deepEqual([input(alarm, "comparisonOperator"), input(alarm, "threshold"), input(alarm, "evaluationPeriods"), input(alarm, "treatMissingData")], ["LessThanThreshold", 16, 1, "missing"]);
    const warnings = named(resources, "aws:sns/topic:Topic", "onno-prod-warnings");
    assert.deepEqual(actionsOf(alarm), [[warnings.state.arn], [warnings.state.arn]]);
  });

  it("keeps one topic for every alarm where no warnings topic is configured (the root prod stack)", async () => {
    const { resources } = await renderStack("prod");
    const topics = ofType(resources, "aws:sns/topic:Topic").filter((t) => /-(alerts|warnings)$/.test(t.name));
    assert.deepEqual(topics.map((t) => t.name), ["platform-prod-alerts"]);
    for (const alarm of ofType(resources, alarmType)) assert.deepEqual(actionsOf(alarm)[0], [topics[0].state.arn], alarm.name);
    assert.equal(ofType(resources, "aws:cloudwatch/logMetricFilter:LogMetricFilter").length, 0);
  });

  it("refuses a log-text alarm on a service the stack does not run, naming the services it has", () => {
    const config = editedObservability((o) => {
      o.logTextAlarms = { "api-errors": { service: "worker", text: "[ERROR]" } };
    });
    assertIssue(configIssues(config), "platform:observability.logTextAlarms.api-errors.service", "is not an ECS service of this stack (allowed: api, ws)");
  });

  it("refuses a text with a double quote, an AWS/ namespace and an unknown comparison, each at its field", () => {
    const config = editedObservability((o) => {
      o.logTextAlarms = { "api-errors": { service: "api", text: 'say "x"' } };
      o.applicationAlarms = { drop: { namespace: "AWS/ECS", metricName: "CPUUtilization", comparison: "under", threshold: 1 } };
    });
    const issues = configIssues(config);
    assertIssue(issues, "platform:observability.logTextAlarms.api-errors.text", "may not contain a double quote");
    assertIssue(issues, "platform:observability.applicationAlarms.drop.namespace", "AWS/ namespaces are AWS's own");
    assertIssue(issues, "platform:observability.applicationAlarms.drop.comparison", "below");
  });
});
