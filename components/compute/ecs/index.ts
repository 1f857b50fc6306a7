import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EcsSettings } from "../../../model/compute/settings";
import { StackContext } from "../../shared/context";
import { TierComponent } from "../../shared/tier";
import { CapacitySettings, capacityProviderStrategy } from "../../../model/compute/capacity-strategy";
import { EcsService, EcsServiceSpec } from "./service";
import type { LogGroupArgs } from "../../shared/logs";

export type { EcsServiceSpec } from "./service";

export interface EcsComputeArgs {
  /** Names the cluster `<namePrefix>-cluster`, and each service's log group and task family. */
  readonly context: StackContext;
  /** CloudWatch Container Insights: `enhanced` adds task- and container-level metrics. */
  readonly containerInsights: EcsSettings["containerInsights"];
  /** The cluster's default split for tasks started without a strategy (one-off tasks). */
  readonly defaultCapacity: CapacitySettings;
  /** Private app subnets; tasks get no public IP. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** Each service's own security group, by service name (the security tier's). */
  readonly securityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
  /** Every service logs to its own group with the environment's retention, encrypted with the logs key. */
  readonly logs: LogGroupArgs;
  /** Keys that encrypt the injected secrets (data tier's and application secrets'). */
  readonly secretKmsKeyArns: readonly pulumi.Input<string>[];
  /** Key of SSE-KMS buckets the services use; omitted when they use SSE-S3. */
  readonly bucketKmsKeyArn?: pulumi.Input<string>;
  /** Seconds a new task may fail load-balancer health checks while it starts (seed 003: 60 s). */
  readonly healthCheckGracePeriodSeconds: number;
  /** Rolling deployment bounds (seed 003: 100 % healthy, up to 200 %). */
  readonly deployment: EcsSettings["deployment"];
  /** One EcsService per entry, keyed by `name`. */
  readonly services: readonly EcsServiceSpec[];
}

/**
 * The ECS variant of the compute tier: a Fargate cluster with Container Insights and both Fargate
 * capacity providers, and one EcsService per configured service.
 *
 * Fargate rather than EC2 capacity: no hosts to patch or scale, and Spot by capacity provider
 * (seed 000's 80 % in prod). Both providers are associated once at the cluster, which is why each
 * service waits for that association before it is created.
 */
export class EcsCompute extends TierComponent {
  readonly cluster: aws.ecs.Cluster;
  readonly clusterName: pulumi.Output<string>;
  readonly services: Readonly<Record<string, EcsService>>;

  constructor(name: string, args: EcsComputeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("compute", "EcsCompute", name, opts);
    this.cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { name: `${args.context.namePrefix}-cluster`, settings: [{ name: "containerInsights", value: args.containerInsights }] },
      { parent: this },
    );
    const capacityProviders = new aws.ecs.ClusterCapacityProviders(
      `${name}-capacity`,
      {
        clusterName: this.cluster.name,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategies: capacityProviderStrategy(args.defaultCapacity),
      },
      { parent: this },
    );

    const services: Record<string, EcsService> = {};
    for (const spec of args.services) {
      services[spec.name] = new EcsService(
        `${name}-${spec.name}`,
        {
          context: args.context,
          spec,
          clusterArn: this.cluster.arn,
          clusterName: this.cluster.name,
          subnetIds: args.subnetIds,
          securityGroupId: serviceGroup(args.securityGroupIds, spec.name),
          logs: args.logs,
          secretKmsKeyArns: args.secretKmsKeyArns,
          bucketKmsKeyArn: args.bucketKmsKeyArn,
          healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds,
          deployment: args.deployment,
          capacityProviders,
        },
        { parent: this },
      );
    }
    this.services = services;
    this.clusterName = this.cluster.name;
    this.registerOutputs({
      clusterName: this.clusterName,
      serviceNames: Object.fromEntries(Object.entries(services).map(([key, s]) => [key, s.serviceName])),
    });
  }
}

function serviceGroup(groups: EcsComputeArgs["securityGroupIds"], service: string): pulumi.Input<string> {
  const id = groups[service];
  if (id === undefined) throw new Error(`EcsCompute: the security tier built no group for service ${service}`);
  return id;
}
