import {
  CreateDBInstanceReadReplicaCommand,
  CreateDBInstanceReadReplicaCommandInput,
  DBInstance,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RebootDBInstanceCommand,
} from "@aws-sdk/client-rds";
import type { Clock } from "../../shared/clock";
import type { ReseedCloud } from "../reseed/context";
import type { DrillTargets, SideName } from "../targets";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { replicationLagSeconds } from "./stores";

/**
 * The RDS instance operations the re-seed needs (automation/drill/reseed), each one call. Reads
 * and writes go to the region the instance is in.
 */
export class RdsInstances {
  constructor(private readonly rds: (region: string) => RDSClient) {}

  /** DescribeDBInstances of one identifier; undefined when RDS has none (DBInstanceNotFound). */
  async describe(region: string, identifier: string): Promise<DBInstance | undefined> {
    try {
      const out = await this.rds(region).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }));
      return out.DBInstances?.[0];
    } catch (error) {
      if ((error as Error).name === "DBInstanceNotFoundFault" || (error as Error).name === "DBInstanceNotFound") return undefined;
      throw error;
    }
  }

  /** ModifyDBInstance NewDBInstanceIdentifier, applied now (otherwise it waits for the maintenance window). */
  async rename(region: string, identifier: string, newIdentifier: string): Promise<void> {
    await this.rds(region).send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: identifier, NewDBInstanceIdentifier: newIdentifier, ApplyImmediately: true }));
  }

  async createReplica(region: string, input: CreateDBInstanceReadReplicaCommandInput): Promise<void> {
    await this.rds(region).send(new CreateDBInstanceReadReplicaCommand(input));
  }

  /** ModifyDBInstance of the parameter group and the maintenance window, applied now. */
  async setGroupAndWindow(region: string, identifier: string, change: { readonly parameterGroup?: string; readonly maintenanceWindow?: string }): Promise<void> {
    await this.rds(region).send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: identifier, DBParameterGroupName: change.parameterGroup, PreferredMaintenanceWindow: change.maintenanceWindow, ApplyImmediately: true }),
    );
  }

  async reboot(region: string, identifier: string): Promise<void> {
    await this.rds(region).send(new RebootDBInstanceCommand({ DBInstanceIdentifier: identifier }));
  }
}

/** The re-seed's cloud on AWS: RDS for the instances, CloudWatch for the follower's ReplicaLag. */
export function awsReseedCloud(clients: { readonly rds: (region: string) => RDSClient; readonly cloudwatch: (region: string) => CloudWatchClient }, targets: DrillTargets, clock: Clock): ReseedCloud {
  const instances = new RdsInstances(clients.rds);
  return {
    describe: (region, identifier) => instances.describe(region, identifier),
    rename: (region, identifier, newIdentifier) => instances.rename(region, identifier, newIdentifier),
    createReplica: (region, input) => instances.createReplica(region, input),
    setGroupAndWindow: (region, identifier, change) => instances.setGroupAndWindow(region, identifier, change),
    reboot: (region, identifier) => instances.reboot(region, identifier),
    lagSeconds: (side: SideName) => replicationLagSeconds(clients.cloudwatch, targets, side, clock.now()),
  };
}
