import { strict as assert } from "assert";
import { input, named, ofType, renderStackFile } from "../helpers/stacks";

type Query = { id: string; expression?: string; metric?: { metricName: string; period: number } };
const alarm = (resources: Awaited<ReturnType<typeof renderStackFile>>["resources"], name: string) => named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", name);

// Each product's own alarms and log settings (issue 15, item 6), as its blueprint renders them.
describe("blueprints: each design's own alarms and log settings", () => {
  it("CodeMate: 5xx > 10 within 1 minute (section 10, alarm 4)", async () => {
    for (const env of ["dev", "prod"]) {
      const { resources } = await renderStackFile(`blueprints/codemate/Pulumi.${env}.yaml`);
      for (const service of ["frontend", "backend"]) {
        const a = alarm(resources, `codemate-${env}-target-5xx-alb-${service}`);
        assert.deepEqual([input(a, "period") ?? input<Query[]>(a, "metricQueries")[1].metric?.period, input(a, "evaluationPeriods"), input(a, "threshold")], [60, 1, 10], `${env} ${service}`);
      }
    }
  });

  it("NewsForge: error rate > 5 % as 5xx over requests (Monitoring and logging)", async () => {
    for (const env of ["dev", "prod", "prod-dr"]) {
      const { resources } = await renderStackFile(`blueprints/newsforge/Pulumi.${env}.yaml`);
      for (const service of ["web", "api"]) {
        const a = alarm(resources, `newsforge-${env}-target-5xx-rate-alb-${service}`);
        const queries = input<Query[]>(a, "metricQueries");
        assert.equal(input(a, "threshold"), 5);
        assert.match(queries[0].expression ?? "", /^IF\(.*>0,100\*.*\/.*,0\)$/);
        assert.deepEqual([...new Set(queries.slice(1).map((q) => q.metric?.metricName))], ["HTTPCode_Target_5XX_Count", "RequestCount"]);
      }
    }
  });

  it("Onno: error rate > 5 % for two 5-minute periods (section 7-2), RDS logs kept 7 days and the services' 30 (7-1)", async () => {
    const { resources } = await renderStackFile("blueprints/onno/Pulumi.prod.yaml");
    const a = alarm(resources, "onno-prod-target-5xx-rate-alb-api");
    assert.deepEqual([input(a, "threshold"), input(a, "evaluationPeriods"), input(a, "datapointsToAlarm"), input<Query[]>(a, "metricQueries")[1].metric?.period], [5, 2, 2, 300]);
    const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup");
    const rds = groups.filter((g) => String(input(g, "name")).startsWith("/aws/rds/"));
    assert.ok(rds.length > 0);
    for (const g of rds) assert.equal(input(g, "retentionInDays"), 7, String(input(g, "name")));
    for (const g of groups.filter((x) => String(input(x, "name")).startsWith("/ecs/"))) assert.equal(input(g, "retentionInDays"), 30, String(input(g, "name")));
  });

  it("OpenMarket: Lambda logs kept 30 days, application logs 90 (Monitoring, retention table)", async () => {
    const { resources } = await renderStackFile("blueprints/openmarket/Pulumi.prod.yaml");
    const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup");
    const lambda = groups.filter((g) => String(input(g, "name")).startsWith("/aws/lambda/"));
    // The four jobs and the two rotation functions (database and cache credentials): all Lambda logs.
    assert.equal(lambda.length, 6);
    for (const g of lambda) assert.equal(input(g, "retentionInDays"), 30, String(input(g, "name")));
  });
});

