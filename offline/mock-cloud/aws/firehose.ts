import { num, record, str } from "../inputs";
import { ModelResult, ResourceModel } from "../model";
import { arnOf } from "./shared";

const arnPattern = /^arn:aws[a-z-]*:[a-z0-9-]+:/;

/**
 * Amazon Data Firehose, as the provider and the service refuse it (the log archive's streams).
 * terraform-provider-aws internal/service/firehose resourceDeliveryStream: `name` and `destination`
 * are required; an `extended_s3` stream needs `extended_s3_configuration` with `bucket_arn` and
 * `role_arn` (valid ARNs). Firehose API Reference, CreateDeliveryStream: DeliveryStreamName 1-64
 * characters of [a-zA-Z0-9_.-]; BufferingHints SizeInMBs 1-128 and IntervalInSeconds 0-900;
 * DeliveryStreamEncryptionConfigurationInput: a CUSTOMER_MANAGED_CMK key type needs a KeyARN.
 */
function deliveryStream(ctx: Parameters<ResourceModel>[0]): ModelResult {
  const name = str(ctx.inputs, "name") ?? "";
  if (!/^[a-zA-Z0-9_.-]{1,64}$/.test(name)) throw new Error(`${ctx.name}: delivery stream name '${name}' must be 1-64 characters of a-z, A-Z, 0-9, '_', '.' and '-'`);
  const destination = str(ctx.inputs, "destination");
  if (destination !== "extended_s3") throw new Error(`${ctx.name}: the mock cloud models extended_s3 destinations only, not '${destination ?? "(none)"}'`);
  const s3 = record(ctx.inputs, "extendedS3Configuration");
  if (!s3) throw new Error(`${ctx.name}: an extended_s3 stream needs extendedS3Configuration`);
  for (const key of ["bucketArn", "roleArn"]) {
    if (!arnPattern.test(str(s3, key) ?? "")) throw new Error(`${ctx.name}: extendedS3Configuration.${key} must be an ARN`);
  }
  const size = num(s3, "bufferingSize") ?? 5;
  if (size < 1 || size > 128) throw new Error(`${ctx.name}: bufferingSize ${size} is outside Firehose's 1-128 MiB`);
  const interval = num(s3, "bufferingInterval") ?? 300;
  if (interval < 0 || interval > 900) throw new Error(`${ctx.name}: bufferingInterval ${interval} is outside Firehose's 0-900 seconds`);
  const sse = record(ctx.inputs, "serverSideEncryption");
  if (sse?.enabled === true && str(sse, "keyType") === "CUSTOMER_MANAGED_CMK" && !arnPattern.test(str(sse, "keyArn") ?? "")) {
    throw new Error(`${ctx.name}: serverSideEncryption with a CUSTOMER_MANAGED_CMK needs keyArn`);
  }
  const arn = arnOf(ctx, "firehose", `deliverystream/${name}`);
  return { id: arn, state: { name, arn, destinationId: "destinationId-000000000001", versionId: "1" } };
}

/**
 * terraform-provider-aws internal/service/logs resourceSubscriptionFilter: `name` 1-512
 * characters, `filter_pattern` 0-1,024, `destination_arn` a valid ARN, all required with the log
 * group. A Firehose destination needs the role CloudWatch Logs assumes (PutSubscriptionFilter:
 * roleArn, "not needed for Lambda").
 */
function subscriptionFilter(ctx: Parameters<ResourceModel>[0]): ModelResult {
  const name = str(ctx.inputs, "name") ?? "";
  if (name.length < 1 || name.length > 512) throw new Error(`${ctx.name}: subscription filter name must be 1-512 characters`);
  const pattern = str(ctx.inputs, "filterPattern");
  if (pattern === undefined || pattern.length > 1024) throw new Error(`${ctx.name}: filterPattern is required, at most 1,024 characters`);
  const logGroup = str(ctx.inputs, "logGroup");
  if (!logGroup) throw new Error(`${ctx.name}: logGroup is required`);
  const destination = str(ctx.inputs, "destinationArn") ?? "";
  if (!arnPattern.test(destination)) throw new Error(`${ctx.name}: destinationArn must be an ARN`);
  if (destination.includes(":firehose:") && !arnPattern.test(str(ctx.inputs, "roleArn") ?? "")) {
    throw new Error(`${ctx.name}: a Firehose destination needs roleArn, the role CloudWatch Logs assumes to put records`);
  }
  return { id: `cwlsf-${logGroup}-${name}`, state: { distribution: "ByLogStream" } };
}

export const firehoseResources: Record<string, ResourceModel> = {
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": deliveryStream,
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": subscriptionFilter,
};
