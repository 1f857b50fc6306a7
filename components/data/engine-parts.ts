import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DataProtection } from "./credentials";
import type { DatabaseArgs } from "./database";
import { DatabaseEngine, parameterFamily } from "./engines";

/** What both engine builders receive: the shared children already created. */
export interface EngineInputs {
  readonly args: DatabaseArgs;
  readonly name: string;
  readonly subnetGroup: aws.rds.SubnetGroup;
  readonly password: pulumi.Output<string>;
  /** Engine parameters: TLS, log switches and the config's extras. */
  readonly parameters: { name: string; value: string; applyMethod: "immediate" | "pending-reboot" }[];
  /**
   * Creates the log groups RDS exports into (before RDS would create them without retention or
   * key). `role` is the stable key in their logical names: `primary`, `cluster` or a replica name.
   */
  readonly logGroups: (kind: "instance" | "cluster", identifier: pulumi.Input<string>, role: string) => aws.cloudwatch.LogGroup[];
}

/** Endpoints and identifiers an engine builder hands back. */
export interface EngineOutputs {
  readonly endpoint: pulumi.Output<string>;
  readonly readerEndpoint?: pulumi.Output<string>;
  readonly replicaEndpoints: Record<string, pulumi.Output<string>>;
  readonly port: pulumi.Output<number>;
  readonly identifier: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly clusterIdentifier?: pulumi.Output<string>;
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
