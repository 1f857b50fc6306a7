import { strict as assert } from "assert";
import type * as aws from "@pulumi/aws";
import { input, named, ofType, renderConfig, renderStack, stackConfig, stackNames, StackName, state } from "../../helpers/stacks";

interface Expected {
  readonly domain: string;
  /** The ALB's own name when CloudFront answers `domain`. */
  readonly origin?: string;
  readonly deletionProtection: boolean;
  readonly waf?: "CLOUDFRONT" | "REGIONAL";
  readonly region: string;
}

// Names follow seed 001's pattern: codemate.code1398.io in prod, codemate-dev.code1398.io in dev.
const expected: Record<StackName, Expected> = {
  dev: { domain: "platform-dev.example.com", deletionProtection: false, region: "ap-northeast-2" },
  staging: { domain: "platform-staging.example.com", deletionProtection: false, region: "ap-northeast-2" },
  prod: { domain: "platform.example.com", origin: "origin.platform.example.com", deletionProtection: true, waf: "CLOUDFRONT", region: "ap-northeast-2" },
  "prod-dr": { domain: "platform-dr.example.com", deletionProtection: true, waf: "REGIONAL", region: "ap-northeast-1" },
};

const tlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

describe("edge tier", () => {
  for (const stack of stackNames) {
    describe(stack, () => {
      const want = expected[stack];

      it("puts one internet-facing ALB in the public subnets, with seed 001's WebSocket idle timeout and access logs", async () => {
        const { resources } = await renderStack(stack);
        const lbs = ofType(resources, "aws:lb/loadBalancer:LoadBalancer");
        assert.equal(lbs.length, 1);
        const [alb] = lbs;
        assert.equal(input(alb, "loadBalancerType"), "application");
        assert.equal(input(alb, "internal"), false);
        const publicSubnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "public").map((s) => s.id);
        assert.deepEqual([...input<string[]>(alb, "subnets")].sort(), publicSubnets.sort());
        assert.deepEqual(input(alb, "securityGroups"), [named(resources, "aws:ec2/securityGroup:SecurityGroup", `platform-${stack}-alb`).id]);
        assert.equal(input(alb, "idleTimeout"), 3600);
        assert.equal(input(alb, "enableDeletionProtection"), want.deletionProtection);
        assert.equal(input(alb, "dropInvalidHeaderFields"), true);
        const logs = input<{ bucket: string; prefix: string; enabled: boolean }>(alb, "accessLogs");
        const logBucket = ofType(resources, "aws:s3/bucket:Bucket").find((b) => b.name === `platform-${stack}-logs`);
        assert.deepEqual(logs, { bucket: logBucket?.state.bucket, prefix: "alb", enabled: true });
      });

      it("serves HTTPS with a TLS 1.3 policy and the validated certificate, and only redirects on 80", async () => {
        const { resources } = await renderStack(stack);
        const listeners = ofType(resources, "aws:lb/listener:Listener");
        assert.deepEqual(listeners.map((l) => input(l, "port")).sort(), [443, 80]);
        const https = listeners.find((l) => input(l, "port") === 443)!;
        assert.equal(input(https, "protocol"), "HTTPS");
        assert.equal(input(https, "sslPolicy"), tlsPolicy);
        const validation = named(resources, "aws:acm/certificateValidation:CertificateValidation", `platform-${stack}-certificate-validation`);
        assert.equal(input(https, "certificateArn"), validation.state.certificateArn);
        const certificate = named(resources, "aws:acm/certificate:Certificate", `platform-${stack}-certificate`);
        assert.equal(input(certificate, "domainName"), want.origin ?? want.domain);
        assert.equal(input(certificate, "validationMethod"), "DNS");
        const http = listeners.find((l) => input(l, "port") === 80)!;
        assert.equal(input(http, "protocol"), "HTTP");
        assert.deepEqual(input(http, "defaultActions"), [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        assert.equal(ofType(resources, "aws:lb/listenerRule:ListenerRule").filter((r) => input(r, "listenerArn") === http.state.arn).length, 0, "no rule forwards plain HTTP");
      });

      it("routes /api/* and /socket.io/* to the backend and everything else to the frontend (seed 001)", async () => {
        const { resources } = await renderStack(stack);
        const groups = ofType(resources, "aws:lb/targetGroup:TargetGroup");
        const serviceOf = (groupArn: unknown) =>
          ofType(resources, "aws:ecs/service:Service").find((s) => input<{ targetGroupArn: string }[]>(s, "loadBalancers").some((l) => l.targetGroupArn === groupArn))?.inputs.name;
        const rules = ofType(resources, "aws:lb/listenerRule:ListenerRule").map((r) => [
          input(r, "priority"),
          input<{ pathPattern: { values: string[] } }[]>(r, "conditions")[0].pathPattern.values.join(","),
          serviceOf(input<{ targetGroupArn: string }[]>(r, "actions")[0].targetGroupArn),
        ]);
        assert.deepEqual(rules.sort(), [[10, "/socket.io/*", "backend"], [20, "/api/*", "backend"]]);
        const https = ofType(resources, "aws:lb/listener:Listener").find((l) => input(l, "port") === 443)!;
        const [defaultAction] = input<{ type: string; targetGroupArn: string }[]>(https, "defaultActions");
        assert.equal(defaultAction.type, "forward");
        assert.equal(serviceOf(defaultAction.targetGroupArn), "frontend");
        assert.equal(groups.length, 2);
      });

      it("health-checks targets 2/3/30 s, drains for 300 s and keeps WebSocket clients sticky", async () => {
        const { resources } = await renderStack(stack);
        for (const [service, port, path, sticky] of [["frontend", 3000, "/api/health", false], ["backend", 3001, "/health", true]] as const) {
          const group = named(resources, "aws:lb/targetGroup:TargetGroup", `platform-${stack}-alb-tg-${service}`);
          assert.equal(input(group, "port"), port);
          assert.equal(input(group, "targetType"), "ip");
          assert.equal(input(group, "deregistrationDelay"), 300);
          const health = input<Record<string, unknown>>(group, "healthCheck");
          assert.deepEqual([health.path, health.healthyThreshold, health.unhealthyThreshold, health.interval], [path, 2, 3, 30]);
          assert.deepEqual(input(group, "stickiness"), sticky ? { type: "lb_cookie", enabled: true, cookieDuration: 86400 } : { type: "lb_cookie", enabled: false });
          assert.ok(String(input(group, "name")).length <= 32);
        }
      });

      it("opens each service's own group to the ALB only, on that service's port", async () => {
        const { resources } = await renderStack(stack);
        const groups = new Map(ofType(resources, "aws:ec2/securityGroup:SecurityGroup").map((g) => [g.id, g.name.replace(`platform-${stack}-`, "")]));
        const rules = (type: string, group: string) =>
          ofType(resources, type)
            .filter((r) => groups.get(input(r, "securityGroupId")) === group)
            .map((r) => `${groups.get(input(r, "referencedSecurityGroupId")) ?? input<string>(r, "cidrIpv4")}:${input<number>(r, "fromPort")}`)
            .sort();
        assert.deepEqual(rules("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ecs-frontend"), ["alb:3000"]);
        assert.deepEqual(rules("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ecs-backend"), ["alb:3001"]);
        assert.deepEqual(rules("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "alb"), ["ecs-backend:3001", "ecs-frontend:3000"]);
        assert.equal(ofType(resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.name.endsWith("-nlb")).length, 0, "no NLB group without an NLB service");
      });

      it("points the names at the right endpoints through alias records validated in the zone", async () => {
        const { resources, outputs } = await renderStack(stack);
        // The edge's own records; a standby's failover records and their certificate are the dr tier's.
        const edgeUrns = new Set(resources.filter((r) => r.type.startsWith("platform:edge:")).map((r) => r.urn));
        const records = ofType(resources, "aws:route53/record:Record").filter((r) => edgeUrns.has(r.parent ?? ""));
        const aliases = records.filter((r) => input(r, "aliases"));
        const alb = ofType(resources, "aws:lb/loadBalancer:LoadBalancer")[0];
        const target = (name: string, type: string) => {
          const record = aliases.find((r) => input(r, "name") === name && input(r, "type") === type);
          return record && input<{ name: string; zoneId: string }[]>(record, "aliases")[0];
        };
        if (want.origin) {
          const distribution = ofType(resources, "aws:cloudfront/distribution:Distribution")[0];
          assert.deepEqual(target(want.domain, "A"), { name: distribution.state.domainName, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: true });
          assert.deepEqual(target(want.domain, "AAAA"), { name: distribution.state.domainName, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: true });
          assert.deepEqual(target(want.origin, "A"), { name: alb.state.dnsName, zoneId: alb.state.zoneId, evaluateTargetHealth: true });
          assert.equal(aliases.length, 3);
        } else {
          assert.deepEqual(target(want.domain, "A"), { name: alb.state.dnsName, zoneId: alb.state.zoneId, evaluateTargetHealth: true });
          assert.equal(aliases.length, 1);
        }
        const validations = records.filter((r) => input(r, "type") === "CNAME");
        assert.equal(validations.length, want.origin ? 2 : 1, "one validation record per name");
        for (const record of validations) assert.match(String(input(record, "name")), /^_[0-9a-f]{32}\./);
        assert.equal(outputs.albDnsName, alb.state.dnsName);
        assert.deepEqual(outputs.urls, { app: `https://${want.domain}` });
      });

      it("runs CloudFront and WAF where the stack asks for them", async () => {
        const { resources } = await renderStack(stack);
        assert.equal(ofType(resources, "aws:cloudfront/distribution:Distribution").length, want.origin ? 1 : 0);
        const acls = ofType(resources, "aws:wafv2/webAcl:WebAcl");
        assert.equal(acls.length, want.waf ? 1 : 0);
        if (!want.waf) return;
        const [acl] = acls;
        assert.equal(input(acl, "scope"), want.waf);
        assert.equal(acl.region, want.waf === "CLOUDFRONT" ? "us-east-1" : want.region);
        assert.deepEqual(input(acl, "defaultAction"), { allow: {} });
        const rules = input<aws.types.output.wafv2.WebAclRule[]>(acl, "rules");
        assert.deepEqual(
          rules.map((r) => [r.priority, r.name]),
          [[0, "rate-limit-per-ip"], [1, "AWSManagedRulesCommonRuleSet"], [2, "AWSManagedRulesKnownBadInputsRuleSet"], [3, "AWSManagedRulesSQLiRuleSet"]],
        );
        assert.deepEqual(rules[0].statement.rateBasedStatement, { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 });
        assert.deepEqual(rules[0].action, { block: {} });
        for (const rule of rules.slice(1)) assert.deepEqual(rule.overrideAction, { none: {} }, `${rule.name} blocks, not just counts`);
        const associations = ofType(resources, "aws:wafv2/webAclAssociation:WebAclAssociation");
        if (want.waf === "REGIONAL") {
          assert.equal(associations.length, 1);
          assert.equal(input(associations[0], "resourceArn"), ofType(resources, "aws:lb/loadBalancer:LoadBalancer")[0].state.arn);
        } else {
          assert.equal(associations.length, 0);
          assert.equal(input(ofType(resources, "aws:cloudfront/distribution:Distribution")[0], "webAclId"), acl.state.arn);
        }
      });
    });
  }

  describe("prod CloudFront (seed 001)", () => {
    it("caches per path, reaches the ALB over HTTPS only and the static bucket through OAC", async () => {
      const { resources } = await renderStack("prod");
      const [distribution] = ofType(resources, "aws:cloudfront/distribution:Distribution");
      assert.equal(input(distribution, "priceClass"), "PriceClass_200");
      assert.equal(input(distribution, "httpVersion"), "http2and3");
      assert.equal(input(distribution, "isIpv6Enabled"), true);
      assert.deepEqual(input(distribution, "aliases"), ["platform.example.com"]);
      const viewer = input<Record<string, string>>(distribution, "viewerCertificate");
      assert.equal(viewer.minimumProtocolVersion, "TLSv1.2_2021");
      assert.equal(viewer.sslSupportMethod, "sni-only");
      // CloudFront takes certificates from us-east-1 only: the second provider's region.
      const cloudFrontCertificate = named(resources, "aws:acm/certificate:Certificate", "platform-prod-certificate-cloudfront");
      assert.equal(cloudFrontCertificate.region, "us-east-1");
      assert.equal(input(cloudFrontCertificate, "domainName"), "platform.example.com");
      assert.equal(viewer.acmCertificateArn, named(resources, "aws:acm/certificateValidation:CertificateValidation", "platform-prod-certificate-cloudfront-validation").state.certificateArn);
      assert.match(viewer.acmCertificateArn, /^arn:aws:acm:us-east-1:/);

      const origins = input<aws.types.output.cloudfront.DistributionOrigin[]>(distribution, "origins");
      const alb = origins.find((o) => o.originId === "alb")!;
      assert.equal(alb.domainName, "origin.platform.example.com");
      assert.deepEqual(alb.customOriginConfig, { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] });
      const staticOrigin = origins.find((o) => o.originId === "static")!;
      const oac = ofType(resources, "aws:cloudfront/originAccessControl:OriginAccessControl");
      assert.equal(oac.length, 1);
      assert.equal(staticOrigin.originAccessControlId, oac[0].id);
      assert.deepEqual([input(oac[0], "signingBehavior"), input(oac[0], "signingProtocol"), input(oac[0], "originAccessControlOriginType")], ["always", "sigv4", "s3"]);
      assert.match(staticOrigin.domainName, /^platform-prod-static-.*\.s3\.ap-northeast-2\.amazonaws\.com$/);

      const policyTtl = (id: string | undefined) => {
        if (id === "4135ea2d-6df8-44a3-9df3-4b5a84be39ad") return "no cache";
        const policy = ofType(resources, "aws:cloudfront/cachePolicy:CachePolicy").find((p) => p.id === id)!;
        return `${input<number>(policy, "defaultTtl")} s`;
      };
      const behaviors = input<aws.types.output.cloudfront.DistributionOrderedCacheBehavior[]>(distribution, "orderedCacheBehaviors").map((b) => [b.pathPattern, b.targetOriginId, policyTtl(b.cachePolicyId)]);
      assert.deepEqual(behaviors, [["/_next/static/*", "static", "31536000 s"], ["/api/*", "alb", "no cache"], ["/socket.io/*", "alb", "no cache"]]);
      const fallback = input<aws.types.output.cloudfront.DistributionDefaultCacheBehavior>(distribution, "defaultCacheBehavior");
      // The ALB gets the viewer's cookies and headers, which are not in the cache key: never cached (issue 13, defect 4).
      assert.deepEqual([fallback.targetOriginId, policyTtl(fallback.cachePolicyId), fallback.viewerProtocolPolicy, fallback.compress], ["alb", "no cache", "redirect-to-https", true]);
      for (const b of input<aws.types.output.cloudfront.DistributionOrderedCacheBehavior[]>(distribution, "orderedCacheBehaviors")) {
        assert.equal(b.viewerProtocolPolicy, "redirect-to-https");
        assert.equal(b.compress, true);
      }
      for (const policy of ofType(resources, "aws:cloudfront/cachePolicy:CachePolicy")) {
        const key = input<Record<string, unknown>>(policy, "parametersInCacheKeyAndForwardedToOrigin");
        assert.equal(key.enableAcceptEncodingBrotli, true);
        assert.equal(key.enableAcceptEncodingGzip, true);
      }
    });

    it("writes CloudFront's access logs to the log bucket through a us-east-1 delivery", async () => {
      const { resources } = await renderStack("prod");
      const source = ofType(resources, "aws:cloudwatch/logDeliverySource:LogDeliverySource");
      const destination = ofType(resources, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination");
      assert.equal(source.length, 1);
      assert.equal(source[0].region, "us-east-1");
      assert.equal(input(source[0], "resourceArn"), ofType(resources, "aws:cloudfront/distribution:Distribution")[0].state.arn);
      const logBucket = named(resources, "aws:s3/bucket:Bucket", "platform-prod-logs");
      assert.equal(input<{ destinationResourceArn: string }>(destination[0], "deliveryDestinationConfiguration").destinationResourceArn, `${state<string>(logBucket, "arn")}/cloudfront`);
      assert.equal(ofType(resources, "aws:cloudwatch/logDelivery:LogDelivery").length, 1);
    });
  });
});

describe("edge tier: an NLB for seed 003's WebSocket service", () => {
  function withWs(): Record<string, string> {
    const config = stackConfig("dev");
    const compute = JSON.parse(config["platform:compute"]);
    compute.services.push({
      name: "ws",
      image: { repository: "backend", tag: "1.0.0" },
      cpuUnits: 512,
      memoryMb: 1024,
      port: 3002,
      healthCheckPath: "/health",
      scaling: { min: 2, desired: 2, max: 4 },
      routing: { loadBalancer: "nlb" },
      websocket: true,
    });
    config["platform:compute"] = JSON.stringify(compute);
    const edge = JSON.parse(config["platform:edge"]);
    edge.nlb = { domainName: "ws.platform-dev.example.com" };
    config["platform:edge"] = JSON.stringify(edge);
    return config;
  }

  it("terminates TLS on 443, keeps clients on one task by source IP, and admits the internet only there", async () => {
    const { resources, outputs } = await renderConfig(withWs(), "dev");
    const nlb = ofType(resources, "aws:lb/loadBalancer:LoadBalancer").find((l) => input(l, "loadBalancerType") === "network")!;
    const nlbGroup = named(resources, "aws:ec2/securityGroup:SecurityGroup", "platform-dev-nlb");
    assert.deepEqual(input(nlb, "securityGroups"), [nlbGroup.id]);
    const [listener] = ofType(resources, "aws:lb/listener:Listener").filter((l) => input(l, "loadBalancerArn") === nlb.state.arn);
    assert.deepEqual([input(listener, "port"), input(listener, "protocol"), input(listener, "sslPolicy")], [443, "TLS", tlsPolicy]);
    const group = named(resources, "aws:lb/targetGroup:TargetGroup", "platform-dev-nlb-tg-ws");
    assert.deepEqual([input(group, "protocol"), input(group, "port"), input(group, "targetType")], ["TCP", 3002, "ip"]);
    assert.deepEqual(input(group, "stickiness"), { type: "source_ip", enabled: true });
    const service = named(resources, "aws:ecs/service:Service", "platform-dev-ws-service");
    assert.equal(input<{ targetGroupArn: string }[]>(service, "loadBalancers")[0].targetGroupArn, group.state.arn);

    const groups = new Map(ofType(resources, "aws:ec2/securityGroup:SecurityGroup").map((g) => [g.id, g.name.replace("platform-dev-", "")]));
    const open = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => input(r, "cidrIpv4") === "0.0.0.0/0")
      .map((r) => `${groups.get(input(r, "securityGroupId"))}:${input<number>(r, "fromPort")}`)
      .sort();
    assert.deepEqual(open, ["alb:443", "alb:80", "nlb:443"]);
    const fromBalancers = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => String(groups.get(input(r, "securityGroupId"))).startsWith("ecs-"))
      .map((r) => `${groups.get(input(r, "referencedSecurityGroupId"))} -> ${groups.get(input(r, "securityGroupId"))}:${input<number>(r, "fromPort")}`)
      .sort();
    assert.deepEqual(fromBalancers, ["alb -> ecs-backend:3001", "alb -> ecs-frontend:3000", "nlb -> ecs-ws:3002"], "the NLB reaches only the service behind it");
    const certificate = named(resources, "aws:acm/certificate:Certificate", "platform-dev-certificate");
    assert.deepEqual(input(certificate, "subjectAlternativeNames"), ["ws.platform-dev.example.com"]);
    assert.equal((outputs.urls as Record<string, string>).ws, "wss://ws.platform-dev.example.com");
  });

  it("creates the hosted zone when asked, protected where data is", async () => {
    const config = stackConfig("prod");
    const edge = JSON.parse(config["platform:edge"]);
    edge.zone.mode = "create";
    config["platform:edge"] = JSON.stringify(edge);
    const { resources } = await renderConfig(config, "prod");
    const zones = ofType(resources, "aws:route53/zone:Zone");
    assert.equal(zones.length, 1);
    assert.equal(input(zones[0], "name"), "example.com");
    assert.equal(zones[0].options.protect, true);
    for (const record of ofType(resources, "aws:route53/record:Record")) assert.equal(input(record, "zoneId"), zones[0].id);
  });
});
