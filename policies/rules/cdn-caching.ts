/**
 * CloudFront must not cache what it does not key on. An origin request policy sends viewer values
 * to the origin without putting them in the cache key ("Understand origin request policies",
 * CloudFront Developer Guide); when a behaviour forwards the viewer's cookies (or every header,
 * Authorization included) that way and caches by default (default TTL above 0), the page the
 * origin rendered for one viewer's session is served from the cache to the next viewer.
 *
 * Caching disabled (default TTL 0, e.g. the managed CachingDisabled policy) or a cache key that
 * holds what is forwarded passes; a default TTL of 0 still lets the origin ask for caching with
 * Cache-Control, which is the origin's explicit decision. Legacy `forwardedValues` put what they
 * forward in the cache key and pass.
 *
 * The Authorization header cannot take that path: CloudFront refuses an origin request policy
 * that forwards it (HTTP 400) and forwards it only from the cache key ("How do I configure
 * CloudFront to forward the Authorization header to the origin?", AWS re:Post Knowledge Center),
 * so the cookies are what this rule judges.
 */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { T } from "../lib/types";
import { containsUnknown } from "../lib/unknown";
import { list, present, text } from "../lib/values";

/** What a policy forwards or keys: all of a kind, none, or the named ones. */
type Values = "all" | "none" | readonly string[];

interface Forwarding {
  readonly cookies: Values;
  readonly headers: Values;
}

interface CacheKey extends Forwarding {
  readonly defaultTtl: number;
}

/**
 * AWS managed cache policies, by id, as "Use managed cache policies" (CloudFront Developer Guide)
 * lists them: default TTL and what the cache key holds. A managed policy not listed here leaves
 * the behaviour unjudged (a note, not a pass).
 */
export const managedCachePolicies: Readonly<Record<string, CacheKey & { readonly name: string }>> = {
  "4135ea2d-6df8-44a3-9df3-4b5a84be39ad": { name: "CachingDisabled", defaultTtl: 0, cookies: "none", headers: "none" },
  "658327ea-f89d-4fab-a63d-7e88639e58f6": { name: "CachingOptimized", defaultTtl: 86400, cookies: "none", headers: "none" },
  "b2884449-e4de-46a7-ac36-70bc7f1ddd6d": { name: "CachingOptimizedForUncompressedObjects", defaultTtl: 86400, cookies: "none", headers: "none" },
  "08627262-05a9-4f76-9ded-b50ca2e3a84f": { name: "Elemental-MediaPackage", defaultTtl: 86400, cookies: "none", headers: ["origin"] },
  "2e54312d-136d-493c-8eb9-b001f22f67d2": { name: "Amplify", defaultTtl: 2, cookies: "all", headers: ["authorization", "cloudfront-viewer-country", "host"] },
};

/** AWS managed origin request policies ("Use managed origin request policies"): what they forward. */
export const managedOriginRequestPolicies: Readonly<Record<string, Forwarding & { readonly name: string }>> = {
  "216adef6-5c7f-47e4-b989-5492eafa07d3": { name: "AllViewer", cookies: "all", headers: "all" },
  "33f36d7e-f396-46d9-90e0-52428a34d9dc": { name: "AllViewerAndCloudFrontHeaders-2022-06", cookies: "all", headers: "all" },
  "b689b0a8-53d0-40ab-baf2-68738e2966ac": { name: "AllViewerExceptHostHeader", cookies: "all", headers: "all" },
  "59781a5b-3903-41f3-afcb-af62929ccde1": { name: "CORS-CustomOrigin", cookies: "none", headers: ["origin"] },
  "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf": { name: "CORS-S3Origin", cookies: "none", headers: ["origin", "access-control-request-headers", "access-control-request-method"] },
  "775133bc-15f2-49f9-abea-afb2e0bf67d2": { name: "Elemental-MediaTailor-PersonalizedManifests", cookies: "none", headers: ["origin", "access-control-request-headers", "access-control-request-method", "user-agent", "x-forwarded-for"] },
  "acba4595-bd28-49b8-b9fe-13317c0390fa": { name: "UserAgentRefererHeaders", cookies: "none", headers: ["user-agent", "referer"] },
};

/** A policy's cookiesConfig / headersConfig as the provider takes it. */
interface ValuesConfig {
  readonly cookieBehavior?: unknown;
  readonly headerBehavior?: unknown;
  readonly cookies?: { readonly items?: unknown };
  readonly headers?: { readonly items?: unknown };
}

function values(behavior: unknown, items: unknown): Values {
  const names = list<string>(items).map((n) => String(n).toLowerCase());
  if (behavior === "whitelist") return names;
  if (behavior === "none" || behavior === undefined) return "none";
  // all, allExcept, allViewer, allViewerAndWhitelistCloudFront, allExcept: more than a list names.
  return "all";
}

