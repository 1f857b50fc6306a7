import { strict as assert } from "assert";
import { CapturedResource } from "../../../offline";
import { assertLeastPrivilege, granting, list, PolicyStatement, statementsOf } from "../../helpers/iam";
import { reachMatrix } from "../../helpers/security-groups";
import { input, named, ofType, renderStack, StackName } from "../../helpers/stacks";

/** The five jobs of dev, staging and prod with the seeds' sizes (003 4-3; 004 Phase 7). */
const seedJobs = {
  "image-processor": { runtime: "nodejs24.x", memoryMb: 512, timeoutSeconds: 60, vpc: false },
  "order-notification": { runtime: "nodejs24.x", memoryMb: 256, timeoutSeconds: 30, vpc: false },
  "report-generator": { runtime: "nodejs24.x", memoryMb: 1024, timeoutSeconds: 300, vpc: false },
  "data-sync": { runtime: "nodejs24.x", memoryMb: 512, timeoutSeconds: 120, vpc: true },
  "post-meeting-processor": { runtime: "python3.11", memoryMb: 1024, timeoutSeconds: 180, vpc: true },
};
const jobNames = Object.keys(seedJobs) as (keyof typeof seedJobs)[];
/** Jobs' log retention per stack (seed 001: dev 7 d; seed 003: jobs 14 d). */
const retention: Partial<Record<StackName, number>> = { dev: 7, staging: 14, prod: 14 };

const arnOf = (r: CapturedResource) => String(r.state.arn);
const fn = (resources: readonly CapturedResource[], job: string, stack = "prod") => named(resources, "aws:lambda/function:Function", `platform-${stack}-${job}`);
const policyOf = (resources: readonly CapturedResource[], name: string): PolicyStatement[] =>
  statementsOf(input(named(resources, "aws:iam/rolePolicy:RolePolicy", name), "policy"));

/** The jobs tier's own resources: the data tier's secret rotators are Lambda functions too. */
function jobsTier(resources: readonly CapturedResource[]): CapturedResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const inJobs = (r: CapturedResource): boolean => {
    for (let node = byUrn.get(r.parent ?? ""); node; node = byUrn.get(node.parent ?? "")) if (node.type.startsWith("platform:jobs:")) return true;
    return false;
  };
  return resources.filter(inJobs);
}

