import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { Statement } from "../shared/iam";

/** Where each writer puts its logs in the log bucket; the edge and storage tiers use these. */
export const logPrefixes = {
  /** Application Load Balancer access logs (`access_logs.prefix`). */
  alb: "alb",
  /** Network Load Balancer access logs (TLS listeners only; seed 003's WebSocket NLB). */
  nlb: "nlb",
  /** S3 server access logs, one folder per bucket key. */
  s3: "s3-access",
  /** CloudFront standard logging (v2), delivered from us-east-1. */
  cloudFront: "cloudfront",
} as const;

/**
 * The log bucket's grants, each to one writer, one prefix and, where AWS supports it, the
 * stack's own account and resources:
 * - ALB access logs: the Region's Elastic Load Balancing account (the regions this platform
 *   supports all predate the `logdelivery.elasticloadbalancing` principal);
 * - NLB access logs: the log-delivery service, from this account's log deliveries only;
 * - S3 server access logs: the S3 logging service, from the named buckets of this account only
 *   (their names are known before they exist, so the grant precedes them without a cycle);
 * - CloudFront access logs (when `cloudFrontLogs`): the log-delivery service, from this
 *   account's delivery sources in us-east-1, where CloudFront's live.
 */
export function logDeliveryStatements(
  arn: pulumi.Output<string>,
  context: StackContext,
  elbAccountArn: pulumi.Input<string>,
  accessLogSources: readonly pulumi.Input<string>[],
  cloudFrontLogs = false,
): Statement[] {
  const { accountId, partition, region } = context;
  const fromThisAccount = { "aws:SourceAccount": accountId };
  const logDeliverySource = { "aws:SourceArn": pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:*` };
  return [
    {
      Sid: "LoadBalancerWritesAccessLogs",
      Effect: "Allow",
      Principal: { AWS: elbAccountArn },
      Action: "s3:PutObject",
      Resource: pulumi.interpolate`${arn}/${logPrefixes.alb}/AWSLogs/${accountId}/*`,
    },
    {
      Sid: "LogDeliveryChecksAcl",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: arn,
      Condition: { StringEquals: fromThisAccount, ArnLike: logDeliverySource },
    },
    {
      Sid: "LogDeliveryWritesNlbLogs",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: pulumi.interpolate`${arn}/${logPrefixes.nlb}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { ...fromThisAccount, "s3:x-amz-acl": "bucket-owner-full-control" }, ArnLike: logDeliverySource },
    },
    ...(cloudFrontLogs
      ? [
          {
            Sid: "LogDeliveryWritesCloudFrontLogs",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${arn}/${logPrefixes.cloudFront}/*`,
            Condition: {
              StringEquals: { ...fromThisAccount, "s3:x-amz-acl": "bucket-owner-full-control" },
              ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:logs:us-east-1:${accountId}:delivery-source:*` },
            },
          } satisfies Statement,
        ]
      : []),
    ...(accessLogSources.length === 0
      ? []
      : [
          {
            Sid: "S3WritesServerAccessLogs",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${arn}/${logPrefixes.s3}/*`,
            Condition: {
              StringEquals: fromThisAccount,
              ArnEquals: { "aws:SourceArn": accessLogSources.map((name) => pulumi.interpolate`arn:${partition}:s3:::${name}`) },
            },
          } satisfies Statement,
        ]),
  ];
}

/** The Elastic Load Balancing account of the provider's region, as the provider knows it. */
export function elbAccountArn(parent: pulumi.Resource): pulumi.Output<string> {
  return aws.elb.getServiceAccountOutput({}, { parent }).arn;
}
