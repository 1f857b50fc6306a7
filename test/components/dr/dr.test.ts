import { strict as assert } from "assert";
import { parseDrillTargets } from "../../../automation/drill/targets";
import { planJson } from "../../../automation/plan/index";
import { CapturedResource, isSecretValue, RenderResult } from "../../../offline";
import { input, named, ofType, renderStack } from "../../helpers/stacks";

const T = {
  instance: "aws:rds/instance:Instance",
  parameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  secret: "aws:secretsmanager/secret:Secret",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  bucket: "aws:s3/bucket:Bucket",
  replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  registryReplication: "aws:ecr/replicationConfiguration:ReplicationConfiguration",
  repository: "aws:ecr/repository:Repository",
  vault: "aws:backup/vault:Vault",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  record: "aws:route53/record:Record",
  certificate: "aws:acm/certificate:Certificate",
  validation: "aws:acm/certificateValidation:CertificateValidation",
  listenerCertificate: "aws:lb/listenerCertificate:ListenerCertificate",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  key: "aws:kms/key:Key",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  subnet: "aws:ec2/subnet:Subnet",
  cacheGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  reference: "pulumi:pulumi:StackReference",
  provider: "pulumi:providers:aws",
} as const;

const account = "123456789012";
const unwrap = (value: unknown): unknown => (isSecretValue(value) ? (value as { value: unknown }).value : value);

/** Every resource under a component of the given type, at any depth. */
function under(result: RenderResult, componentType: string): CapturedResource[] {
  const roots = new Set(result.resources.filter((r) => r.type === componentType).map((r) => r.urn));
  const byUrn = new Map(result.resources.map((r) => [r.urn, r]));
  return result.resources.filter((r) => {
    for (let p = byUrn.get(r.parent ?? ""); p; p = byUrn.get(p.parent ?? "")) if (roots.has(p.urn)) return true;
    return false;
  });
}

const keyArn = (result: RenderResult, domain: string) => named(result.resources, T.key, `platform-${result.stack}-${domain}`).state.arn as string;
const statements = (r: CapturedResource, key = "policy") => JSON.parse(String(input(r, key))).Statement;

