import type * as pulumi from "@pulumi/pulumi";
import type { BackupSettings } from "../../model/backup/settings";
import type { DatabaseSettings } from "../../model/data/settings";
import type { DataProtection } from "../../model/stack";
import type { StackContext } from "../shared/context";
import type { RotationArgs } from "../shared/secret-rotator";
import type { LogGroupArgs } from "../shared/logs";

/**
 * Where a database runs and how it is kept: the same for the data tier's database and for the
 * standby's copy of it (components/dr/database.ts), each in its own stack's region.
 */
export interface DatabasePlacementArgs {
  /** The private-data subnets, one per zone, in zone order. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The zones of `subnetIds`, in the same order: Aurora's writer goes to the first, readers to the others in turn. */
  readonly availabilityZones: readonly string[];
  /** The database security group (ingress from app, jobs and bastion only). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The data key: storage, Performance Insights and the credentials secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Exported database logs: retention and key of their log groups. */
  readonly logs: LogGroupArgs;
  /**
   * `protected`: deletion protection, a final snapshot, automated backups kept after a delete and
   * Pulumi `protect`; `disposable`: a clean destroy.
   */
  readonly protection: DataProtection;
}

/** What the data tier's database is built from; its own module, because every engine's builder reads it. */
export interface DatabaseArgs extends DatabasePlacementArgs {
  /** The stack's account and region facts (every tier component receives them). */
  readonly context: StackContext;
  /** Engine and its settings, as validated by the `platform:data.database` schema. */
  readonly settings: DatabaseSettings;
  /** Instance (postgres) or cluster (Aurora) identifier, e.g. `platform-prod-db`. */
  readonly identifier: string;
  /** Secrets Manager name of the master credentials, e.g. `platform/prod/database`. */
  readonly secretName: string;
  /** The master password's rotation (every `settings.rotationDays`); the services that read `database` are restarted after it. */
  readonly rotation: RotationArgs;
  /** Tag that puts the database in the backup tier's selection (AWS Backup selects by tag); untagged when omitted. */
  readonly backupTag?: BackupSettings["selectionTag"];
}
