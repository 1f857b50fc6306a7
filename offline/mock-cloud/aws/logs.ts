import { hex } from "../ids";
import { record, str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

/** CloudWatch Logs vended log delivery (CloudFront standard logging v2 and others). */
const logsArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "logs", resource);

export const logsResources: Record<string, ResourceModel> = {
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
