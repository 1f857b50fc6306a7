import { strict as assert } from "assert";
import type { RenderResult } from "../../../offline";
import { editSection, SectionInput } from "../../helpers/config";
import { input, named, ofType, renderConfig, state } from "../../helpers/stacks";

type Ecs = NonNullable<SectionInput<"compute">["ecs"]>;
type Services = NonNullable<Ecs["services"]>;

/** prod with the given per-service delivery settings (and an error-rate threshold for 5xx-rate). */
function renderWith(services: Services): Promise<RenderResult> {
  const config = editSection("prod", "compute", (compute) => {
    compute.ecs = { ...compute.ecs, services: { ...compute.ecs?.services, ...services } };
  });
  const observability = JSON.parse(config["platform:observability"]) as SectionInput<"observability">;
  observability.alarms = { ...observability.alarms, target5xxRate: { percent: 5, periodMinutes: 5, periods: 2 } };
  config["platform:observability"] = JSON.stringify(observability);
  return renderConfig(config, "prod");
}

const prefix = "platform-prod";
const service = (r: RenderResult, name: string) => named(r.resources, "aws:ecs/service:Service", `${prefix}-${name}-service`);
type LoadBalancer = { targetGroupArn: string; advancedConfiguration?: { alternateTargetGroupArn: string; productionListenerRule: string; roleArn: string } };
type Statement = { Sid: string; Action: string[]; Resource: string | string[] };

