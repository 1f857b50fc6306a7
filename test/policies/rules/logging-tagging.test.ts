import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import { accessLogs, eksControlPlaneLogs, eksLogTypes, logRetention, vpcFlowLogs } from "../../../policies/rules/logging";
import { providerDefaultTagKeys, requiredTags } from "../../../policies/rules/tagging";
import { platformProvider, res, validate, validateStack } from "../../helpers/policy";

describe("policy: logging", () => {
  describe("access-logs", () => {
    const cdn = res(T.distribution, "cdn", { id: "E1ABCDEF", arn: "arn:aws:cloudfront::123456789012:distribution/E1ABCDEF" });
    const source = (logType: string) => res(T.logDeliverySource, "cdn-log-source", { name: "platform-prod-cloudfront", logType, resourceArn: cdn.props.arn });
    const delivery = res(T.logDelivery, "cdn-log-delivery", { deliverySourceName: "platform-prod-cloudfront", deliveryDestinationArn: "arn:aws:logs:us-east-1:123456789012:delivery-destination:d" });

    it("passes load balancers that log, and distributions with legacy logging or a CloudWatch log delivery", async () => {
      for (const r of [res(T.loadBalancer, "alb", { accessLogs: { bucket: "logs-1", enabled: true, prefix: "alb" } }), res(T.awsxAlb, "awsx", { accessLogs: { bucket: "logs-1", enabled: true } })]) {
        assert.deepEqual((await validate(accessLogs, r)).violations, [], r.name);
      }
      assert.deepEqual((await validateStack(accessLogs, [res(T.distribution, "legacy", { loggingConfig: { bucket: "logs-1.s3.amazonaws.com" } })])).violations, []);
      assert.deepEqual((await validateStack(accessLogs, [cdn, source("ACCESS_LOGS"), delivery])).violations, []);
    });
    it("fails silent ones, including a delivery source without a delivery", async () => {
      assert.deepEqual((await validate(accessLogs, res(T.albLoadBalancer, "alb", { accessLogs: { bucket: "logs-1", enabled: false } }))).violations, [
        "load balancer writes no access logs: set accessLogs { bucket, enabled: true }",
      ]);
      assert.deepEqual((await validateStack(accessLogs, [cdn])).violations, ["distribution cdn writes no access logs"]);
      assert.deepEqual((await validateStack(accessLogs, [cdn, source("ACCESS_LOGS")])).violations, ["distribution cdn writes no access logs"]);
      assert.deepEqual((await validateStack(accessLogs, [cdn, source("CONNECTION_LOGS"), delivery])).violations, ["distribution cdn writes no access logs"]);
    });
  });

  describe("vpc-flow-logs", () => {
    const vpc = res(T.vpc, "vpc", { id: "vpc-0aaaaaaaaaaaaaaaa", cidrBlock: "10.0.0.0/16" });
    it("passes a VPC with flow logs and fails one without", async () => {
      assert.deepEqual((await validateStack(vpcFlowLogs, [vpc, res(T.flowLog, "fl", { vpcId: "vpc-0aaaaaaaaaaaaaaaa", trafficType: "ALL" })])).violations, []);
      const outcome = await validateStack(vpcFlowLogs, [vpc, res(T.flowLog, "other", { vpcId: "vpc-0bbbbbbbbbbbbbbbb", trafficType: "ALL" })]);
      assert.deepEqual(outcome.violations, ["VPC vpc has no flow logs"]);
      assert.deepEqual(outcome.urns, [vpc.urn]);
    });
  });

  describe("log-retention", () => {
    it("passes groups with retention and workloads logging to managed groups", async () => {
      assert.deepEqual((await validate(logRetention, res(T.logGroup, "lg", { retentionInDays: 30 }))).violations, []);
      const resources = [
        res(T.logGroup, "fn-logs", { name: "/aws/lambda/platform-prod-report", retentionInDays: 14 }),
        res(T.logGroup, "api-logs", { name: "/ecs/platform-prod/api", retentionInDays: 30 }),
        res(T.lambdaFunction, "report", { name: "platform-prod-report" }),
        res(T.ecsTaskDefinition, "api", { containerDefinitions: JSON.stringify([{ name: "api", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/platform-prod/api" } } }]) }),
      ];
      assert.deepEqual((await validateStack(logRetention, resources)).violations, []);
    });
    it("fails never-expiring groups and workloads whose group AWS would create", async () => {
      assert.deepEqual((await validate(logRetention, res(T.logGroup, "lg", {}))).violations, ["log group never expires: set retentionInDays"]);
      assert.deepEqual((await validate(logRetention, res(T.logGroup, "lg0", { retentionInDays: 0 }))).violations, ["log group never expires: set retentionInDays"]);
      const outcome = await validateStack(logRetention, [
        res(T.lambdaFunction, "report", { name: "platform-prod-report" }),
        res(T.ecsTaskDefinition, "api", { containerDefinitions: JSON.stringify([{ name: "api", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/api" } } }]) }),
      ]);
      assert.deepEqual(outcome.violations, [
        "report logs to /aws/lambda/platform-prod-report, which the stack does not manage: AWS creates it with no retention",
        "api logs to /ecs/api, which the stack does not manage: AWS creates it with no retention",
      ]);
    });
  });

  describe("eks-control-plane-logs", () => {
    it("passes all five log types and fails missing ones", async () => {
      assert.deepEqual((await validate(eksControlPlaneLogs, res(T.eksComponentCluster, "eks", { enabledClusterLogTypes: eksLogTypes }))).violations, []);
      assert.deepEqual((await validate(eksControlPlaneLogs, res(T.eksCluster, "eks", { enabledClusterLogTypes: ["api", "audit"] }))).violations, [
        "control-plane logs off for authenticator, controllerManager, scheduler",
      ]);
    });
  });
});

describe("policy: tagging", () => {
  it("reads the provider's default tags from its JSON-encoded config", () => {
    assert.deepEqual(providerDefaultTagKeys(platformProvider.props), ["Project", "Environment", "ManagedBy"]);
    assert.deepEqual(providerDefaultTagKeys({ defaultTags: { tags: { A: "1" } } }), ["A"]);
    assert.deepEqual(providerDefaultTagKeys(undefined), []);
  });

  describe("required-tags", () => {
    it("passes a resource with Tier under the platform provider, and a remote component passing Tier", async () => {
      assert.deepEqual((await validate(requiredTags, res(T.queue, "q", { tags: { Tier: "jobs" } }))).violations, []);
      assert.deepEqual((await validate(requiredTags, res(T.eksComponentCluster, "eks", { tags: { Tier: "compute" } }))).violations, []);
      assert.deepEqual((await validate(requiredTags, res(T.kmsKeyPolicy, "untaggable", {}))).violations, [], "types without tags are not judged");
    });
    it("fails missing tags, the default provider, and empty values", async () => {
      assert.deepEqual((await validate(requiredTags, res(T.queue, "q", {}))).violations, ["missing tag Tier"]);
      assert.deepEqual((await validate(requiredTags, res(T.queue, "q", { tags: { Tier: "jobs" } }, { provider: null }))).violations, ["missing tags Project, Environment, ManagedBy"]);
      assert.deepEqual((await validate(requiredTags, res(T.queue, "q", { tags: { Tier: "" } }))).violations, ["empty tag value for Tier"]);
      assert.deepEqual((await validate(requiredTags, res(T.eksComponentCluster, "eks", {}))).violations, ["missing tag Tier"]);
      assert.deepEqual((await validate(requiredTags, res(T.queue, "q", { tags: { Tier: "jobs" } }), { requiredTags: ["CostCenter"] })).violations, ["missing tag CostCenter"]);
    });
    it("reports unknown tags as not judged", async () => {
      const outcome = await validate(requiredTags, res(T.queue, "q", { tags: unknownValue }));
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /tags/);
    });
  });
});
