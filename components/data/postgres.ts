import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PostgresSettings } from "../../model/data/settings";
import { EngineInputs, EngineOutputs, insightsSettings, parameterGroupName, protectionFlags } from "./engine-parts";
import { parameterFamily, rdsCaCertificate } from "../../model/data/engines";

/**
 * RDS for PostgreSQL: one instance (Multi-AZ when asked: a synchronous standby in a second
 * zone) and named read replicas in the same region. gp3 storage with autoscaling up to
 * `maxStorageGb`.
 */
export function buildPostgres(parent: pulumi.Resource, inputs: EngineInputs, settings: PostgresSettings): EngineOutputs {
  const { args, name } = inputs;
  const flags = protectionFlags(args.protection, args.identifier);
  const family = parameterFamily("postgres", settings.engineVersion);

  const parameterGroup = new aws.rds.ParameterGroup(
    `${name}-params`,
    {
      name: parameterGroupName(args.identifier, "postgres", settings.engineVersion),
      family,
      description: `${args.identifier}: TLS required (rds.force_ssl=1)`,
      parameters: [...inputs.parameters],
    },
    { parent },
  );
  const shared = postgresInstanceCommonArgs(settings, { securityGroupId: args.securityGroupId, kmsKeyArn: args.kmsKeyArn, parameterGroupName: parameterGroup.name });

  const primaryLogs = inputs.logGroups("instance", args.identifier, "primary");
  const primary = new aws.rds.Instance(
    `${name}-instance`,
    {
      ...shared,
      identifier: args.identifier,
      engineVersion: settings.engineVersion,
      allocatedStorage: settings.storageGb,
      dbName: settings.databaseName,
      username: settings.masterUsername,
      password: inputs.password,
      dbSubnetGroupName: inputs.subnetGroup.name,
      multiAz: settings.multiAz,
      backupRetentionPeriod: settings.backupRetentionDays,
      backupWindow: settings.backupWindow,
      maintenanceWindow: settings.maintenanceWindow,
      deletionProtection: flags.deletionProtection,
      skipFinalSnapshot: flags.skipFinalSnapshot,
      finalSnapshotIdentifier: flags.finalSnapshotIdentifier,
      deleteAutomatedBackups: flags.deleteAutomatedBackups,
      // Only the primary: AWS Backup does not back up read replicas.
      tags: args.backupTag ? { [args.backupTag.key]: args.backupTag.value } : undefined,
    },
    { parent, protect: flags.protect, dependsOn: primaryLogs },
  );

  const replicaEndpoints: Record<string, pulumi.Output<string>> = {};
  for (const replica of settings.readReplicas) {
    const identifier = `${args.identifier}-${replica.name}`;
    const logs = inputs.logGroups("instance", identifier, replica.name);
    // A replica serves the reads its source sheds (seed 002): where data is protected it cannot be
    // deleted by accident either. It holds no data of its own, so it leaves no final snapshot (RDS
    // takes none of a read replica) and keeps no automated backups.
    const instance = new aws.rds.Instance(
      `${name}-replica-${replica.name}`,
      {
        ...shared,
        identifier,
        instanceClass: replica.instanceClass,
        replicateSourceDb: primary.identifier,
        maintenanceWindow: settings.maintenanceWindow,
        backupRetentionPeriod: 0,
        multiAz: false,
        deletionProtection: flags.deletionProtection,
        skipFinalSnapshot: true,
        deleteAutomatedBackups: true,
      },
      { parent, protect: flags.protect, dependsOn: logs },
    );
    replicaEndpoints[replica.name] = instance.address;
  }

  return {
    endpoint: primary.address,
    replicaEndpoints,
    port: primary.port,
    identifier: primary.identifier,
    arn: primary.arn,
  };
}

/**
 * What every PostgreSQL instance of the platform shares, a primary, its read replicas and the
 * standby region's cross-region replica: gp3 storage encrypted with the data key, no public
 * address, TLS parameters, RDS's current CA, minor upgrades only, log exports, insights.
 */
export function postgresInstanceCommonArgs(
  settings: { readonly instanceClass: string; readonly maxStorageGb?: number; readonly logExports: readonly string[]; readonly performanceInsights: boolean; readonly performanceInsightsRetentionDays?: number },
  placement: { readonly securityGroupId: pulumi.Input<string>; readonly kmsKeyArn: pulumi.Input<string>; readonly parameterGroupName: pulumi.Input<string> },
) {
  return {
    engine: "postgres",
    instanceClass: settings.instanceClass,
    storageType: "gp3",
    storageEncrypted: true,
    kmsKeyId: placement.kmsKeyArn,
    maxAllocatedStorage: settings.maxStorageGb,
    vpcSecurityGroupIds: [placement.securityGroupId],
    publiclyAccessible: false,
    parameterGroupName: placement.parameterGroupName,
    caCertIdentifier: rdsCaCertificate,
    autoMinorVersionUpgrade: true,
    // The version is pinned in config, so only a deliberate edit changes the major version; RDS
    // refuses that edit at apply unless the same request allows it (ModifyDBInstance,
    // AllowMajorVersionUpgrade; modelled in offline/plan-diff/update-rules.ts).
    allowMajorVersionUpgrade: true,
    copyTagsToSnapshot: true,
    enabledCloudwatchLogsExports: [...settings.logExports],
    ...insightsSettings(settings, placement.kmsKeyArn),
  } satisfies aws.rds.InstanceArgs;
}
