import { strict as assert } from "assert";
import type * as aws from "@pulumi/aws";
import { CapturedResource } from "../../../offline";
import { accountOf, input, named, ofType, renderStack, stackConfig, stackNames, StackName, state } from "../../helpers/stacks";

type Counts = [min: number, desired: number, max: number];
interface Expected {
  readonly counts: { frontend: Counts; backend: Counts };
  readonly spot: { percent: number; base: number };
  /** Scheduled actions per service: name -> [cron, minCapacity]. */
  readonly schedules: Record<string, [string, number]>;
  readonly retentionDays: number;
  /** The stack's files bucket (logical name): its own, or a standby's replica of the primary's (dr tier). */
  readonly filesBucket: string;
}

// Seed 001's sizes and counts; seed 000's Spot shares; seed 003's office hours in prod.
const officeHours: Record<string, [string, number]> = { "office-hours": ["cron(0 9 ? * MON-FRI *)", 4], "after-hours": ["cron(0 18 ? * MON-FRI *)", 2] };
// A pilot-light standby holds 0 tasks and its schedules hold it there (platform:dr.standby).
const standingBy: Record<string, [string, number]> = { "office-hours": ["cron(0 9 ? * MON-FRI *)", 0], "after-hours": ["cron(0 18 ? * MON-FRI *)", 0] };
const expected: Record<StackName, Expected> = {
  dev: { counts: { frontend: [1, 1, 2], backend: [1, 1, 2] }, spot: { percent: 100, base: 0 }, schedules: {}, retentionDays: 7, filesBucket: "platform-dev-bucket-files" },
  staging: { counts: { frontend: [1, 1, 3], backend: [1, 1, 3] }, spot: { percent: 100, base: 0 }, schedules: {}, retentionDays: 14, filesBucket: "platform-staging-bucket-files" },
  prod: { counts: { frontend: [2, 2, 5], backend: [2, 2, 6] }, spot: { percent: 80, base: 1 }, schedules: officeHours, retentionDays: 30, filesBucket: "platform-prod-bucket-files" },
  "prod-dr": { counts: { frontend: [0, 0, 0], backend: [0, 0, 0] }, spot: { percent: 80, base: 1 }, schedules: standingBy, retentionDays: 30, filesBucket: "platform-prod-dr-standby-bucket-files" },
};
const regionOf = (stack: StackName) => (stack === "prod-dr" ? "ap-northeast-1" : "ap-northeast-2");
const sizes = { frontend: { cpu: "512", memory: "1024", port: 3000 }, backend: { cpu: "1024", memory: "2048", port: 3001 } };

const statementsOf = (policy: CapturedResource) => JSON.parse(String(input(policy, "policy"))).Statement as { Action: string | string[]; Resource: string | string[]; Sid?: string; Condition?: unknown }[];
const list = <T>(value: T | T[]) => [value].flat() as T[];
/** Actions that read; everything else counts as a write for the `*` resource rule. */
const readOnly = (action: string) => /^[a-z0-9-]+:(Get|List|Describe|BatchGet|BatchCheck)/.test(action);

