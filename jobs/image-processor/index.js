"use strict";
// Seed 004's image processor, triggered by S3 object-created events on the uploads prefix. For
// each new image it reads the header, and writes the format and pixel size as JSON metadata
// under METADATA_PREFIX (outside the trigger prefix, so the job never triggers itself). The
// storefront reads the metadata to lay out images before they load.
const { imageInfo } = require("./image-info");

const headerBytes = 65536;

function makeHandler(deps) {
  return async function handler(event) {
    const prefix = requiredEnv(deps.env, "METADATA_PREFIX");
    const results = [];
    for (const record of event.Records ?? []) {
      const bucket = record.s3.bucket.name;
      // S3 URL-encodes keys in events, with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
      const bytes = await deps.readRange(bucket, key, headerBytes);
      const info = imageInfo(bytes);
      if (!info) {
        deps.log({ level: "WARN", message: "not an image; skipped", bucket, key });
        results.push({ key, skipped: true });
        continue;
      }
      const metadata = { bucket, key, size: record.s3.object.size, ...info, processedAt: deps.now().toISOString() };
      await deps.writeJson(bucket, `${prefix}${key}.json`, metadata);
      deps.log({ level: "INFO", message: "image recorded", ...metadata });
      results.push({ key, ...info });
    }
    return { processed: results.length, results };
  };
}

function requiredEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** The Lambda runtime's AWS SDK v3, loaded on first use. */
function awsDependencies() {
  const { S3Client, GetObjectCommand, PutObjectCommand } = require("@aws-sdk/client-s3");
  const s3 = new S3Client({});
  return {
    env: process.env,
    now: () => new Date(),
    log: (entry) => console.log(JSON.stringify(entry)),
    readRange: async (bucket, key, length) => {
      const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${length - 1}` }));
      return response.Body.transformToByteArray();
    },
    writeJson: (bucket, key, body) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(body), ContentType: "application/json" })),
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
