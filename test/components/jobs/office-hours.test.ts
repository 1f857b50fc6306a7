import { strict as assert } from "assert";
import * as path from "path";
import { renderProgram } from "../../../offline";
import { assertLeastPrivilege, list, statementsOf } from "../../helpers/iam";
import { accountOf, input, named, ofType, renderStack, renderStackFile, stackNames } from "../../helpers/stacks";
import { fixturePath, repoRoot } from "../../helpers/paths";

describe("office hours (seed 004: dev runs weekdays 09:00-18:00 KST)", () => {
  it("stops the dev database 15 minutes after the day ends and starts it 30 minutes before it begins, weekdays in KST", async () => {
    const { resources } = await renderStack("dev");
    const [group] = ofType(resources, "aws:scheduler/scheduleGroup:ScheduleGroup").filter((g) => input(g, "name") === "platform-dev-office-hours");
    assert.ok(group);
    const schedules = ofType(resources, "aws:scheduler/schedule:Schedule").filter((s) => input(s, "groupName") === "platform-dev-office-hours");
    const byName = Object.fromEntries(schedules.map((s) => [input<string>(s, "name"), s]));
    assert.deepEqual(Object.keys(byName).sort(), ["start-database", "start-service-backend", "start-service-frontend", "stop-database", "stop-service-backend", "stop-service-frontend"]);
    const expected: Record<string, [string, string]> = {
      "stop-database": ["cron(15 18 ? * MON-FRI *)", "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance"],
      "start-database": ["cron(30 8 ? * MON-FRI *)", "arn:aws:scheduler:::aws-sdk:rds:startDBInstance"],
    };
    const role = named(resources, "aws:iam/role:Role", "platform-dev-office-hours");
    for (const [name, [cron, target]] of Object.entries(expected)) {
      const schedule = byName[name];
      assert.equal(input(schedule, "scheduleExpression"), cron);
      assert.equal(input(schedule, "scheduleExpressionTimezone"), "Asia/Seoul");
      const t = input<{ arn: string; roleArn: string; input: string }>(schedule, "target");
      assert.equal(t.arn, target);
      assert.equal(t.roleArn, String(role.state.arn));
      // The universal target takes the SDK's member names: DbInstanceIdentifier, not DBInstanceIdentifier.
      assert.deepEqual(JSON.parse(t.input), { DbInstanceIdentifier: "platform-dev-db" });
    }
  });

  it("pins dev's ECS services (seed 001 dev: 1-2 tasks) to zero at 18:00 and restores them at 09:00", async () => {
    const { resources } = await renderStack("dev");
    const schedules = ofType(resources, "aws:scheduler/schedule:Schedule").filter((s) => input(s, "groupName") === "platform-dev-office-hours");
    const byName = Object.fromEntries(schedules.map((s) => [input<string>(s, "name"), s]));
    const [cluster] = ofType(resources, "aws:ecs/cluster:Cluster");
    for (const service of ["frontend", "backend"]) {
      const ecsService = ofType(resources, "aws:ecs/service:Service").find((s) => String(input(s, "name")).endsWith(service));
      assert.ok(ecsService, service);
      const resourceId = `service/${input<string>(cluster, "name")}/${input<string>(ecsService, "name")}`;
      const stop = byName[`stop-service-${service}`];
      const start = byName[`start-service-${service}`];
      assert.equal(input(stop, "scheduleExpression"), "cron(0 18 ? * MON-FRI *)");
      assert.equal(input(start, "scheduleExpression"), "cron(0 9 ? * MON-FRI *)");
      const body = (s: typeof stop) => JSON.parse(input<{ input: string }>(s, "target").input);
      assert.equal(input<{ arn: string }>(stop, "target").arn, "arn:aws:scheduler:::aws-sdk:applicationautoscaling:registerScalableTarget");
      assert.deepEqual(body(stop), { ServiceNamespace: "ecs", ResourceId: resourceId, ScalableDimension: "ecs:service:DesiredCount", MinCapacity: 0, MaxCapacity: 0 });
      assert.deepEqual(body(start), { ServiceNamespace: "ecs", ResourceId: resourceId, ScalableDimension: "ecs:service:DesiredCount", MinCapacity: 1, MaxCapacity: 2 });
    }
  });

  it("gives Scheduler a role for exactly those calls on exactly those resources, assumable only from the office-hours group", async () => {
    const { resources } = await renderStack("dev");
    const role = named(resources, "aws:iam/role:Role", "platform-dev-office-hours");
    const [trust] = statementsOf(input(role, "assumeRolePolicy"));
    assert.deepEqual(trust.Principal, { Service: "scheduler.amazonaws.com" });
    const group = ofType(resources, "aws:scheduler/scheduleGroup:ScheduleGroup").find((g) => input(g, "name") === "platform-dev-office-hours");
    assert.deepEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": accountOf("dev"), "aws:SourceArn": String(group?.state.arn) } });
    const allowed = assertLeastPrivilege(input(named(resources, "aws:iam/rolePolicy:RolePolicy", "platform-dev-office-hours"), "policy"), "office hours");
    assert.deepEqual(
      allowed.map((s) => list(s.Action)),
      [["application-autoscaling:RegisterScalableTarget"], ["ecs:DescribeServices", "ecs:UpdateService"], ["rds:StartDBInstance", "rds:StopDBInstance"]],
    );
    const [cluster] = ofType(resources, "aws:ecs/cluster:Cluster");
    const services = ofType(resources, "aws:ecs/service:Service").map((s) => `arn:aws:ecs:ap-northeast-2:${accountOf("dev")}:service/${input<string>(cluster, "name")}/${input<string>(s, "name")}`);
    assert.deepEqual([...list(allowed[1].Resource)].sort(), services.sort());
    assert.deepEqual(allowed[0].Condition, { StringEquals: { "application-autoscaling:service-namespace": "ecs", "application-autoscaling:scalable-dimension": "ecs:service:DesiredCount" } });
    assert.deepEqual(list(allowed[2].Resource), [`arn:aws:rds:ap-northeast-2:${accountOf("dev")}:db:platform-dev-db`]);
  });

  it("is off everywhere but dev (data in the stack files, not code)", async () => {
    for (const stack of stackNames.filter((s) => s !== "dev")) {
      const { resources } = await renderStack(stack);
      assert.equal(resources.filter((r) => r.type === "platform:jobs:OfficeHours").length, 0, stack);
      assert.equal(ofType(resources, "aws:scheduler/schedule:Schedule").filter((s) => /database|service|nodes/.test(String(input(s, "name")))).length, 0, stack);
    }
  });
});