describe("compute tier (ECS)", () => {
  for (const stack of stackNames) {
    describe(stack, () => {
      const want = expected[stack];

      it("runs a Fargate cluster with Container Insights and both capacity providers", async () => {
        const { resources } = await renderStack(stack);
        const [cluster] = ofType(resources, "aws:ecs/cluster:Cluster");
        assert.equal(ofType(resources, "aws:ecs/cluster:Cluster").length, 1);
        assert.equal(input(cluster, "name"), `platform-${stack}-cluster`);
        assert.deepEqual(input(cluster, "settings"), [{ name: "containerInsights", value: "enabled" }]);
        const [providers] = ofType(resources, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders");
        assert.deepEqual(input(providers, "capacityProviders"), ["FARGATE", "FARGATE_SPOT"]);
      });

      it("sizes and counts seed 001's frontend and backend, with the stack's Spot share", async () => {
        const { resources } = await renderStack(stack);
        const services = ofType(resources, "aws:ecs/service:Service");
        assert.deepEqual(services.map((s) => input(s, "name")).sort(), ["backend", "frontend"]);
        for (const name of ["frontend", "backend"] as const) {
          const service = named(resources, "aws:ecs/service:Service", `platform-${stack}-${name}-service`);
          const task = named(resources, "aws:ecs/taskDefinition:TaskDefinition", `platform-${stack}-${name}-task`);
          assert.equal(input(task, "cpu"), sizes[name].cpu);
          assert.equal(input(task, "memory"), sizes[name].memory);
          assert.deepEqual(input(task, "requiresCompatibilities"), ["FARGATE"]);
          const [min, desired, max] = want.counts[name];
          assert.equal(input(service, "desiredCount"), desired);
          const target = named(resources, "aws:appautoscaling/target:Target", `platform-${stack}-${name}-scaling`);
          assert.deepEqual([input(target, "minCapacity"), input(target, "maxCapacity")], [min, max]);
          assert.equal(input(target, "resourceId"), `service/platform-${stack}-cluster/${name}`);
          const strategy = input<{ capacityProvider: string; weight: number; base: number }[]>(service, "capacityProviderStrategies");
          const spot = strategy.find((s) => s.capacityProvider === "FARGATE_SPOT");
          const onDemand = strategy.find((s) => s.capacityProvider === "FARGATE");
          assert.equal(spot?.weight ?? 0, want.spot.percent);
          assert.equal(onDemand?.weight ?? 0, 100 - want.spot.percent);
          assert.equal(onDemand?.base ?? 0, want.spot.base);
          assert.ok(service.options.ignoreChanges.includes("desiredCount"), "auto scaling owns the running count");
        }
      });

      it("places tasks in the app subnets with the service's own group and no public IP, behind a circuit breaker", async () => {
        const { resources } = await renderStack(stack);
        const appSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "app").map((s) => s.id);
        for (const service of ofType(resources, "aws:ecs/service:Service")) {
          const network = input<{ subnets: string[]; securityGroups: string[]; assignPublicIp: boolean }>(service, "networkConfiguration");
          const ownGroup = named(resources, "aws:ec2/securityGroup:SecurityGroup", `platform-${stack}-ecs-${input<string>(service, "name")}`).id;
          assert.deepEqual([...network.subnets].sort(), [...appSubnets].sort());
          assert.deepEqual(network.securityGroups, [ownGroup]);
          assert.equal(network.assignPublicIp, false);
          assert.deepEqual(input(service, "deploymentCircuitBreaker"), { enable: true, rollback: true });
          assert.equal(input(service, "deploymentMinimumHealthyPercent"), 100);
          assert.equal(input(service, "deploymentMaximumPercent"), 200);
        }
      });

      it("tracks CPU at 70 % (and backend memory at 80 %) with seed 003's cooldowns, and schedules in KST", async () => {
        const { resources } = await renderStack(stack);
        const policies = ofType(resources, "aws:appautoscaling/policy:Policy");
        assert.deepEqual(policies.map((p) => p.name).sort(), [`platform-${stack}-backend-cpu`, `platform-${stack}-backend-memory`, `platform-${stack}-frontend-cpu`]);
        for (const policy of policies) {
          const config = input<aws.types.output.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration>(policy, "targetTrackingScalingPolicyConfiguration");
          const memory = policy.name.endsWith("-memory");
          assert.equal(config.targetValue, memory ? 80 : 70);
          assert.equal(config.predefinedMetricSpecification!.predefinedMetricType, memory ? "ECSServiceAverageMemoryUtilization" : "ECSServiceAverageCPUUtilization");
          assert.equal(config.scaleInCooldown, 300);
          assert.equal(config.scaleOutCooldown, 60);
        }
        const schedules = ofType(resources, "aws:appautoscaling/scheduledAction:ScheduledAction");
        assert.equal(schedules.length, Object.keys(want.schedules).length * 2);
        for (const [key, [cron, minCapacity]] of Object.entries(want.schedules)) {
          for (const service of ["frontend", "backend"] as const) {
            const action = named(resources, "aws:appautoscaling/scheduledAction:ScheduledAction", `platform-${stack}-${service}-schedule-${key}`);
            assert.equal(input(action, "schedule"), cron);
            assert.equal(input(action, "timezone"), "Asia/Seoul");
            assert.deepEqual(input(action, "scalableTargetAction"), { minCapacity, maxCapacity: want.counts[service][2] });
          }
        }
      });

      it("writes roles out action by action: no * action, no * resource on a write", async () => {
        const { resources } = await renderStack(stack);
        const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy").filter((p) => /-(frontend|backend)-(execution|task)$/.test(p.name));
        const roles = [`platform-${stack}-backend-execution`, `platform-${stack}-backend-task`, `platform-${stack}-frontend-execution`];
        assert.deepEqual(policies.map((p) => p.name).sort(), roles);
        for (const policy of policies) {
          for (const statement of statementsOf(policy)) {
            const actions = list(statement.Action);
            assert.ok(actions.every((a) => !a.includes("*")), `${policy.name}: ${actions.join(", ")}`);
            if (list(statement.Resource).includes("*")) {
              // AWS takes no resource but * for GetAuthorizationToken (a read of the account's token).
              assert.deepEqual(actions, ["ecr:GetAuthorizationToken"], `${policy.name}: * resource only for the ECR token`);
            }
            assert.ok(actions.every(readOnly) || !list(statement.Resource).includes("*"));
          }
        }
        assert.equal(ofType(resources, "aws:iam/role:Role").filter((r) => r.name === `platform-${stack}-frontend-task`).length, 0, "no task role without permissions");
        // Seed 001's task role: the backend's files bucket (a standby's replica), objects read-write, nothing else.
        const task = statementsOf(named(resources, "aws:iam/rolePolicy:RolePolicy", `platform-${stack}-backend-task`));
        const files = named(resources, "aws:s3/bucket:Bucket", want.filesBucket).state.arn as string;
        const s3 = task.filter((s) => list(s.Action).some((a) => a.startsWith("s3:")));
        assert.deepEqual(
          s3.map((s) => [list(s.Action).join(","), list(s.Resource).join(",")]),
          [["s3:ListBucket", files], ["s3:DeleteObject,s3:GetObject,s3:PutObject", `${files}/*`]],
        );
      });

      it("injects secrets by ARN only, and grants the execution role exactly those secrets", async () => {
        const { resources } = await renderStack(stack);
        const secretArns = new Set(ofType(resources, "aws:secretsmanager/secret:Secret").map((s) => s.state.arn as string));
        for (const name of ["frontend", "backend"]) {
          const task = named(resources, "aws:ecs/taskDefinition:TaskDefinition", `platform-${stack}-${name}-task`);
          const [container] = JSON.parse(String(input(task, "containerDefinitions")));
          const refs = container.secrets.map((s: { valueFrom: string }) => s.valueFrom.replace(/:[A-Za-z]+::$/, ""));
          const configured: Record<string, string> = JSON.parse(stackConfig(stack)["platform:compute"]).services.find((s: { name: string }) => s.name === name).secrets;
          assert.deepEqual(container.secrets.map((s: { name: string }) => s.name).sort(), Object.keys(configured).sort(), `${name}: exactly the configured secrets`);
          for (const ref of refs) assert.ok(secretArns.has(ref), `${name}: ${ref} is a Secrets Manager ARN of this stack`);
          for (const variable of container.environment as { name: string; value: string }[]) {
            assert.ok(!/secret|password|token|key/i.test(variable.name), `${name}: ${variable.name} is plain environment`);
          }
          const execution = statementsOf(named(resources, "aws:iam/rolePolicy:RolePolicy", `platform-${stack}-${name}-execution`));
          const granted = execution.find((s) => s.Sid === "ReadInjectedSecrets");
          assert.deepEqual(list(granted!.Resource).sort(), [...new Set(refs)].sort());
          // The data key decrypts for this role only through Secrets Manager in the stack's region.
          const decrypt = execution.find((s) => s.Sid === "DecryptInjectedSecrets");
          assert.deepEqual(
            [decrypt?.Action, decrypt?.Resource, decrypt?.Condition],
            [["kms:Decrypt"], [named(resources, "aws:kms/key:Key", `platform-${stack}-data`).state.arn], { StringEquals: { "kms:ViaService": `secretsmanager.${regionOf(stack)}.amazonaws.com` } }],
          );
          assert.equal(container.readonlyRootFilesystem, true);
          assert.equal(container.logConfiguration.options["awslogs-group"], `/ecs/platform-${stack}/${name}`);
          assert.deepEqual(container.portMappings, [{ containerPort: sizes[name as "frontend"].port, protocol: "tcp" }]);
          assert.equal(container.healthCheck, undefined, `${name}: no container check unless the stack gives one (the image may have no curl)`);
        }
        // Seed 001's environment block, resolved from the other tiers' outputs.
        const backend = JSON.parse(String(input(named(resources, "aws:ecs/taskDefinition:TaskDefinition", `platform-${stack}-backend-task`), "containerDefinitions")))[0];
        const vars = Object.fromEntries(backend.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
        assert.equal(vars.AWS_REGION, regionOf(stack));
        // A standby's are the dr tier's copies in its own region: the replica, its own cache, the files replica.
        assert.equal(vars.AWS_S3_BUCKET, `platform-${stack}-files-${accountOf(stack)}-${regionOf(stack)}`);
        assert.equal(vars.DATABASE_PORT, "5432");
        assert.equal(vars.REDIS_PORT, "6379");
        assert.match(vars.DATABASE_HOST, /^platform-[a-z-]+-db\..*\.rds\.amazonaws\.com$/);
        const secretOf = (variable: string) => backend.secrets.find((x: { name: string }) => x.name === variable)?.valueFrom;
        const databaseSecret = ofType(resources, "aws:secretsmanager/secret:Secret").find((x) => input(x, "name") === `platform/${stack}/database`)!;
        assert.equal(secretOf("DATABASE_PASSWORD"), `${state<string>(databaseSecret, "arn")}:password::`);
        assert.equal(secretOf("DATABASE_USER"), `${state<string>(databaseSecret, "arn")}:username::`);
      });

      it("keeps every service's logs for the environment's retention, encrypted", async () => {
        const { resources } = await renderStack(stack);
        for (const name of ["frontend", "backend"]) {
          const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", `platform-${stack}-${name}-logs`);
          assert.equal(input(group, "retentionInDays"), want.retentionDays);
          assert.match(String(input(group, "kmsKeyId")), /^arn:aws:kms:/);
        }
      });
    });
  }
});
