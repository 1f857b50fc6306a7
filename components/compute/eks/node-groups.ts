import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import { ec2InstanceTrustPolicy, policyJson } from "../../shared/iam";
import { Architecture } from "../../../model/compute/eks/instance-types";
import type { EksNodeGroupSettings } from "../../../model/compute/settings";
import { nodeStatements } from "./iam-policies";

/** Label every node carries: which group it belongs to (workloads pin to it with a nodeSelector). */
export const nodeGroupLabel = "platform/node-group";

/** A managed node group as the EKS variant builds it: its settings, and the architecture of its instance types. */
export interface NodeGroupSpec extends EksNodeGroupSettings {
  /** All instance types share it (checked by the config schema); picks the AL2023 AMI type. */
  readonly architecture: Architecture;
}

export interface NodeGroupsSpec {
  /** Names the node role, launch templates and instances `<namePrefix>-<key>`; scopes the node role. */
  readonly context: StackContext;
  /** The cluster the groups join. */
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's ARN, for the node role's `eks:DescribeCluster`. */
  readonly clusterArn: pulumi.Input<string>;
  /** Private app subnets: nodes get no public address. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The cluster key: encrypts the nodes' root volumes. */
  readonly volumeKeyArn: pulumi.Input<string>;
  /** The groups by config key. */
  readonly groups: Readonly<Record<string, NodeGroupSpec>>;
  /** Created before any node joins (the VPC CNI, without which nodes never become Ready). */
  readonly dependsOn: readonly pulumi.Resource[];
}

export interface NodeGroupsResult {
  /** The nodes' role, shared by every group. */
  readonly role: aws.iam.Role;
  /** The groups by config key. */
  readonly groups: Record<string, aws.eks.NodeGroup>;
}

/**
 * Managed node groups, one per config key, in the private subnets. Each has a launch template
 * only for what the managed default lacks: IMDSv2 required with a hop limit of 1 (pods cannot
 * borrow the node's credentials; they have IRSA roles) and a gp3 root volume encrypted with the
 * cluster key.
 */
export function createNodeGroups(name: string, spec: NodeGroupsSpec, parent: pulumi.Resource): NodeGroupsResult {
  const { context } = spec;
  const role = new aws.iam.Role(
    `${name}-nodes`,
    {
      description: `${context.namePrefix} EKS worker nodes`,
      assumeRolePolicy: ec2InstanceTrustPolicy(),
    },
    { parent },
  );
  const policy = new aws.iam.RolePolicy(`${name}-nodes`, { role: role.name, policy: policyJson(nodeStatements(context, spec.clusterArn)) }, { parent });

  const groups: Record<string, aws.eks.NodeGroup> = {};
  for (const [key, group] of Object.entries(spec.groups)) {
    const template = new aws.ec2.LaunchTemplate(
      `${name}-nodes-${key}`,
      {
        description: `${context.namePrefix} ${key} nodes: IMDSv2, encrypted root volume`,
        updateDefaultVersion: true,
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        blockDeviceMappings: [
          {
            deviceName: "/dev/xvda",
            ebs: { volumeSize: group.diskSizeGb, volumeType: "gp3", encrypted: "true", kmsKeyId: spec.volumeKeyArn, deleteOnTermination: "true" },
          },
        ],
        tagSpecifications: [
          { resourceType: "instance", tags: { Name: `${context.namePrefix}-${key}` } },
          { resourceType: "volume", tags: { Name: `${context.namePrefix}-${key}` } },
        ],
      },
      { parent },
    );
    groups[key] = new aws.eks.NodeGroup(
      `${name}-nodes-${key}`,
      {
        clusterName: spec.clusterName,
        nodeRoleArn: role.arn,
        subnetIds: [...spec.subnetIds],
        instanceTypes: [...group.instanceTypes],
        capacityType: group.capacityType,
        amiType: group.architecture === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
        scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
        updateConfig: { maxUnavailable: 1 },
        labels: { ...group.labels, [nodeGroupLabel]: key },
        taints: group.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
        launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
        tags: { Name: `${context.namePrefix}-${key}` },
      },
      { parent, dependsOn: [policy, ...spec.dependsOn] },
    );
  }
  return { role, groups };
}
