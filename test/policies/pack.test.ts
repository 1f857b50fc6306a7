import { strict as assert } from "assert";
import * as policyProxy from "@pulumi/policy/proxy";
import * as fs from "fs";
import * as path from "path";
import { levelOf, packConfig, settingsOf } from "../../policies/lib/enforcement";
import { hasConditionOn, isAllResources, parseDocument, principalAccount, wildcardMatch } from "../../policies/lib/policy-document";
import { hasResourceCheck, hasStackCheck } from "../../policies/lib/rule";
import { taggableAwsTypes } from "../../policies/lib/taggable-types";
import { T } from "../../policies/lib/types";
import { engineProxy, unknownSentinels, unknownValue, unwrap } from "../../policies/lib/unknown";
import { allRules } from "../../policies/rules";
import { configDir, configText } from "../../scripts/policy-config";
import { taggableTypes } from "../../scripts/taggable-types";

/** The engine's unknown sentinels as @pulumi/policy has them: proxy.js exports them, its declarations (`export {}`) do not. */
type SentinelName = "unknownBooleanValue" | "unknownNumberValue" | "unknownStringValue" | "unknownArrayValue" | "unknownAssetValue" | "unknownArchiveValue" | "unknownObjectValue";
const proxy = policyProxy as Record<SentinelName, string>;

