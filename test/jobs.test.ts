import { strict as assert } from "assert";
import { CapturedResource } from "./mockcloud";
import { RenderResult } from "./mockcloud/render";
import { assertLeastPrivilege, granting, list, statementsOf } from "./helpers/iam";
import { input, named, ofType, renderConfig, stackConfig } from "./helpers/stacks";

const jobs = [
  {
    name: "report-generator",
    runtime: "nodejs24.x",
    handler: "index.handler",
    code: "jobs/report-generator",
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: { ORDERS_PREFIX: "orders/", REPORTS_PREFIX: "reports/" },
    triggers: [{ type: "schedule", expression: "cron(0 0 * * ? *)" }],
  },
  {
    name: "order-notification",
    runtime: "nodejs24.x",
    handler: "index.handler",
    code: "jobs/order-notification",
    memoryMb: 256,
    timeoutSeconds: 30,
    reservedConcurrency: 10,
    retryAttempts: 1,
    triggers: [{ type: "event", pattern: { source: ["openmarket.orders"], "detail-type": ["OrderCreated"] } }],
    permissions: { sesIdentities: ["codemate.code1398.io"] },
  },
  {
    name: "post-meeting-processor",
    runtime: "python3.11",
    handler: "index.lambda_handler",
    code: "jobs/post-meeting-processor",
    memoryMb: 1024,
    timeoutSeconds: 180,
    vpc: true,
    secrets: { OPENAI_API_KEY: "platform/prod/openai-api-key" },
  },
];

let rendered: Promise<RenderResult> | undefined;
function render(): Promise<RenderResult> {
  const config = stackConfig("prod");
  config["platform:jobs"] = JSON.stringify({ functions: jobs });
  return (rendered ??= renderConfig(config, "prod"));
}

const fn = (resources: readonly CapturedResource[], job: string) => named(resources, "aws:lambda/function:Function", `platform-prod-${job}`);
const arnOf = (r: CapturedResource) => String(r.state.arn);

