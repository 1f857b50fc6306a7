import { strict as assert } from "assert";
import type * as aws from "@pulumi/aws";
import { backupResources } from "../../../offline/mock-cloud/aws/backup";
import { ecrResources } from "../../../offline/mock-cloud/aws/ecr";
import { lbResources } from "../../../offline/mock-cloud/aws/lb";
import { route53Resources } from "../../../offline/mock-cloud/aws/route53";
import { s3Resources } from "../../../offline/mock-cloud/aws/s3";
import { secretsManagerCalls } from "../../../offline/mock-cloud/aws/secretsmanager";
import type { OtherStacks } from "../../../offline";
import { ModelContext } from "../../../offline/mock-cloud/model";
import type { Present } from "../../helpers/config";

const account = "123456789012";
const ctx = (type: string, inputs: Record<string, unknown>, region = "ap-northeast-2"): ModelContext => ({ type, name: "test", inputs, region, accountId: account, seed: `${type}::test` });

describe("mock cloud: what AWS refuses for the cross-region links", () => {
  const replication = s3Resources["aws:s3/bucketReplicationConfig:BucketReplicationConfig"];
  type ReplicationRule = aws.types.output.s3.BucketReplicationConfigRule;
  /** A rule as the provider takes it, with the replication time control rule() sets. */
  type Rule = ReplicationRule & { destination: Present<ReplicationRule["destination"], "replicationTime"> };
  const rule = (): Rule => ({
    id: "standby",
    status: "Enabled",
    priority: 1,
    filter: { prefix: "" },
    deleteMarkerReplication: { status: "Enabled" },
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
    destination: {
      bucket: "arn:aws:s3:::replica-bucket",
      encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/k" },
      replicationTime: { status: "Enabled", time: { minutes: 15 } },
      metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
    },
  });
  const put = (change: (r: Rule) => void, extra: Record<string, unknown> = {}) => {
    const r = rule();
    change(r);
    return replication(ctx("r", { bucket: "source-bucket", role: `arn:aws:iam::${account}:role/replication`, rules: [r], ...extra }));
  };

  it("S3 replication: the V2 schema with delete markers, RTC with its metrics, KMS objects with a replica key", () => {
    assert.equal(put(() => undefined).id, "source-bucket");
    assert.throws(() => put((r) => delete r.deleteMarkerReplication), /a rule with a filter must set deleteMarkerReplication/);
    assert.throws(() => put((r) => delete r.destination.metrics), /replication time control needs metrics with a 15-minute event threshold/);
    assert.throws(() => put((r) => (r.destination.replicationTime.time.minutes = 10)), /replication time control is 15 minutes/);
    assert.throws(() => put((r) => delete r.destination.encryptionConfiguration), /SSE-KMS objects need encryptionConfiguration.replicaKmsKeyId/);
    assert.throws(() => put((r) => delete r.sourceSelectionCriteria), /replicaKmsKeyId needs sourceSelectionCriteria/);
    assert.throws(() => put((r) => (r.destination.bucket = "arn:aws:s3:::source-bucket")), /cannot replicate into itself/);
    assert.throws(() => put(() => undefined, { role: "replication" }), /is not an IAM role ARN/);
  });

  it("S3 replication: both buckets versioned, when the mock knows them; replica modification sync with a filter", () => {
    const known = (source: boolean, replica: boolean) => ({ buckets: new Map([["source-bucket", { versioned: source }], ["replica-bucket", { versioned: replica }]]) });
    const sync = (r: Rule) => (r.sourceSelectionCriteria = { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } });
    const putIn = (extra: object, change: (r: Rule) => void = () => undefined) => {
      const r = rule();
      change(r);
      return replication({ ...ctx("r", { bucket: "source-bucket", role: `arn:aws:iam::${account}:role/replication`, rules: [r] }), ...extra });
    };
    assert.equal(putIn(known(true, true), sync).id, "source-bucket");
    assert.throws(() => putIn(known(false, true)), /source bucket source-bucket is not versioned: S3 replicates only between versioned buckets/);
    assert.throws(() => putIn(known(true, false)), /rule standby: destination bucket replica-bucket is not versioned/);
    // A bucket the mock has not seen (another account's) is not judged.
    assert.equal(putIn({ buckets: new Map() }).id, "source-bucket");
    assert.throws(() => put((r) => (sync(r), delete r.filter, delete r.deleteMarkerReplication, delete r.priority)), /replicaModifications needs the V2 schema \(a filter\)/);
  });

  it("ECR: one registry's replication may not point at itself, and filters by prefix", () => {
    const registry = ecrResources["aws:ecr/replicationConfiguration:ReplicationConfiguration"];
    const config = (region: string, filterType = "PREFIX_MATCH") => ({ replicationConfiguration: { rules: [{ destinations: [{ region, registryId: account }], repositoryFilters: [{ filter: "platform-prod/", filterType }] }] } });
    assert.deepEqual(registry(ctx("e", config("ap-northeast-1"))), { id: account, state: { registryId: account } });
    assert.throws(() => registry(ctx("e", config("ap-northeast-2"))), /cannot replicate registry 123456789012 in ap-northeast-2 into itself/);
    assert.throws(() => registry(ctx("e", config("ap-northeast-1", "WILDCARD"))), /PREFIX_MATCH only/);
  });

  it("ELB takes certificates of its own region on its own listeners", () => {
    const attach = lbResources["aws:lb/listenerCertificate:ListenerCertificate"];
    const listener = (region: string) => `arn:aws:elasticloadbalancing:${region}:${account}:listener/app/a/1/2`;
    const certificate = (region: string) => `arn:aws:acm:${region}:${account}:certificate/c`;
    assert.equal(attach(ctx("l", { listenerArn: listener("ap-northeast-2"), certificateArn: certificate("ap-northeast-2") })).id, `${listener("ap-northeast-2")}_${certificate("ap-northeast-2")}`);
    assert.throws(() => attach(ctx("l", { listenerArn: listener("ap-northeast-2"), certificateArn: certificate("ap-northeast-1") })), /takes ACM certificates of ap-northeast-2 only/);
    assert.throws(() => attach(ctx("l", { listenerArn: listener("ap-northeast-1"), certificateArn: certificate("ap-northeast-2") })), /is not in ap-northeast-2/);
  });

  it("Route 53: health checks need an endpoint and AWS's thresholds; routed records need a set identifier", () => {
    const check = route53Resources["aws:route53/healthCheck:HealthCheck"];
    const good = { type: "HTTPS", fqdn: "origin.example.com", resourcePath: "/health", failureThreshold: 3, requestInterval: 30 };
    assert.match(String(check(ctx("h", good)).state.arn), /^arn:aws:route53:::healthcheck\/[0-9a-f-]{36}$/);
    assert.throws(() => check(ctx("h", { ...good, fqdn: undefined })), /needs fqdn or ipAddress/);
    assert.throws(() => check(ctx("h", { ...good, requestInterval: 60 })), /requestInterval is 10 or 30/);
    assert.throws(() => check(ctx("h", { ...good, resourcePath: "health" })), /must start with \//);
    const record = route53Resources["aws:route53/record:Record"];
    const alias = { zoneId: "Z1", name: "api.example.com", type: "A", aliases: [{ name: "lb", zoneId: "Z2", evaluateTargetHealth: true }] };
    assert.throws(() => record(ctx("r", { ...alias, failoverRoutingPolicies: [{ type: "PRIMARY" }] })), /needs a setIdentifier/);
    assert.throws(() => record(ctx("r", { ...alias, setIdentifier: "prod", failoverRoutingPolicies: [{ type: "FIRST" }] })), /failover type FIRST/);
    assert.equal(record(ctx("r", { ...alias, setIdentifier: "prod", failoverRoutingPolicies: [{ type: "PRIMARY" }] })).id, "Z1_api.example.com_A_prod");
  });

  it("Secrets Manager answers from the stack that wrote the secret, in the secret's region only", () => {
    const read = secretsManagerCalls["aws:secretsmanager/getSecretVersion:getSecretVersion"];
    const arn = `arn:aws:secretsmanager:ap-northeast-2:${account}:secret:platform/prod/database-AbCdEf`;
    const stacks: OtherStacks = { prod: { qualifiedName: "organization/p/prod", outputs: {}, secretOutputNames: [], secretValues: { [arn]: '{"password":"x"}' } } };
    assert.equal(read({ secretId: arn }, { region: "ap-northeast-2", accountId: account, stacks }).secretString, '{"password":"x"}');
    assert.throws(() => read({ secretId: arn }, { region: "ap-northeast-1", accountId: account, stacks }), /Secrets Manager in ap-northeast-1 cannot read .*, a secret of ap-northeast-2/);
    assert.throws(() => read({ secretId: arn.replace("AbCdEf", "XyZxYz") }, { region: "ap-northeast-2", accountId: account, stacks }), /ResourceNotFoundException/);
  });

  it("Backup: vault names AWS accepts, ARNs in the vault's region", () => {
    const vault = backupResources["aws:backup/vault:Vault"];
    assert.equal(vault(ctx("v", { name: "platform-prod-dr-from-prod" }, "ap-northeast-1")).state.arn, "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:platform-prod-dr-from-prod");
    assert.throws(() => vault(ctx("v", { name: "no spaces" })), /invalid vault name/);
  });
});