describe("policy pack: structure", () => {
  it("has 51 uniquely named rules, each with a theme, a fix and at least one check", () => {
    assert.equal(allRules.length, 51);
    assert.equal(new Set(allRules.map((r) => r.name)).size, allRules.length);
    for (const r of allRules) {
      assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.name);
      assert.ok(r.description.length > 20 && r.fix.length > 10, r.name);
      assert.ok(hasResourceCheck(r) || hasStackCheck(r), r.name);
      assert.equal(r.enforcementLevel, "mandatory", `${r.name}: without a config every rule blocks`);
    }
  });

  it("keeps policies/config/*.json equal to the rules (regenerate with scripts/policy-config.ts)", () => {
    for (const enforcement of ["mandatory", "advisory"] as const) {
      assert.equal(fs.readFileSync(path.join(configDir, `${enforcement}.json`), "utf8"), configText(enforcement), enforcement);
    }
  });

  it("sets only the per-environment rules' level from the stack's enforcement", () => {
    const advisory = packConfig(allRules, "advisory", { "iam-trust-scoped": { trustedAccountIds: ["123456789012"] } });
    const perEnvironment = allRules.filter((r) => r.scope === "per-environment");
    assert.equal(perEnvironment.length, 14);
    for (const r of allRules) assert.equal(levelOf(r, advisory), r.scope === "per-environment" ? "advisory" : "mandatory", r.name);
    for (const r of allRules) assert.equal(levelOf(r, packConfig(allRules, "mandatory")), "mandatory", r.name);
    const trust = allRules.find((r) => r.name === "iam-trust-scoped");
    assert.deepEqual(trust && settingsOf(trust, advisory), { trustedAccountIds: ["123456789012"] });
  });

  it("pins the engine's unknown sentinels and proxy behaviour", () => {
    assert.deepEqual(
      [...unknownSentinels].sort(),
      [proxy.unknownBooleanValue, proxy.unknownNumberValue, proxy.unknownStringValue, proxy.unknownArrayValue, proxy.unknownAssetValue, proxy.unknownArchiveValue, proxy.unknownObjectValue].sort(),
    );
    const props = engineProxy({ arn: unknownValue, name: "x" });
    assert.throws(() => props.arn, /can't be known during preview/);
    assert.equal(unwrap(props).arn, unknownValue);
  });

  it("keeps the taggable-type list equal to the installed @pulumi/aws (regenerate with scripts/taggable-types.ts)", () => {
    assert.deepEqual([...taggableAwsTypes].sort(), taggableTypes());
  });

  it("names only resource types that exist in the installed SDKs", async () => {
    const known = new Set<string>();
    // A resource class carries its type token as the static __pulumiType, which the SDKs' declarations leave out.
    const add = (value: unknown) => typeof value === "function" && "__pulumiType" in value && typeof value.__pulumiType === "string" && known.add(value.__pulumiType);
    const collect = (mod: object) => {
      for (const value of Object.values(mod as Record<string, unknown>)) {
        add(value);
        if (value && typeof value === "object" && !Array.isArray(value)) Object.values(value as Record<string, unknown>).forEach(add);
      }
    };
    // Loaded here, as the test runs, not when mocha loads the test files.
    collect(await import("@pulumi/aws"));
    collect(await import("@pulumi/eks"));
    collect(await import("@pulumi/awsx"));
    const k8s = await import("@pulumi/kubernetes");
    add(k8s.storage.v1.StorageClass);
    add(k8s.networking.v1.Ingress);
    add(k8s.apps.v1.Deployment);
    for (const token of Object.values(T)) assert.ok(known.has(token), token);
    for (const r of allRules) for (const token of r.types) assert.ok(known.has(token), `${r.name}: ${token}`);
  });

  it("reads the input properties the provider schemas define", () => {
    // The security-relevant inputs the rules read, checked against the SDKs' Args interfaces.
    const reads: Record<string, string[]> = {
      "rds/instance:Instance": ["storageEncrypted", "kmsKeyId", "replicateSourceDb", "publiclyAccessible", "deletionProtection", "skipFinalSnapshot", "finalSnapshotIdentifier", "backupRetentionPeriod", "multiAz", "parameterGroupName", "engine", "engineVersion", "password", "passwordWo", "manageMasterUserPassword"],
      "rds/cluster:Cluster": ["storageEncrypted", "kmsKeyId", "deletionProtection", "backupRetentionPeriod", "dbClusterParameterGroupName", "globalClusterIdentifier", "replicationSourceIdentifier", "masterUsername", "engineMode", "engine", "engineVersion", "masterPassword", "masterPasswordWo"],
      "rds/clusterInstance:ClusterInstance": ["clusterIdentifier", "publiclyAccessible"],
      "elasticache/replicationGroup:ReplicationGroup": ["atRestEncryptionEnabled", "transitEncryptionEnabled", "transitEncryptionMode", "authToken", "authTokenWo", "userGroupIds", "multiAzEnabled", "automaticFailoverEnabled", "numCacheClusters", "replicasPerNodeGroup", "snapshotRetentionLimit", "finalSnapshotIdentifier", "kmsKeyId"],
      "ebs/volume:Volume": ["encrypted"],
      "ec2/launchTemplate:LaunchTemplate": ["blockDeviceMappings", "networkInterfaces", "metadataOptions"],
      "ec2/instance:Instance": ["rootBlockDevice", "ebsBlockDevices", "associatePublicIpAddress", "sourceDestCheck", "launchTemplate", "metadataOptions"],
      "eks/cluster:Cluster": ["encryptionConfig", "vpcConfig", "enabledClusterLogTypes"],
      "eks/nodeGroup:NodeGroup": ["launchTemplate"],
      "ecs/service:Service": ["networkConfiguration"],
      "lambda/function:Function": ["environment", "kmsKeyArn", "loggingConfig"],
      "lambda/permission:Permission": ["principal", "sourceArn", "sourceAccount", "principalOrgId"],
      "lambda/functionUrl:FunctionUrl": ["authorizationType"],
      "sqs/queue:Queue": ["kmsMasterKeyId", "sqsManagedSseEnabled", "policy"],
      "sns/topic:Topic": ["kmsMasterKeyId", "policy"],
      "cloudwatch/logGroup:LogGroup": ["kmsKeyId", "retentionInDays"],
      "secretsmanager/secret:Secret": ["kmsKeyId", "recoveryWindowInDays", "policy"],
      "backup/vault:Vault": ["kmsKeyArn", "forceDestroy"],
      "backup/plan:Plan": ["rules"],
      "ecr/repository:Repository": ["encryptionConfigurations", "forceDelete", "imageTagMutability", "imageScanningConfiguration"],
      "lb/listener:Listener": ["protocol", "sslPolicy", "certificateArn", "defaultActions", "port"],
      "lb/listenerRule:ListenerRule": ["listenerArn", "actions"],
      "lb/loadBalancer:LoadBalancer": ["accessLogs", "enableDeletionProtection", "securityGroups", "internal", "loadBalancerType"],
      "cloudfront/distribution:Distribution": ["defaultCacheBehavior", "orderedCacheBehaviors", "viewerCertificate", "origins", "loggingConfig", "webAclId"],
      "vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["cidrIpv4", "cidrIpv6", "fromPort", "toPort", "ipProtocol", "securityGroupId"],
      "ec2/securityGroupRule:SecurityGroupRule": ["type", "cidrBlocks", "ipv6CidrBlocks", "protocol", "fromPort", "toPort", "securityGroupId"],
      "ec2/securityGroup:SecurityGroup": ["ingress"],
      "ec2/subnet:Subnet": ["mapPublicIpOnLaunch"],
      "ec2/eip:Eip": ["instance"],
      "ec2/flowLog:FlowLog": ["vpcId", "logDestination"],
      "iam/role:Role": ["assumeRolePolicy", "inlinePolicies", "managedPolicyArns"],
      "iam/rolePolicyAttachment:RolePolicyAttachment": ["policyArn"],
      "s3/bucket:Bucket": ["forceDestroy", "policy", "acl", "serverSideEncryptionConfiguration", "versioning"],
      "s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "bucket"],
      "s3/bucketVersioning:BucketVersioning": ["versioningConfiguration", "bucket"],
      "s3/bucketLogging:BucketLogging": ["targetBucket", "bucket"],
      "cloudtrail/trail:Trail": ["kmsKeyId", "s3BucketName"],
      "kms/key:Key": ["enableKeyRotation", "rotationPeriodInDays", "customerMasterKeySpec", "keyUsage", "customKeyStoreId", "policy"],
      "kms/keyPolicy:KeyPolicy": ["keyId", "policy"],
      "rds/parameterGroup:ParameterGroup": ["family", "parameters"],
      "rds/clusterParameterGroup:ClusterParameterGroup": ["family", "parameters"],
      "ecr/registryScanningConfiguration:RegistryScanningConfiguration": ["rules"],
      "secretsmanager/secretVersion:SecretVersion": ["secretId", "secretString"],
      "secretsmanager/secretRotation:SecretRotation": ["secretId", "rotationEnabled", "rotationRules"],
      "wafv2/webAclAssociation:WebAclAssociation": ["resourceArn"],
      "cloudfront/cachePolicy:CachePolicy": ["defaultTtl", "parametersInCacheKeyAndForwardedToOrigin"],
      "cloudfront/originRequestPolicy:OriginRequestPolicy": ["cookiesConfig", "headersConfig"],
      "cloudwatch/logResourcePolicy:LogResourcePolicy": ["policyDocument"],
    };
    for (const [token, props] of Object.entries(reads)) {
      const [file, name] = token.split(":");
      const dts = fs.readFileSync(require.resolve(`@pulumi/aws/${file}.d.ts`), "utf8");
      const args = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1] ?? "";
      for (const prop of props) assert.match(args, new RegExp(`\\n    ${prop}\\??:`), `aws:${token} has no input ${prop}`);
    }
    const eks = fs.readFileSync(require.resolve("@pulumi/eks/cluster.d.ts"), "utf8");
    for (const prop of ["encryptionConfigKeyArn", "endpointPublicAccess", "publicAccessCidrs", "nodeAssociatePublicIpAddress", "nodeRootVolumeEncrypted", "skipDefaultNodeGroup", "fargate", "enabledClusterLogTypes", "tags"]) {
      assert.match(eks, new RegExp(`\\n    ${prop}\\??:`), `eks:index:Cluster has no input ${prop}`);
    }
    const managed = fs.readFileSync(require.resolve("@pulumi/eks/managedNodeGroup.d.ts"), "utf8");
    for (const prop of ["enableIMDSv2", "launchTemplate"]) assert.match(managed, new RegExp(`\\n    ${prop}\\??:`), `eks:index:ManagedNodeGroup has no input ${prop}`);
  });
});

