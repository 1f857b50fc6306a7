import { autoName, hex, uuid } from "../ids";
import { list, str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf, globalArnOf } from "./shared";

/**
 * EKS: the `@pulumi/eks` Cluster is a remote component, so the mock answers its outputs from its
 * inputs the way the component would (names, the EKS-created security group, the OIDC issuer, the
 * kubeconfig); the managed node groups, add-ons and launch templates are plain AWS resources.
 */

const eksArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "eks", resource);

/** What EKS computes for a cluster of this name in this account and region. */
export function clusterIdentity(ctx: ModelContext, name: string) {
  const oidcId = hex(`${ctx.seed}:oidc`, 32).toUpperCase();
  const issuer = `oidc.eks.${ctx.region}.amazonaws.com/id/${oidcId}`;
  const endpoint = `https://${hex(`${ctx.seed}:endpoint`, 32).toUpperCase()}.gr7.${ctx.region}.eks.amazonaws.com`;
  const certificateAuthority = Buffer.from(`-----BEGIN CERTIFICATE-----\nMOCK${hex(ctx.seed, 40)}\n-----END CERTIFICATE-----\n`).toString("base64");
  return { oidcId, issuer, endpoint, certificateAuthority, arn: eksArn(ctx, `cluster/${name}`) };
}

/** The kubeconfig `@pulumi/eks` emits: exec authentication through `aws eks get-token`. */
export function kubeconfig(name: string, endpoint: string, certificateAuthority: string) {
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubernetes", cluster: { server: endpoint, "certificate-authority-data": certificateAuthority } }],
    contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
    "current-context": "aws",
    users: [
      {
        name: "aws",
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", name, "--output", "json"],
          },
        },
      },
    ],
  };
}

const cluster: ResourceModel = (ctx) => {
  const { inputs } = ctx;
  const name = str(inputs, "name") ?? autoName(ctx.name, ctx.seed);
  const identity = clusterIdentity(ctx, name);
  // With skipDefaultSecurityGroups the component creates no groups: both ids are EKS's own group.
  const eksSecurityGroup = `sg-${hex(`${ctx.seed}:eks-cluster-sg`, 17)}`;
  const componentGroups = inputs.skipDefaultSecurityGroups
    ? { cluster: eksSecurityGroup, node: eksSecurityGroup }
    : { cluster: `sg-${hex(`${ctx.seed}:cluster-sg`, 17)}`, node: `sg-${hex(`${ctx.seed}:node-sg`, 17)}` };
  const config = kubeconfig(name, identity.endpoint, identity.certificateAuthority);
  return {
    id: "",
    state: {
      kubeconfig: config,
      kubeconfigJson: JSON.stringify(config),
      eksCluster: {
        name,
        arn: identity.arn,
        endpoint: identity.endpoint,
        version: inputs.version,
        platformVersion: "eks.10",
        status: "ACTIVE",
        certificateAuthority: { data: identity.certificateAuthority },
        identities: [{ oidcs: [{ issuer: `https://${identity.issuer}` }] }],
        vpcConfig: {
          clusterSecurityGroupId: eksSecurityGroup,
          vpcId: inputs.vpcId,
          subnetIds: [...(list(inputs, "privateSubnetIds") ?? []), ...(list(inputs, "publicSubnetIds") ?? [])],
          endpointPrivateAccess: inputs.endpointPrivateAccess ?? false,
          endpointPublicAccess: inputs.endpointPublicAccess ?? true,
          publicAccessCidrs: inputs.publicAccessCidrs ?? ["0.0.0.0/0"],
        },
      },
      clusterSecurityGroupId: componentGroups.cluster,
      nodeSecurityGroupId: componentGroups.node,
      oidcProviderUrl: `https://${identity.issuer}`,
      oidcIssuer: identity.issuer,
      oidcProviderArn: inputs.createOidcProvider ? globalArnOf(ctx, "iam", `oidc-provider/${identity.issuer}`) : "",
      instanceRoles: [],
      defaultNodeGroupAsgName: "",
      fargateProfileId: "",
      fargateProfileStatus: "",
      autoModeNodeRoleName: "",
      clusterIngressRuleId: "",
    },
  };
};

export const eksResources: Record<string, ResourceModel> = {
  "eks:index:Cluster": cluster,
  /** A plain `aws.eks.Cluster` (the policy fixture uses one; @pulumi/eks creates its own inside the component). */
  "aws:eks/cluster:Cluster": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    const identity = clusterIdentity(ctx, name);
    return {
      id: name,
      state: {
        name,
        arn: identity.arn,
        endpoint: identity.endpoint,
        identities: [{ oidcs: [{ issuer: `https://${identity.issuer}` }] }],
        certificateAuthority: { data: identity.certificateAuthority },
        platformVersion: "eks.1",
        status: "ACTIVE",
      },
    };
  },
  "aws:eks/nodeGroup:NodeGroup": (ctx) => {
    const nodeGroupName = str(ctx.inputs, "nodeGroupName") ?? autoName(ctx.name, ctx.seed);
    const clusterName = str(ctx.inputs, "clusterName");
    const id = uuid(ctx.seed);
    return {
      id: `${clusterName}:${nodeGroupName}`,
      state: {
        nodeGroupName,
        arn: eksArn(ctx, `nodegroup/${clusterName}/${nodeGroupName}/${id}`),
        status: "ACTIVE",
        releaseVersion: "1.34.0-20261101",
        version: "1.34",
        resources: [{ autoscalingGroups: [{ name: `eks-${nodeGroupName}-${id}` }], remoteAccessSecurityGroupId: "" }],
      },
    };
  },
  "aws:eks/addon:Addon": (ctx) => {
    const clusterName = str(ctx.inputs, "clusterName");
    const addonName = str(ctx.inputs, "addonName");
    return {
      id: `${clusterName}:${addonName}`,
      state: {
        arn: eksArn(ctx, `addon/${clusterName}/${addonName}/${uuid(ctx.seed)}`),
        createdAt: "2026-11-21T00:00:00Z",
        modifiedAt: "2026-11-21T00:00:00Z",
      },
    };
  },
  "aws:ec2/launchTemplate:LaunchTemplate": (ctx) => {
    const id = `lt-${hex(ctx.seed, 17)}`;
    return {
      id,
      state: {
        arn: arnOf(ctx, "ec2", `launch-template/${id}`),
        name: str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed),
        latestVersion: 1,
        defaultVersion: 1,
      },
    };
  },
};
