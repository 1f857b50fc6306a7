import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EnableKeyRotationCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { bucketPolicy, keyPolicy, mergeStatements, protectionStatementIds } from "./policies";

/**
 * The self-managed Pulumi backend of one account and region: an S3 bucket for the stacks' state
 * and a KMS key for Pulumi's `awskms://` secrets provider. Created with the AWS SDK, not with
 * Pulumi: the state of the stack that would hold them has to live somewhere first.
 *
 * Every step reads before it writes, so a second run changes nothing and a run after someone
 * loosened a setting puts it back. Locking needs no table: Pulumi's S3 backend keeps a lock object
 * per stack in the bucket (`.pulumi/locks/`), unlike Terraform's DynamoDB table the seeds use.
 */

export interface BackendTarget {
  readonly accountId: string;
  readonly region: string;
}

export interface BackendClients {
  readonly s3: S3Client;
  readonly kms: KMSClient;
  readonly sts: STSClient;
}

/** One thing bootstrap looked at and what it did about it. */
export interface BackendChange {
  readonly resource: string;
  readonly action: "created" | "updated" | "unchanged";
  readonly detail: string;
}

/** Names are derived from the account and region, so every account's backend is found without a lookup. */
export function backendNames(target: BackendTarget): { bucket: string; keyAlias: string } {
  // S3 bucket names are global: the account id makes this one ours (3-63 characters; this is at most 46).
  return { bucket: `pulumi-state-${target.accountId}-${target.region}`, keyAlias: "alias/pulumi-state-secrets" };
}

/** `pulumi login` takes this; the region query parameter spares the CLI a lookup. */
export function backendUrl(target: BackendTarget): string {
  return `s3://${backendNames(target).bucket}?region=${target.region}`;
}

/** `pulumi stack init --secrets-provider` takes this (Pulumi docs, "Configuring secrets encryption": awskms://alias/<name>?region=<region>). */
export function secretsProviderUrl(target: BackendTarget): string {
  return `awskms://${backendNames(target).keyAlias}?region=${target.region}`;
}

export class BootstrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BootstrapError";
  }
}

const tags = [
  { Key: "Project", Value: "platform" },
  { Key: "ManagedBy", Value: "bootstrap" },
  { Key: "Purpose", Value: "pulumi-state" },
];

/** Creates or repairs the backend of `target`; refuses to touch any account but `target.accountId`. */
export async function bootstrapBackend(clients: BackendClients, target: BackendTarget): Promise<BackendChange[]> {
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  if (identity.Account !== target.accountId) {
    throw new BootstrapError(`the credentials reach account ${identity.Account ?? "(unknown)"}, not ${target.accountId}: nothing was changed`);
  }
  const key = await ensureKey(clients.kms, target);
  const bucket = await ensureBucket(clients.s3, target, key.arn);
  return [...key.changes, ...bucket];
}

const errorName = (error: unknown) => (error as { name?: string }).name;

/** The read's answer, or undefined when S3 says the setting was never made (`absent` is that error's name). */
async function absentAs<T>(absent: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (errorName(error) === absent) return undefined;
    throw error;
  }
}

