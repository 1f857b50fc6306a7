// A synthetic program for scripts/bench.ts: registers BENCH_RESOURCES S3 buckets.
import * as aws from "@pulumi/aws";

const count = Number(process.env.BENCH_RESOURCES ?? "300");
for (let i = 0; i < count; i++) {
  new aws.s3.Bucket(`bench-${i}`, { forceDestroy: true });
}
export {};
