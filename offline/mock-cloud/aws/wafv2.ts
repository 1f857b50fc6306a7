import { uuid } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

/** Web ACL capacity units of the AWS managed rule groups (their published WCUs). */
export const managedGroupCapacity: Readonly<Record<string, number>> = {
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
  AWSManagedRulesSQLiRuleSet: 200,
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesLinuxRuleSet: 200,
};
/** A rate-based rule without a scope-down statement. */
const rateRuleCapacity = 2;
/** Default WCU limit of a web ACL. */
const maxCapacity = 1500;

export const wafv2Resources: Record<string, ResourceModel> = {
  "aws:wafv2/webAcl:WebAcl": (ctx) => {
    const { scope, rules, name } = ctx.inputs;
    if (scope === "CLOUDFRONT" && ctx.region !== "us-east-1") throw new Error(`${ctx.name}: CLOUDFRONT web ACLs are created in us-east-1, not ${ctx.region}`);
    let capacity = 0;
    for (const rule of (rules ?? []) as any[]) {
      if (rule.statement?.rateBasedStatement) capacity += rateRuleCapacity;
      else if (rule.statement?.managedRuleGroupStatement) {
        const group = rule.statement.managedRuleGroupStatement.name;
        if (!(group in managedGroupCapacity)) throw new Error(`${ctx.name}: unknown managed rule group ${group}`);
        capacity += managedGroupCapacity[group];
      }
    }
    if (capacity > maxCapacity) throw new Error(`${ctx.name}: ${capacity} WCUs exceed the ${maxCapacity} a web ACL may use`);
    const id = uuid(ctx.seed);
    const aclName = String(name ?? ctx.name);
    const arn = arnOf(ctx, "wafv2", `${scope === "CLOUDFRONT" ? "global" : "regional"}/webacl/${aclName}/${id}`);
    return { id, state: { arn, capacity, lockToken: uuid(ctx.seed + "lock"), name: aclName } };
  },
  "aws:wafv2/webAclAssociation:WebAclAssociation": (ctx) => {
    const { webAclArn, resourceArn } = ctx.inputs;
    if (String(webAclArn).includes(":global/")) throw new Error(`${ctx.name}: a global web ACL attaches through the CloudFront distribution, not an association`);
    return { id: `${webAclArn},${resourceArn}`, state: {} };
  },
};
