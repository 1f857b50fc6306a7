import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { accountKeyActions } from "../../security/keys";
import type { EksSettings } from "../../../model/compute/settings";
import { StackContext } from "../../shared/context";
import { policyJson, Statement } from "../../shared/iam";
import { OidcProvider } from "./irsa";

/** Every control-plane log type EKS can ship to CloudWatch Logs. */
export const controlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** Access policy granted to the configured administrator roles, an AWS-owned policy of the stack's partition. */
export function clusterAdminPolicy(partition: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;
}

export interface ClusterSpec {
  /** The cluster is named `<namePrefix>`; account, partition and region scope its key and role. */
  readonly context: StackContext;
  /** Kubernetes minor version (validated against the EKS calendar). */
  readonly version: string;
  /** STANDARD or EXTENDED EKS support (the cluster's upgrade policy). */
  readonly supportType: EksSettings["supportType"];
  /** The network tier's VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** Private (app) subnets: control-plane network interfaces and nodes. */
  readonly privateSubnetIds: readonly pulumi.Input<string>[];
  /** The ranges the public API endpoint admits (the CI runners that run pulumi up, first); never empty. */
  readonly publicAccessCidrs: readonly string[];
  /** Roles granted cluster-admin through access entries. */
  readonly adminRoleArns: readonly string[];
  /** Retention of the control-plane log group (the stack's `platform:logs.retentionDays`). */
  readonly logRetentionDays: number;
  /** Encrypts the control-plane log group (the security tier's logs key). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Deletion window of the cluster key (7-30 days; the stack's KMS setting). */
  readonly keyDeletionWindowDays: number;
  /** EKS refuses to delete the cluster until this is turned off. */
  readonly deletionProtection: boolean;
  /** Pulumi `protect` on the cluster key and the control-plane log group (protected environments). */
  readonly protect: boolean;
}

export interface ClusterResult {
  /** The `@pulumi/eks` component. */
  readonly cluster: eks.Cluster;
  /** The cluster's name, known before it exists (`<namePrefix>`). */
  readonly clusterName: string;
  /** The cluster's ARN, built from its name. */
  readonly clusterArn: pulumi.Output<string>;
  /** The security group EKS attaches to the control plane and to managed nodes (and so to pods). */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  /** The cluster's OIDC provider, for IRSA roles. */
  readonly oidc: OidcProvider;
  /** Envelope-encrypts Kubernetes secrets and encrypts node and persistent volumes. */
  readonly key: aws.kms.Key;
  /** Kubernetes provider for the cluster, from its kubeconfig. */
  readonly provider: k8s.Provider;
}

/**
 * The control plane: its own KMS key, the control-plane log group with the environment's retention,
 * the service role, and the `@pulumi/eks` cluster (a remote component: offline checks judge it by
 * its inputs).
 *
 * Why a dedicated key rather than the security tier's data key: EKS can never change the key of a
 * cluster's secrets encryption, so the key's lifecycle is the cluster's; the cluster role then
 * holds rights on a key that protects Kubernetes secrets and volumes only, not the databases'; and
 * the Auto Scaling service role that launches nodes with encrypted root volumes is granted this key
 * alone in its key policy.
 */
