/**
 * A web application firewall in front of every public entry point: each CloudFront distribution,
 * and each internet-facing Application Load Balancer the internet can reach (cdk-nag
 * AwsSolutions-CFR2, Checkov CKV_AWS_68 and CKV2_AWS_28).
 *
 * "Can reach": an ALB whose security groups admit only CloudFront's origin-facing prefix list (or
 * any source but 0.0.0.0/0 and ::/0) is reached through the distribution, whose web ACL filters
 * the traffic; Checkov's CKV2_AWS_28 asks only of public-facing ALBs too. Load balancers the AWS
 * Load Balancer Controller creates from a Kubernetes Ingress are judged by the Ingress: scheme
 * `internet-facing`, a web ACL through `alb.ingress.kubernetes.io/wafv2-acl-arn` (the
 * controller's Ingress annotations reference). Network Load Balancers cannot take a web ACL.
 */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { loadBalancers, T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { present } from "../lib/values";
import { groupsOpenToInternet } from "./network";

const annotation = "alb.ingress.kubernetes.io/";

/** True when one of `groups` admits the internet; "unknown" when a group could not be linked. */
function reachable(groups: readonly StackResource[] | "unknown", open: ReadonlySet<StackResource>): boolean | "unknown" {
  return groups === "unknown" ? "unknown" : groups.some((g) => open.has(g));
}

/** The security groups an Ingress names (`security-groups` annotation), by dependency or by id. */
function ingressGroups(stack: StackView, ingress: StackResource): StackResource[] | "unknown" | undefined {
  const annotations = (ingress.props.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations ?? {};
  const named = annotations[`${annotation}security-groups`];
  if (named === undefined) return undefined;
  const byDependency = (ingress.propertyDependencies.metadata ?? []).map((urn) => stack.get(urn)).filter((r): r is StackResource => r?.type === T.securityGroup);
  if (byDependency.length > 0) return byDependency;
  if (typeof named !== "string" || isUnknown(named)) return "unknown";
  const ids = named.split(",").map((id) => id.trim());
  return stack.ofType(T.securityGroup).filter((g) => ids.includes(String(g.props.id)) || ids.includes(String(g.props.name)));
}

export const publicEntryWaf = rule({
  name: "public-entry-waf",
  description: "Every CloudFront distribution and every internet-facing ALB the internet can reach has an AWS WAF web ACL.",
  theme: "network",
  scope: "per-environment",
  fix: "platform:edge.waf (attachTo cloudfront: the distribution's webAclId; attachTo alb: an aws.wafv2.WebAclAssociation); an ALB behind CloudFront admits only CloudFront's origin-facing prefix list; an Ingress sets alb.ingress.kubernetes.io/wafv2-acl-arn.",
  controls: { cdkNag: ["AwsSolutions-CFR2"], checkov: ["CKV_AWS_68", "CKV2_AWS_28"] },
  checkStack(stack, c) {
    for (const distribution of stack.ofType(T.distribution)) {
      if (isUnknown(distribution.props.webAclId)) c.undecided(`${distribution.name}: webAclId`);
      else if (!present(distribution.props.webAclId)) c.report(`distribution ${distribution.name} has no web ACL (webAclId)`, distribution.urn);
    }
    const { groups: open, undecided } = groupsOpenToInternet(stack);
    undecided.forEach((u) => c.undecided(u));
    const associations = stack.ofType(T.webAclAssociation, T.wafRegionalAssociation);
    for (const lb of stack.ofType(...loadBalancers)) {
      const type = lb.props.loadBalancerType ?? "application";
      if (lb.props.internal === true || type !== "application") continue;
      if (isUnknown(lb.props.internal) || isUnknown(type)) {
        c.undecided(`${lb.name}: internal / loadBalancerType`);
        continue;
      }
      const link = stack.link(lb, "securityGroups", [T.securityGroup]);
      const public_ = reachable(link.known ? link.targets : "unknown", open);
      if (public_ === "unknown") {
        c.undecided(`${lb.name}: its security groups`);
        continue;
      }
      if (!public_) continue;
      const protectedBy = associations.filter((a) => {
        const target = stack.link(a, "resourceArn", [lb.type]);
        return target.known && target.targets.includes(lb);
      });
      if (protectedBy.length > 0) continue;
      if (associations.some((a) => !stack.link(a, "resourceArn", [lb.type]).known)) c.undecided(`${lb.name}: its web ACL association`);
      else c.report(`internet-facing ALB ${lb.name} admits the internet and has no web ACL (aws.wafv2.WebAclAssociation)`, lb.urn);
    }
    for (const ingress of stack.ofType(T.k8sIngress)) {
      const annotations = (ingress.props.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations ?? {};
      if (annotations[`${annotation}scheme`] !== "internet-facing") continue;
      if (present(annotations[`${annotation}wafv2-acl-arn`]) || present(annotations[`${annotation}waf-acl-id`])) continue;
      const groups = ingressGroups(stack, ingress);
      // Without the annotation the controller makes a group open to the listen ports from anywhere.
      const public_ = groups === undefined ? true : reachable(groups, open);
      if (public_ === "unknown") c.undecided(`${ingress.name}: its security groups`);
      else if (public_) c.report(`internet-facing Ingress ${ingress.name} has no web ACL (annotation ${annotation}wafv2-acl-arn)`, ingress.urn);
    }
  },
});

export const edgeProtectionRules: readonly PlatformRule[] = [publicEntryWaf];
