import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DataProtection } from "../../model/stack";
import type { DatabaseArgs } from "./database-args";
import type { LogGroupArgs } from "../shared/logs";
import { DatabaseEngine, enginePort, logSwitches, parameterFamily, rdsCaCertificate, tlsParameter } from "../../model/data/engines";

/** What both engine builders receive: the shared children already created. */
export interface EngineInputs {
  /** The database's Args, as the Database component received them. */
  readonly args: DatabaseArgs;
  /** The component's logical name: the prefix of every child's logical name. */
  readonly name: string;
  /** The database's subnet group in the private-data subnets. */
  readonly subnetGroup: aws.rds.SubnetGroup;
  /** The generated master password (a secret Output). */
  readonly password: pulumi.Output<string>;
  /** Engine parameters: TLS, log switches and the config's extras. */
  readonly parameters: readonly EngineParameter[];
  /**
   * Creates the log groups RDS exports into (before RDS would create them without retention or
   * key). `role` is the stable key in their logical names: `primary`, `cluster` or a replica name.
   */
  readonly logGroups: (kind: "instance" | "cluster", identifier: pulumi.Input<string>, role: string) => aws.cloudwatch.LogGroup[];
}

/** One engine parameter of a (cluster) parameter group. */
export interface EngineParameter {
  /** The engine's parameter name, e.g. `rds.force_ssl`. */
  readonly name: string;
  /** Its value, as text. */
  readonly value: string;
  /** `immediate` for dynamic parameters; static ones (and the config's extras) wait for a reboot. */
  readonly applyMethod: "immediate" | "pending-reboot";
}

/** Endpoints and identifiers an engine builder hands back. */
export interface EngineOutputs {
  /** The instance address (postgres) or the cluster's writer endpoint (Aurora). */
  readonly endpoint: pulumi.Output<string>;
  /** Aurora's reader endpoint; undefined for RDS instances. */
  readonly readerEndpoint?: pulumi.Output<string>;
  /** RDS read replicas' addresses by replica name; empty for Aurora. */
  readonly replicaEndpoints: Record<string, pulumi.Output<string>>;
  /** The engine's port (5432 PostgreSQL, 3306 MySQL). */
  readonly port: pulumi.Output<number>;
  /** Instance identifier (postgres) or writer instance identifier (Aurora). */
  readonly identifier: pulumi.Output<string>;
  /** Instance or cluster ARN. */
  readonly arn: pulumi.Output<string>;
  /** Aurora only. */
  readonly clusterIdentifier?: pulumi.Output<string>;
  /** Aurora with `globalDatabase` only. */
  readonly globalClusterIdentifier?: pulumi.Output<string>;
}

/** Parameter-group name: identifier and family, so a major upgrade creates a new group beside the old. */
export function parameterGroupName(identifier: string, engine: DatabaseEngine, engineVersion: string): string {
  return `${identifier}-${parameterFamily(engine, engineVersion).replace(/\./g, "-")}`;
}

/** Flags that follow from `dataProtection`. */
export function protectionFlags(protection: DataProtection, identifier: string) {
  const protect = protection === "protected";
  return {
    protect,
    deletionProtection: protect,
    skipFinalSnapshot: !protect,
    finalSnapshotIdentifier: protect ? `${identifier}-final` : undefined,
    // Protected: automated backups outlive an accidental delete until their retention ends.
    deleteAutomatedBackups: !protect,
  };
}

/**
 * Engine parameters: the one that forces TLS, the log switches the exports need (both applied at
 * once), then the config's extras. Static parameters (shared_buffers, max_connections) refuse
 * "immediate", so every extra waits for the next reboot in the maintenance window.
 */
export function engineParameters(engine: DatabaseEngine, logExports: readonly string[], extras: Readonly<Record<string, string>>): EngineParameter[] {
  const tls = tlsParameter(engine);
  return [
    { name: tls.name, value: tls.value, applyMethod: "immediate" },
    ...Object.entries(logSwitches(engine, logExports)).map(([key, value]) => ({ name: key, value, applyMethod: "immediate" as const })),
    ...Object.entries(extras).map(([key, value]) => ({ name: key, value, applyMethod: "pending-reboot" as const })),
  ];
}

/**
 * The log groups RDS exports into, created before the database so that they have retention and
 * the logs key (RDS would create them with neither). Logical names `${logicalPrefix}-<log type>`.
 */
export function exportLogGroups(
  logicalPrefix: string,
  target: { readonly kind: "instance" | "cluster"; readonly identifier: pulumi.Input<string> },
  logExports: readonly string[],
  logs: LogGroupArgs,
  parent: pulumi.Resource,
): aws.cloudwatch.LogGroup[] {
  return logExports.map(
    (logType) =>
      new aws.cloudwatch.LogGroup(
        `${logicalPrefix}-${logType}`,
        { name: pulumi.interpolate`/aws/rds/${target.kind}/${target.identifier}/${logType}`, retentionInDays: logs.retentionDays, kmsKeyId: logs.kmsKeyArn },
        { parent, protect: logs.protect },
      ),
  );
}

