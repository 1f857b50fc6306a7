import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../../shared/iam";

/**
 * The AWS Load Balancer Controller's IAM policy, written out from the project's published
 * `docs/install/iam_policy.json` for controller v2.14 (chart 1.14.0, see charts.ts), statement by
 * statement and in the same order.
 *
 * Two deliberate differences from the published file, both narrowing it:
 * - its `arn:aws:<service>:*:*:` patterns are pinned to this stack's partition, region and account;
 * - where it grants a write action on `*` although the action accepts resource ARNs, the ARNs are
 *   listed (load balancers, listeners, rules, target groups, security groups of this account and
 *   region; security groups created only in this VPC). `*` remains only on reads that AWS allows
 *   on `*` alone, and on the two writes AWS authorises only on `*` (shield:CreateProtection,
 *   elasticloadbalancing:SetWebAcl), as noted where they appear.
 * The tag conditions (`elbv2.k8s.aws/cluster`) that confine the controller to what it created are
 * kept exactly.
 */
export function loadBalancerControllerStatements(scope: {
  readonly partition: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
}): Statement[] {
  const { partition, region, accountId } = scope;
  const elb = (resource: string) => pulumi.interpolate`arn:${partition}:elasticloadbalancing:${region}:${accountId}:${resource}`;
  const ec2 = (resource: pulumi.Input<string>) => pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:${resource}`;
  const loadBalancers = [elb("loadbalancer/app/*/*"), elb("loadbalancer/net/*/*")];
  const targetGroups = elb("targetgroup/*/*");
  const listeners = [elb("listener/app/*/*/*"), elb("listener/net/*/*/*")];
  const rules = [elb("listener-rule/app/*/*/*"), elb("listener-rule/net/*/*/*")];
  const securityGroups = ec2("security-group/*");
  const clusterTagSet = { Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" } };
  const ownedByController = { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } };
  const retagOwned = { Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "true", "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } };

  return [
    {
      Sid: "CreateElbServiceLinkedRole",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: pulumi.interpolate`arn:${partition}:iam::${accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
      Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    },
    {
      Sid: "DescribeNetworkAndLoadBalancers",
      Effect: "Allow",
      Action: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      Resource: "*",
    },
    {
      Sid: "ReadCertificatesAndProtections",
      Effect: "Allow",
      Action: [
        "cognito-idp:DescribeUserPoolClient",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
      ],
      Resource: "*",
    },
    {
      Sid: "AttachWebAcls",
      Effect: "Allow",
      Action: ["waf-regional:AssociateWebACL", "waf-regional:DisassociateWebACL", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"],
      Resource: [
        loadBalancers[0],
        pulumi.interpolate`arn:${partition}:waf-regional:${region}:${accountId}:webacl/*`,
        pulumi.interpolate`arn:${partition}:wafv2:${region}:${accountId}:regional/webacl/*/*`,
      ],
    },
    {
      // shield:CreateProtection accepts only "*" (it has no resource type); DeleteProtection is scoped.
      Sid: "ShieldCreateProtectionWildcardOnly",
      Effect: "Allow",
      Action: ["shield:CreateProtection"],
      Resource: "*",
    },
    {
      Sid: "ShieldDeleteProtection",
      Effect: "Allow",
      Action: ["shield:DeleteProtection"],
      Resource: pulumi.interpolate`arn:${partition}:shield::${accountId}:protection/*`,
    },
    {
      // Published on "*" without a tag condition: the controller opens node ports on groups it did not create.
      Sid: "ManageIngressOnSecurityGroups",
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      Resource: [securityGroups, ec2("security-group-rule/*")],
    },
    {
      Sid: "CreateSecurityGroupsInThisVpc",
      Effect: "Allow",
      Action: ["ec2:CreateSecurityGroup"],
      Resource: [securityGroups, ec2(pulumi.interpolate`vpc/${scope.vpcId}`)],
    },
    {
      Sid: "TagSecurityGroupsOnCreate",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: securityGroups,
      Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, ...clusterTagSet },
    },
    {
      Sid: "RetagOwnedSecurityGroups",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: securityGroups,
      Condition: retagOwned,
    },
    {
      Sid: "ManageOwnedSecurityGroups",
      Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      Resource: [securityGroups, ec2("security-group-rule/*")],
      Condition: ownedByController,
    },
    {
      Sid: "CreateTaggedLoadBalancers",
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      Resource: [...loadBalancers, targetGroups],
      Condition: clusterTagSet,
    },
    {
      Sid: "ManageListenersAndRules",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      Resource: [...loadBalancers, ...listeners, ...rules],
    },
    {
      Sid: "RetagOwnedLoadBalancers",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: [targetGroups, ...loadBalancers],
      Condition: retagOwned,
    },
    {
      Sid: "TagListenersAndRules",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: [...listeners, ...rules],
    },
    {
      Sid: "ModifyOwnedLoadBalancers",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      Resource: [...loadBalancers, targetGroups, ...listeners],
      Condition: ownedByController,
    },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags"],
      Resource: [targetGroups, ...loadBalancers],
      Condition: { StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] }, ...clusterTagSet },
    },
    {
      Sid: "RegisterTargets",
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      Resource: targetGroups,
    },
    {
      Sid: "ModifyListenersAndRules",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      Resource: [...listeners, ...rules],
    },
    {
      // elasticloadbalancing:SetWebAcl accepts only "*" (it has no resource type).
      Sid: "SetWebAclWildcardOnly",
      Effect: "Allow",
      Action: ["elasticloadbalancing:SetWebAcl"],
      Resource: "*",
    },
  ];
}
