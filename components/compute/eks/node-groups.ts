import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import { ec2InstanceTrustPolicy, policyJson } from "../../shared/iam";
import { Architecture } from "../../../model/compute/eks/instance-types";
import { nodeStatements } from "./iam-policies";

/** Label every node carries: which group it belongs to (workloads pin to it with a nodeSelector). */
export const nodeGroupLabel = "platform/node-group";

export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

export interface NodeGroupSpec {
  readonly instanceTypes: readonly string[];
  /** All instance types share it (checked by the config schema). */
  readonly architecture: Architecture;
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly diskSizeGb: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: TaintEffect }[];
}

export interface NodeGroupsSpec {
  readonly context: StackContext;
  readonly clusterName: pulumi.Input<string>;
  readonly clusterArn: pulumi.Input<string>;
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly volumeKeyArn: pulumi.Input<string>;
  readonly groups: Readonly<Record<string, NodeGroupSpec>>;
  /** Created before any node joins (the VPC CNI, without which nodes never become Ready). */
  readonly dependsOn: readonly pulumi.Resource[];
}

export interface NodeGroupsResult {
  readonly role: aws.iam.Role;
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
