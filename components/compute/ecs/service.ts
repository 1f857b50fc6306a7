import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ContainerHealthCheckSettings, EcsSettings, ServiceScalingSettings } from "../../../model/compute/settings";
import { reachTags, ServiceReach } from "../../../model/security/reach";
import { StackContext } from "../../shared/context";
import { policyJson, serviceTrustPolicy } from "../../shared/iam";
import { TierComponent } from "../../shared/tier";
import { CapacitySettings, capacityProviderStrategy } from "../../../model/compute/capacity-strategy";
import { containerDefinitions, scratchVolume, SecretSource } from "./container";
import { BucketGrant, executionRoleStatements, taskRoleStatements } from "./roles";
import { serviceAutoScaling } from "./scaling";
import type { LogGroupArgs } from "../../shared/logs";
import { DeliverySettings, ecsDeploymentConfiguration } from "../../../model/compute/delivery";
import { trafficShiftRoleStatements } from "./roles";
import { xrayStatements } from "./tracing";

/** One container service as the ECS variant runs it; components/platform/compute-ecs.ts maps settings onto it. */
export interface EcsServiceSpec {
  /** Service and container name, unique in the cluster (seed 001: frontend, backend). */
  readonly name: string;
  /** Fargate task CPU units (1024 = 1 vCPU); with `memoryMb` a valid Fargate pair. */
  readonly cpuUnits: number;
  /** Fargate task memory in MiB. */
  readonly memoryMb: number;
  /** Container port the load balancer forwards to. */
  readonly port: number;
  /** Image reference: `<repositoryUrl>:<tag>` of the stack's ECR, or a configured URI. */
  readonly image: pulumi.Input<string>;
  /** The ECR repository of `image`; the execution role may pull from it and nothing else. None for an outside image. */
  readonly repositoryArn?: pulumi.Input<string>;
  /** Plain environment variables; never secrets. */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment variables injected from Secrets Manager by ARN. */
  readonly secrets: Readonly<Record<string, SecretSource>>;
  /** A read-only root filesystem, with a writable scratch volume at /tmp. */
  readonly readOnlyRootFilesystem: boolean;
  /** The user's container health check (a command the image can run); none when omitted. */
  readonly containerHealthCheck?: ContainerHealthCheckSettings;
  /** What the service's group is let into; recorded on the service as tags the policy pack reads. */
  readonly reaches: ServiceReach;
  /** The service's split between FARGATE and FARGATE_SPOT (its override, else the stack's). */
  readonly capacity: CapacitySettings;
  /** Task counts, target tracking and schedules; a standby's are its posture's until it serves. */
  readonly scaling: ServiceScalingSettings;
  /** Target group that receives the tasks; the ARN must depend on its listener (see Edge). None for a service behind no load balancer. */
  readonly targetGroupArn?: pulumi.Input<string>;
  /** Buckets the application may use (seed 001: its user-files bucket, read-write). */
  readonly buckets: readonly BucketGrant[];
  /** How a new revision takes over; rolling with the circuit breaker when absent. */
  readonly delivery?: DeliverySettings;
  /** The alternate target group and production rule, for a strategy that shifts traffic (the edge tier's). */
  readonly trafficShift?: EcsTrafficShift;
  /** CloudWatch alarms that roll a deployment back when one fires during it; none when empty. */
  readonly rollbackAlarmNames: readonly string[];
  /** AWS X-Ray: the daemon as a sidecar and the task role's grant to upload traces (`platform:observability.tracing`). */
  readonly tracing: boolean;
}

/** The edge tier's resources ECS moves the traffic with (`loadBalancers[].advancedConfiguration`). */
export interface EcsTrafficShift {
  readonly primaryTargetGroupArn: pulumi.Input<string>;
  readonly alternateTargetGroupArn: pulumi.Input<string>;
  readonly productionListenerRuleArn: pulumi.Input<string>;
}

export interface EcsServiceArgs {
  /** Names the log group, task family and role descriptions; the account scopes the roles' trust. */
  readonly context: StackContext;
  /** The service itself. */
  readonly spec: EcsServiceSpec;
  /** The cluster the service runs in. */
  readonly clusterArn: pulumi.Input<string>;
  /** The cluster's name, for the auto scaling target's resource id. */
  readonly clusterName: pulumi.Input<string>;
  /** Private app subnets; tasks get no public IP. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The service's own security group: its load balancer in, the stores and services it declares out. */
  readonly securityGroupId: pulumi.Input<string>;
  /** The service's log group: the stack's retention, encrypted with the logs key. */
  readonly logs: LogGroupArgs;
  /** Keys that encrypt the injected secrets; the execution role decrypts through Secrets Manager only. */
  readonly secretKmsKeyArns: readonly pulumi.Input<string>[];
  /** Key of SSE-KMS buckets the service uses; omitted when they use SSE-S3. */
  readonly bucketKmsKeyArn?: pulumi.Input<string>;
  /** Seconds a new task may fail load-balancer health checks while it starts (only with a target group). */
  readonly healthCheckGracePeriodSeconds: number;
  /** Rolling deployment bounds, in percent of the desired count. */
  readonly deployment: EcsSettings["deployment"];
  /** The cluster's capacity-provider association; a Spot strategy fails without it. */
  readonly capacityProviders: pulumi.Resource;
}

