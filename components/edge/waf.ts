import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";
import { boundedName } from "../../model/edge/names";
import type { ManagedRuleGroup, managedRuleGroups as managedRuleGroupNames } from "../../model/edge/settings";

/** AWS's name of a managed rule group the platform runs (`AWSManagedRulesCommonRuleSet`, ...). */
export type ManagedRuleGroupName = (typeof managedRuleGroupNames)[ManagedRuleGroup];

export interface WebFirewallArgs {
  /** `<project>-<env>`: the ACL and its metrics are named after it. */
  readonly namePrefix: string;
  /** `CLOUDFRONT` ACLs must be created in us-east-1 (give this component that provider). */
  readonly scope: "CLOUDFRONT" | "REGIONAL";
  /** AWS managed rule groups by AWS name, in evaluation order (seed 000: SQL injection, XSS). */
  readonly managedRuleGroups: readonly ManagedRuleGroupName[];
  /** Requests per client IP per 5 minutes before WAF blocks that IP. */
  readonly rateLimitPer5Minutes: number;
  /** A regional resource (the ALB) to protect; CloudFront takes the ACL's ARN itself. None when omitted. */
  readonly associateWith?: pulumi.Input<string>;
}

/**
 * A WAFv2 web ACL: allow by default, a per-IP rate limit first (cheap, and it stops a flood before
 * the managed rules spend capacity on it), then the AWS managed rule groups.
 */
export class WebFirewall extends TierComponent {
  readonly webAcl: aws.wafv2.WebAcl;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("edge", "WebFirewall", name, opts);
    const metric = (rule: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: boundedName(`${args.namePrefix}-${rule}`, 128),
    });
    const rules: aws.types.input.wafv2.WebAclRule[] = [
      {
        name: "rate-limit-per-ip",
        priority: 0,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: args.rateLimitPer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
        visibilityConfig: metric("rate-limit"),
      },
      ...args.managedRuleGroups.map((group, index) => ({
        name: group,
        priority: index + 1,
        // `none` keeps each rule's own action (block); `count` would only watch.
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        visibilityConfig: metric(group),
      })),
    ];
    this.webAcl = new aws.wafv2.WebAcl(
      name,
      {
        name: boundedName(`${args.namePrefix}-${args.scope === "CLOUDFRONT" ? "cdn" : "alb"}`, 128),
        description: `${args.namePrefix}: rate limit and AWS managed rules`,
        scope: args.scope,
        defaultAction: { allow: {} },
        rules,
        visibilityConfig: metric("web-acl"),
      },
      { parent: this },
    );
    if (args.associateWith) {
      new aws.wafv2.WebAclAssociation(`${name}-association`, { resourceArn: args.associateWith, webAclArn: this.webAcl.arn }, { parent: this });
    }
    this.arn = this.webAcl.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
