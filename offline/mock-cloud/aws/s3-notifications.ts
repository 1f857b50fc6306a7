import { ResourceModel } from "../model";

export const s3NotificationResources: Record<string, ResourceModel> = {
  // One notification configuration per bucket: S3 replaces it whole on every put.
  "aws:s3/bucketNotification:BucketNotification": (ctx) => {
    for (const target of ctx.inputs.lambdaFunctions ?? []) {
      if (!(target.events ?? []).every((e: string) => /^s3:[A-Za-z]+:(\*|[A-Za-z]+)$/.test(e))) throw new Error(`s3: bad event type in ${JSON.stringify(target.events)}`);
    }
    return { id: String(ctx.inputs.bucket), state: {} };
  },
};
