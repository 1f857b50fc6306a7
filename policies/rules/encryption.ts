/** Encryption at rest: every store the platform can create keeps its data encrypted, mostly with our KMS keys. */
import { PlatformRule, rule } from "../lib/rule";
import { buckets, T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { isTrue, list, present, text } from "../lib/values";

export const databaseEncrypted = rule({
  name: "database-encrypted",
  description: "Databases and caches encrypt their storage at rest.",
  theme: "encryption",
  scope: "mandatory",
  fix: "RDS/Aurora: storageEncrypted: true with kmsKeyId; ElastiCache: a replication group with atRestEncryptionEnabled: true.",
  controls: { cdkNag: ["AwsSolutions-RDS2",  "AwsSolutions-AEC3"], checkov: ["CKV_AWS_16",  "CKV_AWS_96",  "CKV_AWS_29"], cis: ["2.3.1"], awsguard: ["rds-storage-encrypted"] },
  types: [T.rdsInstance, T.rdsCluster, T.cacheReplicationGroup, T.cacheCluster],
  checkResource(r, c) {
    const p = r.props;
    if (r.type === T.rdsInstance || r.type === T.rdsCluster) {
      if (c.unknown(p.storageEncrypted, "storageEncrypted")) return;
      // A same-region read replica inherits the source's encryption; the source is judged.
      if (r.type === T.rdsInstance && present(p.replicateSourceDb) && p.storageEncrypted === undefined) return;
      if (p.storageEncrypted !== true) c.report("storage is not encrypted: set storageEncrypted: true");
    } else if (r.type === T.cacheReplicationGroup) {
      if (c.unknown(p.atRestEncryptionEnabled, "atRestEncryptionEnabled")) return;
      if (p.atRestEncryptionEnabled !== true) c.report("at-rest encryption is off: set atRestEncryptionEnabled: true");
    } else if (!present(p.replicationGroupId)) {
      c.report("a stand-alone ElastiCache cluster cannot encrypt at rest: use a replication group");
    }
  },
});

export const databaseKmsKey = rule({
  name: "database-kms-key",
  description: "Databases and caches are encrypted with a customer-managed KMS key (not the AWS-managed default).",
  theme: "encryption",
  scope: "per-environment",
  fix: "Pass the security tier's data key as kmsKeyId.",
  controls: { checkov: ["CKV_AWS_191",  "CKV_AWS_327"] },
  types: [T.rdsInstance, T.rdsCluster, T.cacheReplicationGroup],
  checkResource(r, c) {
    const p = r.props;
    if (r.type === T.rdsInstance && present(p.replicateSourceDb) && !present(p.kmsKeyId)) return; // same-region replica: the source's key
    if (!present(p.kmsKeyId)) c.report("encrypted with the AWS-managed key: set kmsKeyId to a customer-managed key");
  },
});

const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

/** What the checks read of an S3 server-side encryption rule. */
interface EncryptionRule {
  readonly applyServerSideEncryptionByDefault?: { readonly sseAlgorithm?: unknown };
}

export const s3Encrypted = rule({
  name: "s3-encrypted",
  description: "Every S3 bucket has an explicit default-encryption configuration (SSE-KMS, or SSE-S3 where a service cannot use KMS).",
  theme: "encryption",
  scope: "mandatory",
  fix: "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket (SecureBucket does).",
  controls: { checkov: ["CKV_AWS_19"] },
  types: [T.bucketEncryption, T.bucketEncryptionV2],
  checkResource(r, c) {
    if (c.unknown(r.props.rules, "rules")) return;
    for (const [i, item] of list<EncryptionRule | undefined>(r.props.rules).entries()) {
      const algorithm = item?.applyServerSideEncryptionByDefault?.sseAlgorithm;
      if (c.unknown(algorithm, `rules[${i}].applyServerSideEncryptionByDefault.sseAlgorithm`)) continue;
      if (!(typeof algorithm === "string" && [...kmsAlgorithms, "AES256"].includes(algorithm))) c.report(`rules[${i}] sets no default encryption algorithm`);
    }
    if (list(r.props.rules).length === 0) c.report("has no encryption rule");
  },
  checkStack(stack, c) {
    for (const bucket of stack.ofType(...buckets)) {
      // Inline configuration is deprecated in v7, and its output reports AWS's SSE-S3 default
      // whether or not the program asked for it; only an explicit KMS algorithm counts there.
      const inline = (bucket.props.serverSideEncryptionConfiguration as { rule?: EncryptionRule } | undefined)?.rule?.applyServerSideEncryptionByDefault?.sseAlgorithm;
      if (typeof inline === "string" && kmsAlgorithms.includes(inline)) continue;
      const { sources, unknown } = stack.linkedTo(bucket, [T.bucketEncryption, T.bucketEncryptionV2], "bucket");
      if (sources.length > 0) continue;
      if (unknown.length > 0) c.undecided(`${bucket.name}: which bucket ${unknown[0].name} configures`);
      else c.report(`bucket ${bucket.name} has no server-side encryption configuration`, bucket.urn);
    }
  },
});

const ebsProvisioners = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

/** The `encrypted` flag of an EBS block device, a root block device or a StorageClass's parameters. */
interface Ebs {
  readonly encrypted?: unknown;
}
/** A launch template's block device mapping. */
interface BlockDeviceMapping {
  readonly deviceName?: unknown;
  readonly ebs?: Ebs;
}

export const volumesEncrypted = rule({
  name: "volumes-encrypted",
  description: "EBS volumes, launch templates, instances, node groups and EBS storage classes encrypt their disks.",
  theme: "encryption",
  scope: "mandatory",
  fix: "EBS: encrypted: true; launch templates: every blockDeviceMapping with ebs.encrypted \"true\"; node groups: a launch template with encrypted root volumes; StorageClass: parameters.encrypted \"true\".",
  controls: { cdkNag: ["AwsSolutions-EC26"], checkov: ["CKV_AWS_3",  "CKV_AWS_8"], awsguard: ["encrypted-volumes"] },
  types: [T.ebsVolume, T.launchTemplate, T.instance, T.eksNodeGroup, T.eksComponentCluster, T.eksComponentManagedNodeGroup, T.k8sStorageClass],
  checkResource(r, c) {
    const p = r.props;
    switch (r.type) {
      case T.ebsVolume:
        if (!c.unknown(p.encrypted, "encrypted") && p.encrypted !== true) c.report("volume is not encrypted: set encrypted: true");
        return;
      case T.launchTemplate: {
        if (c.unknown(p.blockDeviceMappings, "blockDeviceMappings")) return;
        const mappings = list<BlockDeviceMapping | undefined>(p.blockDeviceMappings).filter((m): m is BlockDeviceMapping & { ebs: Ebs } => !!m?.ebs);
        if (mappings.length === 0) c.report("no block device mappings: the root volume takes the AMI's default, which is unencrypted");
        for (const m of mappings) {
          if (!c.unknown(m.ebs.encrypted, `blockDeviceMappings[${text(m.deviceName)}].ebs.encrypted`) && !isTrue(m.ebs.encrypted)) {
            c.report(`block device ${text(m.deviceName ?? "(unnamed)")} is not encrypted: set ebs.encrypted "true"`);
          }
        }
        return;
      }
      case T.instance: {
        if (present(p.launchTemplate)) return; // the template is judged
        if (c.unknown(p.rootBlockDevice, "rootBlockDevice") || c.unknown(p.ebsBlockDevices, "ebsBlockDevices")) return;
        const rootEncrypted = (p.rootBlockDevice as Ebs | undefined)?.encrypted;
        if (!isTrue(rootEncrypted) && !c.unknown(rootEncrypted, "rootBlockDevice.encrypted")) {
          c.report("root volume is not encrypted: set rootBlockDevice.encrypted: true");
        }
        for (const d of list<(Ebs & { deviceName?: unknown }) | undefined>(p.ebsBlockDevices)) {
          if (!isTrue(d?.encrypted)) c.report(`EBS device ${text(d?.deviceName ?? "(unnamed)")} is not encrypted`);
        }
        return;
      }
      case T.eksNodeGroup:
      case T.eksComponentManagedNodeGroup:
        if (!present(p.launchTemplate)) c.report("no launch template: the nodes' root volumes are not encrypted");
        return;
      case T.eksComponentCluster:
        if (p.skipDefaultNodeGroup === true || present(p.fargate) || c.unknown(p.skipDefaultNodeGroup, "skipDefaultNodeGroup")) return;
        if (!c.unknown(p.nodeRootVolumeEncrypted, "nodeRootVolumeEncrypted") && p.nodeRootVolumeEncrypted !== true) {
          c.report("the default node group's root volumes are not encrypted: set nodeRootVolumeEncrypted: true or skipDefaultNodeGroup: true");
        }
        return;
      case T.k8sStorageClass:
        if (!(typeof p.provisioner === "string" && ebsProvisioners.includes(p.provisioner)) || c.unknown(p.parameters, "parameters")) return;
        if (!isTrue((p.parameters as Ebs | undefined)?.encrypted)) c.report("EBS storage class without parameters.encrypted \"true\": its volumes are unencrypted");
        return;
    }
  },
});

export const messagingEncrypted = rule({
  name: "messaging-encrypted",
  description: "SQS queues and SNS topics encrypt messages at rest.",
  theme: "encryption",
  scope: "mandatory",
  fix: "SQS: kmsMasterKeyId (or sqsManagedSseEnabled: true); SNS: kmsMasterKeyId.",
  controls: { cdkNag: ["AwsSolutions-SQS2",  "AwsSolutions-SNS3"], checkov: ["CKV_AWS_26",  "CKV_AWS_27"] },
  types: [T.queue, T.topic],
  checkResource(r, c) {
    if (present(r.props.kmsMasterKeyId)) return;
    if (r.type === T.queue && (r.props.sqsManagedSseEnabled === true || c.unknown(r.props.sqsManagedSseEnabled, "sqsManagedSseEnabled"))) return;
    c.report(r.type === T.queue ? "queue is not encrypted: set kmsMasterKeyId or sqsManagedSseEnabled" : "topic is not encrypted: set kmsMasterKeyId");
  },
});

export const logsEncrypted = rule({
  name: "logs-encrypted",
  description: "CloudWatch log groups and CloudTrail trails are encrypted with a KMS key.",
  theme: "encryption",
  scope: "mandatory",
  fix: "Pass the security tier's logs key as kmsKeyId.",
  controls: { checkov: ["CKV_AWS_158",  "CKV_AWS_35"], cis: ["3.5"] },
  types: [T.logGroup, T.trail],
  checkResource(r, c) {
    if (!present(r.props.kmsKeyId)) c.report(`${r.type === T.trail ? "trail" : "log group"} has no KMS key: set kmsKeyId`);
  },
});

/**
 * Firehose keeps records in its buffer until it delivers them (up to 24 hours while the
 * destination refuses them), unencrypted unless the stream turns SSE on. A stream reading a
 * Kinesis data stream or MSK cannot take SSE (the source's encryption applies): not judged.
 */
export const firehoseEncryption = rule({
  name: "firehose-encryption",
  description: "Amazon Data Firehose streams encrypt their buffered records with a customer-managed KMS key.",
  theme: "encryption",
  scope: "mandatory",
  fix: "serverSideEncryption { enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn: the security tier's storage key }.",
  controls: { cdkNag: ["AwsSolutions-KDF1"], checkov: ["CKV_AWS_240", "CKV_AWS_241"] },
  types: [T.firehoseStream],
  checkResource(r, c) {
    const p = r.props;
    if (present(p.kinesisSourceConfiguration) || present(p.mskSourceConfiguration)) return;
    const sse = p.serverSideEncryption as { enabled?: unknown; keyType?: unknown; keyArn?: unknown } | undefined;
    if (c.unknown(sse, "serverSideEncryption") || c.unknown(sse?.enabled, "serverSideEncryption.enabled")) return;
    if (sse?.enabled !== true) {
      c.report("buffers records unencrypted: set serverSideEncryption { enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn }");
      return;
    }
    if (c.unknown(sse.keyType, "serverSideEncryption.keyType")) return;
    if (sse.keyType !== "CUSTOMER_MANAGED_CMK") c.report("encrypts with an AWS-owned key: set keyType CUSTOMER_MANAGED_CMK and keyArn to a customer-managed key");
    else if (!present(sse.keyArn)) c.report("keyType CUSTOMER_MANAGED_CMK without keyArn");
  },
});

export const secretsEncrypted = rule({
  name: "secrets-encrypted",
  description: "Secrets are encrypted with a customer-managed key: Secrets Manager secrets, Lambda environments, EKS Kubernetes secrets.",
  theme: "encryption",
  scope: "mandatory",
  fix: "Secrets Manager: kmsKeyId; Lambda with environment variables: kmsKeyArn; EKS: encryptionConfig for \"secrets\" (eks.Cluster: encryptionConfigKeyArn).",
  controls: { checkov: ["CKV_AWS_149",  "CKV_AWS_58",  "CKV_AWS_173"] },
  types: [T.secret, T.lambdaFunction, T.eksCluster, T.eksComponentCluster],
  checkResource(r, c) {
    const p = r.props;
    switch (r.type) {
      case T.secret:
        if (!present(p.kmsKeyId)) c.report("secret uses the AWS-managed key: set kmsKeyId");
        return;
      case T.lambdaFunction: {
        const variables = (p.environment as { variables?: unknown } | undefined)?.variables;
        if (isUnknown(variables)) return c.undecided("environment.variables");
        if (variables && Object.keys(variables).length > 0 && !present(p.kmsKeyArn)) c.report("environment variables without kmsKeyArn");
        return;
      }
      case T.eksCluster: {
        const config = p.encryptionConfig as { resources?: unknown; provider?: { keyArn?: unknown } } | undefined;
        if (c.unknown(config, "encryptionConfig")) return; // any part unknown: judged at up
        if (!config || !list(config.resources).includes("secrets") || !present(config.provider?.keyArn)) {
          c.report("Kubernetes secrets are not envelope-encrypted: set encryptionConfig { resources: [\"secrets\"], provider.keyArn }");
        }
        return;
      }
      case T.eksComponentCluster:
        if (!present(p.encryptionConfigKeyArn)) c.report("Kubernetes secrets are not envelope-encrypted: set encryptionConfigKeyArn");
        return;
    }
  },
});

export const backupVaultEncrypted = rule({
  name: "backup-vault-encrypted",
  description: "AWS Backup vaults encrypt recovery points with a customer-managed key.",
  theme: "encryption",
  scope: "mandatory",
  fix: "Pass the security tier's data key as kmsKeyArn.",
  controls: { checkov: ["CKV_AWS_166"] },
  types: [T.backupVault],
  checkResource(r, c) {
    if (!present(r.props.kmsKeyArn)) c.report("vault uses the AWS-managed key: set kmsKeyArn");
  },
});

export const ecrEncrypted = rule({
  name: "ecr-encrypted",
  description: "ECR repositories encrypt images with KMS.",
  theme: "encryption",
  scope: "mandatory",
  fix: "encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <storage key ARN> }].",
  controls: { checkov: ["CKV_AWS_136"] },
  types: [T.ecrRepository],
  checkResource(r, c) {
    if (c.unknown(r.props.encryptionConfigurations, "encryptionConfigurations")) return;
    const type = list<{ encryptionType?: unknown } | undefined>(r.props.encryptionConfigurations)[0]?.encryptionType;
    if (c.unknown(type, "encryptionConfigurations[0].encryptionType")) return;
    if (type !== "KMS" && type !== "KMS_DSSE") c.report(`images are encrypted with ${text(type ?? "AES256 (the default)")}: use encryptionType KMS`);
  },
});

export const encryptionRules: readonly PlatformRule[] = [
  databaseEncrypted,
  databaseKmsKey,
  s3Encrypted,
  volumesEncrypted,
  messagingEncrypted,
  logsEncrypted,
  firehoseEncryption,
  secretsEncrypted,
  backupVaultEncrypted,
  ecrEncrypted,
];
