import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import type { Statement } from "../../shared/iam";
import { charts } from "../../../model/compute/eks/charts";
import { release } from "./controllers";
import { irsaRole, OidcProvider } from "./irsa";

export const clusterAutoscalerAccount = { namespace: "kube-system", name: "cluster-autoscaler" } as const;

/**
 * Node autoscaling with Cluster Autoscaler rather than Karpenter. Karpenter is AWS's current
 * recommendation, but it launches instances itself, outside any node group, from NodePools; seed
 * 004 asks for "Cluster Autoscaler" on "a managed node group, 2-4 nodes", and Cluster Autoscaler
 * only moves the managed group's desired size between its minSize and maxSize (upstream README:
 * "Cluster Autoscaler will respect the minimum and maximum values of each Auto Scaling Group. It
 * will only adjust the desired value"). So the node limits stay the node group's config, the
 * group's launch template (IMDSv2, encrypted root volume) applies to every node, and there is no
 * second provisioning path to secure and price.
 *
 * Spot interruptions: no aws-node-termination-handler. A managed node group with capacityType
 * SPOT has EC2 Capacity Rebalancing switched on by EKS, which launches a replacement when a node
 * gets a rebalance recommendation and then cordons and drains the old node (EKS User Guide,
 * "Simplify node lifecycle with managed node groups", Managed node group capacity types: Spot).
 * A termination handler beside it would only drain the same nodes a second time. EKS also tags the
 * groups' Auto Scaling groups for the autoscaler's auto-discovery (same page, concepts).
 */
export interface AutoscalerSpec {
  /** Names the role; region and account scope its ARNs. */
  readonly context: StackContext;
  /** The cluster whose node groups it scales: auto-discovery and the IAM tag condition name it. */
  readonly clusterName: string;
  /** The cluster's OIDC provider, trusted by the autoscaler's IRSA role. */
  readonly oidc: OidcProvider;
  /** Minutes a node must be underused before it is removed. */
  readonly scaleDownUnneededMinutes: number;
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** The nodes, and the load balancer controller (the chart creates a Service its webhook admits). */
  readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * The autoscaler's permissions, from the upstream policy ("Full Cluster Autoscaler Features Policy",
 * kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md, commit 55c37cd), action by
 * action. Its reads take no resource scope in AWS's authorization reference, except
 * eks:DescribeNodegroup, scoped here to this cluster's groups. The two writes are scoped as the
 * README "strongly recommends": to Auto Scaling groups EKS creates for managed node groups
 * (named `eks-<nodegroup>-<uuid>`) that carry this cluster's ownership tag
 * (`k8s.io/cluster-autoscaler/<cluster>: owned`, which EKS adds to the groups it creates).
 */
export function clusterAutoscalerStatements(context: StackContext, clusterName: string): Statement[] {
  const { partition, region, accountId } = context;
  return [
    {
      Sid: "DiscoverNodeGroups",
      Effect: "Allow",
      Action: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
      Resource: "*",
    },
    {
      Sid: "ReadOwnNodeGroups",
      Effect: "Allow",
      Action: ["eks:DescribeNodegroup"],
      Resource: pulumi.interpolate`arn:${partition}:eks:${region}:${accountId}:nodegroup/${clusterName}/*/*`,
    },
    {
      Sid: "ScaleOwnNodeGroups",
      Effect: "Allow",
      Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      Resource: pulumi.interpolate`arn:${partition}:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/eks-*`,
      Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
    },
  ];
}

/** Cluster Autoscaler through Helm, with its own IRSA role; node limits are the node groups' min and max. */
export function createClusterAutoscaler(name: string, spec: AutoscalerSpec, parent: pulumi.Resource): k8s.helm.v3.Release {
  const role = irsaRole(
    `${name}-cluster-autoscaler`,
    {
      oidc: spec.oidc,
      serviceAccount: clusterAutoscalerAccount,
      description: `${spec.context.namePrefix} Cluster Autoscaler`,
      statements: clusterAutoscalerStatements(spec.context, spec.clusterName),
    },
    parent,
  );
  return release(
    `${name}-cluster-autoscaler`,
    charts.clusterAutoscaler,
    clusterAutoscalerAccount.namespace,
    {
      cloudProvider: "aws",
      // Given explicitly: with IMDS closed to pods it cannot look the region up.
      awsRegion: spec.context.region,
      // Finds the groups by the tags EKS puts on managed node groups' Auto Scaling groups.
      autoDiscovery: { clusterName: spec.clusterName },
      rbac: {
        serviceAccount: { create: true, name: clusterAutoscalerAccount.name, annotations: { "eks.amazonaws.com/role-arn": role.arn } },
      },
      extraArgs: {
        // The two AZs' nodes are one group, but keep scale-ups even should groups be split per zone.
        "balance-similar-node-groups": true,
        // Fill the group whose new node would waste the least CPU and memory.
        expander: "least-waste",
        "scale-down-unneeded-time": `${spec.scaleDownUnneededMinutes}m`,
      },
      // Counted in the capacity check's reservation (model/compute/eks/capacity.ts).
      resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "600Mi" } },
    },
    { parent, provider: spec.provider, dependsOn: [...spec.dependsOn] },
  );
}
