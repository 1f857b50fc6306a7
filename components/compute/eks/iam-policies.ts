import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../../shared/iam";

/** Where a policy's ARNs live: this stack's partition, region and account. */
export interface ArnScope {
  /** `aws` outside China and GovCloud. */
  readonly partition: pulumi.Input<string>;
  /** The stack's region. */
  readonly region: string;
  /** The stack's account. */
  readonly accountId: pulumi.Input<string>;
}

const ec2Arn = (s: ArnScope, resource: pulumi.Input<string>) => pulumi.interpolate`arn:${s.partition}:ec2:${s.region}:${s.accountId}:${resource}`;

/** Key use for EBS volumes and Kubernetes secrets; grants only for AWS resources (EBS attaches). */
export function keyUseStatements(keyArn: pulumi.Input<string>, sid: string): Statement[] {
  return [
    {
      Sid: `${sid}UseKey`,
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
      Resource: keyArn,
    },
    {
      Sid: `${sid}GrantToAwsResources`,
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: keyArn,
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}

/**
 * Worker nodes: what the kubelet and the node bootstrap need (AmazonEKSWorkerNodePolicy and
 * AmazonEC2ContainerRegistryPullOnly, written out). Pod networking is the VPC CNI's own IRSA role.
 */
export function nodeStatements(s: ArnScope, clusterArn: pulumi.Input<string>): Statement[] {
  return [
    {
      Sid: "DescribeNodeEnvironment",
      Effect: "Allow",
      Action: [
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVolumes",
        "ec2:DescribeVolumesModifications",
        "ec2:DescribeVpcs",
      ],
      Resource: "*",
    },
    { Sid: "DescribeOwnCluster", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: clusterArn },
    // ecr:GetAuthorizationToken accepts only "*".
    { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
    {
      // Add-on images live in AWS's regional ECR accounts, the services' in this account: any account, this region.
      Sid: "PullImagesInRegion",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      Resource: pulumi.interpolate`arn:${s.partition}:ecr:${s.region}:*:repository/*`,
    },
  ];
}

/** The Amazon VPC CNI (aws-node): ENIs and secondary IPs for pods (AmazonEKS_CNI_Policy, written out). */
export function vpcCniStatements(s: ArnScope, subnetIds: readonly pulumi.Input<string>[]): Statement[] {
  const interfaces = ec2Arn(s, "network-interface/*");
  return [
    {
      Sid: "DescribeNetworking",
      Effect: "Allow",
      Action: ["ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes", "ec2:DescribeSubnets"],
      Resource: "*",
    },
    {
      Sid: "ManagePodInterfaces",
      Effect: "Allow",
      Action: [
        "ec2:AssignPrivateIpAddresses",
        "ec2:AttachNetworkInterface",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DetachNetworkInterface",
        "ec2:ModifyNetworkInterfaceAttribute",
        "ec2:UnassignPrivateIpAddresses",
      ],
      // Pods take addresses in the node (app) subnets only.
      Resource: [interfaces, ec2Arn(s, "instance/*"), ec2Arn(s, "security-group/*"), ...subnetIds.map((id) => ec2Arn(s, pulumi.interpolate`subnet/${id}`))],
    },
    {
      Sid: "TagPodInterfaces",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: interfaces,
    },
  ];
}

/**
 * The EBS CSI driver's controller (AmazonEBSCSIDriverPolicy, written out): volumes and snapshots
 * it creates carry `ebs.csi.aws.com/cluster=true`, and it may only change or delete those.
 */
export function ebsCsiStatements(s: ArnScope, keyArn: pulumi.Input<string>): Statement[] {
  const volumes = ec2Arn(s, "volume/*");
  const snapshots = ec2Arn(s, "snapshot/*");
  const instances = ec2Arn(s, "instance/*");
  const createdByDriver = { StringEquals: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" } };
  const ownedByDriver = { StringEquals: { "aws:ResourceTag/ebs.csi.aws.com/cluster": "true" } };
  return [
    {
      Sid: "DescribeVolumes",
      Effect: "Allow",
      Action: ["ec2:DescribeAvailabilityZones", "ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:DescribeTags", "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications"],
      Resource: "*",
    },
    { Sid: "CreateTaggedVolumes", Effect: "Allow", Action: ["ec2:CreateVolume"], Resource: volumes, Condition: createdByDriver },
    { Sid: "CreateVolumesFromSnapshots", Effect: "Allow", Action: ["ec2:CreateVolume"], Resource: snapshots },
    { Sid: "AttachVolumes", Effect: "Allow", Action: ["ec2:AttachVolume", "ec2:DetachVolume"], Resource: [volumes, instances] },
    { Sid: "ChangeOwnedVolumes", Effect: "Allow", Action: ["ec2:ModifyVolume", "ec2:DeleteVolume"], Resource: volumes, Condition: ownedByDriver },
    { Sid: "SnapshotVolumes", Effect: "Allow", Action: ["ec2:CreateSnapshot"], Resource: [volumes, snapshots], Condition: createdByDriver },
    { Sid: "DeleteOwnedSnapshots", Effect: "Allow", Action: ["ec2:DeleteSnapshot"], Resource: snapshots, Condition: ownedByDriver },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot"] } },
    },
    { Sid: "UntagOwned", Effect: "Allow", Action: ["ec2:DeleteTags"], Resource: [volumes, snapshots], Condition: ownedByDriver },
    ...keyUseStatements(keyArn, "EncryptVolumes"),
  ];
}