async function ensureKey(kms: KMSClient, target: BackendTarget): Promise<{ arn: string; changes: BackendChange[] }> {
  const { keyAlias } = backendNames(target);
  const changes: BackendChange[] = [];
  const policy = keyPolicy(target.accountId);
  let arn: string;
  try {
    const found = await kms.send(new DescribeKeyCommand({ KeyId: keyAlias }));
    arn = found.KeyMetadata?.Arn ?? "";
    if (found.KeyMetadata?.KeyState === "PendingDeletion") {
      throw new BootstrapError(`${keyAlias} (${arn}) is scheduled for deletion; cancel it (aws kms cancel-key-deletion) before the state's secrets become unreadable, then rerun`);
    }
    changes.push({ resource: `kms key ${keyAlias}`, action: "unchanged", detail: arn });
  } catch (error) {
    if (errorName(error) !== "NotFoundException") throw error;
    const created = await kms.send(
      new CreateKeyCommand({ Description: "Pulumi secrets provider (awskms://) for this account's stacks", KeyUsage: "ENCRYPT_DECRYPT", KeySpec: "SYMMETRIC_DEFAULT", Policy: JSON.stringify(policy), Tags: tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) }),
    );
    arn = created.KeyMetadata?.Arn ?? "";
    await kms.send(new CreateAliasCommand({ AliasName: keyAlias, TargetKeyId: arn }));
    changes.push({ resource: `kms key ${keyAlias}`, action: "created", detail: arn });
  }
  const current = await kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" }));
  const merged = mergeStatements(current.Policy, policy, protectionStatementIds.key);
  if (merged) {
    await kms.send(new PutKeyPolicyCommand({ KeyId: arn, PolicyName: "default", Policy: JSON.stringify(merged) }));
    changes.push({ resource: `kms key ${keyAlias} policy`, action: "updated", detail: "denies scheduling the key's deletion" });
  }
  const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: arn }));
  if (!rotation.KeyRotationEnabled) {
    await kms.send(new EnableKeyRotationCommand({ KeyId: arn }));
    changes.push({ resource: `kms key ${keyAlias} rotation`, action: "updated", detail: "automatic rotation on (yearly)" });
  }
  return { arn, changes };
}

async function ensureBucket(s3: S3Client, target: BackendTarget, keyArn: string): Promise<BackendChange[]> {
  const { bucket } = backendNames(target);
  const changes: BackendChange[] = [];
  const record = (what: string, action: BackendChange["action"], detail: string) => changes.push({ resource: `s3 bucket ${bucket}${what}`, action, detail });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: target.accountId }));
    record("", "unchanged", `in ${target.region}`);
  } catch (error) {
    // HeadBucket answers 404 (NotFound) for a bucket nobody has, 403 when it exists under another
    // owner (ExpectedBucketOwner) or the caller may not see it (S3 API reference, HeadBucket).
    if (errorName(error) === "Forbidden") throw new BootstrapError(`bucket ${bucket} exists but not in account ${target.accountId}, or the credentials may not read it: nothing was changed there`);
    if (errorName(error) !== "NotFound") throw error;
    // us-east-1 takes no LocationConstraint; every other region must name itself (S3 API reference, CreateBucket).
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ...(target.region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: target.region as never } }) }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags } }));
    record("", "created", `in ${target.region}`);
  }

  const block = (await absentAs("NoSuchPublicAccessBlockConfiguration", () => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))))?.PublicAccessBlockConfiguration;
  if (!(block?.BlockPublicAcls && block.IgnorePublicAcls && block.BlockPublicPolicy && block.RestrictPublicBuckets)) {
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    record(" public access block", "updated", "all four settings on");
  }

  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  if (versioning.Status !== "Enabled") {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
    record(" versioning", "updated", "enabled: every checkpoint of the state is kept");
  }

  // New buckets get SSE-S3 by default (since January 2023); the state holds secrets' ciphertext
  // and resource ids, so it is encrypted with the account's own key, with an S3 Bucket Key to
  // keep KMS requests (and their cost) per object down.
  const encryption = await absentAs("ServerSideEncryptionConfigurationNotFoundError", () => s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })));
  const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0];
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  if (!(byDefault?.SSEAlgorithm === "aws:kms" && byDefault.KMSMasterKeyID === keyArn && rule?.BucketKeyEnabled === true)) {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] },
      }),
    );
    record(" encryption", "updated", `SSE-KMS with ${keyArn}`);
  }

  const policy = await absentAs("NoSuchBucketPolicy", () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })));
  const merged = mergeStatements(policy?.Policy, bucketPolicy(bucket), protectionStatementIds.bucket);
  if (merged) {
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(merged) }));
    record(" policy", "updated", "TLS only; deleting the bucket denied");
  }
  return changes;
}