export function createCluster(name: string, spec: ClusterSpec, parent: pulumi.Resource): ClusterResult {
  const { partition, accountId, region, namePrefix } = spec.context;
  const clusterName = namePrefix;
  const opts = { parent };
  if (spec.publicAccessCidrs.length === 0) {
    // The provider below talks to the API from wherever pulumi up runs; the VPC is this stack's own, so nothing runs inside it yet.
    throw new Error("createCluster: no publicAccessCidrs: the tier's Kubernetes objects would be unreachable from pulumi up (config: compute.eks.endpoint.deployerCidrs)");
  }

  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `${namePrefix} EKS secrets and node volumes`,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: spec.keyDeletionWindowDays,
      policy: policyJson(clusterKeyPolicy(spec.context)),
    },
    // Kubernetes secrets and node volumes are encrypted with it: a deleted key makes them unreadable.
    { parent, protect: spec.protect },
  );
  new aws.kms.Alias(`${name}-key`, { name: `alias/${namePrefix}-eks`, targetKeyId: key.keyId }, opts);

  // EKS writes to this group; creating it first sets retention and encryption EKS would not.
  const controlPlaneLogs = new aws.cloudwatch.LogGroup(
    `${name}-control-plane`,
    { name: `/aws/eks/${clusterName}/cluster`, retentionInDays: spec.logRetentionDays, kmsKeyId: spec.logsKeyArn },
    { parent, protect: spec.protect },
  );

  // EKS does not pass aws:SourceAccount when it assumes its cluster role, so the trust names the service only.
  const role = new aws.iam.Role(
    `${name}-cluster-role`,
    {
      description: `${namePrefix} EKS control plane`,
      assumeRolePolicy: policyJson([{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }]),
    },
    opts,
  );
  // The policy AWS defines and maintains for the EKS service role (it grows with EKS features).
  new aws.iam.RolePolicyAttachment(
    `${name}-cluster-role`,
    { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEKSClusterPolicy` },
    opts,
  );
  const clusterArn = pulumi.interpolate`arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`;
  const secretsKeyPolicy = new aws.iam.RolePolicy(
    `${name}-cluster-role-secrets-key`,
    {
      role: role.name,
      policy: policyJson([
        { Sid: "EnvelopeEncryptSecrets", Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: key.arn },
      ]),
    },
    opts,
  );

  const accessEntries = Object.fromEntries(
    spec.adminRoleArns.map((arn) => [
      accessEntryKey(arn),
      {
        principalArn: arn,
        type: "STANDARD",
        accessPolicies: { admin: { policyArn: clusterAdminPolicy(partition), accessScope: { type: "cluster" } } },
      } satisfies eks.types.input.AccessEntryArgs,
    ]),
  );

  const cluster = new eks.Cluster(
    `${name}-cluster`,
    {
      name: clusterName,
      version: spec.version,
      upgradePolicy: { supportType: spec.supportType },
      vpcId: spec.vpcId,
      privateSubnetIds: [...spec.privateSubnetIds],
      // Nodes and pods use the private endpoint; pulumi up (the Kubernetes provider below) the public one, from the listed ranges only.
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: [...spec.publicAccessCidrs],
      authenticationMode: eks.AuthenticationMode.Api,
      // @pulumi/eks always sets accessConfig.bootstrapClusterCreatorAdminPermissions (nodejs/eks/cluster/cluster.ts, v4.3.0):
      // the identity that runs the first pulumi up is cluster-admin without an entry here, and one would collide with it (409).
      accessEntries,
      encryptionConfigKeyArn: key.arn,
      enabledClusterLogTypes: [...controlPlaneLogTypes],
      createOidcProvider: true,
      serviceRole: role,
      deletionProtection: spec.deletionProtection,
      // Nodes are our managed node groups; security is the EKS-created cluster group.
      skipDefaultNodeGroup: true,
      skipDefaultSecurityGroups: true,
      // VPC CNI, CoreDNS and kube-proxy are managed add-ons in addons.ts, not bootstrap copies.
      bootstrapSelfManagedAddons: false,
      useDefaultVpcCni: true,
      corednsAddonOptions: { enabled: false },
      kubeProxyAddonOptions: { enabled: false },
      tags: { Name: clusterName, Tier: "compute" },
      // The kubeconfig runs `aws eks get-token` as the stack's role (and profile): the identity
      // that created the cluster and so administers it. Without these it would run as the
      // ambient credentials, which the cluster does not know.
      providerCredentialOpts: spec.context.access ? { roleArn: spec.context.access.roleArn, profileName: spec.context.access.profile } : undefined,
    },
    { parent, dependsOn: [controlPlaneLogs, secretsKeyPolicy], providers: awsProviderOf(parent) },
  );

  const provider = new k8s.Provider(
    `${name}-k8s`,
    { kubeconfig: cluster.kubeconfigJson, enableServerSideApply: true, deleteUnreachable: false },
    opts,
  );

  return {
    cluster,
    clusterName,
    clusterArn,
    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    oidc: { arn: cluster.oidcProviderArn, issuer: cluster.oidcIssuer },
    key,
    provider,
  };
}

/**
 * The parent's aws provider for a remote component. The SDK hands a remote component only the
 * providers in its own `opts.providers`, never its parent's (its registration carries no others),
 * so without this the cluster's own resources would be created by the default aws provider: the
 * ambient credentials, held to no account.
 */
function awsProviderOf(parent: pulumi.Resource): Record<string, pulumi.ProviderResource> {
  const provider = parent.getProvider("aws::");
  if (!provider) throw new Error("the EKS cluster's parent has no aws provider to hand to the remote eks component");
  return { aws: provider };
}

/** Stable access-entry key from a role ARN: its name, which is unique in an account. */
export function accessEntryKey(roleArn: string): string {
  return roleArn.split("/").pop() as string;
}

/**
 * The account administers the key through IAM; the Auto Scaling service-linked role (which
 * launches managed nodes) may encrypt root volumes with it, and grant that use to EC2.
 */
function clusterKeyPolicy(context: StackContext): Statement[] {
  const { partition, accountId } = context;
  const autoScaling = pulumi.interpolate`arn:${partition}:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  return [
    {
      Sid: "AccountAdministersAndUsesKey",
      Effect: "Allow",
      Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
      Action: [...accountKeyActions],
      Resource: "*",
    },
    {
      Sid: "AutoScalingEncryptsNodeVolumes",
      Effect: "Allow",
      Principal: { AWS: autoScaling },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
      Resource: "*",
    },
    {
      Sid: "AutoScalingGrantsVolumeAttachment",
      Effect: "Allow",
      Principal: { AWS: autoScaling },
      Action: ["kms:CreateGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}