/**
 * One Fargate service: log group, execution and task roles, task definition, the service in the
 * private app subnets (no public IP) with the deployment circuit breaker, and its auto scaling.
 *
 * A component per service, so that each service's roles name only its own log group, secrets,
 * repository and buckets, and a failed deployment rolls back that service alone (the circuit
 * breaker). The task role exists only when the application makes AWS calls of its own.
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
      { parent: this, protect: args.logs.protect },
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

    const taskStatements = [
      ...taskRoleStatements({ buckets: spec.buckets, bucketKmsKeyArn: args.bucketKmsKeyArn, region: context.region }),
      ...(spec.tracing ? xrayStatements() : []),
    ];
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
          environment: spec.environment,
          secrets: spec.secrets,
          readOnlyRootFilesystem: spec.readOnlyRootFilesystem,
          containerHealthCheck: spec.containerHealthCheck,
          logGroupName: logGroup.name,
          region: context.region,
          tracing: spec.tracing,
        }),
      },
      // The agent needs its permissions before the first task starts.
      { parent: this, dependsOn: [executionPolicy] },
    );

    const shift = spec.trafficShift;
    if ((spec.delivery?.strategy ?? "rolling") !== "rolling" && (!shift || !spec.targetGroupArn)) {
      throw new Error(`EcsService ${spec.name}: ${spec.delivery?.strategy} needs an alternate target group and a production listener rule`);
    }
    const shiftRole = shift ? this.trafficShiftRole(name, spec.name, context, shift) : undefined;

    this.service = new aws.ecs.Service(
      `${name}-service`,
      {
        name: spec.name,
        cluster: args.clusterArn,
        taskDefinition: taskDefinition.arn,
        desiredCount: spec.scaling.desired,
        capacityProviderStrategies: capacityProviderStrategy(spec.capacity),
        // The AWS provider refuses to update a service's capacity provider strategy unless a new
        // deployment is forced (terraform-provider-aws internal/service/ecs/service.go,
        // capacityProviderStrategyCustomizeDiff): without it, editing spotPercent or
        // onDemandBaseTasks fails at preview. ECS moves the tasks to the new split by a rolling
        // deployment under the circuit breaker below.
        forceNewDeployment: true,
        platformVersion: "LATEST",
        networkConfiguration: { subnets: [...args.subnetIds], securityGroups: [args.securityGroupId], assignPublicIp: false },
        loadBalancers: spec.targetGroupArn
          ? [
              {
                targetGroupArn: spec.targetGroupArn,
                containerName: spec.name,
                containerPort: spec.port,
                advancedConfiguration:
                  shift && shiftRole
                    ? { alternateTargetGroupArn: shift.alternateTargetGroupArn, productionListenerRule: shift.productionListenerRuleArn, roleArn: shiftRole.role.arn }
                    : undefined,
              },
            ]
          : [],
        healthCheckGracePeriodSeconds: spec.targetGroupArn ? args.healthCheckGracePeriodSeconds : undefined,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        // ECS's own strategies (model/compute/delivery.ts); the deployment controller stays ECS's
        // default, so changing the strategy is an in-place update. ROLLING (ECS's default) when
        // the config names none, without the block, so existing services see no change.
        deploymentConfiguration: spec.delivery ? ecsDeploymentConfiguration(spec.delivery) : undefined,
        // An alarm in ALARM during a deployment fails it and ECS returns to the last revision that
        // completed (DeploymentAlarms, ECS API Reference). The names are the observability tier's.
        alarms: spec.rollbackAlarmNames.length > 0 ? { alarmNames: [...spec.rollbackAlarmNames], enable: true, rollback: true } : undefined,
        deploymentMinimumHealthyPercent: args.deployment.minimumHealthyPercent,
        deploymentMaximumPercent: args.deployment.maximumPercent,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        tags: reachTags(spec.reaches),
        waitForSteadyState: false,
      },
      {
        parent: this,
        // ECS checks the role's permissions on the listener rule when it takes the service.
        dependsOn: [args.capacityProviders, ...(shiftRole ? [shiftRole.policy] : [])],
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

  /**
   * The role ECS assumes to move the service's traffic (the "infrastructure role" of ECS
   * blue/green): the target groups' registrations and the production rule's weights of this
   * service alone, written out action by action in place of the managed
   * AmazonECSInfrastructureRolePolicyForLoadBalancers, which grants them on every load balancer.
   */
  private trafficShiftRole(name: string, service: string, context: StackContext, shift: EcsTrafficShift): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = new aws.iam.Role(
      `${name}-traffic-shift`,
      {
        description: `Lets ECS shift ${context.namePrefix} ${service}'s traffic between its two target groups`,
        assumeRolePolicy: serviceTrustPolicy("ecs.amazonaws.com", context.accountId),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(`${name}-traffic-shift`, { role: role.name, policy: policyJson(trafficShiftRoleStatements(shift)) }, { parent: this });
    return { role, policy };
  }
}
