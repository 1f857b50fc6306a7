import { strict as assert } from "assert";
import { blueprintFile } from "../helpers/blueprints";
import { reachMatrix } from "../helpers/security-groups";
import { input, named, ofType, renderStackFile } from "../helpers/stacks";

const render = (product: string, env: string) => renderStackFile(blueprintFile(product, env));
/** The matrix without the ways out every workload has: the VPC endpoints' 443 and a dev NAT instance's 80/443. */
const matrix = async (product: string, env: string) =>
  reachMatrix((await render(product, env)).resources, `${product}-${env}`).filter((line) => !/ -> (endpoints|nat-instance):/.test(line));

describe("blueprints: each seed's security-group matrix, a group per service", () => {
  it("NewsForge (seed 002 보안_그룹): the API takes 8000 from the web tier (and the ALB that routes /api/v1), the database 5432 from the API tier only", async () => {
    for (const env of ["dev", "prod", "prod-dr"]) {
      assert.deepEqual(
        await matrix("newsforge", env),
        ["alb -> ecs-api:8000", "alb -> ecs-web:3000", "ecs-api -> cache:6379", "ecs-api -> database:5432", "ecs-web -> ecs-api:8000"],
        env,
      );
    }
  });

  it("Onno (seed 003 3-2): SG-ECS-API from the ALB on 3000, SG-ECS-WS from the NLB on 3001, both into SG-RDS and SG-Redis, with the bastion", async () => {
    for (const env of ["prod", "prod-dr"]) {
      assert.deepEqual(
        await matrix("onno", env),
        [
          "alb -> ecs-api:3000",
          "bastion -> cache:6379",
          "bastion -> database:5432",
          "ecs-api -> cache:6379",
          "ecs-api -> database:5432",
          "ecs-ws -> cache:6379",
          "ecs-ws -> database:5432",
          "nlb -> ecs-ws:3001",
        ],
        env,
      );
    }
  });

  it("CodeMate (seed 001 Security Groups): RDS 5432 and ElastiCache 6379 from the backend's tasks only, each service from the ALB on its port", async () => {
    for (const env of ["dev", "prod"]) {
      assert.deepEqual(
        await matrix("codemate", env),
        ["alb -> ecs-backend:3001", "alb -> ecs-frontend:3000", "ecs-backend -> cache:6379", "ecs-backend -> database:5432"],
        env,
      );
    }
  });

  it("HookLabs (seed 000): the API reaches its stores over HTTPS, so no store group admits it", async () => {
    assert.deepEqual(await matrix("hooklabs", "prod"), ["alb -> ecs-api:3000"]);
  });

  it("OpenMarket (seed 004 네트워크 보안): the backend's declaration opens RDS 3306 and Redis 6379 to the cluster group its pods share", async () => {
    const { resources } = await render("openmarket", "prod");
    const cluster = String(ofType(resources, "eks:index:Cluster")[0].state.clusterSecurityGroupId);
    const fromPods = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => input(r, "referencedSecurityGroupId") === cluster)
      .map((r) => `${r.name}:${input<number>(r, "fromPort")}`)
      .sort();
    assert.deepEqual(fromPods, ["openmarket-prod-cache-in-eks:6379", "openmarket-prod-database-in-eks:3306", "openmarket-prod-endpoints-in-eks:443"]);
    assert.equal(ofType(resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.name.includes("-ecs-")).length, 0, "no per-service group under EKS");
  });

  it("Onno's API checks its own container with node (seed 003 4-1's timings; its node:22-alpine image has no curl), the WebSocket server not at all (4-2)", async () => {
    for (const env of ["dev", "prod", "prod-dr"]) {
      const { resources } = await render("onno", env);
      const container = (service: string) => JSON.parse(String(input(named(resources, "aws:ecs/taskDefinition:TaskDefinition", `onno-${env}-${service}-task`), "containerDefinitions")))[0];
      const api = container("api").healthCheck;
      assert.deepEqual([api.command.slice(0, 3), api.interval, api.timeout, api.retries, api.startPeriod], [["CMD", "node", "-e"], 30, 5, 3, 60], env);
      assert.match(api.command[3], /http:\/\/localhost:3000\/health/);
      assert.ok(!api.command.join(" ").includes("curl"), "no curl in node:22-alpine");
      assert.equal(container("ws").healthCheck, undefined, env);
    }
  });
});