describe("compute tier (ECS): progressive delivery rendered", () => {
  describe("frontend canary 10 % -> 100 % with rollback on 5xx rate and p95; backend rolling with rollback on the 5xx count", () => {
    let render: RenderResult;
    before(async () => {
      render = await renderWith({
        frontend: { delivery: { strategy: "canary", trafficSteps: [10, 100], stepBakeMinutes: 10, bakeMinutes: 15, rollbackOn: ["5xx-rate", "p95-latency"] } },
        backend: { delivery: { strategy: "rolling", rollbackOn: ["5xx-count"] } },
      });
    });

    it("renders ECS's CANARY with the step and bake times, and ROLLING for the backend", () => {
      assert.deepEqual(input(service(render, "frontend"), "deploymentConfiguration"), {
        strategy: "CANARY",
        bakeTimeInMinutes: "15",
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "10" },
      });
      assert.deepEqual(input(service(render, "backend"), "deploymentConfiguration"), { strategy: "ROLLING" });
      for (const name of ["frontend", "backend"]) {
        assert.deepEqual(input(service(render, name), "deploymentCircuitBreaker"), { enable: true, rollback: true }, "failed task starts still roll back");
        assert.equal(input(service(render, name), "deploymentController"), undefined, "the ECS controller (default): a strategy change is an update, not a replacement");
      }
    });

    it("hands ECS the observability tier's own alarms as rollback alarms, by the names they are created with", () => {
      const alarms = ofType(render.resources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => input<string>(a, "name"));
      const frontend = input<{ alarmNames: string[]; enable: boolean; rollback: boolean }>(service(render, "frontend"), "alarms");
      assert.deepEqual(frontend, { alarmNames: [`${prefix}-target-5xx-rate-alb-frontend`, `${prefix}-response-time-alb-frontend`], enable: true, rollback: true });
      assert.deepEqual(input(service(render, "backend"), "alarms"), { alarmNames: [`${prefix}-target-5xx-alb-backend`], enable: true, rollback: true });
      for (const name of [...frontend.alarmNames, `${prefix}-target-5xx-alb-backend`]) assert.ok(alarms.includes(name), `${name} is an alarm of the stack`);
    });

    it("gives the frontend an alternate target group and one production rule whose weights ECS owns", () => {
      const primary = named(render.resources, "aws:lb/targetGroup:TargetGroup", `${prefix}-alb-tg-frontend`);
      const alternate = named(render.resources, "aws:lb/targetGroup:TargetGroup", `${prefix}-alb-tg-frontend-alternate`);
      assert.deepEqual([input(alternate, "port"), input(alternate, "targetType"), input(alternate, "healthCheck")], [input(primary, "port"), "ip", input(primary, "healthCheck")]);
      // The default service is served by a catch-all rule: ECS shifts a rule, not a default action.
      const rule = named(render.resources, "aws:lb/listenerRule:ListenerRule", `${prefix}-alb-rule-frontend-default`);
      assert.equal(input(rule, "priority"), 50000);
      assert.deepEqual(input(rule, "conditions"), [{ pathPattern: { values: ["/*"] } }]);
      assert.deepEqual(input(rule, "actions"), [{ type: "forward", forward: { targetGroups: [{ arn: state(primary, "arn"), weight: 100 }, { arn: state(alternate, "arn"), weight: 0 }] } }]);
      assert.ok(rule.options.ignoreChanges.includes("actions"), "an update must not set ECS's weights back");
      const https = named(render.resources, "aws:lb/listener:Listener", `${prefix}-alb-https`);
      assert.equal(input<{ type: string }[]>(https, "defaultActions")[0].type, "fixed-response");
      const [lb] = input<LoadBalancer[]>(service(render, "frontend"), "loadBalancers");
      assert.equal(lb.targetGroupArn, state(primary, "arn"));
      assert.equal(lb.advancedConfiguration?.alternateTargetGroupArn, state(alternate, "arn"));
      assert.equal(lb.advancedConfiguration?.productionListenerRule, state(rule, "arn"));
      // The backend rolls: one target group, no advanced configuration, its rules unchanged.
      const [backend] = input<LoadBalancer[]>(service(render, "backend"), "loadBalancers");
      assert.equal(backend.advancedConfiguration, undefined);
      assert.equal(ofType(render.resources, "aws:lb/targetGroup:TargetGroup").filter((g) => g.name.endsWith("-alternate")).length, 1);
    });

    it("lets ECS move this service's traffic and nothing else: the role's policy, action by action", () => {
      const role = named(render.resources, "aws:iam/role:Role", `${prefix}-frontend-traffic-shift`);
      const trust = JSON.parse(input<string>(role, "assumeRolePolicy")) as { Statement: { Principal: { Service: string } }[] };
      assert.equal(trust.Statement[0].Principal.Service, "ecs.amazonaws.com");
      const [lb] = input<LoadBalancer[]>(service(render, "frontend"), "loadBalancers");
      assert.equal(lb.advancedConfiguration?.roleArn, state(role, "arn"));
      const policy = named(render.resources, "aws:iam/rolePolicy:RolePolicy", `${prefix}-frontend-traffic-shift`);
      const statements = (JSON.parse(input<string>(policy, "policy")) as { Statement: Statement[] }).Statement;
      const primary = state<string>(named(render.resources, "aws:lb/targetGroup:TargetGroup", `${prefix}-alb-tg-frontend`), "arn");
      const alternate = state<string>(named(render.resources, "aws:lb/targetGroup:TargetGroup", `${prefix}-alb-tg-frontend-alternate`), "arn");
      const rule = state<string>(named(render.resources, "aws:lb/listenerRule:ListenerRule", `${prefix}-alb-rule-frontend-default`), "arn");
      assert.deepEqual(
        statements.map((s) => [s.Sid, s.Action, s.Resource]),
        [
          ["ReadLoadBalancing", ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"], "*"],
          ["MoveTasksBetweenGroups", ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], [primary, alternate]],
          ["ShiftProductionWeights", ["elasticloadbalancing:ModifyRule"], rule],
        ],
      );
      assert.equal(ofType(render.resources, "aws:iam/role:Role").filter((r) => r.name.endsWith("-traffic-shift")).length, 1, "only the service that shifts traffic has the role");
    });

    it("watches both of the frontend's target groups in its alarms: either may be production", () => {
      const alternate = state<string>(named(render.resources, "aws:lb/targetGroup:TargetGroup", `${prefix}-alb-tg-frontend-alternate`), "arnSuffix");
      const rate = named(render.resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `${prefix}-target-5xx-rate-alb-frontend`);
      type Query = { id: string; expression?: string; metric?: { metricName: string; dimensions: Record<string, string>; period: number } };
      const queries = input<Query[]>(rate, "metricQueries");
      assert.equal(queries[0].expression, "IF((FILL(m2,0)+FILL(m3,0))>0,100*(FILL(m0,0)+FILL(m1,0))/(FILL(m2,0)+FILL(m3,0)),0)");
      assert.deepEqual(queries.slice(1).map((q) => q.metric?.metricName), ["HTTPCode_Target_5XX_Count", "HTTPCode_Target_5XX_Count", "RequestCount", "RequestCount"]);
      assert.equal(queries[2].metric?.dimensions.TargetGroup, alternate);
      assert.deepEqual([input(rate, "threshold"), input(rate, "evaluationPeriods"), input(rate, "datapointsToAlarm"), queries[1].metric?.period], [5, 2, 2, 300]);
      const p95 = named(render.resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `${prefix}-response-time-alb-frontend`);
      assert.equal(input<Query[]>(p95, "metricQueries")[0].expression, "MAX([m0,m1])");
      // A rolling service keeps its single-metric alarms.
      const backend5xx = named(render.resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `${prefix}-target-5xx-alb-backend`);
      assert.equal(input(backend5xx, "metricName"), "HTTPCode_Target_5XX_Count");
    });
  });

  it("blue-green and linear render their own configurations", async () => {
    const render = await renderWith({
      frontend: { delivery: { strategy: "blue-green", bakeMinutes: 30, rollbackOn: [] } },
    });
    assert.deepEqual(input(service(render, "frontend"), "deploymentConfiguration"), { strategy: "BLUE_GREEN", bakeTimeInMinutes: "30" });
    assert.equal(input(service(render, "frontend"), "alarms"), undefined, "no rollback alarms named: none handed to ECS");
    const linear = await renderWith({
      frontend: { delivery: { strategy: "linear", trafficSteps: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], stepBakeMinutes: 5, bakeMinutes: 10, rollbackOn: [] } },
    });
    assert.deepEqual(input(service(linear, "frontend"), "deploymentConfiguration"), {
      strategy: "LINEAR",
      bakeTimeInMinutes: "10",
      linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: "5" },
    });
  });
});
