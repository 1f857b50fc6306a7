import { list, records } from "../inputs";
import { ResourceModel } from "../model";

export const s3NotificationResources: Record<string, ResourceModel> = {
  // One notification configuration per bucket: S3 replaces it whole on every put.
  "aws:s3/bucketNotification:BucketNotification": (ctx) => {
    for (const target of records(ctx.inputs, "lambdaFunctions") ?? []) {
      if (!(list(target, "events") ?? []).every((e) => /^s3:[A-Za-z]+:(\*|[A-Za-z]+)$/.test(String(e)))) throw new Error(`s3: bad event type in ${JSON.stringify(target.events)}`);
    }
    return { id: String(ctx.inputs.bucket), state: {} };
  },
};
