import { strict as assert } from "assert";
import type * as aws from "@pulumi/aws";
import { CapturedResource } from "../../../offline";
import { statementsOf } from "../../helpers/iam";
import { outputsOf } from "../../helpers/outputs";
import { accountOf, input, named, ofType, renderStack, StackName, state } from "../../helpers/stacks";

const T = {
  bucket: "aws:s3/bucket:Bucket",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  cors: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  logging: "aws:s3/bucketLogging:BucketLogging",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  repository: "aws:ecr/repository:Repository",
  repositoryLifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
};

const regions: Record<StackName, string> = { dev: "ap-northeast-2", staging: "ap-northeast-2", prod: "ap-northeast-2", "prod-dr": "ap-northeast-1" };
const elbAccounts: Record<string, string> = { "ap-northeast-2": "600734575887", "ap-northeast-1": "582318560864" };
const origins: Partial<Record<StackName, string>> = {
  dev: "https://platform-dev.example.com",
  staging: "https://platform-staging.example.com",
  prod: "https://platform.example.com",
};

/** Bucket keys per stack: prod-dr keeps only the standby's static origin (the files replica is the DR tier's). */
const bucketKeys: Record<StackName, string[]> = { dev: ["files", "static"], staging: ["files", "static"], prod: ["files", "static"], "prod-dr": ["static"] };

/** Resources of one SecureBucket of the storage tier, by logical-name suffix. */
function bucketParts(resources: readonly CapturedResource[], stack: StackName, key: string) {
  const base = key === "logs" ? `platform-${stack}-logs` : `platform-${stack}-bucket-${key}`;
  const part = (type: string, suffix: string) => resources.find((r) => r.type === type && r.name === `${base}${suffix}`);
  return {
    bucket: named(resources, T.bucket, base),
    publicAccess: part(T.publicAccess, "-public-access"),
    ownership: part(T.ownership, "-ownership"),
    encryption: part(T.encryption, "-encryption"),
    versioning: part(T.versioning, "-versioning"),
    lifecycle: part(T.lifecycle, "-lifecycle"),
    cors: part(T.cors, "-cors"),
    logging: part(T.logging, "-access-logs"),
    policy: part(T.policy, "-policy"),
  };
}