describe("jobs tier (prod with seed 003's and 004's jobs)", () => {
  it("creates one function per job with the seeds' runtime, memory and timeout, on Graviton", async () => {
    const { resources } = await render();
    assert.equal(ofType(resources, "aws:lambda/function:Function").length, 3);
    const report = fn(resources, "report-generator");
    assert.equal(input(report, "name"), "platform-prod-report-generator");
    assert.equal(input(report, "runtime"), "nodejs24.x");
    assert.equal(input(report, "memorySize"), 1024);
    assert.equal(input(report, "timeout"), 300);
    assert.deepEqual(input(report, "architectures"), ["arm64"]);
    const meeting = fn(resources, "post-meeting-processor");
    assert.equal(input(meeting, "runtime"), "python3.11");
    assert.equal(input(meeting, "handler"), "index.lambda_handler");
    assert.equal(input(fn(resources, "order-notification"), "reservedConcurrentExecutions"), 10);
  });

  it("gives every job a KMS-encrypted dead-letter queue and sends failed async events to it", async () => {
    const { resources } = await render();
    const dataKey = arnOf(named(resources, "aws:kms/key:Key", "platform-prod-data"));
    assert.equal(ofType(resources, "aws:sqs/queue:Queue").length, 3);
    for (const job of jobs) {
      const queue = named(resources, "aws:sqs/queue:Queue", `platform-prod-${job.name}-dlq`);
      assert.equal(input(queue, "kmsMasterKeyId"), dataKey);
      assert.equal(input(queue, "messageRetentionSeconds"), 1209600);
      assert.deepEqual(input(fn(resources, job.name), "deadLetterConfig"), { targetArn: arnOf(queue) });
      const invoke = named(resources, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", `platform-prod-${job.name}-async`);
      assert.equal(input(invoke, "maximumRetryAttempts"), job.retryAttempts ?? 2);
    }
  });

  it("gives every job a log group with the jobs' retention (seed 003: 14 days) and the logs key", async () => {
    const { resources } = await render();
    const logsKey = arnOf(named(resources, "aws:kms/key:Key", "platform-prod-logs"));
    for (const job of jobs) {
      const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", `platform-prod-${job.name}-logs`);
      assert.equal(input(group, "name"), `/aws/lambda/platform-prod-${job.name}`);
      assert.equal(input(group, "retentionInDays"), 14);
      assert.equal(input(group, "kmsKeyId"), logsKey);
      assert.equal(input<{ logGroup: string }>(fn(resources, job.name), "loggingConfig").logGroup, `/aws/lambda/platform-prod-${job.name}`);
    }
  });

  it("places only the job that asks for it in the private-app subnets with the Lambda security group", async () => {
    const { resources } = await render();
    const appSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "app").map((s) => s.id);
    const lambdaGroup = named(resources, "aws:ec2/securityGroup:SecurityGroup", "platform-prod-lambda").id;
    const vpc = input<{ subnetIds: string[]; securityGroupIds: string[] }>(fn(resources, "post-meeting-processor"), "vpcConfig");
    assert.deepEqual([...vpc.subnetIds].sort(), [...appSubnets].sort());
    assert.deepEqual(vpc.securityGroupIds, [lambdaGroup]);
    assert.equal(input(fn(resources, "report-generator"), "vpcConfig"), undefined);
    assert.equal(input(fn(resources, "order-notification"), "vpcConfig"), undefined);
  });

  it("gives each job its own role, written out action by action, with no wildcards", async () => {
    const { resources } = await render();
    const roles = new Set<string>();
    for (const job of jobs) {
      const role = named(resources, "aws:iam/role:Role", `platform-prod-${job.name}-role`);
      roles.add(arnOf(role));
      assert.equal(input(fn(resources, job.name), "role"), arnOf(role));
      const [trust] = statementsOf(input(role, "assumeRolePolicy"));
      assert.deepEqual(trust.Principal, { Service: "lambda.amazonaws.com" });
      const policy = named(resources, "aws:iam/rolePolicy:RolePolicy", `platform-prod-${job.name}-policy`);
      const allowed = assertLeastPrivilege(input(policy, "policy"), job.name);
      const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", `platform-prod-${job.name}-logs`);
      assert.deepEqual(list(granting(allowed, "logs:PutLogEvents")[0].Resource), [`${arnOf(group)}:*`]);
      const queue = named(resources, "aws:sqs/queue:Queue", `platform-prod-${job.name}-dlq`);
      assert.deepEqual(list(granting(allowed, "sqs:SendMessage")[0].Resource), [arnOf(queue)]);
      assert.equal(granting(allowed, "ec2:CreateNetworkInterface").length, job.vpc ? 1 : 0);
    }
    assert.equal(roles.size, 3, "no two jobs share a role");
  });

  it("lets a VPC job create network interfaces only in its subnets, group and VPC", async () => {
    const { resources } = await render();
    const allowed = statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-post-meeting-processor-policy"), "policy"));
    const [create] = granting(allowed, "ec2:CreateNetworkInterface");
    const subnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "app");
    const group = named(resources, "aws:ec2/securityGroup:SecurityGroup", "platform-prod-lambda");
    assert.deepEqual(
      [...list(create.Resource)].sort(),
      [
        "arn:aws:ec2:ap-northeast-2:123456789012:network-interface/*",
        ...subnets.map((s) => `arn:aws:ec2:ap-northeast-2:123456789012:subnet/${s.id}`),
        `arn:aws:ec2:ap-northeast-2:123456789012:security-group/${group.id}`,
      ].sort(),
    );
    const [remove] = granting(allowed, "ec2:DeleteNetworkInterface");
    const vpcId = ofType(resources, "aws:ec2/vpc:Vpc")[0].id;
    assert.deepEqual(remove.Condition, { ArnEquals: { "ec2:Vpc": `arn:aws:ec2:ap-northeast-2:123456789012:vpc/${vpcId}` } });
  });

  it("hands secrets over by reference: an id in the environment, read access to that secret only", async () => {
    const { resources } = await render();
    const meeting = fn(resources, "post-meeting-processor");
    assert.deepEqual(input<{ variables: Record<string, string> }>(meeting, "environment").variables, { OPENAI_API_KEY_SECRET_ID: "platform/prod/openai-api-key" });
    const allowed = statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-post-meeting-processor-policy"), "policy"));
    assert.deepEqual(list(granting(allowed, "secretsmanager:GetSecretValue")[0].Resource), [
      "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:platform/prod/openai-api-key-??????",
    ]);
    assert.equal(granting(statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-report-generator-policy"), "policy")), "secretsmanager:GetSecretValue").length, 0);
  });

  it("triggers the order notification from its EventBridge pattern, and only that rule may invoke it", async () => {
    const { resources } = await render();
    const rule = named(resources, "aws:cloudwatch/eventRule:EventRule", "platform-prod-order-notification-event");
    assert.deepEqual(JSON.parse(input(rule, "eventPattern")), { source: ["openmarket.orders"], "detail-type": ["OrderCreated"] });
    assert.equal(input(rule, "eventBusName"), "default");
    const target = named(resources, "aws:cloudwatch/eventTarget:EventTarget", "platform-prod-order-notification-event");
    const notification = fn(resources, "order-notification");
    assert.equal(input(target, "arn"), arnOf(notification));
    const permissions = ofType(resources, "aws:lambda/permission:Permission");
    assert.equal(permissions.length, 1, "the rule is the only invoker granted by a resource policy");
    const [permission] = permissions;
    assert.equal(input(permission, "principal"), "events.amazonaws.com");
    assert.equal(input(permission, "action"), "lambda:InvokeFunction");
    assert.equal(input(permission, "function"), arnOf(notification));
    assert.equal(input(permission, "sourceArn"), arnOf(rule));
    const allowed = statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-order-notification-policy"), "policy"));
    assert.deepEqual(list(granting(allowed, "ses:SendEmail")[0].Resource), ["arn:aws:ses:ap-northeast-2:123456789012:identity/codemate.code1398.io"]);
  });

  it("runs the report generator daily at 00:00 KST through Scheduler, whose role may invoke only that function", async () => {
    const { resources } = await render();
    const [group] = ofType(resources, "aws:scheduler/scheduleGroup:ScheduleGroup");
    assert.equal(input(group, "name"), "platform-prod-jobs");
    const schedule = named(resources, "aws:scheduler/schedule:Schedule", "platform-prod-report-generator-schedule");
    assert.equal(input(schedule, "scheduleExpression"), "cron(0 0 * * ? *)");
    assert.equal(input(schedule, "scheduleExpressionTimezone"), "Asia/Seoul");
    assert.equal(input(schedule, "groupName"), "platform-prod-jobs");
    const report = fn(resources, "report-generator");
    const queue = named(resources, "aws:sqs/queue:Queue", "platform-prod-report-generator-dlq");
    const target = input<{ arn: string; roleArn: string; deadLetterConfig: { arn: string }; input: string }>(schedule, "target");
    assert.equal(target.arn, arnOf(report));
    assert.equal(target.deadLetterConfig.arn, arnOf(queue));
    assert.equal(JSON.parse(target.input).scheduledTime, "<aws.scheduler.scheduled-time>");
    const role = named(resources, "aws:iam/role:Role", "platform-prod-report-generator-schedule-role");
    assert.equal(target.roleArn, arnOf(role));
    const [trust] = statementsOf(input(role, "assumeRolePolicy"));
    assert.deepEqual(trust.Principal, { Service: "scheduler.amazonaws.com" });
    assert.deepEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": "123456789012", "aws:SourceArn": arnOf(group) } });
    const allowed = assertLeastPrivilege(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-report-generator-schedule-policy"), "policy"), "scheduler");
    assert.deepEqual(allowed.flatMap((s) => list(s.Action)).sort(), ["kms:Decrypt", "kms:GenerateDataKey", "lambda:InvokeFunction", "sqs:SendMessage"]);
    assert.deepEqual(list(granting(allowed, "lambda:InvokeFunction")[0].Resource), [arnOf(report)]);
  });

  it("alarms on each job's errors, throttles, dead letters and undelivered events, to the alert topic", async () => {
    const { resources } = await render();
    const topic = arnOf(named(resources, "aws:sns/topic:Topic", "platform-prod-alerts"));
    const alarm = (key: string) => named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `platform-prod-${key}`);
    for (const job of jobs) {
      const errors = alarm(`job-errors-${job.name}`);
      assert.equal(input(errors, "metricName"), "Errors");
      assert.deepEqual(input(errors, "dimensions"), { FunctionName: `platform-prod-${job.name}` });
      assert.equal(input(errors, "threshold"), 0);
      assert.deepEqual(input(errors, "alarmActions"), [topic]);
      assert.equal(input(alarm(`job-throttles-${job.name}`), "metricName"), "Throttles");
      const dead = alarm(`job-dead-letters-${job.name}`);
      assert.equal(input(dead, "metricName"), "ApproximateNumberOfMessagesVisible");
      assert.deepEqual(input(dead, "dimensions"), { QueueName: `platform-prod-${job.name}-dlq` });
      assert.equal(input(dead, "comparisonOperator"), "GreaterThanThreshold");
      assert.equal(input(dead, "threshold"), 0);
    }
    const delivery = alarm("job-delivery-order-notification-event");
    assert.deepEqual(input(delivery, "dimensions"), { RuleName: "platform-prod-order-notification-event" });
  });
});
