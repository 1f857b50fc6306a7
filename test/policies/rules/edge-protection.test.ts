import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { publicEntryWaf } from "../../../policies/rules/edge-protection";
import { res, validateStack } from "../../helpers/policy";

const aclArn = "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shop/1";
const open = res(T.securityGroup, "alb-group", { id: "sg-open" });
const openRule = res(T.ingressRule, "alb-in", { securityGroupId: "sg-open", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
const cdnOnly = res(T.securityGroup, "cdn-group", { id: "sg-cdn" });
const cdnRule = res(T.ingressRule, "cdn-in", { securityGroupId: "sg-cdn", ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-3b927c52" });
const alb = (name: string, groups: string[], extra: Record<string, unknown> = {}) =>
  res(T.loadBalancer, name, { arn: `arn:aws:elasticloadbalancing:lb/${name}`, loadBalancerType: "application", securityGroups: groups, ...extra });

describe("policy: public-entry-waf", () => {
  it("passes a distribution with a web ACL, a public ALB with an association, an ALB only CloudFront reaches, internal and network load balancers", async () => {
    const resources = [
      open,
      openRule,
      cdnOnly,
      cdnRule,
      res(T.distribution, "cdn", { webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/1" }),
      alb("public", ["sg-open"]),
      res(T.webAclAssociation, "public-acl", { resourceArn: "arn:aws:elasticloadbalancing:lb/public", webAclArn: aclArn }),
      alb("origin", ["sg-cdn"]),
      alb("internal", ["sg-open"], { internal: true }),
      alb("nlb", ["sg-open"], { loadBalancerType: "network" }),
      res(T.k8sIngress, "ingress", { metadata: { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/wafv2-acl-arn": aclArn } } }),
    ];
    assert.deepEqual((await validateStack(publicEntryWaf, resources)).violations, []);
  });

  it("fails a distribution without a web ACL, a public ALB without an association and an internet-facing Ingress without the annotation", async () => {
    const distribution = res(T.distribution, "cdn", {});
    const lb = alb("public", ["sg-open"]);
    const ingress = res(T.k8sIngress, "ingress", { metadata: { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } } });
    const outcome = await validateStack(publicEntryWaf, [open, openRule, distribution, lb, ingress]);
    assert.deepEqual(outcome.violations, [
      "distribution cdn has no web ACL (webAclId)",
      "internet-facing ALB public admits the internet and has no web ACL (aws.wafv2.WebAclAssociation)",
      "internet-facing Ingress ingress has no web ACL (annotation alb.ingress.kubernetes.io/wafv2-acl-arn)",
    ]);
    assert.deepEqual(outcome.urns, [distribution.urn, lb.urn, ingress.urn]);
  });
});
