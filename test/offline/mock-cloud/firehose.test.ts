import { strict as assert } from "assert";
import { firehoseResources } from "../../../offline/mock-cloud/aws/firehose";
import type { ModelContext } from "../../../offline/mock-cloud/model";

const stream = firehoseResources["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"];
const filter = firehoseResources["aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter"];
const ctx = (inputs: Record<string, unknown>): ModelContext => ({ type: "t", name: "archive", inputs, region: "ap-northeast-2", accountId: "123456789012", seed: "seed" });

const role = "arn:aws:iam::123456789012:role/firehose";
const destination = { bucketArn: "arn:aws:s3:::archive", roleArn: role };
const good = { name: "platform-prod-archive-service-backend", destination: "extended_s3", extendedS3Configuration: destination };

describe("mock cloud: Firehose streams and subscription filters, refused as the provider and AWS refuse them", () => {
  it("answers a stream with its ARN as id and arn", () => {
    const { id, state } = stream(ctx(good));
    assert.equal(id, "arn:aws:firehose:ap-northeast-2:123456789012:deliverystream/platform-prod-archive-service-backend");
    assert.equal(state.arn, id);
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ["a name over 64 characters", { ...good, name: "x".repeat(65) }, /must be 1-64 characters/],
    ["no S3 configuration", { name: "a", destination: "extended_s3" }, /needs extendedS3Configuration/],
    ["a role that is no ARN", { ...good, extendedS3Configuration: { ...destination, roleArn: "firehose" } }, /roleArn must be an ARN/],
    ["a buffer over 128 MiB", { ...good, extendedS3Configuration: { ...destination, bufferingSize: 129 } }, /outside Firehose's 1-128 MiB/],
    ["a buffer interval over 900 s", { ...good, extendedS3Configuration: { ...destination, bufferingInterval: 901 } }, /outside Firehose's 0-900 seconds/],
    ["a customer key type without a key", { ...good, serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" } }, /needs keyArn/],
  ];
  for (const [what, inputs, message] of refusals) it(`refuses ${what}`, () => assert.throws(() => stream(ctx(inputs)), message));

  it("accepts a filter into a stream with the role CloudWatch Logs assumes, and refuses one without it", () => {
    const inputs = { name: "platform-prod-archive", logGroup: "/ecs/platform-prod/backend", filterPattern: "", destinationArn: "arn:aws:firehose:ap-northeast-2:123456789012:deliverystream/s", roleArn: role };
    assert.equal(filter(ctx(inputs)).id, "cwlsf-/ecs/platform-prod/backend-platform-prod-archive");
    assert.throws(() => filter(ctx({ ...inputs, roleArn: undefined })), /a Firehose destination needs roleArn/);
    assert.throws(() => filter(ctx({ ...inputs, filterPattern: undefined })), /filterPattern is required/);
  });
});