describe("storage tier", () => {
  for (const stack of ["dev", "staging", "prod", "prod-dr"] as const) {
    describe(stack, () => {
      const keys = ["logs", ...bucketKeys[stack]];
      const region = regions[stack];
      const protect = stack === "prod" || stack === "prod-dr";

      it("registers the log bucket, the configured buckets and two repositories, named per account and region", async () => {
        const { resources } = await renderStack(stack);
        const storageBuckets = ofType(resources, T.bucket).filter((b) => b.name.startsWith(`platform-${stack}-logs`) || b.name.startsWith(`platform-${stack}-bucket-`));
        assert.deepEqual(storageBuckets.map((b) => input(b, "bucket")).sort(), keys.map((k) => `platform-${stack}-${k}-${accountOf(stack)}-${region}`).sort());
        assert.equal(ofType(resources, T.repository).length, 2);
        assert.equal(ofType(resources, T.repositoryLifecycle).length, 2);
      });

      it("blocks public access, enforces ownership and denies plain HTTP on every bucket", async () => {
        const { resources } = await renderStack(stack);
        for (const key of keys) {
          const parts = bucketParts(resources, stack, key);
          const bucket = state<string>(parts.bucket, "bucket");
          assert.deepEqual(parts.publicAccess?.inputs, { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, key);
          assert.deepEqual(input(parts.ownership!, "rule"), { objectOwnership: "BucketOwnerEnforced" }, key);
          const policy = JSON.parse(String(input(parts.policy!, "policy")));
          assert.deepEqual(policy.Statement[0], {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          });
        }
      });

      it("encrypts product buckets with the storage key and the log bucket with SSE-S3", async () => {
        const result = await renderStack(stack);
        for (const key of keys) {
          const rule = input<aws.types.output.s3.BucketServerSideEncryptionConfigurationRule[]>(bucketParts(result.resources, stack, key).encryption!, "rules")[0];
          const want =
            key === "logs"
              ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }
              : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: outputsOf(result).kmsKeyArns.storage }, bucketKeyEnabled: true };
          assert.deepEqual(rule, want, key);
        }
      });

      it("applies the seeds' lifecycle rules", async () => {
        const { resources } = await renderStack(stack);
        const rules = (key: string) => input<aws.types.output.s3.BucketLifecycleConfigurationRule[]>(bucketParts(resources, stack, key).lifecycle!, "rules");
        assert.deepEqual(rules("logs"), [
          { id: "archive", status: "Enabled", filter: { prefix: "" }, transitions: [{ days: 90, storageClass: "GLACIER" }], expiration: { days: 365 } },
        ]);
        assert.deepEqual(rules("static"), [{ id: "expire", status: "Enabled", filter: { prefix: "" }, transitions: [], expiration: { days: 30 } }]);
        if (keys.includes("files")) {
          assert.deepEqual(rules("files"), [
            {
              id: "tiering",
              status: "Enabled",
              filter: { prefix: "" },
              transitions: [
                { days: 30, storageClass: "STANDARD_IA" },
                { days: 90, storageClass: "GLACIER_IR" },
                { days: 365, storageClass: "DEEP_ARCHIVE" },
              ],
              noncurrentVersionExpiration: { noncurrentDays: 30 },
            },
          ]);
        }
      });

      it("versions user files only, and gives them seed 001's CORS rule for the app's origin", async () => {
        const { resources } = await renderStack(stack);
        for (const key of keys) {
          const parts = bucketParts(resources, stack, key);
          assert.equal(parts.versioning !== undefined, key === "files", key);
          assert.equal(parts.cors !== undefined, key === "files", key);
        }
        if (keys.includes("files")) {
          const parts = bucketParts(resources, stack, "files");
          assert.deepEqual(input(parts.versioning!, "versioningConfiguration"), { status: "Enabled" });
          assert.deepEqual(input(parts.cors!, "corsRules"), [
            { allowedOrigins: [origins[stack]], allowedMethods: ["GET", "PUT", "POST", "DELETE"], allowedHeaders: ["*"], maxAgeSeconds: 3000 },
          ]);
        }
      });

      it("logs every product bucket's access to the log bucket, which grants exactly those buckets and the region's load balancers", async () => {
        const { resources } = await renderStack(stack);
        const logBucket = `platform-${stack}-logs-${accountOf(stack)}-${region}`;
        assert.equal(bucketParts(resources, stack, "logs").logging, undefined, "the log bucket does not log into itself");
        for (const key of bucketKeys[stack]) {
          const logging = bucketParts(resources, stack, key).logging!;
          assert.deepEqual([input(logging, "targetBucket"), input(logging, "targetPrefix")], [logBucket, `s3-access/${key}/`]);
        }
        const statements = statementsOf(input(bucketParts(resources, stack, "logs").policy!, "policy"));
        const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
        // prod runs CloudFront, whose access logs arrive from us-east-1 (edge tier).
        const cloudFront = stack === "prod" ? ["LogDeliveryWritesCloudFrontLogs"] : [];
        assert.deepEqual(Object.keys(bySid), ["DenyInsecureTransport", "LoadBalancerWritesAccessLogs", "LogDeliveryChecksAcl", "LogDeliveryWritesNlbLogs", ...cloudFront, "S3WritesServerAccessLogs"]);
        assert.deepEqual(bySid.LoadBalancerWritesAccessLogs.Principal, { AWS: `arn:aws:iam::${elbAccounts[region]}:root` });
        assert.equal(bySid.LoadBalancerWritesAccessLogs.Resource, `arn:aws:s3:::${logBucket}/alb/AWSLogs/${accountOf(stack)}/*`);
        assert.deepEqual(bySid.S3WritesServerAccessLogs.Condition, {
          StringEquals: { "aws:SourceAccount": accountOf(stack) },
          // A standby's log bucket also takes the access logs of the dr tier's files replica, and a
          // stack with the audit trail those of the trail's bucket (audit-bucket-access-logs).
          ArnEquals: {
            "aws:SourceArn": [
              ...[...bucketKeys[stack], ...(stack === "prod-dr" ? ["files"] : [])].map((k) => `arn:aws:s3:::platform-${stack}-${k}-${accountOf(stack)}-${region}`),
              ...ofType(resources, "aws:s3/bucket:Bucket")
                .filter((b) => b.name === `platform-${stack}-trail`)
                .map((b) => `arn:aws:s3:::${b.id}`),
            ],
          },
        });
        for (const statement of statements.slice(1)) {
          assert.equal(statement.Effect, "Allow");
          assert.equal(typeof statement.Action, "string", "one action per grant");
          assert.ok(!String(statement.Action).includes("*"), statement.Sid);
        }
      });

      it(protect ? "protects the buckets and keeps their objects on destroy" : "lets destroy empty and remove the buckets", async () => {
        const { resources } = await renderStack(stack);
        for (const key of keys) {
          const { bucket } = bucketParts(resources, stack, key);
          assert.equal(input(bucket, "forceDestroy"), !protect, key);
          assert.equal(bucket.options.protect, protect, key);
        }
        for (const repository of ofType(resources, T.repository)) assert.equal(input(repository, "forceDelete"), !protect);
      });

      it("creates immutable, scanned, KMS-encrypted repositories keeping the last 10 images (seed 001)", async () => {
        const result = await renderStack(stack);
        const namespace = stack === "prod-dr" ? "platform-prod" : `platform-${stack}`;
        const repositories = ofType(result.resources, T.repository);
        assert.deepEqual(repositories.map((r) => input(r, "name")).sort(), [`${namespace}/backend`, `${namespace}/frontend`]);
        for (const repository of repositories) {
          assert.equal(input(repository, "imageTagMutability"), "IMMUTABLE");
          assert.deepEqual(input(repository, "imageScanningConfiguration"), { scanOnPush: true });
          assert.deepEqual(input(repository, "encryptionConfigurations"), [{ encryptionType: "KMS", kmsKey: outputsOf(result).kmsKeyArns.storage }]);
        }
        for (const policy of ofType(result.resources, T.repositoryLifecycle)) {
          assert.deepEqual(JSON.parse(String(input(policy, "policy"))).rules[0].selection, { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 });
        }
        assert.equal(outputsOf(result).repositories.frontend.repositoryUrl, `${accountOf(stack)}.dkr.ecr.${region}.amazonaws.com/${namespace}/frontend`);
      });

      it("exports bucket names, ARNs and the replication and backup flags", async () => {
        const result = await renderStack(stack);
        const { buckets, logBucket } = outputsOf(result);
        assert.deepEqual(Object.keys(buckets).sort(), [...bucketKeys[stack]].sort());
        assert.equal(logBucket.bucketName, `platform-${stack}-logs-${accountOf(stack)}-${region}`);
        assert.equal(logBucket.arn, `arn:aws:s3:::${logBucket.bucketName}`);
        for (const key of bucketKeys[stack]) assert.equal(buckets[key].arn, `arn:aws:s3:::platform-${stack}-${key}-${accountOf(stack)}-${region}`);
        const flagged = (flag: "replicate" | "backup") => Object.keys(buckets).filter((k) => buckets[k][flag]);
        // Seed 003: user data replicated to Tokyo and backed up; only prod holds it.
        assert.deepEqual(flagged("replicate"), stack === "prod" ? ["files"] : []);
        assert.deepEqual(flagged("backup"), stack === "prod" ? ["files"] : []);
      });

      it("tags every taggable storage and data resource with its tier", async () => {
        const { resources } = await renderStack(stack);
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const tierOf = (r: CapturedResource): string | undefined => {
          for (let node = byUrn.get(r.parent ?? ""); node; node = byUrn.get(node.parent ?? "")) {
            const match = /^platform:(data|storage):/.exec(node.type);
            if (match) return match[1];
          }
          return undefined;
        };
        const taggableTypes = [T.bucket, T.repository, "aws:rds/instance:Instance", "aws:rds/parameterGroup:ParameterGroup", "aws:rds/subnetGroup:SubnetGroup", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:secretsmanager/secret:Secret", "aws:cloudwatch/logGroup:LogGroup"];
        const tiered = resources.filter((r) => tierOf(r) && taggableTypes.includes(r.type));
        // prod-dr's data tier is only its own cache (group, AUTH secret and its rotation's log
        // group), which the dr tier builds; elsewhere the database's and the cache's rotations add a log group each.
        assert.equal(tiered.length, keys.length + 2 + (stack === "prod-dr" ? 3 : 8 + (stack === "dev" ? 0 : 2)));
        for (const resource of tiered) assert.equal(input<Record<string, string>>(resource, "tags")?.Tier, tierOf(resource), resource.name);
      });
    });
  }
});
