import { list, num, str } from "../graph";
import { CostLine, resourceLine, ResourceRule, usageLine, UsageRule } from "../model";

export const types = {
  distribution: "aws:cloudfront/distribution:Distribution",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  ruleGroup: "aws:wafv2/ruleGroup:RuleGroup",
  zone: "aws:route53/zone:Zone",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
} as const;

/** Rules of a web ACL: the `rules` list, or the JSON document of `ruleJson`. */
export function webAclRuleCount(inputs: Readonly<Record<string, unknown>>): number {
  const rules = list(inputs, "rules");
  if (rules.length > 0) return rules.length;
  const json = str(inputs, "ruleJson");
  if (!json) return 0;
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
}

const webAcl: ResourceRule = (acl, ctx) => {
  const rules = webAclRuleCount(acl.inputs);
  const lines: CostLine[] = [resourceLine(acl, ctx, { service: "WAF", item: "web ACL", quantity: 1, price: ctx.prices.waf.webAclMonth })];
  if (rules > 0) lines.push(resourceLine(acl, ctx, { service: "WAF", item: `${acl.name}: ${rules} rules`, quantity: rules, price: ctx.prices.waf.ruleMonth }));
  return lines;
};

const ruleGroup: ResourceRule = (group, ctx) => [
  resourceLine(group, ctx, { service: "WAF", item: "rule group", quantity: 1, price: ctx.prices.waf.ruleMonth }),
];

const zone: ResourceRule = (hostedZone, ctx) => [
  resourceLine(hostedZone, ctx, { service: "Route 53", item: "hosted zone", quantity: 1, price: ctx.prices.route53.hostedZoneMonth }),
];

/** Optional health-check features AWS charges for: HTTPS, string matching, 10 s interval, latency. */
export function healthCheckFeatures(inputs: Readonly<Record<string, unknown>>): string[] {
  const type = str(inputs, "type") ?? "";
  const features: string[] = [];
  if (type.startsWith("HTTPS")) features.push("HTTPS");
  if (type.endsWith("STR_MATCH")) features.push("string match");
  if (num(inputs, "requestInterval") === 10) features.push("fast interval");
  if (inputs.measureLatency === true) features.push("latency");
  return features;
}

/**
 * A health check's optional features, per check. The checks themselves are priced stack-wide
 * (`healthChecks` below): AWS lists the first 50 on AWS endpoints at no charge.
 */
const healthCheck: ResourceRule = (check, ctx) => {
  const features = healthCheckFeatures(check.inputs);
  if (features.length === 0) return [];
  return [resourceLine(check, ctx, { service: "Route 53", item: `${check.name}: ${features.join(", ")}`, quantity: features.length, price: ctx.prices.route53.healthCheckFeatureMonth })];
};

/**
 * Health checks beyond the free ones, billed at the AWS-endpoint rate (the platform's checks all
 * target its own load balancers, or CloudWatch alarms). The free allowance is per account: the
 * estimate gives it to the stack, as if it were the account's only one.
 */
const healthChecks: UsageRule = (ctx) => {
  const checks = ctx.index.ofType(types.healthCheck);
  const rate = ctx.prices.route53.healthCheckMonth;
  const billed = Math.max(0, checks.length - (rate.firstFree ?? 0));
  if (billed === 0) return [];
  const line = usageLine(ctx.tierOf(checks[0]), checks, { service: "Route 53", item: `health checks beyond the first ${rate.firstFree ?? 0} free (${checks.length} in all)`, quantity: billed, price: rate });
  // The registrations set the amount, not platform:cost.usage.
  return [{ ...line, basis: "resource" }];
};

export const edgeRules: Readonly<Record<string, ResourceRule>> = {
  [types.webAcl]: webAcl,
  [types.ruleGroup]: ruleGroup,
  [types.zone]: zone,
  [types.healthCheck]: healthCheck,
};

export const edgeUsageRules: readonly UsageRule[] = [
  healthChecks,
  (ctx) => {
    const distributions = ctx.index.ofType(types.distribution);
    if (distributions.length === 0) return [];
    const { cloudFrontDataOutGb, cloudFrontRequestsMillions } = ctx.usage;
    const tier = ctx.tierOf(distributions[0]);
    const lines: CostLine[] = [];
    if (cloudFrontDataOutGb > 0) {
      lines.push(usageLine(tier, distributions, { service: "CloudFront", item: "data out to viewers (usage.cloudFrontDataOutGb)", quantity: cloudFrontDataOutGb, price: ctx.prices.cloudfront.dataOutGb }));
    }
    if (cloudFrontRequestsMillions > 0) {
      lines.push(
        usageLine(tier, distributions, {
          service: "CloudFront",
          item: "HTTPS requests (usage.cloudFrontRequestsMillions)",
          quantity: cloudFrontRequestsMillions * 100,
          price: ctx.prices.cloudfront.httpsRequests10k,
        }),
      );
    }
    return lines;
  },
  (ctx) => {
    const acls = ctx.index.ofType(types.webAcl);
    if (acls.length === 0 || ctx.usage.wafRequestsMillions === 0) return [];
    return [usageLine(ctx.tierOf(acls[0]), acls, { service: "WAF", item: "requests inspected (usage.wafRequestsMillions)", quantity: ctx.usage.wafRequestsMillions, price: ctx.prices.waf.requestsMillion })];
  },
  (ctx) => {
    const zones = ctx.index.ofType(types.zone);
    if (zones.length === 0 || ctx.usage.route53QueriesMillions === 0) return [];
    return [usageLine(ctx.tierOf(zones[0]), zones, { service: "Route 53", item: "queries (usage.route53QueriesMillions)", quantity: ctx.usage.route53QueriesMillions, price: ctx.prices.route53.queriesMillion })];
  },
];