describe("jobs tier", () => {
  for (const stack of ["dev", "staging", "prod"] as const) {
    it(`${stack}: runs the seeds' five jobs, each with its log group (${retention[stack]} days, logs key) and encrypted dead-letter queue`, async () => {
      const { resources } = await renderStack(stack);
      const logsKey = arnOf(named(resources, "aws:kms/key:Key", `platform-${stack}-logs`));
      const dataKey = arnOf(named(resources, "aws:kms/key:Key", `platform-${stack}-data`));
      assert.equal(ofType(jobsTier(resources), "aws:lambda/function:Function").length, 5);
      assert.equal(ofType(resources, "aws:sqs/queue:Queue").length, 5);
      // Only prod's files bucket asks for AWS Backup, which needs its EventBridge delivery kept on.
      assert.equal(input(ofType(resources, "aws:s3/bucketNotification:BucketNotification")[0], "eventbridge"), stack === "prod" ? true : undefined);
      for (const job of jobNames) {
        const lambda = fn(resources, job, stack);
        assert.equal(input(lambda, "runtime"), seedJobs[job].runtime, job);
        assert.equal(input(lambda, "memorySize"), seedJobs[job].memoryMb, job);
        assert.equal(input(lambda, "timeout"), seedJobs[job].timeoutSeconds, job);
        assert.deepEqual(input(lambda, "architectures"), ["arm64"], job);
        const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", `platform-${stack}-${job}-logs`);
        assert.equal(input(group, "name"), `/aws/lambda/platform-${stack}-${job}`);
        assert.equal(input(group, "retentionInDays"), retention[stack]);
        assert.equal(input(group, "kmsKeyId"), logsKey);
        assert.equal(input<{ logGroup: string }>(lambda, "loggingConfig").logGroup, `/aws/lambda/platform-${stack}-${job}`);
        const queue = named(resources, "aws:sqs/queue:Queue", `platform-${stack}-${job}-dlq`);
        assert.equal(input(queue, "kmsMasterKeyId"), dataKey);
        assert.equal(input(queue, "messageRetentionSeconds"), 1209600);
        assert.deepEqual(input(lambda, "deadLetterConfig"), { targetArn: arnOf(queue) });
        assert.equal(input(lambda, "kmsKeyArn"), dataKey, "the environment is encrypted with a customer key");
        const [environment] = policyOf(resources, `platform-${stack}-${job}-policy`).filter((st) => st.Sid === "DecryptOwnEnvironment");
        assert.deepEqual(environment.Condition, { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": `platform-${stack}-${job}` } });
        assert.equal(input(named(resources, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", `platform-${stack}-${job}-async`), "maximumRetryAttempts"), 2);
      }
    });
  }

  it("prod-dr, the pilot light, runs no jobs", async () => {
    const { resources } = await renderStack("prod-dr");
    assert.equal(jobsTier(resources).length + resources.filter((r) => r.type.startsWith("platform:jobs:")).length, 0);
  });

  it("places the jobs that reach the data tier (and seed 003's) in the private-app subnets, each in a group of its own, and no others", async () => {
    const { resources } = await renderStack("prod");
    const appSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "app").map((s) => s.id);
    for (const job of jobNames) {
      const vpc = input<{ subnetIds: string[]; securityGroupIds: string[] } | undefined>(fn(resources, job), "vpcConfig");
      if (!seedJobs[job].vpc) {
        assert.equal(vpc, undefined, job);
        assert.equal(ofType(resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.name === `platform-prod-lambda-${job}`).length, 0, `${job}: no group outside the VPC`);
        continue;
      }
      const ownGroup = named(resources, "aws:ec2/securityGroup:SecurityGroup", `platform-prod-lambda-${job}`).id;
      assert.deepEqual([...(vpc?.subnetIds ?? [])].sort(), [...appSubnets].sort(), job);
      assert.deepEqual(vpc?.securityGroupIds, [ownGroup], job);
      const [create] = granting(policyOf(resources, `platform-prod-${job}-policy`), "ec2:CreateNetworkInterface");
      assert.ok(list(create.Resource).includes(`arn:aws:ec2:ap-northeast-2:123456789012:security-group/${ownGroup}`), job);
    }
  });

  it("lets a VPC job's group into exactly the stores the job declares, and records the declaration on the function", async () => {
    const { resources } = await renderStack("prod");
    // data-sync reaches the cache (seed 004: inventory sync and cache update); the post-meeting job
    // reaches no store (seed 003's processor writes its results to S3).
    assert.deepEqual(reachMatrix(resources, "platform-prod").filter((line) => line.startsWith("lambda-")), ["lambda-data-sync -> cache:6379", "lambda-data-sync -> endpoints:443", "lambda-post-meeting-processor -> endpoints:443"]);
    assert.deepEqual(input<Record<string, string>>(fn(resources, "data-sync"), "tags").ReachesStores, "cache");
    assert.deepEqual(input<Record<string, string>>(fn(resources, "post-meeting-processor"), "tags").ReachesStores, "");
    assert.equal(input<Record<string, string> | undefined>(fn(resources, "image-processor"), "tags")?.ReachesStores, undefined, "no declaration outside the VPC");
  });

  it("gives each job its own role with no wildcard action and no write on '*'", async () => {
    const { resources } = await renderStack("prod");
    const roles = new Set<string>();
    for (const job of jobNames) {
      const role = named(resources, "aws:iam/role:Role", `platform-prod-${job}-role`);
      roles.add(arnOf(role));
      assert.equal(input(fn(resources, job), "role"), arnOf(role));
      const [trust] = statementsOf(input(role, "assumeRolePolicy"));
      assert.deepEqual(trust.Principal, { Service: "lambda.amazonaws.com" });
      const allowed = assertLeastPrivilege(input(named(resources, "aws:iam/rolePolicy:RolePolicy", `platform-prod-${job}-policy`), "policy"), job);
      const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", `platform-prod-${job}-logs`);
      assert.deepEqual(list(granting(allowed, "logs:PutLogEvents")[0].Resource), [`${arnOf(group)}:*`]);
      const queue = named(resources, "aws:sqs/queue:Queue", `platform-prod-${job}-dlq`);
      assert.deepEqual(list(granting(allowed, "sqs:SendMessage")[0].Resource), [arnOf(queue)]);
    }
    assert.equal(roles.size, 5, "no two jobs share a role");
  });

  it("triggers the image processor on objects created under uploads/ of the files bucket; only that bucket may invoke it", async () => {
    const { resources } = await renderStack("prod");
    const files = named(resources, "aws:s3/bucket:Bucket", "platform-prod-bucket-files");
    const processor = fn(resources, "image-processor");
    const [notification] = ofType(resources, "aws:s3/bucketNotification:BucketNotification");
    assert.equal(input(notification, "bucket"), files.id);
    assert.equal(input(notification, "eventbridge"), true, "AWS Backup follows the (backed-up) files bucket through EventBridge");
    assert.deepEqual(input(notification, "lambdaFunctions"), [
      { id: "image-processor-s3", lambdaFunctionArn: arnOf(processor), events: ["s3:ObjectCreated:*"], filterPrefix: "uploads/" },
    ]);
    const permission = named(resources, "aws:lambda/permission:Permission", "platform-prod-image-processor-s3");
    assert.equal(input(permission, "principal"), "s3.amazonaws.com");
    assert.equal(input(permission, "action"), "lambda:InvokeFunction");
    assert.equal(input(permission, "function"), arnOf(processor));
    assert.equal(input(permission, "sourceArn"), arnOf(files));
    assert.equal(input(permission, "sourceAccount"), "123456789012");
    assert.ok(notification.options.dependsOn.includes(permission.urn), "S3 checks the permission when the notification is put");
    // Reads originals, writes metadata elsewhere: it cannot trigger itself.
    const allowed = policyOf(resources, "platform-prod-image-processor-policy");
    assert.deepEqual(list(granting(allowed, "s3:GetObject").flatMap((s) => list(s.Resource))).sort(), [`${arnOf(files)}/metadata/*`, `${arnOf(files)}/uploads/*`]);
    assert.deepEqual(list(granting(allowed, "s3:PutObject").flatMap((s) => list(s.Resource))), [`${arnOf(files)}/metadata/*`]);
    const storageKey = arnOf(named(resources, "aws:kms/key:Key", "platform-prod-storage"));
    assert.ok(granting(allowed, "kms:GenerateDataKey").some((s) => list(s.Resource).includes(storageKey)));
  });

  it("triggers the order notification and the post-meeting job from their EventBridge patterns; each rule alone may invoke its job", async () => {
    const { resources } = await renderStack("prod");
    const permissions = ofType(jobsTier(resources), "aws:lambda/permission:Permission");
    assert.equal(permissions.length, 3, "one S3 and two EventBridge invokers; schedules invoke through their roles");
    const cases: [string, unknown][] = [
      ["order-notification", { source: ["platform.orders"], "detail-type": ["OrderCreated"] }],
      ["post-meeting-processor", { source: ["platform.meetings"], "detail-type": ["MeetingEnded"] }],
    ];
    for (const [job, pattern] of cases) {
      const rule = named(resources, "aws:cloudwatch/eventRule:EventRule", `platform-prod-${job}-event`);
      assert.deepEqual(JSON.parse(input(rule, "eventPattern")), pattern);
      assert.equal(input(rule, "eventBusName"), "default");
      assert.equal(input(named(resources, "aws:cloudwatch/eventTarget:EventTarget", `platform-prod-${job}-event`), "arn"), arnOf(fn(resources, job)));
      const permission = named(resources, "aws:lambda/permission:Permission", `platform-prod-${job}-event`);
      assert.equal(input(permission, "principal"), "events.amazonaws.com");
      assert.equal(input(permission, "function"), arnOf(fn(resources, job)));
      assert.equal(input(permission, "sourceArn"), arnOf(rule));
    }
    assert.deepEqual(list(granting(policyOf(resources, "platform-prod-order-notification-policy"), "ses:SendEmail")[0].Resource), [
      "arn:aws:ses:ap-northeast-2:123456789012:identity/codemate.code1398.io",
    ]);
  });

  it("runs the report generator daily at 00:00 KST and the data sync hourly, through roles that may invoke only their job", async () => {
    const { resources } = await renderStack("prod");
    const [group] = ofType(resources, "aws:scheduler/scheduleGroup:ScheduleGroup");
    assert.equal(input(group, "name"), "platform-prod-jobs");
    const cases: [string, string][] = [
      ["report-generator", "cron(0 0 * * ? *)"],
      ["data-sync", "rate(1 hour)"],
    ];
    for (const [job, expression] of cases) {
      const schedule = named(resources, "aws:scheduler/schedule:Schedule", `platform-prod-${job}-schedule`);
      assert.equal(input(schedule, "scheduleExpression"), expression);
      assert.equal(input(schedule, "scheduleExpressionTimezone"), "Asia/Seoul");
      const target = input<{ arn: string; roleArn: string; deadLetterConfig: { arn: string }; input: string }>(schedule, "target");
      assert.equal(target.arn, arnOf(fn(resources, job)));
      assert.equal(target.deadLetterConfig.arn, arnOf(named(resources, "aws:sqs/queue:Queue", `platform-prod-${job}-dlq`)));
      assert.equal(JSON.parse(target.input).scheduledTime, "<aws.scheduler.scheduled-time>");
      const role = named(resources, "aws:iam/role:Role", `platform-prod-${job}-schedule-role`);
      assert.equal(target.roleArn, arnOf(role));
      const [trust] = statementsOf(input(role, "assumeRolePolicy"));
      assert.deepEqual(trust.Principal, { Service: "scheduler.amazonaws.com" });
      assert.deepEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": "123456789012", "aws:SourceArn": arnOf(group) } });
      const allowed = assertLeastPrivilege(input(named(resources, "aws:iam/rolePolicy:RolePolicy", `platform-prod-${job}-schedule-policy`), "policy"), job);
      assert.deepEqual(allowed.flatMap((s) => list(s.Action)).sort(), ["kms:Decrypt", "kms:GenerateDataKey", "lambda:InvokeFunction", "sqs:SendMessage"]);
      assert.deepEqual(list(granting(allowed, "lambda:InvokeFunction")[0].Resource), [arnOf(fn(resources, job))]);
    }
    assert.equal(input(fn(resources, "data-sync"), "reservedConcurrentExecutions"), 1);
  });

  it("connects the data sync to Redis: endpoint in the environment, AUTH token by secret ARN only", async () => {
    const { resources } = await renderStack("prod");
    const [group] = ofType(resources, "aws:elasticache/replicationGroup:ReplicationGroup");
    const secret = ofType(resources, "aws:secretsmanager/secret:Secret").find((s) => input(s, "name") === "platform/prod/redis-auth");
    assert.ok(secret);
    const variables = input<{ variables: Record<string, string> }>(fn(resources, "data-sync"), "environment").variables;
    const files = named(resources, "aws:s3/bucket:Bucket", "platform-prod-bucket-files");
    assert.deepEqual(variables, {
      INVENTORY_BUCKET: files.id,
      INVENTORY_KEY: "inventory/latest.json",
      CACHE_HOST: String(group.state.configurationEndpointAddress ?? group.state.primaryEndpointAddress),
      CACHE_PORT: "6379",
      CACHE_SECRET_ID: arnOf(secret),
    });
    const allowed = policyOf(resources, "platform-prod-data-sync-policy");
    assert.deepEqual(list(granting(allowed, "secretsmanager:GetSecretValue")[0].Resource), [arnOf(secret)]);
    const [decrypt] = granting(allowed, "kms:Decrypt").filter((s) => s.Sid === "DecryptOwnSecrets");
    assert.deepEqual(decrypt.Condition, { StringEquals: { "kms:ViaService": "secretsmanager.ap-northeast-2.amazonaws.com" } });
  });

  it("hands seed 003's OpenAI key over by name: the id in the environment, read access to that secret only", async () => {
    const { resources } = await renderStack("prod");
    const variables = input<{ variables: Record<string, string> }>(fn(resources, "post-meeting-processor"), "environment").variables;
    assert.equal(variables.OPENAI_API_KEY_SECRET_ID, "platform/prod/openai-api-key");
    assert.equal(variables.OPENAI_API_KEY, undefined);
    assert.deepEqual(list(granting(policyOf(resources, "platform-prod-post-meeting-processor-policy"), "secretsmanager:GetSecretValue")[0].Resource), [
      "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:platform/prod/openai-api-key-??????",
    ]);
    for (const job of ["image-processor", "order-notification", "report-generator"]) {
      assert.equal(granting(policyOf(resources, `platform-prod-${job}-policy`), "secretsmanager:GetSecretValue").length, 0, job);
    }
  });

  it("alarms on each job's errors, throttles, dead letters and undelivered events", async () => {
    const { resources } = await renderStack("prod");
    const topic = arnOf(named(resources, "aws:sns/topic:Topic", "platform-prod-alerts"));
    const alarm = (key: string) => named(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `platform-prod-${key}`);
    for (const job of jobNames) {
      const errors = alarm(`job-errors-${job}`);
      assert.equal(input(errors, "namespace"), "AWS/Lambda");
      assert.equal(input(errors, "metricName"), "Errors");
      assert.deepEqual(input(errors, "dimensions"), { FunctionName: `platform-prod-${job}` });
      assert.equal(input(errors, "statistic"), "Sum");
      assert.equal(input(errors, "period"), 300);
      assert.equal(input(errors, "threshold"), 0);
      assert.deepEqual(input(errors, "alarmActions"), [topic]);
      assert.equal(input(alarm(`job-throttles-${job}`), "metricName"), "Throttles");
      const dead = alarm(`job-dead-letters-${job}`);
      assert.equal(input(dead, "metricName"), "ApproximateNumberOfMessagesVisible");
      assert.deepEqual(input(dead, "dimensions"), { QueueName: `platform-prod-${job}-dlq` });
      assert.equal(input(dead, "comparisonOperator"), "GreaterThanThreshold");
      assert.equal(input(dead, "threshold"), 0);
    }
    for (const job of ["order-notification", "post-meeting-processor"]) {
      assert.deepEqual(input(alarm(`job-delivery-${job}-event`), "dimensions"), { RuleName: `platform-prod-${job}-event` });
    }
  });
});
