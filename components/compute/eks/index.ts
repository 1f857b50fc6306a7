import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import { TierComponent } from "../../shared/tier";
import type { EksSettings } from "../../../model/compute/settings";
import { createNetworkAddons, createWorkloadAddons } from "./addons";
import { createCluster } from "./cluster";
import { createControllers } from "./controllers";
import { createIngress, IngressLoadBalancer } from "./ingress";
import { createMonitoring } from "./monitoring";
import { createClusterAutoscaler } from "./autoscaler";
import { createNodeGroups, NodeGroupSpec } from "./node-groups";
import { createSecurityRules, SecurityGroupIds, StoreAccess } from "./security-rules";
import { createWorkloads, WorkloadSpec } from "./workloads";
import type { LogGroupArgs } from "../../shared/logs";

export type { NodeGroupSpec } from "./node-groups";
export type { WorkloadSpec } from "./workloads";

export interface EksComputeArgs {
  /** The cluster and the Ingress are named `<namePrefix>`; account, partition and region scope the roles. */
  readonly context: StackContext;
  /** Kubernetes minor version (validated against the EKS calendar). */
  readonly version: string;
  /** STANDARD or EXTENDED EKS support (the cluster's upgrade policy). */
  readonly supportType: EksSettings["supportType"];
  /** The network tier's VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** App subnets: control-plane interfaces, nodes and pods. */
  readonly privateSubnetIds: readonly pulumi.Input<string>[];
  /** Public subnets: the ALB. */
  readonly publicSubnetIds: readonly pulumi.Input<string>[];
  /**
   * The ranges the public API endpoint admits: where `pulumi up` runs (the CI runners) first. Never
   * empty: the tier creates its Kubernetes objects through that endpoint (model/compute/eks/endpoint.ts).
   */
  readonly publicAccessCidrs: readonly string[];
  /** Roles granted cluster-admin through access entries. */
  readonly adminRoleArns: readonly string[];
  /** The control-plane and application log groups: the stack's retention, the logs key. */
  readonly logs: LogGroupArgs;
  /** Deletion window of the cluster key (7-30 days). */
  readonly keyDeletionWindowDays: number;
  /** Protected environments: cluster deletion protection, volumes retained. */
  readonly protectData: boolean;
  /** Managed node groups by config key. */
  readonly nodeGroups: Readonly<Record<string, NodeGroupSpec>>;
  /** Versions of the EKS-managed add-ons (VPC CNI, CoreDNS, kube-proxy, EBS CSI driver). */
  readonly addons: EksSettings["addons"];
  /** The environment's namespace, e.g. `openmarket-dev`. */
  readonly namespace: string;
  /** One workload per service. */
  readonly services: readonly WorkloadSpec[];
  /** The Ingress ALB's edge settings (certificate, TLS policy, WAF, logs, DNS); required when a service routes through it. */
  readonly ingress?: IngressLoadBalancer;
  /** Seed 004's monitoring stack (Prometheus, Grafana, Fluent Bit); none when omitted. */
  readonly monitoring?: Omit<EksSettings["monitoring"], "enabled">;
  /** Cluster Autoscaler within the node groups' min and max; none when omitted. */
  readonly autoscaler?: { readonly scaleDownUnneededMinutes: number };
  /** The security tier's groups the cluster is joined into. */
  readonly securityGroups: SecurityGroupIds;
  /**
   * The stores the pods are let into, each on its port: those any service declares. Pods share the
   * cluster group (security groups for pods need trunk-capable node types, and no t-family type
   * is one), so one service's declaration opens the store to every pod.
   */
  readonly podStores: readonly StoreAccess[];
  /** Keys the service roles decrypt with through S3 (storage) and Secrets Manager (the secrets' keys). */
  readonly keys: {
    /** The storage key. */
    readonly storage: pulumi.Input<string>;
    /** The keys of the injected secrets (the data key). */
    readonly secrets: readonly pulumi.Input<string>[];
  };
  /** Tags for what controllers create outside Pulumi (the ALB). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The compute tier on EKS (seed 004): cluster, managed node groups, EKS add-ons, controllers,
 * the services as Kubernetes workloads behind one ALB Ingress, and optional monitoring.
 * Each part is built by its own module; this class wires them in dependency order.
 */
export class EksCompute extends TierComponent {
  readonly clusterName: string;
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly namespace: string;
  /** DNS name of the ALB the controller builds from the Ingress (for Route 53 / CloudFront). */
  readonly loadBalancerHostname?: pulumi.Output<string>;
  /** The region's ALB hosted zone, the alias target's zone of `loadBalancerHostname`. */
  readonly loadBalancerZoneId?: string;
  /** The services' Deployments in `namespace`, one per service, named as the service (workloads.ts). */
  readonly deploymentNames: readonly string[];
  /** The API server's https endpoint and its CA (base64, as EKS gives it): what a drill dials. */
  readonly endpoint: pulumi.Output<string>;
  readonly certificateAuthority: pulumi.Output<string>;
  /** Managed node groups by config key (the dev office-hours schedule scales them). */
  readonly nodeGroups: Readonly<Record<string, aws.eks.NodeGroup>>;

