import type { CreateDBInstanceReadReplicaCommandInput, DBInstance } from "@aws-sdk/client-rds";

/**
 * The follower's CreateDBInstanceReadReplica request, read from the copy it replaces (the renamed
 * instance's DescribeDBInstances): placement, size, encryption and settings are that instance's, so
 * nothing is guessed and `pulumi refresh` of the stack finds what its program declares.
 *
 * - SourceDBInstanceIdentifier is the serving instance's ARN: a cross-region source is named by ARN,
 *   and the SDK's cross-region middleware (@aws-sdk/middleware-sdk-rds,
 *   crossRegionPresignedUrlMiddleware) derives the source region from that ARN and adds the
 *   PreSignedUrl the API needs (CreateDBInstanceReadReplica, PreSignedUrl and SourceRegion).
 * - KmsKeyId: "If you create an encrypted read replica in a different AWS Region, then you must
 *   specify a KMS key identifier for the destination AWS Region" (CreateDBInstanceReadReplica,
 *   KmsKeyId); in the same region it must be left out (the source's key is used).
 * - No DBParameterGroupName for a cross-region PostgreSQL replica: "Specifying a parameter group for
 *   this operation is only supported for MySQL DB instances for cross-Region read replicas, ...
 *   Db2 ... and Oracle" (CreateDBInstanceReadReplica, DBParameterGroupName); RDS gives it the
 *   engine's default group, and the re-seed sets the copy's group with ModifyDBInstance afterwards
 *   (with the maintenance window, which this call does not take).
 * - No backups: "RDS creates read replicas with backups disabled"; the promotion turns them on.
 * - Deletion protection on, whatever the copy had: the follower becomes the only copy once promoted.
 */
export function replicaRequest(kept: DBInstance, identifier: string, sourceArn: string, crossRegion: boolean): CreateDBInstanceReadReplicaCommandInput {
  const group = kept.DBParameterGroups?.[0]?.DBParameterGroupName;
  const groupAtCreate = !crossRegion || /^(mysql|oracle|db2)/.test(kept.Engine ?? "");
  return {
    DBInstanceIdentifier: identifier,
    SourceDBInstanceIdentifier: sourceArn,
    DBInstanceClass: kept.DBInstanceClass,
    MultiAZ: kept.MultiAZ,
    DBSubnetGroupName: kept.DBSubnetGroup?.DBSubnetGroupName,
    VpcSecurityGroupIds: (kept.VpcSecurityGroups ?? []).flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [])),
    ...(kept.StorageEncrypted && crossRegion ? { KmsKeyId: kept.KmsKeyId } : {}),
    ...(group && groupAtCreate ? { DBParameterGroupName: group } : {}),
    StorageType: kept.StorageType,
    MaxAllocatedStorage: kept.MaxAllocatedStorage,
    PubliclyAccessible: kept.PubliclyAccessible ?? false,
    AutoMinorVersionUpgrade: kept.AutoMinorVersionUpgrade,
    CopyTagsToSnapshot: kept.CopyTagsToSnapshot,
    CACertificateIdentifier: kept.CACertificateIdentifier,
    EnableCloudwatchLogsExports: kept.EnabledCloudwatchLogsExports,
    EnablePerformanceInsights: kept.PerformanceInsightsEnabled,
    ...(kept.PerformanceInsightsEnabled ? { PerformanceInsightsKMSKeyId: kept.PerformanceInsightsKMSKeyId, PerformanceInsightsRetentionPeriod: kept.PerformanceInsightsRetentionPeriod } : {}),
    ...(kept.MonitoringInterval ? { MonitoringInterval: kept.MonitoringInterval, MonitoringRoleArn: kept.MonitoringRoleArn } : {}),
    EnableIAMDatabaseAuthentication: kept.IAMDatabaseAuthenticationEnabled,
    Tags: kept.TagList,
    DeletionProtection: true,
  };
}
