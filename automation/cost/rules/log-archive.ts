import { num, record } from "../graph";
import { CostLine, resourceLine, ResourceRule, UsageRule, usageLine } from "../model";

/**
 * The log archive (`platform:logs.archive`). Priced:
 * - the archive bucket's storage per class (`usage.logArchive.standardGb`, `glacierGb`);
 * - each stream's objects: Firehose writes one object per buffer interval when logs flow steadily
 *   (the size hint only cuts it shorter), each a PUT, and each later moved to Glacier by the
 *   lifecycle (one transition request per object, S3 pricing "Lifecycle Transition Requests");
 * - the subscription filters: free (CloudWatch pricing bills the logs ingested, not subscriptions;
 *   automation/cost/free.ts).
 * Not priced: Firehose ingestion per GB. No stored machine-generated price data holds Amazon Data
 * Firehose (the AmazonKinesisFirehose offer): the estimate reports it missing rather than invent it.
 */
export const firehoseStream = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

/** The one price the estimate knows it lacks (docs/cost-model.md, "Prices"). */
export const firehoseIngestionGap = "Amazon Data Firehose: GB ingested (usage.logArchive.ingestedGb); no stored price data for it";

const stream: ResourceRule = (s, ctx) => {
  const interval = num(record(s.inputs.extendedS3Configuration), "bufferingInterval") ?? 300;
  if (interval === 0) {
    ctx.warn(`${s.name}: zero buffering writes an object per record batch; its PUTs are not priced`);
    return [];
  }
  const objects = (ctx.hours * 3600) / interval;
  const lines: CostLine[] = [
    resourceLine(s, ctx, { service: "S3", item: `${s.name}: archive objects written, one per ${interval} s`, quantity: objects / 1000, price: ctx.prices.s3.putRequests1k }),
  ];
  if (ctx.usage.logArchive.glacierGb > 0) {
    lines.push(resourceLine(s, ctx, { service: "S3", item: `${s.name}: archive objects moved to Glacier`, quantity: objects / 1000, price: ctx.prices.s3.glacierTransitions1k }));
  }
  return lines;
};

export const logArchiveRules: Readonly<Record<string, ResourceRule>> = { [firehoseStream]: stream };

export const logArchiveUsageRules: readonly UsageRule[] = [
  (ctx) => {
    const streams = ctx.index.ofType(firehoseStream);
    if (streams.length === 0) return [];
    const usage = ctx.usage.logArchive;
    if (usage.ingestedGb > 0) ctx.missing(firehoseIngestionGap);
    const tier = ctx.tierOf(streams[0]);
    const classes = [
      ["log archive in S3 Standard", usage.standardGb, ctx.prices.s3.standardGbMonth],
      ["log archive in S3 Glacier Flexible Retrieval", usage.glacierGb, ctx.prices.s3.glacierGbMonth],
    ] as const;
    return classes.filter(([, amount]) => amount > 0).map(([item, amount, rate]) => usageLine(tier, streams, { service: "S3", item: `${item} (usage.logArchive)`, quantity: amount, price: rate }));
  },
];
