import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";
import { boundedName } from "../../model/edge/names";
import type { CacheBehaviorSettings, EdgeSettings } from "../../model/edge/settings";

type CloudFrontSettings = NonNullable<EdgeSettings["cloudFront"]>;

export interface CdnArgs {
  /** `<project>-<env>`: the distribution's policies, access control and log delivery are named after it. */
  readonly namePrefix: string;
  /** What viewers open (seed 001: codemate.code1398.io). */
  readonly domainName: string;
  /** The ALB's own name; CloudFront reaches it over HTTPS only. */
  readonly originDomainName: string;
  /** Validated certificate in us-east-1 (CloudFront accepts no other region). */
  readonly certificateArn: pulumi.Input<string>;
  /** Seed 001: PriceClass_200. */
  readonly priceClass: CloudFrontSettings["priceClass"];
  /** The static-assets bucket, read through origin access control. */
  readonly staticBucket: {
    /** The storage tier's bucket name. */
    readonly bucketName: pulumi.Input<string>;
    /** The bucket's region: its regional S3 name is the origin. */
    readonly region: string;
  };
  /**
   * Cache behaviours by path, in precedence order. Static paths cache for their lifetime (0: never);
   * behaviours to the ALB are never cached, whatever lifetime they name (config refuses one above 0).
   */
  readonly behaviors: readonly CacheBehaviorSettings[];
  /** A global (CLOUDFRONT-scope) web ACL; none when omitted. */
  readonly webAclArn?: pulumi.Input<string>;
  /** Standard logging v2 to this bucket; the delivery source lives in us-east-1 with the distribution. None when omitted. */
  readonly accessLogs?: {
    /** The log bucket's ARN. */
    readonly bucketArn: pulumi.Input<string>;
    /** Key prefix of CloudFront's logs (`cloudfront`). */
    readonly prefix: string;
    /** The us-east-1 provider: delivery sources live with the distribution. */
    readonly provider: pulumi.ProviderResource;
  };
}

/**
 * CloudFront in front of the ALB and the static-assets bucket (seed 001): per-path cache
 * behaviours, TLS 1.2+ to viewers, HTTPS only to the ALB, origin access control to S3, HTTP/3
 * and compression (seed 000), an optional web ACL and access logs.
 *
 * Cache policies rather than legacy forwarded values: one policy per static lifetime, shared by
 * the behaviours that ask for it, and AWS's managed CachingDisabled where nothing may be cached.
 * The ALB origin gets the viewer's cookies, headers and query strings but keeps its own Host, so
 * it answers with the certificate of its origin name. None of those is in a cache key, so every
 * behaviour to the ALB (the default one included) is CachingDisabled: a page cached there would be
 * served to the next viewer, logged in or not. Only static paths cache.
 */
export class Cdn extends TierComponent {
  readonly distribution: aws.cloudfront.Distribution;

  constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("edge", "Cdn", name, opts);
    const parent = { parent: this };

    const oac = new aws.cloudfront.OriginAccessControl(
      `${name}-static-oac`,
      {
        name: boundedName(`${args.namePrefix}-static`, 64),
        description: "CloudFront signs every request to the static-assets bucket",
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
      },
      parent,
    );

    // One cache policy per static lifetime; the managed CachingDisabled policy for the ALB and for lifetime 0.
    const policies = new Map<string, pulumi.Input<string>>();
    const cachePolicyId = (origin: "alb" | "static", ttlSeconds: number): pulumi.Input<string> => {
      if (origin === "alb" || ttlSeconds === 0) return managedCachingDisabled;
      const key = `${origin}-${ttlSeconds}s`;
      let id = policies.get(key);
      if (!id) {
        id = new aws.cloudfront.CachePolicy(
          `${name}-cache-${key}`,
          {
            name: boundedName(`${args.namePrefix}-${key}`, 128),
            comment: `${origin} content, ${ttlSeconds} s unless the origin says otherwise`,
            minTtl: 0,
            defaultTtl: ttlSeconds,
            maxTtl: Math.max(ttlSeconds, maxTtlSeconds),
            parametersInCacheKeyAndForwardedToOrigin: {
              // Both encodings in the key, so CloudFront serves compressed copies (seed 000: compression).
              enableAcceptEncodingGzip: true,
              enableAcceptEncodingBrotli: true,
              cookiesConfig: { cookieBehavior: "none" },
              headersConfig: { headerBehavior: "none" },
              // Hashed static assets do not vary by query string.
              queryStringsConfig: { queryStringBehavior: "none" },
            },
          },
          parent,
        ).id;
        policies.set(key, id);
      }
      return id;
    };
    const behavior = (origin: "alb" | "static", ttlSeconds: number) => ({
      targetOriginId: origin,
      viewerProtocolPolicy: "redirect-to-https",
      compress: true,
      allowedMethods: origin === "alb" ? allMethods : ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: cachePolicyId(origin, ttlSeconds),
      // The ALB gets cookies, headers and query strings, but its own Host (its certificate's name).
      originRequestPolicyId: origin === "alb" ? managedAllViewerExceptHost : undefined,
    });

    this.distribution = new aws.cloudfront.Distribution(
      `${name}-distribution`,
      {
        enabled: true,
        comment: `${args.namePrefix}: ${args.domainName}`,
        aliases: [args.domainName],
        priceClass: args.priceClass,
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        origins: [
          {
            originId: "alb",
            domainName: args.originDomainName,
            customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
          },
          {
            originId: "static",
            domainName: pulumi.interpolate`${args.staticBucket.bucketName}.s3.${args.staticBucket.region}.amazonaws.com`,
            originAccessControlId: oac.id,
          },
        ],
        defaultCacheBehavior: behavior("alb", 0),
        orderedCacheBehaviors: args.behaviors.map((b) => ({ pathPattern: b.pathPattern, ...behavior(b.origin, b.ttlSeconds) })),
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { acmCertificateArn: args.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
        webAclId: args.webAclArn,
      },
      parent,
    );

    if (args.accessLogs) {
      const logOpts = { parent: this, provider: args.accessLogs.provider };
      const source = new aws.cloudwatch.LogDeliverySource(
        `${name}-log-source`,
        { name: boundedName(`${args.namePrefix}-cloudfront`, 60), logType: "ACCESS_LOGS", resourceArn: this.distribution.arn },
        logOpts,
      );
      const destination = new aws.cloudwatch.LogDeliveryDestination(
        `${name}-log-destination`,
        {
          name: boundedName(`${args.namePrefix}-cloudfront-s3`, 60),
          outputFormat: "parquet",
          // The prefix rides on the destination ARN (`bucket/prefix`), as the console writes it.
          deliveryDestinationConfiguration: { destinationResourceArn: pulumi.interpolate`${args.accessLogs.bucketArn}/${args.accessLogs.prefix}` },
        },
        logOpts,
      );
      new aws.cloudwatch.LogDelivery(
        `${name}-log-delivery`,
        {
          deliverySourceName: source.name,
          deliveryDestinationArn: destination.arn,
          s3DeliveryConfigurations: [{ suffixPath: "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}", enableHiveCompatiblePath: false }],
        },
        logOpts,
      );
    }
    this.registerOutputs({ domainName: this.distribution.domainName, id: this.distribution.id });
  }
}

/** AWS managed policies (fixed ids): no caching, and every viewer value but Host to the origin. */
export const managedCachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
export const managedAllViewerExceptHost = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
/** CloudFront's ceiling for cached objects that name their own lifetime: a year. */
const maxTtlSeconds = 31536000;
const allMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
