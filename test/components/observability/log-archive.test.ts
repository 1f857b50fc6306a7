import { strict as assert } from "assert";
import { CapturedResource } from "../../../offline";
import { input, named, ofType, renderStackFile } from "../../helpers/stacks";

const file = "blueprints/codemate/Pulumi.prod.yaml";
const T = {
  stream: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  filter: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  bucket: "aws:s3/bucket:Bucket",
  key: "aws:kms/key:Key",
};
const keys = ["service-frontend", "service-backend", "database-postgresql"];
const prefix = "codemate-prod-log-archive";

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: Record<string, string>; Condition?: Record<string, Record<string, string | string[]>> };
const statements = (text: unknown): Statement[] => (JSON.parse(String(text)) as { Statement: Statement[] }).Statement;
const byName = (resources: readonly CapturedResource[], type: string, name: string) => named(resources, type, name);
const underArchive = (resources: readonly CapturedResource[], type: string) => ofType(resources, type).filter((r) => r.name.startsWith(prefix));

describe("log archive (CodeMate prod: important logs to S3, 모니터링 및 로깅)", () => {
  let resources: readonly CapturedResource[];
  before(async () => {
    ({ resources } = await renderStackFile(file));
  });

  it("builds a stream and a subscription filter per archived group, two roles, one bucket", () => {
    assert.deepEqual(underArchive(resources, T.stream).map((r) => r.name).sort(), keys.map((k) => `${prefix}-${k}`).sort());
    assert.deepEqual(underArchive(resources, T.filter).map((r) => r.name).sort(), keys.map((k) => `${prefix}-${k}`).sort());
    assert.deepEqual(underArchive(resources, T.role).map((r) => r.name).sort(), [`${prefix}-firehose`, `${prefix}-logs`]);
    assert.deepEqual(underArchive(resources, T.bucket).map((r) => r.name), [`${prefix}-bucket`]);
  });

  it("subscribes every event of the application's and the database's groups, through the logs role", () => {
    const logsRole = byName(resources, T.role, `${prefix}-logs`);
    const groups = {
      "service-frontend": "/ecs/codemate-prod/frontend",
      "service-backend": "/ecs/codemate-prod/backend",
      "database-postgresql": "/aws/rds/instance/codemate-prod-db/postgresql",
    } as Record<string, string>;
    for (const key of keys) {
      const filter = byName(resources, T.filter, `${prefix}-${key}`);
      const stream = byName(resources, T.stream, `${prefix}-${key}`);
      assert.equal(input(filter, "logGroup"), groups[key]);
      assert.equal(input(filter, "filterPattern"), "");
      assert.equal(input(filter, "destinationArn"), stream.state.arn);
      assert.equal(input(filter, "roleArn"), logsRole.state.arn);
      // CloudWatch Logs checks the role when the filter is put: its policy is there first.
      assert.ok(filter.options.dependsOn.some((urn) => urn.endsWith(`::${prefix}-logs`)), key);
    }
  });

  it("encrypts each stream's buffer with the storage key and keeps CloudWatch Logs' gzip as it comes", () => {
    const storageKey = byName(resources, T.key, "codemate-prod-storage");
    const bucket = byName(resources, T.bucket, `${prefix}-bucket`);
    for (const key of keys) {
      const stream = byName(resources, T.stream, `${prefix}-${key}`);
      assert.equal(input(stream, "name"), `codemate-prod-archive-${key}`);
      assert.deepEqual(input(stream, "serverSideEncryption"), { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: storageKey.state.arn });
      const s3 = input<Record<string, unknown>>(stream, "extendedS3Configuration");
      assert.equal(s3.bucketArn, bucket.state.arn);
      assert.equal(s3.kmsKeyArn, storageKey.state.arn);
      assert.equal(s3.compressionFormat, "UNCOMPRESSED");
      assert.deepEqual([s3.bufferingInterval, s3.bufferingSize], [300, 5]);
      assert.equal(s3.prefix, `${key}/!{timestamp:yyyy/MM/dd}/`);
    }
  });

  it("lets CloudWatch Logs assume its role from the archived groups only, to put records into the three streams only", () => {
    const role = byName(resources, T.role, `${prefix}-logs`);
    const [trust] = statements(input(role, "assumeRolePolicy"));
    assert.deepEqual(trust.Principal, { Service: "logs.ap-northeast-2.amazonaws.com" });
    assert.deepEqual(trust.Condition?.StringEquals, { "aws:SourceAccount": "123456789012" });
    const arns = trust.Condition?.ArnLike["aws:SourceArn"] as string[];
    assert.equal(arns.length, 6);
    assert.ok(arns.includes("arn:aws:logs:ap-northeast-2:123456789012:log-group:/ecs/codemate-prod/backend:*"));
    const policy = statements(input(byName(resources, T.rolePolicy, `${prefix}-logs`), "policy"));
    assert.deepEqual(policy, [
      { Sid: "PutArchivedEvents", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: keys.map((k) => `arn:aws:firehose:ap-northeast-2:123456789012:deliverystream/codemate-prod-archive-${k}`) },
    ]);
  });

  it("lets Firehose write to the archive bucket alone, and use the key only through S3 for that bucket", () => {
    const role = byName(resources, T.role, `${prefix}-firehose`);
    const [trust] = statements(input(role, "assumeRolePolicy"));
    assert.deepEqual([trust.Principal, trust.Condition], [{ Service: "firehose.amazonaws.com" }, { StringEquals: { "sts:ExternalId": "123456789012" } }]);
    const bucketArn = String(byName(resources, T.bucket, `${prefix}-bucket`).state.arn);
    const [s3, kms] = statements(input(byName(resources, T.rolePolicy, `${prefix}-firehose`), "policy"));
    assert.deepEqual(s3.Action, ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"]);
    assert.deepEqual(s3.Resource, [bucketArn, `${bucketArn}/*`]);
    assert.deepEqual(kms.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
    assert.equal(kms.Resource, byName(resources, T.key, "codemate-prod-storage").state.arn);
    assert.deepEqual(kms.Condition, { StringEquals: { "kms:ViaService": "s3.ap-northeast-2.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] } });
  });

  it("keeps the archive in a protected, versioned, KMS-encrypted, TLS-only bucket with the seed's lifecycle", () => {
    const bucket = byName(resources, T.bucket, `${prefix}-bucket`);
    assert.equal(bucket.options.protect, true);
    assert.equal(input(bucket, "forceDestroy"), false);
    assert.equal(input(bucket, "bucket"), "codemate-prod-log-archive-123456789012-ap-northeast-2");
    const part = (type: string, suffix: string) => byName(resources, type, `${prefix}-bucket-${suffix}`);
    assert.deepEqual(input(part("aws:s3/bucketVersioning:BucketVersioning", "versioning"), "versioningConfiguration"), { status: "Enabled" });
    const [encryption] = input<{ applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[]>(part("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "encryption"), "rules");
    assert.equal(encryption.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
    const access = part("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access");
    assert.deepEqual(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map((k) => input(access, k)), [true, true, true, true]);
    assert.equal(statements(input(part("aws:s3/bucketPolicy:BucketPolicy", "policy"), "policy"))[0].Sid, "DenyInsecureTransport");
    // 스토리지 3. Logs Archive: Glacier after 90 days, deleted after a year (and the versioned copy a day later).
    const [rule] = input<Record<string, unknown>[]>(part("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lifecycle"), "rules");
    assert.deepEqual([rule.transitions, rule.expiration, rule.noncurrentVersionExpiration], [[{ days: 90, storageClass: "GLACIER" }], { days: 365 }, { noncurrentDays: 1 }]);
    // Its S3 access logs go to the stack's log bucket, whose policy admits them.
    assert.equal(input(part("aws:s3/bucketLogging:BucketLogging", "access-logs"), "targetPrefix"), "s3-access/log-archive/");
    const logPolicy = statements(input(byName(resources, "aws:s3/bucketPolicy:BucketPolicy", "codemate-prod-logs-policy"), "policy"));
    const admitted = logPolicy.find((s) => s.Sid === "S3WritesServerAccessLogs")?.Condition?.ArnEquals["aws:SourceArn"] as string[];
    assert.ok(admitted.includes("arn:aws:s3:::codemate-prod-log-archive-123456789012-ap-northeast-2"));
  });

  it("is absent where platform:logs.archive is not set (CodeMate dev)", async () => {
    const { resources: dev } = await renderStackFile("blueprints/codemate/Pulumi.dev.yaml");
    assert.deepEqual([ofType(dev, T.stream).length, ofType(dev, T.filter).length], [0, 0]);
  });
});