describe("blueprints: CodeMate's ElastiCache logs (section 10, /aws/elasticache/...)", () => {
  it("delivers the slow log and the engine log to their own encrypted, protected log groups in prod", async () => {
    const { resources } = await renderStackFile("blueprints/codemate/Pulumi.prod.yaml");
    const [group] = ofType(resources, "aws:elasticache/replicationGroup:ReplicationGroup");
    type Delivery = { destination: string; destinationType: string; logFormat: string; logType: string };
    const deliveries = input<Delivery[]>(group, "logDeliveryConfigurations");
    const id = String(input(group, "replicationGroupId"));
    assert.deepEqual(
      deliveries.map((d) => [d.logType, d.destinationType, d.logFormat, d.destination]),
      [
        ["slow-log", "cloudwatch-logs", "json", `/aws/elasticache/${id}/slow-log`],
        ["engine-log", "cloudwatch-logs", "json", `/aws/elasticache/${id}/engine-log`],
      ],
    );
    for (const type of ["slow-log", "engine-log"]) {
      const log = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => input(g, "name") === `/aws/elasticache/${id}/${type}`);
      assert.ok(log, type);
      assert.equal(input(log, "retentionInDays"), 30);
      assert.ok(input(log, "kmsKeyId"), "encrypted with the logs key");
      assert.equal(log.options.protect, true);
    }
  });

  it("leaves dev's cache without log delivery (the design names the groups for prod's monitoring)", async () => {
    const { resources } = await renderStackFile("blueprints/codemate/Pulumi.dev.yaml");
    const [group] = ofType(resources, "aws:elasticache/replicationGroup:ReplicationGroup");
    assert.equal(input(group, "logDeliveryConfigurations"), undefined);
  });
});

describe("blueprints: Onno's ECS task crash (section 7-2, ECS_Task_Crash) through EventBridge", () => {
  it("sends a crashed or unstartable task of the cluster to the alert topic, which EventBridge may publish to through its key", async () => {
    const { resources } = await renderStackFile("blueprints/onno/Pulumi.prod.yaml");
    const rule = named(resources, "aws:cloudwatch/eventRule:EventRule", "onno-prod-task-crash");
    const cluster = named(resources, "aws:ecs/cluster:Cluster", "onno-prod-cluster");
    assert.deepEqual(JSON.parse(input<string>(rule, "eventPattern")), {
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: { clusterArn: [cluster.state.arn], lastStatus: ["STOPPED"], stopCode: ["EssentialContainerExited", "TaskFailedToStart"] },
    });
    const topic = named(resources, "aws:sns/topic:Topic", "onno-prod-alerts");
    const target = named(resources, "aws:cloudwatch/eventTarget:EventTarget", "onno-prod-task-crash");
    assert.deepEqual([input(target, "rule"), input(target, "arn")], [rule.state.name, topic.state.arn]);
    type Statement = { Sid?: string; Principal?: { Service?: string }; Action: string | string[]; Condition?: Record<string, Record<string, string>> };
    const topicPolicy = JSON.parse(input<string>(named(resources, "aws:sns/topicPolicy:TopicPolicy", "onno-prod-alerts"), "policy")) as { Statement: Statement[] };
    const publish = topicPolicy.Statement.find((s) => s.Principal?.Service === "events.amazonaws.com");
    assert.deepEqual(publish?.Action, ["sns:Publish"]);
    assert.deepEqual(publish?.Condition, { ArnEquals: { "aws:SourceArn": rule.state.arn } });
    const keyPolicy = JSON.parse(input<string>(named(resources, "aws:kms/key:Key", "onno-prod-logs"), "policy")) as { Statement: Statement[] };
    const events = keyPolicy.Statement.find((s) => s.Principal?.Service === "events.amazonaws.com");
    assert.deepEqual(events?.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
  });

  it("adds no rule and no key grant where the blueprint does not ask (CodeMate prod)", async () => {
    const { resources } = await renderStackFile("blueprints/codemate/Pulumi.prod.yaml");
    assert.equal(ofType(resources, "aws:cloudwatch/eventRule:EventRule").filter((r) => r.name.endsWith("-task-crash")).length, 0);
    const keyPolicy = JSON.parse(input<string>(named(resources, "aws:kms/key:Key", "codemate-prod-logs"), "policy")) as { Statement: { Principal?: { Service?: string } }[] };
    assert.ok(!keyPolicy.Statement.some((s) => s.Principal?.Service === "events.amazonaws.com"));
  });
});