describe("office hours for ECS services, EKS node groups and Aurora (component)", () => {
  const render = (partition?: string) =>
    renderProgram({ project: "fixture", stack: "fixture", config: { "aws:region": "ap-northeast-2", ...(partition ? { "fixture:partition": partition } : {}) }, programPath: fixturePath("office-hours") });

  it("pins the service's scalable target to 0 after hours and restores min/max before the day", async () => {
    const { resources } = await render();
    const schedule = (name: string) => ofType(resources, "aws:scheduler/schedule:Schedule").find((s) => input(s, "name") === name);
    const stop = schedule("stop-service-api");
    const start = schedule("start-service-api");
    assert.ok(stop && start);
    assert.equal(input(stop, "scheduleExpression"), "cron(0 18 ? * MON-FRI *)");
    assert.equal(input(start, "scheduleExpression"), "cron(0 9 ? * MON-FRI *)");
    const target = (s: typeof stop) => input<{ arn: string; input: string }>(s, "target");
    assert.equal(target(stop).arn, "arn:aws:scheduler:::aws-sdk:applicationautoscaling:registerScalableTarget");
    const body = { ServiceNamespace: "ecs", ResourceId: "service/shop-dev/shop-dev-api", ScalableDimension: "ecs:service:DesiredCount" };
    assert.deepEqual(JSON.parse(target(stop).input), { ...body, MinCapacity: 0, MaxCapacity: 0 });
    assert.deepEqual(JSON.parse(target(start).input), { ...body, MinCapacity: 1, MaxCapacity: 2 });
  });

  it("scales the node group to zero nodes and back, and stops the Aurora cluster", async () => {
    const { resources } = await render();
    const schedule = (name: string) => ofType(resources, "aws:scheduler/schedule:Schedule").find((s) => input(s, "name") === name);
    const target = (name: string) => input<{ arn: string; input: string }>(schedule(name) as never, "target");
    assert.equal(target("stop-nodes-general").arn, "arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig");
    assert.deepEqual(JSON.parse(target("stop-nodes-general").input), { ClusterName: "shop-dev-eks", NodegroupName: "general", ScalingConfig: { MinSize: 0, DesiredSize: 0, MaxSize: 4 } });
    assert.deepEqual(JSON.parse(target("start-nodes-general").input), { ClusterName: "shop-dev-eks", NodegroupName: "general", ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 4 } });
    assert.equal(target("stop-database").arn, "arn:aws:scheduler:::aws-sdk:rds:stopDBCluster");
    assert.deepEqual(JSON.parse(target("start-database").input), { DbClusterIdentifier: "shop-dev-db" });
  });

  it("grants each call on its own resources; the scalable-target grant is limited to ECS desired counts", async () => {
    const { resources } = await render();
    const allowed = assertLeastPrivilege(input(ofType(resources, "aws:iam/rolePolicy:RolePolicy")[0], "policy"), "office hours");
    const by = (action: string) => allowed.find((s) => list(s.Action).includes(action));
    assert.deepEqual(list(by("application-autoscaling:RegisterScalableTarget")?.Resource), ["arn:aws:application-autoscaling:ap-northeast-2:123456789012:scalable-target/*"]);
    assert.deepEqual(by("application-autoscaling:RegisterScalableTarget")?.Condition, {
      StringEquals: { "application-autoscaling:service-namespace": "ecs", "application-autoscaling:scalable-dimension": "ecs:service:DesiredCount" },
    });
    assert.deepEqual(list(by("ecs:UpdateService")?.Resource), ["arn:aws:ecs:ap-northeast-2:123456789012:service/shop-dev/shop-dev-api"]);
    assert.deepEqual(list(by("eks:UpdateNodegroupConfig")?.Resource), ["arn:aws:eks:ap-northeast-2:123456789012:nodegroup/shop-dev-eks/general/*"]);
    assert.deepEqual(list(by("rds:StopDBCluster")?.Resource), ["arn:aws:rds:ap-northeast-2:123456789012:cluster:shop-dev-db"]);
    assert.equal(ofType(resources, "aws:scheduler/schedule:Schedule").length, 6);
  });

  it("targets the SDK calls with ARNs of the stack's partition, as every other ARN", async () => {
    const { resources } = await render("aws-cn");
    const schedules = ofType(resources, "aws:scheduler/schedule:Schedule");
    assert.equal(schedules.length, 6);
    for (const schedule of schedules) assert.match(input<{ arn: string }>(schedule, "target").arn, /^arn:aws-cn:scheduler:::aws-sdk:/, String(input(schedule, "name")));
  });
});

