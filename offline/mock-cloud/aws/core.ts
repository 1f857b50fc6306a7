import { regionAvailabilityZones } from "../../../model/network/regions";
import { autoName, hex, uuid } from "../ids";
import { num, str } from "../inputs";
import { CallModel, ModelContext, ResourceModel } from "../model";
import { arnOf, globalArnOf } from "./shared";

/** EC2 ids: a prefix and 17 hex digits, as AWS issues them. */
const ec2Id = (prefix: string) => (ctx: ModelContext) => `${prefix}-${hex(ctx.seed, 17)}`;

function ec2(prefix: string, kind: string, extra: (ctx: ModelContext, id: string) => Record<string, unknown> = () => ({})): ResourceModel {
  return (ctx) => {
    const id = ec2Id(prefix)(ctx);
    return { id, state: { arn: arnOf(ctx, "ec2", `${kind}/${id}`), ownerId: ctx.accountId, ...extra(ctx, id) } };
  };
}

/** An S3 bucket's subresource (its policy, versioning, ...): its id is the bucket's name. */
const byBucket: ResourceModel = (ctx) => ({ id: String(ctx.inputs.bucket), state: {} });

export const coreResources: Record<string, ResourceModel> = {
  "aws:ec2/vpc:Vpc": ec2("vpc", "vpc", (ctx) => ({
    defaultSecurityGroupId: `sg-${hex(ctx.seed + "sg", 17)}`,
    mainRouteTableId: `rtb-${hex(ctx.seed + "rtb", 17)}`,
    defaultNetworkAclId: `acl-${hex(ctx.seed + "acl", 17)}`,
    dhcpOptionsId: `dopt-${hex(ctx.seed + "dopt", 17)}`,
    instanceTenancy: ctx.inputs.instanceTenancy ?? "default",
  })),
  "aws:ec2/subnet:Subnet": ec2("subnet", "subnet", (ctx) => ({ availabilityZoneId: `apne2-az${(str(ctx.inputs, "availabilityZone") ?? "a").slice(-1)}` })),
  "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
  "aws:ec2/eip:Eip": (ctx) => {
    const id = `eipalloc-${hex(ctx.seed, 17)}`;
    const n = parseInt(hex(ctx.seed, 4), 16);
    return { id, state: { allocationId: id, publicIp: `3.${34 + (n % 4)}.${(n >> 4) % 256}.${n % 256}`, domain: "vpc" } };
  },
  "aws:ec2/natGateway:NatGateway": (ctx) => {
    const id = `nat-${hex(ctx.seed, 17)}`;
    return { id, state: { networkInterfaceId: `eni-${hex(ctx.seed + "eni", 17)}`, privateIp: "10.0.1.100", publicIp: "3.34.0.10" } };
  },
  "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
  "aws:ec2/route:Route": (ctx) => ({ id: `r-${str(ctx.inputs, "routeTableId")}${hex(ctx.seed, 8)}`, state: { state: "active", origin: "CreateRoute" } }),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": (ctx) => ({ id: `rtbassoc-${hex(ctx.seed, 17)}`, state: {} }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": ec2("vpce", "vpc-endpoint", (ctx, id) => ({
    state: "available",
    prefixListId: ctx.inputs.vpcEndpointType === "Gateway" ? `pl-${hex(ctx.seed, 8)}` : undefined,
    dnsEntries:
      ctx.inputs.vpcEndpointType === "Interface"
        ? [{ dnsName: `${id}.${String(ctx.inputs.serviceName).split(".").slice(3).join(".")}.${ctx.region}.vpce.amazonaws.com`, hostedZoneId: "Z27UANNT0PRK1T" }]
        : [],
    networkInterfaceIds: ctx.inputs.vpcEndpointType === "Interface" ? [`eni-${hex(ctx.seed + "eni", 17)}`] : [],
  })),
  "aws:ec2/flowLog:FlowLog": ec2("fl", "vpc-flow-log"),
  "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group", (ctx) => ({ name: str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed) })),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("sgr", "security-group-rule", (_, id) => ({ securityGroupRuleId: id })),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("sgr", "security-group-rule", (_, id) => ({ securityGroupRuleId: id })),
  "aws:ec2/instance:Instance": ec2("i", "instance", (ctx) => ({
    primaryNetworkInterfaceId: `eni-${hex(ctx.seed + "eni", 17)}`,
    privateIp: "10.0.1.200",
    privateDns: "ip-10-0-1-200.ec2.internal",
    instanceState: "running",
  })),
  "aws:kms/key:Key": (ctx) => {
    const keyId = uuid(ctx.seed);
    return { id: keyId, state: { keyId, arn: arnOf(ctx, "kms", `key/${keyId}`), keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT" } };
  },
  "aws:kms/alias:Alias": (ctx) => {
    const name = String(ctx.inputs.name);
    return { id: name, state: { arn: arnOf(ctx, "kms", name), targetKeyArn: arnOf(ctx, "kms", `key/${str(ctx.inputs, "targetKeyId")}`) } };
  },
  "aws:cloudwatch/logGroup:LogGroup": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    return { id: name, state: { name, arn: arnOf(ctx, "logs", `log-group:${name}`) } };
  },
  "aws:iam/role:Role": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    return { id: name, state: { name, arn: globalArnOf(ctx, "iam", `role${str(ctx.inputs, "path") ?? "/"}${name}`), uniqueId: `AROA${hex(ctx.seed, 17).toUpperCase()}` } };
  },
  "aws:iam/rolePolicy:RolePolicy": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    return { id: `${str(ctx.inputs, "role")}:${name}`, state: { name } };
  },
  "aws:iam/policy:Policy": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    return { id: globalArnOf(ctx, "iam", `policy/${name}`), state: { name, arn: globalArnOf(ctx, "iam", `policy/${name}`), policyId: `ANPA${hex(ctx.seed, 17).toUpperCase()}` } };
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (ctx) => ({ id: `${str(ctx.inputs, "role")}-${hex(ctx.seed, 8)}`, state: {} }),
  "aws:iam/instanceProfile:InstanceProfile": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    const path = str(ctx.inputs, "path") ?? "/";
    return { id: name, state: { name, arn: globalArnOf(ctx, "iam", `instance-profile${path}${name}`), uniqueId: `AIPA${hex(ctx.seed, 17).toUpperCase()}` } };
  },
  "aws:cloudtrail/trail:Trail": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    return { id: name, state: { arn: arnOf(ctx, "cloudtrail", `trail/${name}`), homeRegion: ctx.region } };
  },
  "aws:guardduty/detector:Detector": (ctx) => ({ id: hex(ctx.seed, 32), state: { accountId: ctx.accountId, arn: arnOf(ctx, "guardduty", `detector/${hex(ctx.seed, 32)}`) } }),
  "aws:s3/bucket:Bucket": (ctx) => {
    const bucket = str(ctx.inputs, "bucket") ?? autoName(ctx.name, ctx.seed);
    return {
      id: bucket,
      state: {
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${ctx.region}.amazonaws.com`,
        hostedZoneId: "Z3W03O7B5YMIYP",
        region: ctx.region,
      },
    };
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": byBucket,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": byBucket,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": byBucket,
  "aws:s3/bucketVersioning:BucketVersioning": byBucket,
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": byBucket,
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": byBucket,
  "aws:s3/bucketLogging:BucketLogging": byBucket,
  "aws:s3/bucketPolicy:BucketPolicy": byBucket,
  // The provider returns `length` characters; the mock keeps a recognisable prefix for leak checks.
  "random:index/randomPassword:RandomPassword": (ctx) => ({ id: "none", state: { result: `mock-${hex(ctx.seed, Math.max(8, (num(ctx.inputs, "length") ?? 32) - 5))}` } }),
};

export const coreCalls: Record<string, CallModel> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (_, env) => ({
    accountId: env.accountId,
    arn: env.callerArn ?? `arn:aws:iam::${env.accountId}:user/platform-engineer`,
    userId: "AIDAMOCKUSER000000000",
    id: env.accountId,
  }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" }),
  "aws:index/getRegion:getRegion": (_, env) => ({ name: env.region, region: env.region, id: env.region, endpoint: `ec2.${env.region}.amazonaws.com` }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_, env) => {
    const names = [...(regionAvailabilityZones[env.region] ?? [])];
    return { names, zoneIds: names.map((n) => `${env.region}-az${n.slice(-1)}`), id: env.region };
  },
  "aws:ec2/getManagedPrefixList:getManagedPrefixList": (inputs, env) => ({
    id: `pl-${hex(`${str(inputs, "name")}:${env.region}`, 8)}`,
    name: inputs.name,
    addressFamily: "IPv4",
    maxEntries: 55,
    entries: [],
  }),
  "aws:ec2/getAmi:getAmi": (inputs, env) => ({
    id: `ami-${hex(JSON.stringify(inputs) + env.region, 17)}`,
    architecture: "arm64",
    name: "al2023-ami-minimal-2023.9.20261101.0-kernel-6.12-arm64",
  }),
};