describe("dr tier: prod-dr stands by for prod", () => {
  let prod: RenderResult;
  let dr: RenderResult;
  before(async () => {
    [prod, dr] = await Promise.all([renderStack("prod"), renderStack("prod-dr")]);
  });

  it("reads prod's outputs through one StackReference and owns a provider for prod's region, held to the account, that calls STS in Tokyo only", () => {
    const [reference] = ofType(dr.resources, T.reference);
    assert.equal(ofType(dr.resources, T.reference).length, 1);
    assert.equal(input(reference, "name"), "organization/aws-platform/prod");
    const standby = named(dr.resources, "platform:dr:Standby", "platform-prod-dr-standby");
    assert.equal(reference.parent, standby.urn);
    const provider = named(dr.resources, T.provider, "platform-prod-dr-standby-primary-region");
    assert.equal(input(provider, "region"), "ap-northeast-2");
    // Configuring it assumes the role and reads the account through STS, sent to Tokyo's endpoint:
    // the standby's updates work while Seoul is down.
    assert.equal(input(provider, "stsRegion"), "ap-northeast-1");
    assert.deepEqual(JSON.parse(String(input(provider, "allowedAccountIds"))), [account]);
    assert.equal(JSON.parse(String(input(provider, "assumeRoles")))[0].roleArn, `arn:aws:iam::${account}:role/platform-deployer`);
    // A provider that skipped the account look-up would have no id for allowedAccountIds to check.
    for (const skip of ["skipCredentialsValidation", "skipRequestingAccountId"]) assert.equal(String(input(provider, skip)), "false", skip);
    for (const skip of ["skipRegionValidation", "skipMetadataApiCheck"]) assert.equal(String(input(provider, skip)), "true", skip);
  });

  it("registers exactly the cross-region links, each in the region AWS keeps it", () => {
    const links = [...under(dr, "platform:dr:Standby"), ...under(dr, "platform:dr:Failover")].filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    const inPrimary = links.filter((r) => r.region === "ap-northeast-2").map((r) => `${r.type} ${r.name}`).sort();
    assert.deepEqual(inPrimary, [
      `${T.certificate} platform-prod-dr-failover-certificate-primary`,
      `${T.validation} platform-prod-dr-failover-certificate-primary`,
      `${T.listenerCertificate} platform-prod-dr-failover-listener-certificate-primary`,
      `${T.replication} platform-prod-dr-standby-bucket-files-replication`,
    ]);
    const count = (type: string) => links.filter((r) => r.type === type).length;
    assert.deepEqual(
      [T.instance, T.cacheGroup, T.bucket, T.replication, T.registryReplication, T.vault, T.healthCheck, T.record, T.certificate, T.listenerCertificate, T.secret].map(count),
      // Two replication configurations: prod's bucket into the replica (in Seoul), the replica back into prod's bucket (here).
      [1, 1, 1, 2, 0, 1, 1, 3, 2, 2, 2],
    );
  });

  it("keeps a cross-region read replica of prod's database, encrypted with Tokyo's data key, in prod-dr's data subnets behind its database group", () => {
    const replica = named(dr.resources, T.instance, "platform-prod-dr-standby-db-replica");
    const source = named(prod.resources, T.instance, "platform-prod-db-instance");
    assert.equal(replica.region, "ap-northeast-1");
    assert.equal(input(replica, "replicateSourceDb"), source.state.arn);
    assert.equal(input(replica, "replicateSourceDb"), "arn:aws:rds:ap-northeast-2:123456789012:db:platform-prod-db");
    assert.equal(input(replica, "kmsKeyId"), keyArn(dr, "data"));
    assert.match(String(input(replica, "kmsKeyId")), /^arn:aws:kms:ap-northeast-1:/);
    assert.equal(input(replica, "storageEncrypted"), true);
    assert.equal(input(replica, "performanceInsightsKmsKeyId"), keyArn(dr, "data"));
    assert.deepEqual(input(replica, "vpcSecurityGroupIds"), [named(dr.resources, T.securityGroup, "platform-prod-dr-database").id]);
    const subnets = named(dr.resources, T.subnetGroup, "platform-prod-dr-standby-db-subnets");
    assert.equal(input(replica, "dbSubnetGroupName"), subnets.state.name);
    const dataSubnets = ofType(dr.resources, T.subnet).filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "data").map((s) => s.id);
    assert.deepEqual([...input<string[]>(subnets, "subnetIds")].sort(), dataSubnets.sort());
    assert.equal(input(replica, "publiclyAccessible"), false);
    assert.equal(input(replica, "multiAz"), true);
    assert.equal(input(replica, "instanceClass"), "db.t4g.small");
    // TLS is forced as on the primary.
    const params = named(dr.resources, T.parameterGroup, "platform-prod-dr-standby-db-params");
    assert.equal(input(params, "family"), "postgres16");
    assert.equal(input(replica, "parameterGroupName"), params.state.name);
    assert.deepEqual(input<{ name: string; value: string }[]>(params, "parameters")[0], { name: "rds.force_ssl", value: "1", applyMethod: "immediate" });
    // The promotion is the drill's: the next `up` never puts the replication link back.
    assert.deepEqual(replica.options.ignoreChanges, ["replicateSourceDb"]);
    assert.equal(replica.options.protect, true);
    assert.equal(input(replica, "deletionProtection"), true);
    // Standing by: no backups of its own and no final snapshot (a replica has neither).
    assert.deepEqual([input(replica, "backupRetentionPeriod"), input(replica, "skipFinalSnapshot"), input(replica, "finalSnapshotIdentifier")], [0, true, undefined]);
  });

  it("copies prod's database credentials into a Tokyo secret with the replica's host, kept secret everywhere", () => {
    const secret = ofType(dr.resources, T.secret).find((s) => input(s, "name") === "platform/prod-dr/database")!;
    assert.equal(input(secret, "kmsKeyId"), keyArn(dr, "data"));
    assert.equal(secret.options.protect, true);
    assert.match(String(secret.state.arn), /^arn:aws:secretsmanager:ap-northeast-1:/);
    const version = ofType(dr.resources, T.secretVersion).find((v) => v.state.secretId === secret.state.arn)!;
    assert.ok(isSecretValue(version.inputs.secretString), "the copy is a secret input");
    assert.deepEqual(version.options.ignoreChanges, []);
    const copy = JSON.parse(String(unwrap(version.inputs.secretString)));
    const prodSecret = ofType(prod.resources, T.secretVersion).find((v) => String(v.state.secretId).includes(":secret:platform/prod/database-"))!;
    const original = JSON.parse(String(unwrap(prodSecret.inputs.secretString)));
    const replica = named(dr.resources, T.instance, "platform-prod-dr-standby-db-replica");
    assert.deepEqual(copy, { ...original, host: replica.state.address, port: 5432 });
    assert.notEqual(copy.host, original.host);
    // Read from prod's secret in prod's region, through the primary provider.
    const reads = dr.calls.filter((c) => c.token === "aws:secretsmanager/getSecretVersion:getSecretVersion");
    assert.deepEqual(reads.map((c) => [c.region, c.inputs.secretId]), [["ap-northeast-2", prodSecret.state.secretId]]);
    // Never in outputs or plan.json.
    const plan = JSON.stringify(planJson({ stack: dr.stack, region: dr.region, resources: dr.resources, outputs: dr.outputs }));
    for (const text of [plan, JSON.stringify(dr.outputs)]) assert.ok(!text.includes(original.password));
  });

  it("keeps its own empty cache for Redis: prod's cache.t4g.small cannot join a global datastore", () => {
    const group = named(dr.resources, T.cacheGroup, "platform-prod-dr-cache-group");
    assert.equal(group.region, "ap-northeast-1");
    assert.deepEqual(
      [input(group, "replicationGroupId"), input(group, "nodeType"), input(group, "clusterMode"), input(group, "numNodeGroups"), input(group, "replicasPerNodeGroup")],
      ["platform-prod-dr-cache", "cache.t4g.small", "enabled", 1, 1],
    );
    assert.equal(input(group, "globalReplicationGroupId"), undefined, "no global datastore");
    assert.equal(input(group, "kmsKeyId"), keyArn(dr, "data"));
    assert.deepEqual([input(group, "atRestEncryptionEnabled"), input(group, "transitEncryptionEnabled"), input(group, "transitEncryptionMode")], [true, true, "required"]);
    assert.deepEqual(input(group, "securityGroupIds"), [named(dr.resources, T.securityGroup, "platform-prod-dr-cache").id]);
    assert.ok(ofType(dr.resources, T.secret).some((s) => input(s, "name") === "platform/prod-dr/redis-auth" && input(s, "kmsKeyId") === keyArn(dr, "data")));
  });

  it("replicates prod's files bucket into a versioned SSE-KMS replica, with the rule on prod's bucket in Seoul", () => {
    const source = named(prod.resources, T.bucket, "platform-prod-bucket-files");
    const replica = named(dr.resources, T.bucket, "platform-prod-dr-standby-bucket-files");
    assert.equal(input(replica, "bucket"), "platform-prod-dr-files-123456789012-ap-northeast-1");
    assert.equal(replica.options.protect, true);
    const part = (type: string, suffix: string) => named(dr.resources, type, `platform-prod-dr-standby-bucket-files-${suffix}`);
    assert.deepEqual(input(part("aws:s3/bucketVersioning:BucketVersioning", "versioning"), "versioningConfiguration"), { status: "Enabled" });
    assert.deepEqual(input(part("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "encryption"), "rules"), [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn(dr, "storage") }, bucketKeyEnabled: true },
    ]);
    assert.deepEqual(input(part("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access"), "restrictPublicBuckets"), true);
    assert.equal(statements(part("aws:s3/bucketPolicy:BucketPolicy", "policy"))[0].Sid, "DenyInsecureTransport");
    assert.deepEqual(input(part("aws:s3/bucketLogging:BucketLogging", "access-logs"), "targetPrefix"), "s3-access/files/");
    assert.deepEqual(input<{ id: string }[]>(part("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lifecycle"), "rules").map((r) => r.id), ["tiering"]);
    // S3 checks the log bucket's grant (which names the replica) when logging is switched on.
    const logPolicy = named(dr.resources, "aws:s3/bucketPolicy:BucketPolicy", "platform-prod-dr-logs-policy");
    assert.ok(named(dr.resources, "platform:dr:ReplicatedBucket", "platform-prod-dr-standby-bucket-files").options.dependsOn.includes(logPolicy.urn));

    const replication = named(dr.resources, T.replication, "platform-prod-dr-standby-bucket-files-replication");
    assert.equal(replication.region, "ap-northeast-2", "the configuration is the source bucket's");
    assert.equal(input(replication, "bucket"), source.state.bucket);
    const role = named(dr.resources, T.role, "platform-prod-dr-standby-bucket-files-replication");
    assert.equal(input(replication, "role"), role.state.arn);
    assert.deepEqual(input(replication, "rules"), [
      {
        id: "standby",
        status: "Enabled",
        priority: 1,
        filter: { prefix: "" },
        deleteMarkerReplication: { status: "Enabled" },
        // Replica modification sync on both rules: metadata changes made to either copy reach the other.
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } },
        destination: {
          bucket: replica.state.arn,
          encryptionConfiguration: { replicaKmsKeyId: keyArn(dr, "storage") },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
      },
    ]);
    // S3 refuses a replication configuration before the role may replicate and the replica is versioned.
    for (const [type, name] of [
      ["aws:iam/rolePolicy:RolePolicy", "platform-prod-dr-standby-bucket-files-replication"],
      ["aws:s3/bucketVersioning:BucketVersioning", "platform-prod-dr-standby-bucket-files-versioning"],
    ]) {
      assert.ok(replication.options.dependsOn.includes(named(dr.resources, type, name).urn), `the replication waits for ${name}`);
    }
  });

  it("replicates the replica back into prod's bucket, so files written in Tokyo while it serves reach Seoul before the failback (issue 16, item 5)", () => {
    const source = named(prod.resources, T.bucket, "platform-prod-bucket-files");
    const replica = named(dr.resources, T.bucket, "platform-prod-dr-standby-bucket-files");
    const back = named(dr.resources, T.replication, "platform-prod-dr-standby-bucket-files-replicate-back");
    assert.equal(back.region, "ap-northeast-1", "the configuration is the replica's, in the standby's region");
    assert.equal(input(back, "bucket"), replica.state.bucket);
    const role = named(dr.resources, T.role, "platform-prod-dr-standby-bucket-files-replicate-back");
    assert.equal(input(back, "role"), role.state.arn);
    assert.notEqual(role.state.arn, named(dr.resources, T.role, "platform-prod-dr-standby-bucket-files-replication").state.arn, "a role of its own");
    assert.deepEqual(input(back, "rules"), [
      {
        id: "failback",
        status: "Enabled",
        priority: 1,
        filter: { prefix: "" },
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } },
        destination: {
          bucket: source.state.arn,
          encryptionConfiguration: { replicaKmsKeyId: keyArn(prod, "storage") },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
      },
    ]);
    for (const [type, name] of [
      ["aws:iam/rolePolicy:RolePolicy", "platform-prod-dr-standby-bucket-files-replicate-back"],
      ["aws:s3/bucketVersioning:BucketVersioning", "platform-prod-dr-standby-bucket-files-versioning"],
    ]) {
      assert.ok(back.options.dependsOn.includes(named(dr.resources, type, name).urn), `the reverse rule waits for ${name}`);
    }
  });

  it("replicates back with a role of its own: the replica's versions and key in Tokyo, prod's bucket and key in Seoul", () => {
    const source = named(prod.resources, T.bucket, "platform-prod-bucket-files").state.arn as string;
    const replica = named(dr.resources, T.bucket, "platform-prod-dr-standby-bucket-files").state.arn as string;
    const role = named(dr.resources, T.role, "platform-prod-dr-standby-bucket-files-replicate-back");
    assert.deepEqual(statements(role, "assumeRolePolicy")[0].Condition, { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": replica } });
    assert.deepEqual(statements(named(dr.resources, T.rolePolicy, "platform-prod-dr-standby-bucket-files-replicate-back")), [
      { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: replica },
      { Sid: "ReadSourceVersions", Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${replica}/*` },
      { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${source}/*` },
      {
        Sid: "DecryptWithSourceKey",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: keyArn(dr, "storage"),
        Condition: { StringEquals: { "kms:ViaService": "s3.ap-northeast-1.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [replica, `${replica}/*`] } },
      },
      {
        Sid: "EncryptWithReplicaKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
        Resource: keyArn(prod, "storage"),
        Condition: { StringEquals: { "kms:ViaService": "s3.ap-northeast-2.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [source, `${source}/*`] } },
      },
    ]);
  });

  it("replicates with a role of its own, written out action by action on the exact buckets and keys", () => {
    const source = named(prod.resources, T.bucket, "platform-prod-bucket-files").state.arn as string;
    const replica = named(dr.resources, T.bucket, "platform-prod-dr-standby-bucket-files").state.arn as string;
    const role = named(dr.resources, T.role, "platform-prod-dr-standby-bucket-files-replication");
    assert.deepEqual(statements(role, "assumeRolePolicy"), [
      {
        Sid: "S3ReplicatesTheSourceBucket",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": source } },
      },
    ]);
    const policy = named(dr.resources, T.rolePolicy, "platform-prod-dr-standby-bucket-files-replication");
    assert.deepEqual(statements(policy), [
      { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source },
      { Sid: "ReadSourceVersions", Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${source}/*` },
      { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${replica}/*` },
      {
        Sid: "DecryptWithSourceKey",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: keyArn(prod, "storage"),
        Condition: { StringEquals: { "kms:ViaService": "s3.ap-northeast-2.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [source, `${source}/*`] } },
      },
      {
        Sid: "EncryptWithReplicaKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
        Resource: keyArn(dr, "storage"),
        Condition: { StringEquals: { "kms:ViaService": "s3.ap-northeast-1.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": [replica, `${replica}/*`] } },
      },
    ]);
  });

  it("finds prod's repositories copied into the same names in Tokyo by Seoul's one registry replication, which prod's account baseline owns", () => {
    assert.equal(ofType(dr.resources, T.registryReplication).length, 0, "a standby owns no registry's replication: one per registry");
    const [configuration] = ofType(prod.resources, T.registryReplication);
    assert.equal(configuration.region, "ap-northeast-2");
    const prodNames = ofType(prod.resources, T.repository).map((r) => String(input(r, "name"))).sort();
    assert.deepEqual(prodNames, ["platform-prod/backend", "platform-prod/frontend"]);
    const [rule] = input<{ rules: { destinations: unknown[]; repositoryFilters: { filter: string; filterType: string }[] }[] }>(configuration, "replicationConfiguration").rules;
    assert.deepEqual(rule.destinations, [{ region: "ap-northeast-1", registryId: account }]);
    for (const name of prodNames) assert.ok(rule.repositoryFilters.some((f) => f.filterType === "PREFIX_MATCH" && name.startsWith(f.filter)), `${name} replicates`);
    const standbyRepositories = ofType(dr.resources, T.repository);
    assert.deepEqual(standbyRepositories.map((r) => String(input(r, "name"))).sort(), prodNames);
    for (const repository of standbyRepositories) assert.equal(repository.region, "ap-northeast-1");
  });

  it("runs its services at the pilot-light size, wired to the Tokyo copies and their Tokyo secrets", () => {
    const containers = (service: string) => JSON.parse(String(input(named(dr.resources, "aws:ecs/taskDefinition:TaskDefinition", `platform-prod-dr-${service}-task`), "containerDefinitions")))[0];
    const backend = containers("backend");
    const env = Object.fromEntries(backend.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    assert.equal(env.DATABASE_HOST, named(dr.resources, T.instance, "platform-prod-dr-standby-db-replica").state.address);
    assert.equal(env.REDIS_HOST, named(dr.resources, T.cacheGroup, "platform-prod-dr-cache-group").state.configurationEndpointAddress);
    assert.equal(env.AWS_S3_BUCKET, "platform-prod-dr-files-123456789012-ap-northeast-1");
    const secretArn = (name: string) => ofType(dr.resources, T.secret).find((s) => input(s, "name") === name)!.state.arn as string;
    const secrets = Object.fromEntries(backend.secrets.map((s: { name: string; valueFrom: string }) => [s.name, s.valueFrom]));
    assert.deepEqual(secrets, {
      DATABASE_USER: `${secretArn("platform/prod-dr/database")}:username::`,
      DATABASE_PASSWORD: `${secretArn("platform/prod-dr/database")}:password::`,
      REDIS_AUTH_TOKEN: `${secretArn("platform/prod-dr/redis-auth")}:authToken::`,
      ANTHROPIC_API_KEY: secretArn("platform/prod-dr/anthropic"),
    });
    const execution = statements(named(dr.resources, T.rolePolicy, "platform-prod-dr-backend-execution"));
    const read = execution.find((s: { Sid: string }) => s.Sid === "ReadInjectedSecrets");
    assert.deepEqual([read.Resource].flat().sort(), [secretArn("platform/prod-dr/anthropic"), secretArn("platform/prod-dr/database"), secretArn("platform/prod-dr/redis-auth")].sort());
    for (const arn of [read.Resource].flat()) assert.match(arn, /^arn:aws:secretsmanager:ap-northeast-1:/);
    for (const service of ["frontend", "backend"]) {
      assert.equal(input(named(dr.resources, "aws:ecs/service:Service", `platform-prod-dr-${service}-service`), "desiredCount"), 0);
      const target = named(dr.resources, "aws:appautoscaling/target:Target", `platform-prod-dr-${service}-scaling`);
      assert.deepEqual([input(target, "minCapacity"), input(target, "maxCapacity")], [0, 0]);
    }
  });

  it("keeps a Tokyo vault for prod's backup copies, and publishes its ARN for prod's backup plan", () => {
    const vault = named(dr.resources, T.vault, "platform-prod-dr-standby-vault");
    assert.equal(input(vault, "name"), "platform-prod-dr-from-prod");
    assert.equal(input(vault, "kmsKeyArn"), keyArn(dr, "data"));
    assert.equal(input(vault, "forceDestroy"), false);
    assert.equal(vault.options.protect, true);
    assert.equal(dr.outputs.backupVaultArn, "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:platform-prod-dr-from-prod");
  });

  it("fails api.platform.example.com over: PRIMARY on prod's ALB with a health check, SECONDARY on prod-dr's, in the edge's zone", () => {
    const check = named(dr.resources, T.healthCheck, "platform-prod-dr-failover-primary-health");
    assert.deepEqual(
      ["type", "fqdn", "port", "resourcePath", "enableSni", "failureThreshold", "requestInterval", "invertHealthcheck"].map((key) => input(check, key)),
      ["HTTPS", "origin.platform.example.com", 443, "/api/health", true, 3, 30, false],
    );
    const prodAlb = ofType(prod.resources, T.loadBalancer)[0];
    const drAlb = ofType(dr.resources, T.loadBalancer)[0];
    const zone = dr.calls.find((c) => c.token === "aws:route53/getZone:getZone")!;
    assert.equal(zone.inputs.name, "example.com");
    const records = ofType(dr.resources, T.record).filter((r) => input(r, "setIdentifier"));
    const byRole = Object.fromEntries(records.map((r) => [input<{ type: string }[]>(r, "failoverRoutingPolicies")[0].type, r]));
    assert.deepEqual(Object.keys(byRole).sort(), ["PRIMARY", "SECONDARY"]);
    const edgeZone = named(dr.resources, T.record, "platform-prod-dr-record-app").inputs.zoneId;
    for (const record of records) {
      assert.equal(input(record, "name"), "api.platform.example.com");
      assert.equal(input(record, "type"), "A");
      assert.equal(record.inputs.zoneId, edgeZone);
    }
    assert.equal(input(byRole.PRIMARY, "setIdentifier"), "prod");
    assert.equal(input(byRole.PRIMARY, "healthCheckId"), check.id);
    assert.deepEqual(input(byRole.PRIMARY, "aliases"), [{ name: prodAlb.state.dnsName, zoneId: "ZWKZPGTI48KDX", evaluateTargetHealth: true }]);
    assert.equal(input(byRole.SECONDARY, "setIdentifier"), "prod-dr");
    assert.equal(input(byRole.SECONDARY, "healthCheckId"), undefined);
    assert.deepEqual(input(byRole.SECONDARY, "aliases"), [{ name: drAlb.state.dnsName, zoneId: "Z14GRHDCWA56QT", evaluateTargetHealth: true }]);
  });

  it("serves the failover name with a certificate on each ALB, validated by one record", () => {
    const certificates = ofType(dr.resources, T.certificate).filter((c) => input(c, "domainName") === "api.platform.example.com");
    assert.deepEqual(certificates.map((c) => c.region).sort(), ["ap-northeast-1", "ap-northeast-2"]);
    const validationRecords = ofType(dr.resources, T.record).filter((r) => String(input(r, "name")).endsWith(".api.platform.example.com."));
    assert.equal(validationRecords.length, 1);
    const listeners = ofType(dr.resources, T.listenerCertificate);
    const prodListener = ofType(prod.resources, T.listener).find((l) => input(l, "protocol") === "HTTPS")!;
    const drListener = ofType(dr.resources, T.listener).find((l) => input(l, "protocol") === "HTTPS")!;
    const attached = Object.fromEntries(listeners.map((l) => [l.region, [input(l, "listenerArn"), String(input(l, "certificateArn")).split(":")[3]]]));
    assert.deepEqual(attached, { "ap-northeast-2": [prodListener.state.arn, "ap-northeast-2"], "ap-northeast-1": [drListener.state.arn, "ap-northeast-1"] });
    assert.equal(prod.outputs.albHttpsListenerArn, prodListener.state.arn);
  });

  it("publishes the drill output the drill reads, from prod-dr alone", () => {
    const targets = parseDrillTargets(dr.outputs, "prod-dr");
    const check = named(dr.resources, T.healthCheck, "platform-prod-dr-failover-primary-health");
    assert.deepEqual(targets, {
      publicUrl: "https://api.platform.example.com/api/health",
      dns: { hostedZoneId: named(dr.resources, T.record, "platform-prod-dr-record-app").inputs.zoneId as string, recordName: "api.platform.example.com", primaryHealthCheckId: check.id },
      primary: {
        stack: "prod",
        region: "ap-northeast-2",
        healthUrl: "https://origin.platform.example.com/api/health",
        loadBalancerDnsName: ofType(prod.resources, T.loadBalancer)[0].state.dnsName as string,
        ecs: { clusterName: "platform-prod-cluster", serviceNames: ["backend", "frontend"] },
      },
      standby: {
        stack: "prod-dr",
        region: "ap-northeast-1",
        healthUrl: "https://platform-dr.example.com/api/health",
        loadBalancerDnsName: ofType(dr.resources, T.loadBalancer)[0].state.dnsName as string,
        ecs: { clusterName: "platform-prod-dr-cluster", serviceNames: ["frontend", "backend"] },
      },
      database: { strategy: "rds-replica", primary: { instanceIdentifier: "platform-prod-db" }, standby: { instanceIdentifier: "platform-prod-dr-db" } },
      cache: { strategy: "warm-empty", primary: { replicationGroupId: "platform-prod-cache" }, standby: { replicationGroupId: "platform-prod-dr-cache" } },
      // The RPO counts the files: S3 replication metrics of the rule on prod's bucket (AWS/S3, by source, destination and rule).
      files: [
        {
          key: "files",
          sourceBucket: input<string>(named(prod.resources, T.bucket, "platform-prod-bucket-files"), "bucket"),
          replicaBucket: "platform-prod-dr-files-123456789012-ap-northeast-1",
          ruleId: input<{ id: string }[]>(named(dr.resources, T.replication, "platform-prod-dr-standby-bucket-files-replication"), "rules")[0].id,
          // The failback's RPO: the reverse rule's metrics, read in Tokyo.
          reverseRuleId: input<{ id: string }[]>(named(dr.resources, T.replication, "platform-prod-dr-standby-bucket-files-replicate-back"), "rules")[0].id,
        },
      ],
    });
    // A pilot light runs no task: it publishes no healthUrl, so the rollout skips its health check.
    assert.equal(dr.outputs.healthUrl, undefined);
    assert.equal(prod.outputs.healthUrl, "https://origin.platform.example.com/api/health");
  });

  it("keeps its copy of prod's credentials following prod's rotation daily, reading prod's secret in Seoul with prod's key (issue 15, item 2)", () => {
    const copy = named(dr.resources, "aws:secretsmanager/secret:Secret", "platform-prod-dr-standby-db-secret");
    const follow = named(dr.resources, "aws:secretsmanager/secretRotation:SecretRotation", "platform-prod-dr-standby-db-follow-rotation");
    assert.equal(input(follow, "secretId"), copy.state.arn);
    assert.deepEqual(input(follow, "rotationRules"), { automaticallyAfterDays: 1 });
    const prodSecret = named(prod.resources, "aws:secretsmanager/secret:Secret", "platform-prod-db-secret");
    const fn = named(dr.resources, "aws:lambda/function:Function", "platform-prod-dr-standby-db-follow");
    const variables = input<{ variables: Record<string, string> }>(fn, "environment").variables;
    assert.deepEqual({ kind: variables.ROTATION_KIND, source: variables.SOURCE_SECRET_ARN }, { kind: "follow", source: prodSecret.state.arn });
    const statements = JSON.parse(String(input(named(dr.resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-dr-standby-db-follow-policy"), "policy"))).Statement as {
      Sid: string;
      Resource: unknown;
      Condition?: unknown;
    }[];
    const bySid = Object.fromEntries(statements.map((st) => [st.Sid, st]));
    assert.equal(bySid.ReadPrimarySecret.Resource, prodSecret.state.arn);
    assert.equal(bySid.DecryptPrimarySecret.Resource, named(prod.resources, "aws:kms/key:Key", "platform-prod-data").state.arn);
    assert.deepEqual(bySid.DecryptPrimarySecret.Condition, { StringEquals: { "kms:ViaService": "secretsmanager.ap-northeast-2.amazonaws.com" } });
    assert.equal(bySid.SetMasterPassword, undefined, "the replica has prod's password already: the copy changes no store");
  });
});
