import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EksSettings } from "../../../model/compute/settings";
import { StackContext } from "../../shared/context";
import { ebsCsiStatements, vpcCniStatements } from "./iam-policies";
import { irsaRole, OidcProvider } from "./irsa";

/** The service accounts the AWS-managed add-ons run as; their IRSA roles trust exactly these. */
export const addonServiceAccounts = {
  vpcCni: { namespace: "kube-system", name: "aws-node" },
  ebsCsiDriver: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
} as const;

export interface AddonsSpec {
  /** Scopes the add-ons' IRSA roles; the prefix names their descriptions. */
  readonly context: StackContext;
  /** The cluster the add-ons are installed in. */
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's OIDC provider, trusted by the add-ons' IRSA roles. */
  readonly oidc: OidcProvider;
  /** The add-on versions (`platform:compute.eks.addons`), pinned like the charts. */
  readonly versions: EksSettings["addons"];
  /** The nodes' subnets: the VPC CNI's role may attach interfaces there only. */
  readonly nodeSubnetIds: readonly pulumi.Input<string>[];
  /** The cluster key: the EBS CSI driver encrypts volumes with it. */
  readonly volumeKeyArn: pulumi.Input<string>;
}

/** The add-ons nodes need before they join. */
export interface NetworkAddons {
  readonly vpcCni: aws.eks.Addon;
  readonly kubeProxy: aws.eks.Addon;
}

/**
 * VPC CNI and kube-proxy: DaemonSets that must exist before nodes join. The CNI runs with its own
 * IRSA role, so the node role carries no ENI permissions.
 */
export function createNetworkAddons(name: string, spec: AddonsSpec, parent: pulumi.Resource): NetworkAddons {
  const cniRole = irsaRole(
    `${name}-vpc-cni`,
    {
      oidc: spec.oidc,
      serviceAccount: addonServiceAccounts.vpcCni,
      description: `${spec.context.namePrefix} VPC CNI (aws-node)`,
      statements: vpcCniStatements(spec.context, spec.nodeSubnetIds),
    },
    parent,
  );
  return {
    vpcCni: addon(`${name}-vpc-cni`, spec, "vpc-cni", spec.versions.vpcCni, cniRole.arn, parent, []),
    kubeProxy: addon(`${name}-kube-proxy`, spec, "kube-proxy", spec.versions.kubeProxy, undefined, parent, []),
  };
}

/** The add-ons that run as Deployments on the nodes. */
export interface WorkloadAddons {
  readonly coreDns: aws.eks.Addon;
  readonly ebsCsiDriver: aws.eks.Addon;
}

/** CoreDNS and the EBS CSI driver run as Deployments, so they wait for the node groups. */
export function createWorkloadAddons(name: string, spec: AddonsSpec, nodes: readonly pulumi.Resource[], parent: pulumi.Resource): WorkloadAddons {
  const ebsRole = irsaRole(
    `${name}-ebs-csi`,
    {
      oidc: spec.oidc,
      serviceAccount: addonServiceAccounts.ebsCsiDriver,
      description: `${spec.context.namePrefix} EBS CSI driver controller`,
      statements: ebsCsiStatements(spec.context, spec.volumeKeyArn),
    },
    parent,
  );
  return {
    coreDns: addon(`${name}-coredns`, spec, "coredns", spec.versions.coreDns, undefined, parent, nodes),
    ebsCsiDriver: addon(`${name}-ebs-csi`, spec, "aws-ebs-csi-driver", spec.versions.ebsCsiDriver, ebsRole.arn, parent, nodes),
  };
}

function addon(
  name: string,
  spec: AddonsSpec,
  addonName: string,
  version: string,
  serviceAccountRoleArn: pulumi.Input<string> | undefined,
  parent: pulumi.Resource,
  dependsOn: readonly pulumi.Resource[],
): aws.eks.Addon {
  return new aws.eks.Addon(
    name,
    {
      clusterName: spec.clusterName,
      addonName,
      addonVersion: version,
      serviceAccountRoleArn,
      // The config is the source of truth: take over fields someone changed by hand.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
    },
    { parent, dependsOn: [...dependsOn] },
  );
}