describe("policy pack: documents", () => {
  it("parses text and object documents, single statements and unknowns", () => {
    const parsed = parseDocument({ Statement: { Sid: "One", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" } });
    assert.equal(parsed.kind, "document");
    assert.deepEqual(parsed.kind === "document" && parsed.statements.map((s) => [s.label, s.actions, s.resources]), [["One", ["s3:GetObject"], ["arn:aws:s3:::b/*"]]]);
    assert.deepEqual(parseDocument(unknownValue), { kind: "unknown" });
    assert.deepEqual(parseDocument(undefined), { kind: "absent" });
    assert.equal(parseDocument("[1]").kind, "invalid");
    const partial = parseDocument(JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [unknownValue] }] }));
    assert.deepEqual(partial.kind === "document" && partial.statements[0].unknownParts, ["Resource"]);
  });

  it("answers the structural questions", () => {
    assert.ok(isAllResources("*") && isAllResources("arn:aws:s3:::*") && isAllResources("arn:aws:kms:*:*:*"));
    assert.ok(!isAllResources("arn:aws:s3:::bucket/*") && !isAllResources("arn:aws:iam::123456789012:role/*"));
    assert.equal(principalAccount("arn:aws:iam::123456789012:role/x"), "123456789012");
    assert.equal(principalAccount("123456789012"), "123456789012");
    assert.equal(principalAccount("arn:aws:iam::*:root"), "*");
    assert.ok(wildcardMatch("iam:Pass*", "iam:PassRole") && wildcardMatch("S3:Get?bject", "s3:GetObject") && !wildcardMatch("s3:Get*", "s3:PutObject"));
    const parsed = parseDocument({ Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Condition: { ArnEquals: { "aws:SourceArn": "x" } } }] });
    assert.ok(parsed.kind === "document" && hasConditionOn(parsed.statements[0], ["aws:sourcearn"]));
  });
});
