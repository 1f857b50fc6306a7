import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseSettings } from "../../model/data/settings";
import type { DataProtection } from "../../model/stack";
import type { StackContext } from "../shared/context";

/** What the data tier's database is built from; its own module, because every engine's builder reads it. */
export interface DatabaseArgs {
  readonly context: StackContext;
  /** Engine and its settings, as validated by the `platform:data.database` schema. */
  readonly settings: DatabaseSettings;
  /** Instance (postgres) or cluster (Aurora) identifier, e.g. `platform-prod-db`. */
  readonly identifier: string;
  /** Secrets Manager name of the master credentials, e.g. `platform/prod/database`. */
  readonly secretName: string;
  /** The private-data subnets, one per zone, in zone order. */
  readonly subnetIds: pulumi.Input<string>[];
  readonly availabilityZones: readonly string[];
  /** The database security group (ingress from app, jobs and bastion only). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The data key: storage, Performance Insights and the credentials secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Exported database logs: retention and key of their log groups. */
  readonly logs: { readonly retentionDays: number; readonly kmsKeyArn: pulumi.Input<string> };
  readonly protection: DataProtection;
  /** Tag that puts the database in the backup tier's selection (AWS Backup selects by tag). */
  readonly backupTag?: { readonly key: string; readonly value: string };
}