/** Performance Insights settings of an instance: encrypted with the data key when on. */
export function insightsSettings(settings: { readonly performanceInsights: boolean; readonly performanceInsightsRetentionDays?: number }, kmsKeyArn: pulumi.Input<string>) {
  return settings.performanceInsights
    ? { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: kmsKeyArn, performanceInsightsRetentionPeriod: settings.performanceInsightsRetentionDays }
    : { performanceInsightsEnabled: false };
}

/** What every instance of an Aurora cluster shares, primary or standby. */
export interface ClusterMemberSpec {
  /** Logical-name and identifier prefix: the member is `${name}-<key>`, identified `${identifier}-<key>`. */
  readonly name: string;
  /** The cluster's identifier: members are identified `${identifier}-<key>`. */
  readonly identifier: string;
  /** The cluster the member joins. */
  readonly cluster: aws.rds.Cluster;
  /** The cluster's engine (members must match it). */
  readonly engine: DatabaseEngine;
  /** The cluster's engine version (members must match it). */
  readonly engineVersion: string;
  /** The cluster's subnet group. */
  readonly subnetGroupName: pulumi.Input<string>;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC (the cluster's). */
  readonly maintenanceWindow: string;
  /** Performance Insights settings (insightsSettings). */
  readonly insights: ReturnType<typeof insightsSettings>;
  /** The component the members belong to. */
  readonly parent: pulumi.Resource;
}

/** One instance of an Aurora cluster: private, on RDS's current CA, minor upgrades automatic. */
export function clusterMember(
  spec: ClusterMemberSpec,
  member: { readonly key: string; readonly instanceClass: string; readonly availabilityZone: string; readonly promotionTier: number; readonly protect: boolean },
): aws.rds.ClusterInstance {
  return new aws.rds.ClusterInstance(
    `${spec.name}-${member.key}`,
    {
      identifier: `${spec.identifier}-${member.key}`,
      clusterIdentifier: spec.cluster.id,
      engine: spec.engine,
      engineVersion: spec.engineVersion,
      instanceClass: member.instanceClass,
      availabilityZone: member.availabilityZone,
      promotionTier: member.promotionTier,
      dbSubnetGroupName: spec.subnetGroupName,
      publiclyAccessible: false,
      caCertIdentifier: rdsCaCertificate,
      autoMinorVersionUpgrade: true,
      preferredMaintenanceWindow: spec.maintenanceWindow,
      copyTagsToSnapshot: true,
      ...spec.insights,
    },
    { parent: spec.parent, protect: member.protect },
  );
}

/**
 * What an Aurora cluster is, primary or global secondary: engine, network isolation, storage
 * encrypted with the data key, TLS parameters, backup and maintenance windows, log exports, and
 * the protection of `dataProtection`. Each caller adds what only it has (credentials, global link).
 */
export function clusterCommonArgs(
  identifier: string,
  settings: {
    readonly engine: DatabaseEngine;
    readonly engineVersion: string;
    readonly backupRetentionDays: number;
    readonly backupWindow: string;
    readonly maintenanceWindow: string;
    readonly logExports: readonly string[];
  },
  placement: { readonly subnetGroupName: pulumi.Input<string>; readonly securityGroupId: pulumi.Input<string>; readonly kmsKeyArn: pulumi.Input<string>; readonly parameterGroupName: pulumi.Input<string> },
  flags: ReturnType<typeof protectionFlags>,
) {
  return {
    clusterIdentifier: identifier,
    engine: settings.engine,
    engineMode: "provisioned",
    engineVersion: settings.engineVersion,
    // The version is pinned in config: only a deliberate edit changes the major, and RDS refuses
    // that edit unless the same request allows it (ModifyDBCluster, AllowMajorVersionUpgrade).
    allowMajorVersionUpgrade: true,
    port: enginePort(settings.engine),
    dbSubnetGroupName: placement.subnetGroupName,
    vpcSecurityGroupIds: [placement.securityGroupId],
    storageEncrypted: true,
    kmsKeyId: placement.kmsKeyArn,
    dbClusterParameterGroupName: placement.parameterGroupName,
    backupRetentionPeriod: settings.backupRetentionDays,
    preferredBackupWindow: settings.backupWindow,
    preferredMaintenanceWindow: settings.maintenanceWindow,
    enabledCloudwatchLogsExports: [...settings.logExports],
    copyTagsToSnapshot: true,
    deletionProtection: flags.deletionProtection,
    skipFinalSnapshot: flags.skipFinalSnapshot,
    finalSnapshotIdentifier: flags.finalSnapshotIdentifier,
    deleteAutomatedBackups: flags.deleteAutomatedBackups,
  } satisfies aws.rds.ClusterArgs;
}
