import { z } from "zod";
import { planServiceRouting } from "../../model/edge/service-routing";
import type { ComputeConfig } from "./compute";
import { isInZone, ManagedRuleGroup, managedRuleGroups, tlsPolicies } from "../../model/edge/settings";

export const domainName = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS name such as app.example.com")
  .describe("A lower-case DNS name with at least two labels: `platform.example.com`.");

const port = z.number().int().min(1).max(65535);

/** Why a behaviour to the ALB may not cache (issue 13: a logged-in page served to another viewer). */
const uncachedAlb =
  "goes to the ALB, which gets the viewer's cookies and headers while the cache key holds none of them: a cached page would be served to the next viewer. Use 0 (caching disabled) and cache static paths with origin: static";

const cacheBehavior = z
  .object({
    pathPattern: z.string().regex(/^\/?[A-Za-z0-9_\-.$/~"'@:+&*?]{1,255}$/, "must be a CloudFront path pattern such as /api/*").describe("Path the behaviour matches, e.g. `/_next/static/*` or `/api/*`."),
    origin: z.enum(["alb", "static"]).describe("`alb`: the load balancer (dynamic content); `static`: the static-assets bucket."),
    ttlSeconds: z
      .number()
      .int()
      .min(0)
      .max(31536000, "a year")
      .describe("Seconds objects stay cached when the origin sends no Cache-Control; 0 turns caching off. Must be 0 for `origin: alb`: the ALB gets the viewer's cookies and headers, which are not in the cache key."),
  })
  .strict()
  .describe("One CloudFront cache behaviour (seed 001: `_next/static/*` a year, `/api/*` no cache).");

export const edgeSection = z
  .object({
    zone: z
      .object({
        name: domainName,
        mode: z.enum(["lookup", "create"]).describe("`lookup`: a zone that already exists (the registered domain's), found by name. `create`: a new zone; delegate it (its NS records) from the registrar or parent zone."),
      })
      .strict()
      .describe("The Route 53 public hosted zone every name lives in (seed 001: code1398.io)."),
    domainName: domainName.describe("The name users open: CloudFront's when CloudFront is on, else the ALB's (seed 001: codemate.code1398.io)."),
    originDomainName: domainName.optional().describe("The ALB's own name, CloudFront's HTTPS origin; required with `cloudFront`."),
    alb: z
      .object({
        idleTimeoutSeconds: z.number().int().min(1).max(4000, "the ALB limit").optional().describe("Connection idle timeout; default 60, or 3600 when a service behind the ALB uses WebSockets (seed 001)."),
        deletionProtection: z.boolean().optional().describe("Default: on when `dataProtection` is `protected`."),
        accessLogs: z.boolean().default(true).describe("Access logs to the storage tier's log bucket."),
        sslPolicy: z.enum(tlsPolicies).default("ELBSecurityPolicy-TLS13-1-2-2021-06").describe("TLS policy of the HTTPS and TLS listeners: TLS 1.3, with 1.2 as the floor."),
      })
      .strict()
      .default({})
      .describe("The Application Load Balancer of the ECS services (under EKS, the settings of the ALB the Ingress controller builds)."),
    nlb: z
      .object({
        domainName: domainName.describe("The NLB's name (seed 003: the WSS endpoint)."),
        listenerPorts: z.record(z.string(), port).default({}).describe("TLS listener port per service; 443 for a service not listed."),
        deletionProtection: z.boolean().optional().describe("Default: on when dataProtection is protected."),
        accessLogs: z.boolean().default(true).describe("TLS access logs to the storage tier's log bucket."),
      })
      .strict()
      .optional()
      .describe("The Network Load Balancer for `loadBalancer: nlb` services (seed 003's WebSocket server)."),
    cloudFront: z
      .object({
        priceClass: z.enum(["PriceClass_100", "PriceClass_200", "PriceClass_All"]).default("PriceClass_200").describe("Seed 001: PriceClass_200 (Korea, Japan, Taiwan, Hong Kong and the rest of Asia, Europe, America)."),
        staticBucket: z.string().min(1).describe("Key of the storage tier's bucket that holds static assets, read through origin access control."),
        defaultTtlSeconds: z
          .number()
          .int()
          .min(0)
          .max(31536000)
          .default(0)
          .describe("Seconds the default behaviour (to the ALB) caches when the origin sends no Cache-Control. Must be 0 (caching disabled): the ALB gets the viewer's cookies and headers, which are not in the cache key, so a cached page would reach the next viewer. Static paths cache through behaviours with `origin: static`."),
        behaviors: z.array(cacheBehavior).default([]).describe("Cache behaviours by path, in precedence order."),
        accessLogs: z.boolean().default(true).describe("Standard logging (v2) to the storage tier's log bucket."),
      })
      .strict()
      .optional()
      .describe("CloudFront in front of the ALB and the static-assets bucket (seed 001: optional; seed 000: on)."),
    waf: z
      .object({
        attachTo: z.enum(["cloudfront", "alb"]).describe("`cloudfront`: a global ACL on the distribution; `alb`: a regional ACL on the load balancer."),
        managedRuleGroups: z
          .array(z.enum(Object.keys(managedRuleGroups) as [ManagedRuleGroup, ...ManagedRuleGroup[]]))
          .default(["common", "knownBadInputs", "sqlInjection"])
          .describe("AWS managed rule groups the web ACL runs, by short name (HookLabs: SQL injection and XSS)."),
        rateLimitPer5Minutes: z.number().int().min(10, "the WAF minimum").max(2000000000).describe("Requests one client IP may send per 5 minutes before it is blocked."),
      })
      .strict()
      .optional()
      .describe("AWS WAF web ACL (seed 000: SQL injection and XSS rules)."),
  })
  .strict()
  .describe("`platform:edge`: how the internet reaches the services.");

export type EdgeConfig = z.infer<typeof edgeSection>;

/** Cross-field rules of the edge, and between the edge and the services it routes to. */
export function checkEdge(edge: EdgeConfig | undefined, compute: ComputeConfig | undefined, bucketKeys: readonly string[], ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["edge", ...path], message });
  const services = compute?.services ?? [];
  const routing = planServiceRouting(services);
  if (!edge) {
    if (routing.albServices.length > 0 || routing.nlbServices.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["edge"],
        message: `is required: services ${[...routing.albServices, ...routing.nlbServices].join(", ")} route through a load balancer`,
      });
    }
    return;
  }

  const names: [string[], string][] = [[["domainName"], edge.domainName]];
  if (edge.originDomainName) names.push([["originDomainName"], edge.originDomainName]);
  if (edge.nlb) names.push([["nlb", "domainName"], edge.nlb.domainName]);
  const seen = new Map<string, string>();
  for (const [path, name] of names) {
    if (!isInZone(name, edge.zone.name)) issue(path, `is not in the hosted zone ${edge.zone.name}: every name needs a zone to hold its records`);
    const other = seen.get(name);
    if (other) issue(path, `is already used by edge.${other}`);
    seen.set(name, path.join("."));
  }

  if (edge.cloudFront && !edge.originDomainName) {
    issue(["originDomainName"], "is required with cloudFront (the ALB's own name, CloudFront's HTTPS origin)");
  }
  if (!edge.cloudFront && edge.originDomainName) {
    issue(["originDomainName"], "only applies with cloudFront (without it the ALB answers edge.domainName)");
  }
  if (edge.cloudFront && !bucketKeys.includes(edge.cloudFront.staticBucket)) {
    issue(["cloudFront", "staticBucket"], `is not a bucket of storage.buckets (have: ${bucketKeys.join(", ") || "none"})`);
  }
  if (edge.waf?.attachTo === "cloudfront" && !edge.cloudFront) issue(["waf", "attachTo"], "is cloudfront but edge.cloudFront is not configured");
  if (edge.waf?.attachTo === "alb" && routing.albServices.length === 0) issue(["waf", "attachTo"], "is alb but no service routes through the ALB");
  edge.cloudFront?.behaviors.forEach((behavior, index) => {
    if (edge.cloudFront!.behaviors.findIndex((b) => b.pathPattern === behavior.pathPattern) !== index) {
      issue(["cloudFront", "behaviors", index, "pathPattern"], "is listed twice");
    }
  });
  // Behaviours to the ALB forward every viewer cookie and header (AllViewerExceptHost) but key on
  // none of them, so anything they cache is served to the next viewer whoever asked for it.
  if (edge.cloudFront && edge.cloudFront.defaultTtlSeconds > 0) {
    issue(["cloudFront", "defaultTtlSeconds"], `is ${edge.cloudFront.defaultTtlSeconds} but the default behaviour ${uncachedAlb}`);
  }
  edge.cloudFront?.behaviors.forEach((behavior, index) => {
    if (behavior.origin === "alb" && behavior.ttlSeconds > 0) issue(["cloudFront", "behaviors", index, "ttlSeconds"], `is ${behavior.ttlSeconds} but ${behavior.pathPattern} ${uncachedAlb}`);
  });

  if (routing.nlbServices.length > 0 && !edge.nlb) {
    issue(["nlb"], `is required: services ${routing.nlbServices.join(", ")} use loadBalancer nlb`);
  }
  if (edge.nlb) {
    if (routing.nlbServices.length === 0) issue(["nlb"], "is configured but no service uses loadBalancer nlb");
    const byPort = new Map<number, string>();
    for (const service of Object.keys(edge.nlb.listenerPorts)) {
      if (!routing.nlbServices.includes(service)) {
        issue(["nlb", "listenerPorts", service], `names no service with loadBalancer nlb (nlb services: ${routing.nlbServices.join(", ") || "none"})`);
      }
    }
    for (const service of routing.nlbServices) {
      const listenerPort = edge.nlb.listenerPorts[service] ?? 443;
      const owner = byPort.get(listenerPort);
      if (owner) issue(["nlb", "listenerPorts", service], `port ${listenerPort} conflicts with service ${owner}'s listener: give one of them another port`);
      byPort.set(listenerPort, service);
    }
  }
}
