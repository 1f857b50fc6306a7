import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import { policyJson, serviceTrustPolicy } from "../../shared/iam";
import { TierComponent } from "../../shared/tier";
import { CapacityShare, capacityProviderStrategy } from "../../../model/compute/capacity-strategy";
import { containerDefinitions, scratchVolume, SecretSource } from "./container";
import { BucketGrant, executionRoleStatements, taskRoleStatements } from "./roles";
import { serviceAutoScaling, ServiceScaling } from "./scaling";

/** One container service as the ECS variant runs it; platform.ts maps config onto it. */
export interface EcsServiceSpec {
  /** Service and container name, unique in the cluster (seed 001: frontend, backend). */
  readonly name: string;
  /** Fargate task CPU units (1024 = 1 vCPU) and memory (MiB); a valid Fargate pair. */
  readonly cpuUnits: number;
  readonly memoryMb: number;
  /** Container port the load balancer forwards to. */
  readonly port: number;
  readonly healthCheckPath: string;
  /** Image reference: `<repositoryUrl>:<tag>` of the stack's ECR, or a configured URI. */
  readonly image: pulumi.Input<string>;
  /** The ECR repository of `image`; the execution role may pull from it and nothing else. */
  readonly repositoryArn?: pulumi.Input<string>;
  /** Plain environment variables; never secrets. */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment variables injected from Secrets Manager by ARN. */
  readonly secrets: Readonly<Record<string, SecretSource>>;
  readonly readOnlyRootFilesystem: boolean;
  readonly containerHealthCheck: boolean;
  readonly capacity: CapacityShare;
  readonly scaling: ServiceScaling;
  /** Target group that receives the tasks; the ARN must depend on its listener (see Edge). */
  readonly targetGroupArn?: pulumi.Input<string>;
  /** Buckets the application may use (seed 001: its user-files bucket, read-write). */
  readonly buckets: readonly BucketGrant[];
}

export interface EcsServiceArgs {
  readonly context: StackContext;
  readonly spec: EcsServiceSpec;
  readonly clusterArn: pulumi.Input<string>;
  readonly clusterName: pulumi.Input<string>;
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly securityGroupId: pulumi.Input<string>;
  readonly logs: { readonly retentionDays: number; readonly kmsKeyArn: pulumi.Input<string> };
  readonly secretKmsKeyArns: readonly pulumi.Input<string>[];
  readonly bucketKmsKeyArn?: pulumi.Input<string>;
  readonly healthCheckGracePeriodSeconds: number;
  readonly deployment: { readonly minimumHealthyPercent: number; readonly maximumPercent: number };
  /** The cluster's capacity-provider association; a Spot strategy fails without it. */
  readonly capacityProviders: pulumi.Resource;
}

/**
 * One Fargate service: log group, execution and task roles, task definition, the service in the
 * private app subnets (no public IP) with the deployment circuit breaker, and its auto scaling.
 */
export class EcsService extends TierComponent {
  readonly service: aws.ecs.Service;
  readonly serviceName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly taskDefinitionArn: pulumi.Output<string>;
  readonly executionRole: aws.iam.Role;
  readonly taskRole?: aws.iam.Role;

  constructor(name: string, args: EcsServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("compute", "EcsService", name, opts);
    const parent = { parent: this };
    const { spec, context } = args;

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/ecs/${context.namePrefix}/${spec.name}`, retentionInDays: args.logs.retentionDays, kmsKeyId: args.logs.kmsKeyArn },
      parent,
    );

    // One grant per secret, however many variables read keys of it.
    const secretArns = [...new Map(Object.values(spec.secrets).map((s) => [s.ref, s.arn])).values()];
    this.executionRole = new aws.iam.Role(
      `${name}-execution`,
      {
        description: `Starts ${context.namePrefix} ${spec.name} tasks: image pull, log stream, injected secrets`,
        assumeRolePolicy: serviceTrustPolicy("ecs-tasks.amazonaws.com", context.accountId),
      },
      parent,
    );
    const executionPolicy = new aws.iam.RolePolicy(
      `${name}-execution`,
      {
        role: this.executionRole.name,
        policy: policyJson(
          executionRoleStatements({
            repositoryArn: spec.repositoryArn,
            logGroupArn: logGroup.arn,
            secretArns,
            secretKmsKeyArns: args.secretKmsKeyArns,
            region: context.region,
          }),
        ),
      },
      parent,
    );

    const taskStatements = taskRoleStatements({ buckets: spec.buckets, bucketKmsKeyArn: args.bucketKmsKeyArn, region: context.region });
    if (taskStatements.length > 0) {
      this.taskRole = new aws.iam.Role(
        `${name}-task`,
        {
          description: `AWS calls of ${context.namePrefix} ${spec.name}`,
          assumeRolePolicy: serviceTrustPolicy("ecs-tasks.amazonaws.com", context.accountId),
        },
        parent,
      );
      new aws.iam.RolePolicy(`${name}-task`, { role: this.taskRole.name, policy: policyJson(taskStatements) }, parent);
    }

    const taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: `${context.namePrefix}-${spec.name}`,
        cpu: String(spec.cpuUnits),
        memory: String(spec.memoryMb),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        // x86_64: Fargate Spot does not run ARM64 tasks.
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole?.arn,
        volumes: spec.readOnlyRootFilesystem ? [{ name: scratchVolume }] : [],
        containerDefinitions: containerDefinitions({
          name: spec.name,
          image: spec.image,
          port: spec.port,
          healthCheckPath: spec.healthCheckPath,
          environment: spec.environment,
          secrets: spec.secrets,
          readOnlyRootFilesystem: spec.readOnlyRootFilesystem,
          containerHealthCheck: spec.containerHealthCheck,
          logGroupName: logGroup.name,
          region: context.region,
        }),
      },
      // The agent needs its permissions before the first task starts.
      { parent: this, dependsOn: [executionPolicy] },
    );

    this.service = new aws.ecs.Service(
      `${name}-service`,
      {
        name: spec.name,
        cluster: args.clusterArn,
        taskDefinition: taskDefinition.arn,
        desiredCount: spec.scaling.desired,
        capacityProviderStrategies: capacityProviderStrategy(spec.capacity),
        platformVersion: "LATEST",
        networkConfiguration: { subnets: [...args.subnetIds], securityGroups: [args.securityGroupId], assignPublicIp: false },
        loadBalancers: spec.targetGroupArn ? [{ targetGroupArn: spec.targetGroupArn, containerName: spec.name, containerPort: spec.port }] : [],
        healthCheckGracePeriodSeconds: spec.targetGroupArn ? args.healthCheckGracePeriodSeconds : undefined,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: args.deployment.minimumHealthyPercent,
        deploymentMaximumPercent: args.deployment.maximumPercent,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        waitForSteadyState: false,
      },
      {
        parent: this,
        dependsOn: [args.capacityProviders],
        // Auto scaling owns the running count after creation; an update must not reset it.
        ignoreChanges: ["desiredCount"],
      },
    );

    serviceAutoScaling(`${name}`, { clusterName: args.clusterName, serviceName: this.service.name, scaling: spec.scaling }, parent);

    this.serviceName = this.service.name;
    this.logGroupName = logGroup.name;
    this.taskDefinitionArn = taskDefinition.arn;
    this.registerOutputs({ serviceName: this.serviceName, logGroupName: this.logGroupName, taskDefinitionArn: this.taskDefinitionArn });
  }
}
