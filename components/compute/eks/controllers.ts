import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import { ChartPin, charts } from "../../../model/compute/eks/charts";
import { irsaRole, OidcProvider } from "./irsa";
import { loadBalancerControllerStatements } from "./lb-controller-policy";

export const loadBalancerControllerAccount = { namespace: "kube-system", name: "aws-load-balancer-controller" } as const;

/** The cluster's default StorageClass: gp3, encrypted with the cluster key. */
export const encryptedStorageClass = "gp3-encrypted";

export interface ControllersSpec {
  /** The region and VPC the load balancer controller is told; the prefix names its role. */
  readonly context: StackContext;
  /** The cluster the load balancer controller serves. */
  readonly clusterName: string;
  /** The cluster's VPC (the controller cannot look it up with IMDS closed to pods). */
  readonly vpcId: pulumi.Input<string>;
  /** The cluster's OIDC provider, trusted by the controller's IRSA role. */
  readonly oidc: OidcProvider;
  /** The cluster key: the default StorageClass encrypts volumes with it. */
  readonly volumeKeyArn: pulumi.Input<string>;
  /** Retain persistent volumes when their claim is deleted (protected environments). */
  readonly retainVolumes: boolean;
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** Nodes and CoreDNS: charts wait for their pods to become ready. */
  readonly dependsOn: readonly pulumi.Resource[];
}

export interface Controllers {
  readonly loadBalancerController: k8s.helm.v3.Release;
  readonly metricsServer: k8s.helm.v3.Release;
  readonly externalSecrets: k8s.helm.v3.Release;
  readonly storageClass: k8s.storage.v1.StorageClass;
}

/**
 * Cluster-wide controllers installed with Helm:
 * - AWS Load Balancer Controller, with its own IRSA role (the published policy, lb-controller-policy.ts).
 *   Its mutating webhook (`mservice.elbv2.k8s.aws`, failurePolicy Fail by the chart's default
 *   `serviceMutatorWebhookConfig`) intercepts every Service
 *   created once the chart registers it, and the API server refuses them ("no endpoints available
 *   for service aws-load-balancer-webhook-service") until the controller's pods serve it
 *   (kubernetes-sigs/aws-load-balancer-controller#4140). So every chart that creates a Service
 *   installs after this release, which `atomic` (helm --wait) completes only once its pods are ready;
 * - metrics-server, the resource metrics the HPAs scale on. It only reads kubelets, never an AWS
 *   API, so it gets no IAM role: a role with no permissions would be a placeholder;
 * - External Secrets Operator, which copies Secrets Manager values into Kubernetes secrets. It has
 *   no IAM role either: each service's SecretStore authenticates as that service's own service
 *   account (IRSA), so a service can only ever read its own secrets.
 */
export function createControllers(name: string, spec: ControllersSpec, parent: pulumi.Resource): Controllers {
  const opts = { parent, provider: spec.provider, dependsOn: [...spec.dependsOn] };

  const storageClass = new k8s.storage.v1.StorageClass(
    `${name}-gp3-encrypted`,
    {
      metadata: { name: encryptedStorageClass, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: spec.volumeKeyArn, "csi.storage.k8s.io/fstype": "ext4" },
      reclaimPolicy: spec.retainVolumes ? "Retain" : "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    },
    opts,
  );

  const lbRole = irsaRole(
    `${name}-lb-controller`,
    {
      oidc: spec.oidc,
      serviceAccount: loadBalancerControllerAccount,
      description: `${spec.context.namePrefix} AWS Load Balancer Controller`,
      statements: loadBalancerControllerStatements({ ...spec.context, vpcId: spec.vpcId }),
    },
    parent,
  );
  const loadBalancerController = release(`${name}-lb-controller`, charts.loadBalancerController, loadBalancerControllerAccount.namespace, {
    clusterName: spec.clusterName,
    // Given explicitly: with IMDS closed to pods the controller cannot look them up.
    region: spec.context.region,
    vpcId: spec.vpcId,
    replicaCount: 2,
    serviceAccount: {
      create: true,
      name: loadBalancerControllerAccount.name,
      annotations: { "eks.amazonaws.com/role-arn": lbRole.arn },
    },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  }, opts);

  // Both charts create Services, which the controller's webhook refuses until it serves.
  const afterController = { ...opts, dependsOn: [...opts.dependsOn, loadBalancerController] };
  const metricsServer = release(`${name}-metrics-server`, charts.metricsServer, "kube-system", {
    replicas: 1,
    resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  }, afterController);

  const externalSecrets = release(`${name}-external-secrets`, charts.externalSecrets, "external-secrets", {
    installCRDs: true,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  }, afterController);

  return { loadBalancerController, metricsServer, externalSecrets, storageClass };
}

/** A pinned chart; atomic so a failed install rolls back instead of leaving half a release. */
export function release(
  name: string,
  chart: ChartPin,
  namespace: string,
  values: pulumi.Input<Record<string, unknown>>,
  opts: pulumi.CustomResourceOptions,
  createNamespace = namespace !== "kube-system",
): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    name,
    {
      name: chart.chart,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repo },
      namespace,
      createNamespace,
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
      values,
    },
    opts,
  );
}