describe("office hours on seed 004's own design (OpenMarket dev blueprint: EKS and Aurora MySQL)", () => {
  const blueprint = path.join(repoRoot, "blueprints", "openmarket", "Pulumi.dev.yaml");

  it("scales the EKS node group to zero and stops the Aurora cluster outside 09:00-18:00 KST", async () => {
    const { resources } = await renderStackFile(blueprint);
    const schedules = ofType(resources, "aws:scheduler/schedule:Schedule").filter((s) => input(s, "groupName") === "openmarket-dev-office-hours");
    const byName = Object.fromEntries(schedules.map((s) => [input<string>(s, "name"), s]));
    assert.deepEqual(Object.keys(byName).sort(), ["start-database", "start-nodes-general", "stop-database", "stop-nodes-general"]);
    const [group] = ofType(resources, "aws:eks/nodeGroup:NodeGroup");
    const target = (name: string) => input<{ arn: string; input: string }>(byName[name], "target");
    assert.equal(target("stop-nodes-general").arn, "arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig");
    const scaling = input<{ minSize: number; desiredSize: number; maxSize: number }>(group, "scalingConfig");
    const body = { ClusterName: input(group, "clusterName"), NodegroupName: String(group.state.nodeGroupName) };
    assert.deepEqual(JSON.parse(target("stop-nodes-general").input), { ...body, ScalingConfig: { MinSize: 0, DesiredSize: 0, MaxSize: scaling.maxSize } });
    assert.deepEqual(JSON.parse(target("start-nodes-general").input), { ...body, ScalingConfig: { MinSize: scaling.minSize, DesiredSize: scaling.desiredSize, MaxSize: scaling.maxSize } });
    const [cluster] = ofType(resources, "aws:rds/cluster:Cluster");
    assert.equal(target("stop-database").arn, "arn:aws:scheduler:::aws-sdk:rds:stopDBCluster");
    assert.deepEqual(JSON.parse(target("stop-database").input), { DbClusterIdentifier: input(cluster, "clusterIdentifier") });
  });
});
