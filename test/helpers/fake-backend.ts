import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  NotFound,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
  ServerSideEncryptionConfiguration,
  PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EnableKeyRotationCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, NotFoundException, PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import type { BackendClients } from "../../automation/bootstrap/backend";

interface Bucket {
  region: string;
  owner: string;
  versioning?: "Enabled" | "Suspended";
  encryption?: ServerSideEncryptionConfiguration;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  policy?: string;
}

interface Key {
  arn: string;
  policy: string;
  rotation: boolean;
  state: "Enabled" | "PendingDeletion";
}

/** A fake's answer as the SDK gives it: a promise, which a throw rejects. */
const answer = <A, R>(body: (input: A) => R) => (input: A): Promise<R> => new Promise<R>((resolve) => resolve(body(input)));

const s3Error = (name: string, status: number) => new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name });

/**
 * S3, KMS and STS of one account and region in memory, behind aws-sdk-client-mock: what a write
 * sets, the next read returns, so a second bootstrap can be seen to change nothing. The write
 * calls are recorded by the mocks (`writes()`).
 */
export class FakeBackendCloud {
  readonly buckets = new Map<string, Bucket>();
  readonly keys = new Map<string, Key>();
  readonly aliases = new Map<string, string>();
  readonly s3 = mockClient(S3Client);
  readonly kms = mockClient(KMSClient);
  readonly sts = mockClient(STSClient);
  private nextKey = 1;

  constructor(readonly account: string, readonly region: string, caller = account) {
    this.sts.on(GetCallerIdentityCommand).resolves({ Account: caller });
    this.wireKms();
    this.wireS3();
  }

  clients(): BackendClients {
    return { s3: new S3Client({ region: this.region }), kms: new KMSClient({ region: this.region }), sts: new STSClient({ region: this.region }) };
  }

