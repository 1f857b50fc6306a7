import { strict as assert } from "assert";
import { validationRecord } from "../../../offline/mock-cloud/aws/acm";
import { cloudFrontResources } from "../../../offline/mock-cloud/aws/cloudfront";
import { ecsResources } from "../../../offline/mock-cloud/aws/ecs";
import { lbResources } from "../../../offline/mock-cloud/aws/lb";
import { route53Calls } from "../../../offline/mock-cloud/aws/route53";
import { wafv2Resources } from "../../../offline/mock-cloud/aws/wafv2";
import { ModelContext } from "../../../offline/mock-cloud/model";

const ctx = (type: string, inputs: Record<string, unknown>, region = "ap-northeast-2"): ModelContext => ({
  type,
  name: "test",
  inputs,
  region,
  accountId: "123456789012",
  seed: `${type}::test`,
});

describe("mock cloud: what AWS refuses for compute and edge", () => {
  it("CloudFront takes only us-east-1 certificates and global web ACLs", () => {
    const distribution = cloudFrontResources["aws:cloudfront/distribution:Distribution"];
    const inputs = (certificate: string, webAclId?: string) => ({
      viewerCertificate: { acmCertificateArn: certificate },
      webAclId,
      origins: [{ originId: "alb" }],
      defaultCacheBehavior: { targetOriginId: "alb" },
    });
    assert.throws(() => distribution(ctx("d", inputs("arn:aws:acm:ap-northeast-2:123456789012:certificate/x"))), /us-east-1 certificate/);
    assert.throws(
      () => distribution(ctx("d", inputs("arn:aws:acm:us-east-1:123456789012:certificate/x", "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/a/b"))),
      /CLOUDFRONT-scope/,
    );
    const { state } = distribution(ctx("d", inputs("arn:aws:acm:us-east-1:123456789012:certificate/x")));
    assert.match(String(state.domainName), /^d[0-9a-f]{13}\.cloudfront\.net$/);
    assert.equal(state.hostedZoneId, "Z2FDTNDATAQYW2");
  });

  it("WAF creates CLOUDFRONT ACLs only in us-east-1 and counts capacity", () => {
    const acl = wafv2Resources["aws:wafv2/webAcl:WebAcl"];
    const rules = [{ statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet" } } }, { statement: { rateBasedStatement: { limit: 2000 } } }];
    assert.throws(() => acl(ctx("w", { scope: "CLOUDFRONT", rules, name: "a" })), /us-east-1/);
    assert.equal(acl(ctx("w", { scope: "CLOUDFRONT", rules, name: "a" }, "us-east-1")).state.capacity, 702);
    assert.match(String(acl(ctx("w", { scope: "REGIONAL", rules, name: "a" })).state.arn), /^arn:aws:wafv2:ap-northeast-2:123456789012:regional\/webacl\/a\//);
  });

  it("ECS registers only Fargate task sizes; ELB names stay within 32 characters", () => {
    const task = ecsResources["aws:ecs/taskDefinition:TaskDefinition"];
    const inputs = { family: "f", cpu: "512", memory: "512", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", containerDefinitions: "[{}]" };
    assert.throws(() => task(ctx("t", inputs)), /not a Fargate task size/);
    assert.equal(task(ctx("t", { ...inputs, memory: "1024" })).state.arn, "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/f:1");
    assert.throws(() => lbResources["aws:lb/targetGroup:TargetGroup"](ctx("g", { name: "a".repeat(33) })), /not a valid load balancer or target group name/);
    const alb = lbResources["aws:lb/loadBalancer:LoadBalancer"](ctx("l", { name: "platform-prod-alb", loadBalancerType: "application" }));
    assert.equal(alb.state.zoneId, "ZWKZPGTI48KDX");
    assert.match(String(alb.state.dnsName), /^platform-prod-alb-\d+\.ap-northeast-2\.elb\.amazonaws\.com$/);
  });

  it("ACM validates a name with the same record in every region; Route 53 finds zones by name", () => {
    assert.deepEqual(validationRecord("platform.example.com", "123456789012"), validationRecord("platform.example.com", "123456789012"));
    assert.notEqual(validationRecord("a.example.com", "123456789012").resourceRecordName, validationRecord("b.example.com", "123456789012").resourceRecordName);
    const zone = route53Calls["aws:route53/getZone:getZone"]({ name: "example.com." }, { region: "ap-northeast-2", accountId: "123456789012" });
    assert.equal(zone.name, "example.com");
    assert.match(String(zone.zoneId), /^Z[0-9A-F]{20}$/);
  });
});
