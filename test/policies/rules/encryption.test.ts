import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import {
  backupVaultEncrypted,
  databaseEncrypted,
  databaseKmsKey,
  ecrEncrypted,
  firehoseEncryption,
  logsEncrypted,
  messagingEncrypted,
  s3Encrypted,
  secretsEncrypted,
  volumesEncrypted,
} from "../../../policies/rules/encryption";
import { res, urnOf, validate, validateStack } from "../../helpers/policy";

const key = "arn:aws:kms:ap-northeast-2:123456789012:key/1111";

describe("policy: encryption at rest", () => {
  describe("database-encrypted", () => {
    it("passes encrypted RDS, Aurora, Redis and a same-region replica that inherits", async () => {
      for (const r of [
        res(T.rdsInstance, "db", { storageEncrypted: true, kmsKeyId: key }),
        res(T.rdsCluster, "aurora", { storageEncrypted: true }),
        res(T.rdsInstance, "replica", { replicateSourceDb: "platform-prod-db" }),
        res(T.cacheReplicationGroup, "redis", { atRestEncryptionEnabled: true }),
        res(T.cacheCluster, "member", { replicationGroupId: "platform-prod-redis" }),
      ]) {
        assert.deepEqual((await validate(databaseEncrypted, r)).violations, [], r.name);
      }
    });

    it("fails unencrypted storage, Redis without at-rest encryption and a stand-alone cache cluster", async () => {
      assert.deepEqual((await validate(databaseEncrypted, res(T.rdsInstance, "db", {}))).violations, ["storage is not encrypted: set storageEncrypted: true"]);
      assert.deepEqual((await validate(databaseEncrypted, res(T.rdsCluster, "aurora", { storageEncrypted: false }))).violations, ["storage is not encrypted: set storageEncrypted: true"]);
      assert.deepEqual((await validate(databaseEncrypted, res(T.cacheReplicationGroup, "redis", {}))).violations, ["at-rest encryption is off: set atRestEncryptionEnabled: true"]);
      assert.deepEqual((await validate(databaseEncrypted, res(T.cacheCluster, "memcached", { engine: "memcached" }))).violations, [
        "a stand-alone ElastiCache cluster cannot encrypt at rest: use a replication group",
      ]);
    });

    it("does not pass an unknown flag: it reports it as not judged during preview", async () => {
      const outcome = await validate(databaseEncrypted, res(T.rdsInstance, "db", { storageEncrypted: unknownValue }));
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /storageEncrypted can't be known during preview/);
    });
  });

  describe("database-kms-key", () => {
    it("passes a customer key (known or not yet known) and a replica using its source's key", async () => {
      for (const r of [
        res(T.rdsInstance, "db", { kmsKeyId: key }),
        res(T.rdsCluster, "aurora", { kmsKeyId: unknownValue }),
        res(T.cacheReplicationGroup, "redis", { kmsKeyId: key }),
        res(T.rdsInstance, "replica", { replicateSourceDb: "db" }),
      ]) {
        const outcome = await validate(databaseKmsKey, r);
        assert.deepEqual([outcome.violations, outcome.unknown], [[], undefined], r.name);
      }
    });

    it("fails the AWS-managed default key", async () => {
      assert.deepEqual((await validate(databaseKmsKey, res(T.rdsCluster, "aurora", { storageEncrypted: true }))).violations, [
        "encrypted with the AWS-managed key: set kmsKeyId to a customer-managed key",
      ]);
    });
  });

  describe("s3-encrypted", () => {
    const bucket = res(T.bucket, "files", { id: "files-1234567", bucket: "files-1234567", arn: "arn:aws:s3:::files-1234567" });
    const sse = (bucketRef: string, deps?: Record<string, string[]>) =>
      res(T.bucketEncryption, "files-encryption", { bucket: bucketRef, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key } }] }, { propertyDependencies: deps });

    it("passes a bucket with an encryption configuration, linked by id or (in a preview) by property dependency", async () => {
      assert.deepEqual((await validateStack(s3Encrypted, [bucket, sse("files-1234567")])).violations, []);
      const preview = await validateStack(s3Encrypted, [{ ...bucket, props: { bucket: unknownValue } }, sse(unknownValue, { bucket: [bucket.urn] })]);
      assert.deepEqual([preview.violations, preview.unknown], [[], undefined]);
    });

    it("fails a bucket with no configuration, naming the bucket", async () => {
      const outcome = await validateStack(s3Encrypted, [bucket, sse("other-bucket")]);
      assert.deepEqual(outcome.violations, ["bucket files has no server-side encryption configuration"]);
      assert.deepEqual(outcome.urns, [bucket.urn]);
    });

    it("reports an undecidable link as not judged instead of passing or failing", async () => {
      const outcome = await validateStack(s3Encrypted, [bucket, sse(unknownValue)]);
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /files: which bucket files-encryption configures/);
    });

    it("fails a configuration resource without an algorithm", async () => {
      assert.deepEqual((await validate(s3Encrypted, res(T.bucketEncryption, "bad", { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: {} }] }))).violations, [
        "rules[0] sets no default encryption algorithm",
      ]);
    });
  });

  describe("volumes-encrypted", () => {
    const encryptedTemplate = { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20 } }] };
    it("passes encrypted volumes, templates, instances, node groups and storage classes", async () => {
      for (const r of [
        res(T.ebsVolume, "data", { availabilityZone: "ap-northeast-2a", encrypted: true }),
        res(T.launchTemplate, "nodes", encryptedTemplate),
        res(T.instance, "nat", { rootBlockDevice: { encrypted: true } }),
        res(T.instance, "templated", { launchTemplate: { id: "lt-1" } }),
        res(T.eksNodeGroup, "ng", { launchTemplate: { id: "lt-1", version: "1" } }),
        res(T.eksComponentCluster, "eks", { skipDefaultNodeGroup: true }),
        res(T.eksComponentCluster, "eks-default-ng", { nodeRootVolumeEncrypted: true }),
        res(T.k8sStorageClass, "gp3", { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } }),
        res(T.k8sStorageClass, "efs", { provisioner: "efs.csi.aws.com", parameters: {} }),
      ]) {
        assert.deepEqual((await validate(volumesEncrypted, r)).violations, [], r.name);
      }
    });

    it("fails each unencrypted disk with the property to set", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [res(T.ebsVolume, "data", { availabilityZone: "a" }), ["volume is not encrypted: set encrypted: true"]],
        [res(T.launchTemplate, "nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }), ['block device /dev/xvda is not encrypted: set ebs.encrypted "true"']],
        [res(T.launchTemplate, "bare", {}), ["no block device mappings: the root volume takes the AMI's default, which is unencrypted"]],
        [res(T.instance, "vm", { ebsBlockDevices: [{ deviceName: "/dev/sdf" }] }), ["root volume is not encrypted: set rootBlockDevice.encrypted: true", "EBS device /dev/sdf is not encrypted"]],
        [res(T.eksNodeGroup, "ng", { scalingConfig: {} }), ["no launch template: the nodes' root volumes are not encrypted"]],
        [res(T.eksComponentCluster, "eks", {}), ["the default node group's root volumes are not encrypted: set nodeRootVolumeEncrypted: true or skipDefaultNodeGroup: true"]],
        [res(T.k8sStorageClass, "gp3", { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } }), ['EBS storage class without parameters.encrypted "true": its volumes are unencrypted']],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(volumesEncrypted, r)).violations, expected, r.name);
    });
  });

  describe("messaging-encrypted", () => {
    it("passes KMS queues and topics and SQS-managed SSE", async () => {
      for (const r of [res(T.queue, "q", { kmsMasterKeyId: key }), res(T.queue, "sse", { sqsManagedSseEnabled: true }), res(T.topic, "t", { kmsMasterKeyId: key })]) {
        assert.deepEqual((await validate(messagingEncrypted, r)).violations, [], r.name);
      }
    });
    it("fails unencrypted queues and topics", async () => {
      assert.deepEqual((await validate(messagingEncrypted, res(T.queue, "q", {}))).violations, ["queue is not encrypted: set kmsMasterKeyId or sqsManagedSseEnabled"]);
      assert.deepEqual((await validate(messagingEncrypted, res(T.topic, "t", {}))).violations, ["topic is not encrypted: set kmsMasterKeyId"]);
    });
  });

  describe("logs-encrypted", () => {
    it("passes log groups and trails with a key", async () => {
      assert.deepEqual((await validate(logsEncrypted, res(T.logGroup, "lg", { kmsKeyId: key, retentionInDays: 30 }))).violations, []);
      assert.deepEqual((await validate(logsEncrypted, res(T.trail, "trail", { kmsKeyId: key, s3BucketName: "b" }))).violations, []);
    });
    it("fails them without one", async () => {
      assert.deepEqual((await validate(logsEncrypted, res(T.logGroup, "lg", { retentionInDays: 30 }))).violations, ["log group has no KMS key: set kmsKeyId"]);
      assert.deepEqual((await validate(logsEncrypted, res(T.trail, "trail", { s3BucketName: "b" }))).violations, ["trail has no KMS key: set kmsKeyId"]);
    });
  });

  describe("secrets-encrypted", () => {
    it("passes keyed secrets, keyed Lambda environments, functions without variables and envelope-encrypted EKS", async () => {
      for (const r of [
        res(T.secret, "s", { kmsKeyId: key }),
        res(T.lambdaFunction, "fn", { environment: { variables: { BUCKET: "b" } }, kmsKeyArn: key }),
        res(T.lambdaFunction, "bare", {}),
        res(T.eksCluster, "eks", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: key } } }),
        res(T.eksComponentCluster, "eks-c", { encryptionConfigKeyArn: key }),
      ]) {
        assert.deepEqual((await validate(secretsEncrypted, r)).violations, [], r.name);
      }
    });
    it("fails the AWS-managed or missing keys", async () => {
      assert.deepEqual((await validate(secretsEncrypted, res(T.secret, "s", {}))).violations, ["secret uses the AWS-managed key: set kmsKeyId"]);
      assert.deepEqual((await validate(secretsEncrypted, res(T.lambdaFunction, "fn", { environment: { variables: { BUCKET: "b" } } }))).violations, ["environment variables without kmsKeyArn"]);
      assert.deepEqual((await validate(secretsEncrypted, res(T.eksCluster, "eks", {}))).violations, [
        'Kubernetes secrets are not envelope-encrypted: set encryptionConfig { resources: ["secrets"], provider.keyArn }',
      ]);
      assert.deepEqual((await validate(secretsEncrypted, res(T.eksComponentCluster, "eks-c", {}))).violations, ["Kubernetes secrets are not envelope-encrypted: set encryptionConfigKeyArn"]);
    });
  });

  describe("backup-vault-encrypted and ecr-encrypted", () => {
    it("pass KMS-encrypted vaults and repositories", async () => {
      assert.deepEqual((await validate(backupVaultEncrypted, res(T.backupVault, "v", { kmsKeyArn: key }))).violations, []);
      assert.deepEqual((await validate(ecrEncrypted, res(T.ecrRepository, "r", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key }] }))).violations, []);
    });
    it("fail the defaults", async () => {
      assert.deepEqual((await validate(backupVaultEncrypted, res(T.backupVault, "v", {}))).violations, ["vault uses the AWS-managed key: set kmsKeyArn"]);
      assert.deepEqual((await validate(ecrEncrypted, res(T.ecrRepository, "r", {}))).violations, ["images are encrypted with AES256 (the default): use encryptionType KMS"]);
      assert.deepEqual((await validate(ecrEncrypted, res(T.ecrRepository, "r2", { encryptionConfigurations: [{ encryptionType: "AES256" }] }))).violations, [
        "images are encrypted with AES256: use encryptionType KMS",
      ]);
    });
  });

  describe("firehose-encryption", () => {
    const stream = (props: Record<string, unknown>) => res(T.firehoseStream, "archive", { name: "platform-prod-archive-service-backend", destination: "extended_s3", ...props });

    it("passes SSE with a customer-managed key, and a stream reading a Kinesis data stream (the source's encryption applies)", async () => {
      assert.deepEqual((await validate(firehoseEncryption, stream({ serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: key } }))).violations, []);
      assert.deepEqual((await validate(firehoseEncryption, stream({ kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:ap-northeast-2:123456789012:stream/s" } }))).violations, []);
    });

    it("fails a stream without SSE, with the AWS-owned key, or with a customer key type but no key", async () => {
      assert.deepEqual((await validate(firehoseEncryption, stream({}))).violations, ["buffers records unencrypted: set serverSideEncryption { enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn }"]);
      assert.deepEqual((await validate(firehoseEncryption, stream({ serverSideEncryption: { enabled: false } }))).violations, ["buffers records unencrypted: set serverSideEncryption { enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn }"]);
      assert.deepEqual((await validate(firehoseEncryption, stream({ serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } }))).violations, [
        "encrypts with an AWS-owned key: set keyType CUSTOMER_MANAGED_CMK and keyArn to a customer-managed key",
      ]);
      assert.deepEqual((await validate(firehoseEncryption, stream({ serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" } }))).violations, ["keyType CUSTOMER_MANAGED_CMK without keyArn"]);
    });

    it("does not judge an unknown encryption flag during preview", async () => {
      const outcome = await validate(firehoseEncryption, stream({ serverSideEncryption: { enabled: unknownValue } }));
      assert.deepEqual(outcome.violations, []);
      assert.match(outcome.unknown ?? "", /serverSideEncryption can't be known during preview/);
    });
  });

  it("skips types a rule does not judge", async () => {
    assert.deepEqual(await validate(databaseEncrypted, res(T.queue, "q", {})), { violations: [] });
    assert.equal(urnOf(T.queue, "q"), "urn:pulumi:test::aws-platform::aws:sqs/queue:Queue::q");
  });
});
