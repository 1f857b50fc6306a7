import { strict as assert } from "assert";
import { reachTagKeys as programKeys } from "../../../model/security/reach";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import { reachTagKeys, workloadReachDeclared } from "../../../policies/rules/workload-reach";
import { res, validateStack } from "../../helpers/policy";

const group = (name: string, id: string) => res(T.securityGroup, name, { id, vpcId: "vpc-1" });
const ingress = (name: string, target: string, source: string, port: number) =>
  res(T.ingressRule, name, { securityGroupId: target, referencedSecurityGroupId: source, ipProtocol: "tcp", fromPort: port, toPort: port });
const service = (name: string, groupId: string, tags?: Record<string, string>) =>
  res(T.ecsService, `svc-${name}`, { name, networkConfiguration: { subnets: ["subnet-1"], securityGroups: [groupId], assignPublicIp: false }, tags });

const dbGroup = group("database", "sg-0d00000000000000d");
const cacheGroup = group("cache", "sg-0c00000000000000c");
const webGroup = group("ecs-web", "sg-0e00000000000000e");
const apiGroup = group("ecs-api", "sg-0a00000000000000a");
const shared = group("app", "sg-0b00000000000000b");
const database = res(T.rdsInstance, "db", { vpcSecurityGroupIds: [dbGroup.props.id] });
const cache = res(T.cacheReplicationGroup, "cache", { securityGroupIds: [cacheGroup.props.id] });
const stores = [dbGroup, cacheGroup, database, cache];

describe("policy: workload-reach-declared", () => {
  it("reads the declaration under the tag keys the program writes", () => {
    assert.deepEqual(reachTagKeys, programKeys);
  });

  it("passes a store that admits exactly the services that declare it, and service-to-service rules the caller declares", async () => {
    const outcome = await validateStack(workloadReachDeclared, [
      ...stores,
      webGroup,
      apiGroup,
      service("web", "sg-0e00000000000000e", { ReachesStores: "", ReachesServices: "api" }),
      service("api", "sg-0a00000000000000a", { ReachesStores: "cache database", ReachesServices: "" }),
      ingress("database-in-ecs-api", "sg-0d00000000000000d", "sg-0a00000000000000a", 5432),
      ingress("cache-in-ecs-api", "sg-0c00000000000000c", "sg-0a00000000000000a", 6379),
      ingress("ecs-api-in-ecs-web", "sg-0a00000000000000a", "sg-0e00000000000000e", 8000),
    ]);
    assert.deepEqual(outcome.violations, []);
  });

  it("fails a group shared by every service: the web tier is let into PostgreSQL though only the API declares it (seed 002)", async () => {
    const rule = ingress("database-in-app", "sg-0d00000000000000d", "sg-0b00000000000000b", 5432);
    const outcome = await validateStack(workloadReachDeclared, [
      ...stores,
      shared,
      service("web", "sg-0b00000000000000b", { ReachesStores: "" }),
      service("api", "sg-0b00000000000000b", { ReachesStores: "database" }),
      rule,
    ]);
    assert.deepEqual(outcome.violations, ["database-in-app lets ECS service web (group app) into the database (group database), which it does not declare (its ReachesStores tag names none)"]);
    assert.deepEqual(outcome.urns, [rule.urn]);
  });

  it("fails a workload without any declaration, in every rule shape, and a Lambda function in the VPC", async () => {
    const legacy = res(T.securityGroupRule, "legacy", { type: "ingress", securityGroupId: "sg-0c00000000000000c", sourceSecurityGroupId: "sg-0a00000000000000a", protocol: "tcp", fromPort: 6379, toPort: 6379 });
    const inlineDb = res(T.securityGroup, "database", { id: "sg-0d00000000000000d", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-0a00000000000000a"] }] });
    const fn = res(T.lambdaFunction, "job", { name: "sync", vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-0a00000000000000a"] } });
    const outcome = await validateStack(workloadReachDeclared, [inlineDb, cacheGroup, database, cache, apiGroup, service("api", "sg-0a00000000000000a"), fn, legacy]);
    assert.deepEqual(outcome.violations.sort(), [
      "database lets ECS service api (group ecs-api) into the database (group database), which it does not declare (its ReachesStores tag names none)",
      "database lets Lambda function sync (group ecs-api) into the database (group database), which it does not declare (its ReachesStores tag names none)",
      "legacy lets ECS service api (group ecs-api) into the cache (group cache), which it does not declare (its ReachesStores tag names none)",
      "legacy lets Lambda function sync (group ecs-api) into the cache (group cache), which it does not declare (its ReachesStores tag names none)",
    ]);
  });

  it("fails a service-to-service rule the caller does not declare", async () => {
    const outcome = await validateStack(workloadReachDeclared, [
      webGroup,
      apiGroup,
      service("web", "sg-0e00000000000000e", { ReachesStores: "", ReachesServices: "" }),
      service("api", "sg-0a00000000000000a", { ReachesStores: "" }),
      ingress("ecs-api-in-ecs-web", "sg-0a00000000000000a", "sg-0e00000000000000e", 8000),
    ]);
    assert.deepEqual(outcome.violations, ["ecs-api-in-ecs-web lets ECS service web (group ecs-web) into ECS service api (group ecs-api), which it does not declare (its ReachesServices tag names none)"]);
  });

  it("ignores groups no workload runs in (load balancers, the bastion) and CIDR rules", async () => {
    const alb = group("alb", "sg-0f00000000000000f");
    const outcome = await validateStack(workloadReachDeclared, [
      ...stores,
      alb,
      res(T.loadBalancer, "alb", { securityGroups: ["sg-0f00000000000000f"] }),
      ingress("database-in-alb", "sg-0d00000000000000d", "sg-0f00000000000000f", 5432),
      res(T.ingressRule, "database-in-vpc", { securityGroupId: "sg-0d00000000000000d", cidrIpv4: "10.0.0.0/16", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }),
    ]);
    assert.deepEqual(outcome.violations, []);
  });

  it("follows property dependencies when ids are unknown (preview), and does not judge unknown tags", async () => {
    const previewRule = res(T.ingressRule, "database-in-app", { securityGroupId: unknownValue, referencedSecurityGroupId: unknownValue }, {
      propertyDependencies: { securityGroupId: [dbGroup.urn], referencedSecurityGroupId: [shared.urn] },
    });
    const previewDb = res(T.rdsInstance, "db", { vpcSecurityGroupIds: unknownValue }, { propertyDependencies: { vpcSecurityGroupIds: [dbGroup.urn] } });
    const previewService = res(T.ecsService, "svc-web", { name: "web", networkConfiguration: unknownValue, tags: { ReachesStores: "" } }, { propertyDependencies: { networkConfiguration: [shared.urn] } });
    const outcome = await validateStack(workloadReachDeclared, [{ ...dbGroup, props: { id: unknownValue } }, { ...shared, props: { id: unknownValue } }, previewDb, previewService, previewRule]);
    assert.deepEqual(outcome.violations, ["database-in-app lets ECS service web (group app) into the database (group database), which it does not declare (its ReachesStores tag names none)"]);
    const unknownTags = await validateStack(workloadReachDeclared, [...stores, shared, res(T.ecsService, "svc-web", { name: "web", networkConfiguration: { securityGroups: ["sg-0b00000000000000b"] }, tags: unknownValue }), ingress("database-in-app", "sg-0d00000000000000d", "sg-0b00000000000000b", 5432)]);
    assert.deepEqual(unknownTags.violations, []);
    assert.match(unknownTags.unknown ?? "", /svc-web\.tags/);
  });
});