/** Values forwarded but not in the cache key. */
function unkeyed(forwarded: Values, keyed: Values): Values {
  if (forwarded === "none" || keyed === "all") return "none";
  if (forwarded === "all") return "all";
  const missing = forwarded.filter((name) => keyed === "none" || !keyed.includes(name));
  return missing.length === 0 ? "none" : missing;
}

function describe(kind: string, v: Values): string | undefined {
  if (v === "none") return undefined;
  return v === "all" ? `every ${kind}` : `${kind}s ${v.join(", ")}`;
}

/** The cache key and TTL of a behaviour's cache policy: managed, or a CachePolicy of the stack. */
function cacheKeyOf(stack: StackView, id: unknown): CacheKey | "unknown" | undefined {
  if (typeof id === "string" && managedCachePolicies[id]) return managedCachePolicies[id];
  const policy = stack.ofType(T.cachePolicy).find((p) => p.props.id === id);
  if (!policy) return containsUnknown(id) ? "unknown" : undefined;
  const params = policy.props.parametersInCacheKeyAndForwardedToOrigin as { cookiesConfig?: ValuesConfig; headersConfig?: ValuesConfig } | undefined;
  if (containsUnknown(params) || containsUnknown(policy.props.defaultTtl)) return "unknown";
  return {
    // A cache policy without DefaultTTL gets 86400 s (CachePolicyConfig, CloudFront API Reference).
    defaultTtl: present(policy.props.defaultTtl) ? Number(policy.props.defaultTtl) : 86400,
    cookies: values(params?.cookiesConfig?.cookieBehavior, params?.cookiesConfig?.cookies?.items),
    headers: values(params?.headersConfig?.headerBehavior, params?.headersConfig?.headers?.items),
  };
}

function forwardingOf(stack: StackView, id: unknown): Forwarding | "unknown" | undefined {
  if (!present(id)) return { cookies: "none", headers: "none" };
  if (typeof id === "string" && managedOriginRequestPolicies[id]) return managedOriginRequestPolicies[id];
  const policy = stack.ofType(T.originRequestPolicy).find((p) => p.props.id === id);
  if (!policy) return containsUnknown(id) ? "unknown" : undefined;
  const cookies = policy.props.cookiesConfig as ValuesConfig | undefined;
  const headers = policy.props.headersConfig as ValuesConfig | undefined;
  if (containsUnknown(cookies) || containsUnknown(headers)) return "unknown";
  return { cookies: values(cookies?.cookieBehavior, cookies?.cookies?.items), headers: values(headers?.headerBehavior, headers?.headers?.items) };
}

/** What the rule reads of a behaviour. */
interface Behaviour {
  readonly pathPattern?: unknown;
  readonly cachePolicyId?: unknown;
  readonly originRequestPolicyId?: unknown;
}

function judge(stack: StackView, distribution: StackResource, label: string, b: Behaviour, c: { report(m: string, u: string): void; undecided(w: string): void }) {
  if (!present(b.cachePolicyId)) return; // legacy forwardedValues: what it forwards is in the cache key
  const key = cacheKeyOf(stack, b.cachePolicyId);
  const forwarded = forwardingOf(stack, b.originRequestPolicyId);
  if (key === "unknown" || forwarded === "unknown") return c.undecided(`${distribution.name} ${label}: its policies`);
  if (key === undefined) return c.undecided(`${distribution.name} ${label}: cache policy ${text(b.cachePolicyId)} is neither managed nor in the stack`);
  if (forwarded === undefined) return c.undecided(`${distribution.name} ${label}: origin request policy ${text(b.originRequestPolicyId)} is neither managed nor in the stack`);
  if (key.defaultTtl <= 0) return;
  const cookies = describe("cookie", unkeyed(forwarded.cookies, key.cookies));
  if (!cookies) return;
  c.report(
    `${label} of ${distribution.name} forwards ${cookies} to the origin without them in the cache key, and caches ${key.defaultTtl} s by default: one viewer's response would be served to another (use CachingDisabled, or key on them)`,
    distribution.urn,
  );
}

export const cloudFrontCacheKeys = rule({
  name: "cloudfront-cache-keys",
  description: "A CloudFront behaviour that forwards the viewer's cookies to the origin either keys the cache on them or does not cache by default (CloudFront forwards Authorization only from the cache key).",
  theme: "data-protection",
  scope: "mandatory",
  fix: "Behaviours to dynamic origins: the managed CachingDisabled cache policy (platform:edge behaviours with origin alb do); otherwise a cache policy whose key holds the forwarded cookies.",
  checkStack(stack, c) {
    for (const distribution of stack.ofType(T.distribution)) {
      const p = distribution.props;
      judge(stack, distribution, "the default behaviour", (p.defaultCacheBehavior ?? {}), c);
      for (const b of list<Behaviour | undefined>(p.orderedCacheBehaviors)) judge(stack, distribution, `behaviour ${text(b?.pathPattern)}`, b ?? {}, c);
    }
  },
});

export const cdnCachingRules: readonly PlatformRule[] = [cloudFrontCacheKeys];
