import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ReplicaDatabaseSettings } from "../../model/dr/settings";
import { clusterCommonArgs, clusterMember, ClusterMemberSpec, engineParameters, exportLogGroups, insightsSettings, parameterGroupName, protectionFlags } from "../data/engine-parts";
import { parameterFamily } from "../../model/data/engines";
import { postgresInstanceCommonArgs } from "../data/postgres";
import type { DatabasePlacementArgs } from "../data/database-args";

/** The primary's database as the standby replicates it (from the primary's outputs). */
export interface SourceDatabase {
  /** Instance ARN (postgres) or cluster ARN (Aurora): a cross-region replica names its source by ARN. */
  readonly arn: pulumi.Input<string>;
  /** The global cluster the primary's Aurora cluster leads; Aurora only. */
  readonly globalClusterIdentifier?: pulumi.Input<string>;
}

/**
 * The standby's copy, placed in the standby's own subnets, security group and keys (a cross-region
 * copy is re-encrypted with a key of its own region). With `protection: protected`, a PostgreSQL
 * replica gets a final snapshot only once it serves: RDS takes none of a read replica.
 */
export interface StandbyDatabaseArgs extends DatabasePlacementArgs {
  /** The copy's engine, class, windows and readers (`platform:dr.replica.database`). */
  readonly settings: ReplicaDatabaseSettings;
  /** Instance or cluster identifier in the standby region, e.g. `platform-prod-dr-db`. */
  readonly identifier: string;
  /** The primary's database, from its outputs. */
  readonly source: SourceDatabase;
  /** `serving`: the copy was promoted and is the writer (backups and a final snapshot of its own). */
  readonly serving: boolean;
}

export interface StandbyDatabase {
  /** Instance address, or the secondary cluster's endpoint (the writer's once promoted). */
  readonly endpoint: pulumi.Output<string>;
  /** The engine's port. */
  readonly port: pulumi.Output<number>;
  /** The replica instance (postgres) or the secondary cluster's `primary` instance. */
  readonly instanceIdentifier: pulumi.Output<string>;
  /** The secondary cluster's identifier (Aurora only). */
  readonly clusterIdentifier?: pulumi.Output<string>;
  /** The secondary cluster's ARN (Aurora only). */
  readonly clusterArn?: pulumi.Output<string>;
}

/**
 * Fields a promotion or a global switchover changes in AWS: the next `up` must take AWS's word
 * for them (the drill reconciles by refresh), never put the replication link back.
 */
export const replicaIgnoreChanges = { instance: ["replicateSourceDb"], cluster: ["globalClusterIdentifier", "replicationSourceIdentifier"] } as const;

/**
 * The standby's copy of the primary's database, in the standby's data subnets behind its database
 * group, encrypted with the standby region's data key and forcing TLS like its source: an RDS
 * cross-region read replica, or the secondary cluster of the Aurora global database.
 */
export function standbyDatabase(name: string, args: StandbyDatabaseArgs, parent: pulumi.Resource): StandbyDatabase {
  const { settings } = args;
  const protect = args.protection === "protected";
  const subnetGroup = new aws.rds.SubnetGroup(
    `${name}-subnets`,
    { name: args.identifier, description: `${args.identifier}: private-data subnets of the standby`, subnetIds: [...args.subnetIds] },
    { parent },
  );
  const parameters = engineParameters(settings.engine, settings.logExports, settings.parameters);
  const logGroups = (kind: "instance" | "cluster", identifier: string) => exportLogGroups(`${name}-log-${kind}`, { kind, identifier }, settings.logExports, args.logs, parent);
  const insights = insightsSettings(settings, args.kmsKeyArn);

  if (settings.engine === "postgres") {
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-params`,
      { name: parameterGroupName(args.identifier, "postgres", settings.engineVersion), family: parameterFamily("postgres", settings.engineVersion), description: `${args.identifier}: TLS required (rds.force_ssl=1)`, parameters },
      { parent },
    );
    const replica = new aws.rds.Instance(
      `${name}-replica`,
      {
        // The source's engine (no version: it follows the source, minor upgrades come with it),
        // encrypted with this region's data key.
        ...postgresInstanceCommonArgs(settings, { securityGroupId: args.securityGroupId, kmsKeyArn: args.kmsKeyArn, parameterGroupName: parameterGroup.name }),
        identifier: args.identifier,
        replicateSourceDb: args.source.arn,
        dbSubnetGroupName: subnetGroup.name,
        multiAz: settings.multiAz,
        maintenanceWindow: settings.maintenanceWindow,
        // A read replica keeps no backups of its own (its source does); once promoted it is the
        // only copy, so `serving` turns them on and leaves a final snapshot on delete.
        backupRetentionPeriod: args.serving ? settings.backupRetentionDays : 0,
        backupWindow: args.serving ? settings.backupWindow : undefined,
        deletionProtection: protect,
        skipFinalSnapshot: !(protect && args.serving),
        finalSnapshotIdentifier: protect && args.serving ? `${args.identifier}-final` : undefined,
        deleteAutomatedBackups: !protect,
      },
      { parent, protect, dependsOn: logGroups("instance", args.identifier), ignoreChanges: [...replicaIgnoreChanges.instance] },
    );
    return { endpoint: replica.address, port: replica.port, instanceIdentifier: replica.identifier };
  }

  const flags = protectionFlags(args.protection, args.identifier);
  const parameterGroup = new aws.rds.ClusterParameterGroup(
    `${name}-params`,
    { name: parameterGroupName(args.identifier, settings.engine, settings.engineVersion), family: parameterFamily(settings.engine, settings.engineVersion), description: `${args.identifier}: TLS required`, parameters },
    { parent },
  );
  const cluster = new aws.rds.Cluster(
    `${name}-cluster`,
    {
      ...clusterCommonArgs(
        args.identifier,
        settings,
        { subnetGroupName: subnetGroup.name, securityGroupId: args.securityGroupId, kmsKeyArn: args.kmsKeyArn, parameterGroupName: parameterGroup.name },
        flags,
      ),
      // A secondary joins the primary's global database: no name, user or password of its own.
      globalClusterIdentifier: args.source.globalClusterIdentifier,
    },
    { parent, protect, dependsOn: logGroups("cluster", args.identifier), ignoreChanges: [...replicaIgnoreChanges.cluster] },
  );
  const zones = args.availabilityZones;
  const memberSpec: ClusterMemberSpec = {
    name,
    identifier: args.identifier,
    cluster,
    engine: settings.engine,
    engineVersion: settings.engineVersion,
    subnetGroupName: subnetGroup.name,
    maintenanceWindow: settings.maintenanceWindow,
    insights,
    parent,
  };
  const member = (key: string, instanceClass: string, availabilityZone: string, promotionTier: number, protectMember: boolean) =>
    clusterMember(memberSpec, { key, instanceClass, availabilityZone, promotionTier, protect: protectMember });
  // The member promoted first: Aurora makes it the writer when the secondary takes over.
  const primary = member("primary", settings.instanceClass, zones[0], 0, protect);
  settings.readers.forEach((reader, index) =>
    member(`reader-${reader.name}`, reader.instanceClass ?? settings.instanceClass, reader.availabilityZone ?? zones[(index + 1) % zones.length], 1, false),
  );
  return {
    endpoint: cluster.endpoint,
    port: cluster.port,
    instanceIdentifier: primary.identifier,
    clusterIdentifier: cluster.clusterIdentifier,
    clusterArn: cluster.arn,
  };
}
