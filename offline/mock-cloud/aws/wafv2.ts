import { uuid } from "../ids";
import { record, records, str } from "../inputs";
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
    const scope = ctx.inputs.scope;
    if (scope === "CLOUDFRONT" && ctx.region !== "us-east-1") throw new Error(`${ctx.name}: CLOUDFRONT web ACLs are created in us-east-1, not ${ctx.region}`);
    let capacity = 0;
    for (const rule of records(ctx.inputs, "rules") ?? []) {
      const statement = record(rule, "statement");
      const managedGroup = record(statement, "managedRuleGroupStatement");
      if (statement?.rateBasedStatement) capacity += rateRuleCapacity;
      else if (managedGroup) {
        const group = str(managedGroup, "name");
        if (group === undefined || !(group in managedGroupCapacity)) throw new Error(`${ctx.name}: unknown managed rule group ${group}`);
        capacity += managedGroupCapacity[group];
      }
    }
    if (capacity > maxCapacity) throw new Error(`${ctx.name}: ${capacity} WCUs exceed the ${maxCapacity} a web ACL may use`);
    const id = uuid(ctx.seed);
    const aclName = str(ctx.inputs, "name") ?? ctx.name;
    const arn = arnOf(ctx, "wafv2", `${scope === "CLOUDFRONT" ? "global" : "regional"}/webacl/${aclName}/${id}`);
    return { id, state: { arn, capacity, lockToken: uuid(ctx.seed + "lock"), name: aclName } };
  },
  "aws:wafv2/webAclAssociation:WebAclAssociation": (ctx) => {
    const webAclArn = str(ctx.inputs, "webAclArn");
    const resourceArn = str(ctx.inputs, "resourceArn");
    if (String(webAclArn).includes(":global/")) throw new Error(`${ctx.name}: a global web ACL attaches through the CloudFront distribution, not an association`);
    return { id: `${webAclArn},${resourceArn}`, state: {} };
  },
};
