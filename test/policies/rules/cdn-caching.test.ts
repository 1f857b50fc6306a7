import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { cloudFrontCacheKeys } from "../../../policies/rules/cdn-caching";
import { res, validateStack } from "../../helpers/policy";

const cachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const allViewerExceptHost = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
const keyPolicy = (id: string, cookieBehavior: string, defaultTtl: number, cookies?: string[]) =>
  res(T.cachePolicy, id, { id, defaultTtl, parametersInCacheKeyAndForwardedToOrigin: { cookiesConfig: { cookieBehavior, cookies: cookies ? { items: cookies } : undefined }, headersConfig: { headerBehavior: "none" } } });
const distribution = (defaultCacheBehavior: Record<string, unknown>, orderedCacheBehaviors: Record<string, unknown>[] = []) =>
  res(T.distribution, "cdn", { defaultCacheBehavior, orderedCacheBehaviors });

describe("policy: cloudfront-cache-keys", () => {
  it("passes cookies forwarded with caching disabled or in the cache key, a static path that forwards nothing, and legacy forwarded values", async () => {
    const keyed = keyPolicy("keyed", "all", 300);
    const outcome = await validateStack(cloudFrontCacheKeys, [
      keyed,
      distribution({ cachePolicyId: cachingDisabled, originRequestPolicyId: allViewerExceptHost }, [
        { pathPattern: "/_next/static/*", cachePolicyId: cachingOptimized },
        { pathPattern: "/account/*", cachePolicyId: "keyed", originRequestPolicyId: allViewerExceptHost },
        { pathPattern: "/legacy/*", forwardedValues: { queryString: true, cookies: { forward: "all" } } },
      ]),
    ]);
    assert.deepEqual(outcome.violations, []);
  });

  it("fails a behaviour that forwards every cookie (or named ones) but keys on none and caches by default", async () => {
    const pages = keyPolicy("pages-86400", "none", 86400);
    const partly = keyPolicy("partly", "whitelist", 60, ["lang"]);
    const cookies = res(T.originRequestPolicy, "session", { id: "session", cookiesConfig: { cookieBehavior: "whitelist", cookies: { items: ["session", "lang"] } }, headersConfig: { headerBehavior: "none" } });
    const cdn = distribution({ cachePolicyId: "pages-86400", originRequestPolicyId: allViewerExceptHost }, [{ pathPattern: "/app/*", cachePolicyId: "partly", originRequestPolicyId: "session" }]);
    const outcome = await validateStack(cloudFrontCacheKeys, [pages, partly, cookies, cdn]);
    assert.deepEqual(outcome.violations, [
      "the default behaviour of cdn forwards every cookie to the origin without them in the cache key, and caches 86400 s by default: one viewer's response would be served to another (use CachingDisabled, or key on them)",
      "behaviour /app/* of cdn forwards cookies session to the origin without them in the cache key, and caches 60 s by default: one viewer's response would be served to another (use CachingDisabled, or key on them)",
    ]);
    assert.deepEqual(outcome.urns, [cdn.urn, cdn.urn]);
  });

  it("leaves a cache policy that is neither managed nor in the stack unjudged", async () => {
    const outcome = await validateStack(cloudFrontCacheKeys, [distribution({ cachePolicyId: "elsewhere", originRequestPolicyId: allViewerExceptHost })]);
    assert.deepEqual(outcome.violations, []);
    assert.match(outcome.unknown ?? "", /cache policy elsewhere is neither managed nor in the stack/);
  });
});
