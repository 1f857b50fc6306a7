/** TLS policies the listeners may use: TLS 1.3 with 1.2 as the floor. */
export const tlsPolicies = ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"] as const;
export type TlsPolicy = (typeof tlsPolicies)[number];

/** AWS managed rule groups the web ACL can run, by short name. */
export const managedRuleGroups = {
  common: "AWSManagedRulesCommonRuleSet",
  knownBadInputs: "AWSManagedRulesKnownBadInputsRuleSet",
  sqlInjection: "AWSManagedRulesSQLiRuleSet",
  ipReputation: "AWSManagedRulesAmazonIpReputationList",
  linux: "AWSManagedRulesLinuxRuleSet",
} as const;
export type ManagedRuleGroup = keyof typeof managedRuleGroups;

/** One CloudFront cache behaviour. */
export interface CacheBehaviorSettings {
  readonly pathPattern: string;
  /** `alb`: the load balancer (dynamic content); `static`: the static-assets bucket. */
  readonly origin: "alb" | "static";
  /** Seconds objects stay cached when the origin sends no Cache-Control; 0 turns caching off. Always 0 for `alb` (its cookies and headers are not in the cache key). */
  readonly ttlSeconds: number;
}

/** `platform:edge`: how the internet reaches the services. */
export interface EdgeSettings {
  /** The Route 53 public hosted zone every name lives in: an existing one (`lookup`) or a new one (`create`). */
  readonly zone: { readonly name: string; readonly mode: "lookup" | "create" };
  /** The name users open: CloudFront's when CloudFront is on, else the ALB's. */
  readonly domainName: string;
  /** The ALB's own name, CloudFront's HTTPS origin (with `cloudFront`). */
  readonly originDomainName?: string;
  readonly alb: {
    /** Default: 60, or 3600 when a service behind the ALB uses WebSockets. */
    readonly idleTimeoutSeconds?: number;
    /** Default: on when data is protected. */
    readonly deletionProtection?: boolean;
    readonly accessLogs: boolean;
    readonly sslPolicy: TlsPolicy;
  };
  /** The Network Load Balancer for `loadBalancer: nlb` services. */
  readonly nlb?: {
    readonly domainName: string;
    /** TLS listener port per service; 443 for a service not listed. */
    readonly listenerPorts: Readonly<Record<string, number>>;
    readonly deletionProtection?: boolean;
    readonly accessLogs: boolean;
  };
  /** CloudFront in front of the ALB and the static-assets bucket. */
  readonly cloudFront?: {
    readonly priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
    /** Key of the storage bucket that holds static assets. */
    readonly staticBucket: string;
    /** Seconds the default behaviour (to the ALB) caches: always 0, as for every behaviour to the ALB. */
    readonly defaultTtlSeconds: number;
    /** Cache behaviours by path, in precedence order. */
    readonly behaviors: readonly CacheBehaviorSettings[];
    readonly accessLogs: boolean;
  };
  /** AWS WAF web ACL on the distribution (`cloudfront`) or the load balancer (`alb`). */
  readonly waf?: {
    readonly attachTo: "cloudfront" | "alb";
    readonly managedRuleGroups: readonly ManagedRuleGroup[];
    /** Requests one client IP may send per 5 minutes before it is blocked. */
    readonly rateLimitPer5Minutes: number;
  };
}

/** True when `name` is the zone's apex or a name inside it. */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}
