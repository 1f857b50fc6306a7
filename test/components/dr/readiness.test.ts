import { strict as assert } from "assert";
import * as path from "path";
import type { ReadinessSpec } from "../../../model/dr/readiness-spec";
import { defaultReadinessClients } from "../../../automation/readiness/aws";
import { readinessSpec } from "../../../automation/readiness/spec";
import { loadPlatformConfig } from "../../../config";
import { RenderResult } from "../../../offline";
import { fakeAws, now } from "../../helpers/readiness-aws";
import { repoRoot } from "../../helpers/paths";
import { input, named, ofType, renderStack, stackConfig } from "../../helpers/stacks";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a handler is a .js file outside the TypeScript program
const job = require(path.join(repoRoot, "jobs", "readiness", "index.js"));

const T = {
  fn: "aws:lambda/function:Function",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  permission: "aws:lambda/permission:Permission",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
} as const;

const variables = (fn: RenderResult["resources"][number]) => (input<{ variables: Record<string, string> }>(fn, "environment")).variables;

/** Runs the handler against the fake AWS; returns the metric it emitted and its log. */
async function runHandler(spec: ReadinessSpec, aws = fakeAws()) {
  const emitted: Record<string, unknown>[] = [];
  const logs: { missed: number; report: string[] }[] = [];
  const env = { SPEC: JSON.stringify(spec), METRIC_NAMESPACE: "Platform/DR", METRIC_NAME: "ReadinessChecksMissed", METRIC_DIMENSION: "Standby" };
  const handler = job.makeHandler({ env, now: () => now, clients: aws.clients, emit: (r: Record<string, unknown>) => emitted.push(r), log: (e: { missed: number; report: string[] }) => logs.push(e) });
  const result = (await handler({})) as { ready: boolean; missed: number };
  return { result, emitted, log: logs[0] };
}

