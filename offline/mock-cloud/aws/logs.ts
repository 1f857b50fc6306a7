import { hex } from "../ids";
import { record, str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

/** CloudWatch Logs vended log delivery (CloudFront standard logging v2 and others). */
const logsArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "logs", resource);

export const logsResources: Record<string, ResourceModel> = {
  // CloudWatch Logs API Reference, PutMetricFilter: FilterName 1-512 characters without ':' or '*',
  // FilterPattern at most 1,024 characters, exactly one metric transformation.
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": (ctx) => {
    const name = str(ctx.inputs, "name") ?? "";
    if (!/^[^:*]{1,512}$/.test(name)) throw new Error(`${ctx.name}: metric filter name '${name}' must be 1-512 characters without ':' or '*'`);
    const pattern = str(ctx.inputs, "pattern") ?? "";
    if (pattern.length > 1024) throw new Error(`${ctx.name}: a filter pattern has at most 1,024 characters`);
    const transformation = record(ctx.inputs, "metricTransformation");
    if (!str(transformation, "name") || !str(transformation, "namespace") || str(transformation, "value") === undefined) {
      throw new Error(`${ctx.name}: the metric transformation needs a name, a namespace and a value`);
    }
    return { id: name, state: { name } };
  },
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": (ctx) => {
    const name = str(ctx.inputs, "name") ?? ctx.name;
    const resource = String(ctx.inputs.resourceArn);
    // CloudFront is global, and its delivery sources exist only in us-east-1.
    if (resource.startsWith("arn:aws:cloudfront::") && ctx.region !== "us-east-1") throw new Error(`${ctx.name}: CloudFront delivery sources live in us-east-1`);
    return { id: name, state: { name, arn: logsArn(ctx, `delivery-source:${name}`), service: resource.split(":")[2] } };
  },
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": (ctx) => {
    const name = str(ctx.inputs, "name") ?? ctx.name;
    const target = str(record(ctx.inputs, "deliveryDestinationConfiguration"), "destinationResourceArn") ?? "";
    const type = target.startsWith("arn:aws:s3:::") ? "S3" : target.startsWith("arn:aws:logs:") ? "CWL" : target.startsWith("arn:aws:firehose:") ? "FH" : undefined;
    if (!type) throw new Error(`${ctx.name}: destination ${target} is not an S3 bucket, log group or Firehose stream`);
    return { id: name, state: { name, arn: logsArn(ctx, `delivery-destination:${name}`), deliveryDestinationType: type } };
  },
  "aws:cloudwatch/logDelivery:LogDelivery": (ctx) => {
    const id = hex(ctx.seed, 16);
    return { id, state: { arn: logsArn(ctx, `delivery:${id}`) } };
  },
};