  constructor(name: string, args: EksComputeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("compute", "EksCompute", name, opts);
    const { context } = args;

    const cluster = createCluster(
      name,
      {
        context,
        version: args.version,
        supportType: args.supportType,
        vpcId: args.vpcId,
        privateSubnetIds: args.privateSubnetIds,
        publicAccessCidrs: args.publicAccessCidrs,
        adminRoleArns: args.adminRoleArns,
        logRetentionDays: args.logs.retentionDays,
        logsKeyArn: args.logs.kmsKeyArn,
        keyDeletionWindowDays: args.keyDeletionWindowDays,
        deletionProtection: args.protectData,
        protect: args.logs.protect,
      },
      this,
    );
    const clusterName = cluster.cluster.eksCluster.name;
    const addonSpec = {
      context,
      clusterName,
      oidc: cluster.oidc,
      versions: args.addons,
      nodeSubnetIds: args.privateSubnetIds,
      volumeKeyArn: cluster.key.arn,
    };
    const network = createNetworkAddons(`${name}-addon`, addonSpec, this);
    const nodes = createNodeGroups(
      name,
      {
        context,
        clusterName,
        clusterArn: cluster.clusterArn,
        subnetIds: args.privateSubnetIds,
        volumeKeyArn: cluster.key.arn,
        groups: args.nodeGroups,
        dependsOn: [network.vpcCni, network.kubeProxy],
      },
      this,
    );
    this.nodeGroups = nodes.groups;
    const nodeGroups = Object.values(nodes.groups);
    const workloadAddons = createWorkloadAddons(`${name}-addon`, addonSpec, nodeGroups, this);

    createSecurityRules(
      name,
      {
        clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        groups: args.securityGroups,
        stores: args.podStores,
        servicePorts: args.services.filter((s) => s.routing.alb).map((s) => s.port),
      },
      this,
    );

    const controllers = createControllers(
      name,
      {
        context,
        clusterName: cluster.clusterName,
        vpcId: args.vpcId,
        oidc: cluster.oidc,
        volumeKeyArn: cluster.key.arn,
        retainVolumes: args.protectData,
        provider: cluster.provider,
        dependsOn: [...nodeGroups, workloadAddons.coreDns, workloadAddons.ebsCsiDriver],
      },
      this,
    );

    if (args.autoscaler) {
      createClusterAutoscaler(
        name,
        {
          context,
          clusterName: cluster.clusterName,
          oidc: cluster.oidc,
          scaleDownUnneededMinutes: args.autoscaler.scaleDownUnneededMinutes,
          provider: cluster.provider,
          dependsOn: [...nodeGroups, controllers.loadBalancerController],
        },
        this,
      );
    }

    const { namespace } = createWorkloads(
      name,
      {
        context,
        namespace: args.namespace,
        oidc: cluster.oidc,
        provider: cluster.provider,
        keys: args.keys,
        services: args.services,
        dependsOn: [controllers.loadBalancerController, controllers.externalSecrets],
      },
      this,
    );

    const routes = args.services
      .filter((s) => s.routing.alb)
      .map((s) => ({ service: s.name, port: s.port, paths: s.routing.paths, default: s.routing.default }));
    if (routes.length > 0) {
      if (args.ingress === undefined) {
        throw new Error("EksCompute: services route through the ALB but no ingress settings were given (the config schema requires platform:edge)");
      }
      const ingress = createIngress(
        `${name}-ingress`,
        {
          namespace: namespace.metadata.name,
          name: context.namePrefix,
          loadBalancer: args.ingress,
          securityGroupId: args.securityGroups.alb,
          publicSubnetIds: args.publicSubnetIds,
          routes,
          tags: { ...args.tags, Tier: "compute" },
          provider: cluster.provider,
          dependsOn: [controllers.loadBalancerController],
        },
        this,
      );
      this.loadBalancerHostname = ingress.status.loadBalancer.ingress[0].hostname;
      this.loadBalancerZoneId = args.ingress.albZoneId;
    }

    if (args.monitoring) {
      createMonitoring(
        `${name}-monitoring`,
        {
          context,
          clusterName: cluster.clusterName,
          oidc: cluster.oidc,
          provider: cluster.provider,
          prometheusRetentionDays: args.monitoring.prometheusRetentionDays,
          prometheusStorageGi: args.monitoring.prometheusStorageGi,
          logRetentionDays: args.logs.retentionDays,
          logsKeyArn: args.logs.kmsKeyArn,
          protect: args.logs.protect,
          dependsOn: [controllers.storageClass, ...nodeGroups],
          loadBalancerController: controllers.loadBalancerController,
          externalSecrets: controllers.externalSecrets,
          alerting: args.monitoring.alerting,
          secretKeys: args.keys.secrets,
          appNamespace: args.namespace,
          dashboards: args.monitoring.dashboards,
        },
        this,
      );
    }

    this.clusterName = cluster.clusterName;
    this.clusterSecurityGroupId = cluster.clusterSecurityGroupId;
    this.oidcProviderArn = cluster.cluster.oidcProviderArn;
    this.namespace = args.namespace;
    this.deploymentNames = args.services.map((service) => service.name);
    this.endpoint = cluster.cluster.eksCluster.endpoint;
    this.certificateAuthority = cluster.cluster.eksCluster.certificateAuthority.data;
    this.registerOutputs({
      clusterName: this.clusterName,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      oidcProviderArn: this.oidcProviderArn,
      namespace: this.namespace,
      loadBalancerHostname: this.loadBalancerHostname,
      loadBalancerZoneId: this.loadBalancerZoneId,
    });
  }
}