describe("dr tier: the readiness checks on a schedule (platform:dr.readiness)", () => {
  let dr: RenderResult;
  before(async () => {
    dr = await renderStack("prod-dr");
  });

  it("the function makes every client the checks use (S3 too, for the reverse rules), on the runtime's SDK", () => {
    assert.deepEqual(Object.keys(job.awsClients()).sort(), Object.keys(defaultReadinessClients()).sort());
  });

  it("prod-dr runs jobs/readiness every 15 minutes in Tokyo, with the spec npm run readiness derives from the stack files", () => {
    const fn = named(dr.resources, T.fn, "platform-prod-dr-readiness");
    assert.equal(input(fn, "runtime"), "nodejs20.x");
    assert.equal(input(fn, "timeout"), 120);
    const spec = JSON.parse(variables(fn).SPEC) as ReadinessSpec;
    // The same spec as the command's, though the program read prod's names from its outputs.
    const fromFiles = readinessSpec({ name: "prod", config: loadPlatformConfig(stackConfig("prod")) }, { name: "prod-dr", config: loadPlatformConfig(stackConfig("prod-dr")) });
    assert.deepEqual(spec.stores.map((s) => s.locator.kind), ["rds-replica", "s3-replication-rtc"]);
    assert.deepEqual({ ...spec, stores: spec.stores.map((s) => s.store) }, { ...JSON.parse(JSON.stringify(fromFiles)), stores: fromFiles.stores.map((s) => s.store) });
    const files = spec.stores[1].locator;
    assert.equal(files.kind === "s3-replication-rtc" && files.sourceBucket.endsWith("-ap-northeast-2"), true, "the source is prod's bucket in Seoul");
    const rule = named(dr.resources, T.rule, "platform-prod-dr-readiness-schedule");
    assert.equal(input(rule, "scheduleExpression"), "rate(15 minutes)");
    assert.equal(ofType(dr.resources, T.target).filter((t) => input(t, "rule") === rule.state.name).length, 1);
    const permission = named(dr.resources, T.permission, "platform-prod-dr-readiness-invoke");
    assert.equal(input(permission, "principal"), "events.amazonaws.com");
    assert.equal(input(permission, "sourceArn"), rule.state.arn);
  });

  it("its role reads only, each action on the resources the spec names; '*' only where AWS defines no resource type", () => {
    const statements = JSON.parse(String(input(named(dr.resources, T.rolePolicy, "platform-prod-dr-readiness-policy"), "policy"))).Statement as { Sid: string; Action: string[]; Resource: string | string[] }[];
    const actions = statements.flatMap((s) => s.Action).sort();
    assert.deepEqual(actions, [
      "acm:ListCertificates",
      "cloudwatch:GetMetricData",
      "ecr:DescribeImages",
      "ecs:DescribeServices",
      "kms:Decrypt",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "route53:GetHealthCheckStatus",
      "route53:ListHostedZonesByName",
      "route53:ListResourceRecordSets",
      "s3:GetReplicationConfiguration",
      "secretsmanager:DescribeSecret",
      "servicequotas:GetServiceQuota",
    ]);
    assert.deepEqual(statements.filter((s) => s.Resource === "*").map((s) => s.Action[0]).sort(), ["acm:ListCertificates", "cloudwatch:GetMetricData", "route53:ListHostedZonesByName"]);
    const of = (sid: string) => statements.find((s) => s.Sid === sid)?.Resource;
    assert.deepEqual(of("DescribeServices"), ["frontend", "backend"].map((n) => `arn:aws:ecs:ap-northeast-1:123456789012:service/platform-prod-dr-cluster/${n}`));
    assert.equal((of("DescribeSecrets") as string[]).every((a) => a.startsWith("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:platform/prod-dr/") && a.endsWith("-??????")), true);
    // The replica's reverse rule (GetBucketReplication), on the replica bucket only.
    assert.deepEqual(of("ReadReverseReplication"), ["arn:aws:s3:::platform-prod-dr-files-123456789012-ap-northeast-1"]);
    assert.deepEqual(of("ReadFargateQuotas"), ["arn:aws:servicequotas:ap-northeast-1:123456789012:fargate/L-3032A538", "arn:aws:servicequotas:ap-northeast-1:123456789012:fargate/L-36FBB829"]);
    assert.equal(of("ReadHealthCheck"), `arn:aws:route53:::healthcheck/${named(dr.resources, T.healthCheck, "platform-prod-dr-failover-primary-health").id}`);
    assert.equal(statements.some((s) => s.Action.some((a) => a === "cloudwatch:PutMetricData" || a === "sns:Publish")), false, "the metric goes out through its log, the alarm notifies");
  });

  it("alarms through the alert topic when a run missed a check, or when no run reported in two intervals", () => {
    const alarm = named(dr.resources, T.alarm, "platform-prod-dr-readiness-missed");
    const topicArn = named(dr.resources, T.topic, "platform-prod-dr-alerts").state.arn;
    assert.equal(input(alarm, "namespace"), "Platform/DR");
    assert.equal(input(alarm, "metricName"), "ReadinessChecksMissed");
    assert.deepEqual(input(alarm, "dimensions"), { Standby: "prod-dr" });
    assert.equal(input(alarm, "statistic"), "Maximum");
    assert.equal(input(alarm, "period"), 1800);
    assert.equal(input(alarm, "evaluationPeriods"), 1);
    assert.equal(input(alarm, "threshold"), 1);
    assert.equal(input(alarm, "comparisonOperator"), "GreaterThanOrEqualToThreshold");
    assert.equal(input(alarm, "treatMissingData"), "breaching");
    assert.deepEqual(input(alarm, "alarmActions"), [topicArn]);
    assert.deepEqual(input(alarm, "okActions"), [topicArn]);
  });

  it("the handler, on the rendered spec: all current -> 0 missed; a lagging replica -> not ready, the metric counts it", async () => {
    const spec = JSON.parse(variables(named(dr.resources, T.fn, "platform-prod-dr-readiness")).SPEC) as ReadinessSpec;
    const ready = await runHandler(spec);
    assert.deepEqual(ready.result, { ready: true, missed: 0 }, ready.log.report.join("\n"));

    const aws = fakeAws();
    aws.state.metrics.ReplicaLag = 900; // 15 min behind, against prod-dr's 5-minute RPO
    const lagging = await runHandler(spec, aws);
    assert.deepEqual(lagging.result, { ready: false, missed: 1 });
    assert.match(lagging.log.report.join("\n"), /MISSED RPO: database: rds-replica: 15 min of data not in ap-northeast-1, above platform:dr.targets.rpoMinutes 5 min/);
    const [record] = lagging.emitted;
    assert.deepEqual(record, {
      _aws: { Timestamp: now.getTime(), CloudWatchMetrics: [{ Namespace: "Platform/DR", Dimensions: [["Standby"]], Metrics: [{ Name: "ReadinessChecksMissed", Unit: "Count" }] }] },
      Standby: "prod-dr",
      ReadinessChecksMissed: 1,
    });
  });

  it("the handler: a check that cannot be made (access denied) counts as missed, and the run still reports", async () => {
    const spec = JSON.parse(variables(named(dr.resources, T.fn, "platform-prod-dr-readiness")).SPEC) as ReadinessSpec;
    const aws = fakeAws();
    const broken = { ...aws.clients, ecs: () => ({ send: () => Promise.reject(Object.assign(new Error("not authorized to perform ecs:DescribeServices"), { name: "AccessDeniedException" })) }) };
    const result = await runHandler(spec, { ...aws, clients: broken as unknown as typeof aws.clients });
    assert.deepEqual(result.result, { ready: false, missed: 1 });
    assert.match(result.log.report[0], /could not run: AccessDeniedException: not authorized/);
    assert.equal(result.emitted[0].ReadinessChecksMissed, 1);
  });
});