  /** The names of the write calls made so far, in order. */
  writes(): string[] {
    const isWrite = (name: string) => /^(Create|Put|Enable)/.test(name);
    return [...this.kms.calls(), ...this.s3.calls()].map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, "")).filter(isWrite);
  }

  restore(): void {
    this.s3.restore();
    this.kms.restore();
    this.sts.restore();
  }

  private key(id: string | undefined): Key {
    const arn = (id && this.aliases.get(id)) ?? id ?? "";
    const key = this.keys.get(arn);
    if (!key) throw new NotFoundException({ $metadata: {}, message: `Key '${id}' does not exist` });
    return key;
  }

  private wireKms(): void {
    this.kms.on(DescribeKeyCommand).callsFake(answer((input: { KeyId?: string }) => {
      if (input.KeyId?.startsWith("alias/") && !this.aliases.has(input.KeyId)) throw new NotFoundException({ $metadata: {}, message: `Alias ${input.KeyId} is not found.` });
      const key = this.key(input.KeyId);
      return { KeyMetadata: { Arn: key.arn, KeyId: key.arn.split("/")[1], KeyState: key.state } };
    }));
    this.kms.on(CreateKeyCommand).callsFake(answer((input: { Policy?: string }) => {
      const arn = `arn:aws:kms:${this.region}:${this.account}:key/0000000${this.nextKey++}-aaaa-bbbb-cccc-dddddddddddd`;
      // Without a policy, KMS gives the key its default policy (AWS KMS developer guide, "Default key policy").
      const policy = input.Policy ?? JSON.stringify({ Version: "2012-10-17", Id: "key-default-1", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${this.account}:root` }, Action: "kms:*", Resource: "*" }] });
      this.keys.set(arn, { arn, policy, rotation: false, state: "Enabled" });
      return { KeyMetadata: { Arn: arn } };
    }));
    this.kms.on(CreateAliasCommand).callsFake(answer((input: { AliasName: string; TargetKeyId: string }) => {
      this.aliases.set(input.AliasName, this.key(input.TargetKeyId).arn);
      return {};
    }));
    this.kms.on(GetKeyPolicyCommand).callsFake(answer((input: { KeyId: string }) => ({ Policy: this.key(input.KeyId).policy })));
    this.kms.on(PutKeyPolicyCommand).callsFake(answer((input: { KeyId: string; Policy: string }) => {
      this.key(input.KeyId).policy = input.Policy;
      return {};
    }));
    this.kms.on(GetKeyRotationStatusCommand).callsFake(answer((input: { KeyId: string }) => ({ KeyRotationEnabled: this.key(input.KeyId).rotation })));
    this.kms.on(EnableKeyRotationCommand).callsFake(answer((input: { KeyId: string }) => {
      this.key(input.KeyId).rotation = true;
      return {};
    }));
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw s3Error("NoSuchBucket", 404);
    return bucket;
  }

  private wireS3(): void {
    this.s3.on(HeadBucketCommand).callsFake(answer((input: { Bucket: string; ExpectedBucketOwner?: string }) => {
      const bucket = this.buckets.get(input.Bucket);
      if (!bucket) throw new NotFound({ $metadata: { httpStatusCode: 404 }, message: "NotFound" });
      if (input.ExpectedBucketOwner && input.ExpectedBucketOwner !== bucket.owner) throw s3Error("Forbidden", 403);
      return { BucketRegion: bucket.region };
    }));
    this.s3.on(CreateBucketCommand).callsFake(answer((input: { Bucket: string; CreateBucketConfiguration?: { LocationConstraint?: string } }) => {
      if (this.buckets.has(input.Bucket)) throw s3Error("BucketAlreadyOwnedByYou", 409);
      // Since January 2023 a new bucket encrypts with SSE-S3 by default (S3 user guide, "Default encryption").
      this.buckets.set(input.Bucket, { region: input.CreateBucketConfiguration?.LocationConstraint ?? "us-east-1", owner: this.account, encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] } });
      return {};
    }));
    this.s3.on(PutBucketTaggingCommand).callsFake(answer((input: { Bucket: string }) => (this.bucket(input.Bucket), {})));
    this.s3.on(GetPublicAccessBlockCommand).callsFake(answer((input: { Bucket: string }) => {
      const block = this.bucket(input.Bucket).publicAccessBlock;
      if (!block) throw s3Error("NoSuchPublicAccessBlockConfiguration", 404);
      return { PublicAccessBlockConfiguration: block };
    }));
    this.s3.on(PutPublicAccessBlockCommand).callsFake(answer((input: { Bucket: string; PublicAccessBlockConfiguration: PublicAccessBlockConfiguration }) => {
      this.bucket(input.Bucket).publicAccessBlock = input.PublicAccessBlockConfiguration;
      return {};
    }));
    this.s3.on(GetBucketVersioningCommand).callsFake(answer((input: { Bucket: string }) => ({ Status: this.bucket(input.Bucket).versioning })));
    this.s3.on(PutBucketVersioningCommand).callsFake(answer((input: { Bucket: string; VersioningConfiguration: { Status: "Enabled" | "Suspended" } }) => {
      this.bucket(input.Bucket).versioning = input.VersioningConfiguration.Status;
      return {};
    }));
    this.s3.on(GetBucketEncryptionCommand).callsFake(answer((input: { Bucket: string }) => ({ ServerSideEncryptionConfiguration: this.bucket(input.Bucket).encryption })));
    this.s3.on(PutBucketEncryptionCommand).callsFake(answer((input: { Bucket: string; ServerSideEncryptionConfiguration: ServerSideEncryptionConfiguration }) => {
      this.bucket(input.Bucket).encryption = input.ServerSideEncryptionConfiguration;
      return {};
    }));
    this.s3.on(GetBucketPolicyCommand).callsFake(answer((input: { Bucket: string }) => {
      const policy = this.bucket(input.Bucket).policy;
      if (!policy) throw s3Error("NoSuchBucketPolicy", 404);
      return { Policy: policy };
    }));
    this.s3.on(PutBucketPolicyCommand).callsFake(answer((input: { Bucket: string; Policy: string }) => {
      this.bucket(input.Bucket).policy = input.Policy;
      return {};
    }));
  }
}
