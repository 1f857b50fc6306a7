import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuroraSettings } from "../../model/data/settings";
import { clusterCommonArgs, clusterMember, ClusterMemberSpec, EngineInputs, EngineOutputs, insightsSettings, parameterGroupName, protectionFlags } from "./engine-parts";
import { parameterFamily } from "../../model/data/engines";

/**
 * An Aurora cluster (PostgreSQL or MySQL): the cluster, a writer instance, named readers spread
 * over the data zones, optional reader autoscaling, and optionally an Aurora global database
 * whose secondary the standby stack adds later (DR tier).
 */
export function buildAurora(parent: pulumi.Resource, inputs: EngineInputs, settings: AuroraSettings): EngineOutputs {
  const { args, name } = inputs;
  const flags = protectionFlags(args.protection, args.identifier);
  const zones = args.availabilityZones;

  const parameterGroup = new aws.rds.ClusterParameterGroup(
    `${name}-params`,
    {
      name: parameterGroupName(args.identifier, settings.engine, settings.engineVersion),
      family: parameterFamily(settings.engine, settings.engineVersion),
      description: `${args.identifier}: TLS required`,
      parameters: [...inputs.parameters],
    },
    { parent },
  );
  const clusterLogs = inputs.logGroups("cluster", args.identifier, "cluster");
  const cluster = new aws.rds.Cluster(
    `${name}-cluster`,
    {
      ...clusterCommonArgs(
        args.identifier,
        settings,
        { subnetGroupName: inputs.subnetGroup.name, securityGroupId: args.securityGroupId, kmsKeyArn: args.kmsKeyArn, parameterGroupName: parameterGroup.name },
        flags,
      ),
      databaseName: settings.databaseName,
      masterUsername: settings.masterUsername,
      masterPassword: inputs.password,
      tags: args.backupTag ? { [args.backupTag.key]: args.backupTag.value } : undefined,
    },
    {
      parent,
      protect: flags.protect,
      dependsOn: clusterLogs,
      // Once global, membership is operated by the failover drill (switchover, detach), and
      // Pulumi reconciles by refresh: these two must not be reverted by the next `up`.
      ignoreChanges: settings.globalDatabase ? ["globalClusterIdentifier", "replicationSourceIdentifier"] : [],
    },
  );

  const memberSpec: ClusterMemberSpec = {
    name,
    identifier: args.identifier,
    cluster,
    engine: settings.engine,
    engineVersion: settings.engineVersion,
    subnetGroupName: inputs.subnetGroup.name,
    maintenanceWindow: settings.maintenanceWindow,
    insights: insightsSettings(settings, args.kmsKeyArn),
    parent,
  };
  const member = (key: string, instanceClass: string, availabilityZone: string, promotionTier: number, protect: boolean) =>
    clusterMember(memberSpec, { key, instanceClass, availabilityZone, promotionTier, protect });
  // Aurora decides which instance writes; "writer" is the one created first, in the first zone.
  const writer = member("writer", settings.instanceClass, zones[0], 0, flags.protect);
  const readers = settings.readers.map((reader, index) =>
    member(`reader-${reader.name}`, reader.instanceClass ?? settings.instanceClass, reader.availabilityZone ?? zones[(index + 1) % zones.length], 1, false),
  );

  if (settings.readerAutoscaling) {
    const scaling = settings.readerAutoscaling;
    const target = new aws.appautoscaling.Target(
      `${name}-reader-scaling`,
      {
        serviceNamespace: "rds",
        scalableDimension: "rds:cluster:ReadReplicaCount",
        resourceId: pulumi.interpolate`cluster:${cluster.id}`,
        minCapacity: scaling.minReaders,
        maxCapacity: scaling.maxReaders,
      },
      { parent, dependsOn: [writer, ...readers] },
    );
    new aws.appautoscaling.Policy(
      `${name}-reader-scaling-cpu`,
      {
        name: `${args.identifier}-reader-cpu`,
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
          targetValue: scaling.cpuTargetPercent,
          // Seed 003's cooldowns: out after 60 s, in after 300 s.
          scaleOutCooldown: 60,
          scaleInCooldown: 300,
        },
      },
      { parent },
    );
  }

  let globalClusterIdentifier: pulumi.Output<string> | undefined;
  if (settings.globalDatabase) {
    // Created from the existing cluster, so turning this on later does not replace the
    // cluster and its data.
    const global = new aws.rds.GlobalCluster(
      `${name}-global`,
      {
        globalClusterIdentifier: `${args.identifier}-global`,
        sourceDbClusterIdentifier: cluster.arn,
        // Lets a destroy detach the members instead of failing on them.
        forceDestroy: true,
        deletionProtection: flags.deletionProtection,
      },
      { parent, protect: flags.protect, dependsOn: [writer] },
    );
    globalClusterIdentifier = global.id;
  }

  return {
    endpoint: cluster.endpoint,
    readerEndpoint: cluster.readerEndpoint,
    replicaEndpoints: {},
    port: cluster.port,
    identifier: writer.identifier,
    arn: cluster.arn,
    clusterIdentifier: cluster.clusterIdentifier,
    globalClusterIdentifier,
  };
}
