import { hex, uuid } from "../ids";
import { num, record, records, str } from "../inputs";
import { ResourceModel } from "../model";
import { globalArnOf } from "./shared";

/** The hosted zone of every CloudFront distribution (alias records point at it). */
export const cloudFrontZoneId = "Z2FDTNDATAQYW2";

const distributionId = (seed: string) => `E${hex(seed, 13).toUpperCase()}`;

export const cloudFrontResources: Record<string, ResourceModel> = {
  "aws:cloudfront/distribution:Distribution": (ctx) => {
    const certificate = str(record(ctx.inputs, "viewerCertificate"), "acmCertificateArn");
    // CloudFront only accepts ACM certificates issued in us-east-1.
    if (certificate && !certificate.startsWith("arn:aws:acm:us-east-1:")) {
      throw new Error(`${ctx.name}: CloudFront needs a us-east-1 certificate, got ${certificate}`);
    }
    const webAcl = str(ctx.inputs, "webAclId");
    if (webAcl && !webAcl.includes(":global/webacl/")) throw new Error(`${ctx.name}: CloudFront takes only a CLOUDFRONT-scope (global) web ACL`);
    const ids = new Set((records(ctx.inputs, "origins") ?? []).map((o) => str(o, "originId")));
    const behaviors = [record(ctx.inputs, "defaultCacheBehavior"), ...(records(ctx.inputs, "orderedCacheBehaviors") ?? [])];
    for (const behavior of behaviors) {
      const target = str(behavior, "targetOriginId");
      if (!ids.has(target)) throw new Error(`${ctx.name}: a behaviour targets unknown origin ${target}`);
    }
    const id = distributionId(ctx.seed);
    return {
      id,
      state: {
        arn: globalArnOf(ctx, "cloudfront", `distribution/${id}`),
        domainName: `d${hex(ctx.seed + "domain", 13)}.cloudfront.net`,
        hostedZoneId: cloudFrontZoneId,
        status: "Deployed",
        etag: `E${hex(ctx.seed + "etag", 13).toUpperCase()}`,
        callerReference: uuid(ctx.seed),
      },
    };
  },
  "aws:cloudfront/originAccessControl:OriginAccessControl": (ctx) => ({
    id: distributionId(ctx.seed),
    state: { etag: `E${hex(ctx.seed + "etag", 13).toUpperCase()}`, arn: globalArnOf(ctx, "cloudfront", `origin-access-control/${distributionId(ctx.seed)}`) },
  }),
  "aws:cloudfront/cachePolicy:CachePolicy": (ctx) => {
    const minTtl = num(ctx.inputs, "minTtl");
    const defaultTtl = num(ctx.inputs, "defaultTtl");
    const maxTtl = num(ctx.inputs, "maxTtl");
    if (minTtl === undefined || defaultTtl === undefined || maxTtl === undefined || !(minTtl <= defaultTtl && defaultTtl <= maxTtl)) throw new Error(`${ctx.name}: TTLs must satisfy min <= default <= max`);
    return { id: uuid(ctx.seed), state: { etag: `E${hex(ctx.seed + "etag", 13).toUpperCase()}`, arn: globalArnOf(ctx, "cloudfront", `cache-policy/${uuid(ctx.seed)}`) } };
  },
};
