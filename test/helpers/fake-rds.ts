import {
  CreateDBInstanceReadReplicaCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  PromoteReadReplicaCommand,
  RDSClient,
  RebootDBInstanceCommand,
} from "@aws-sdk/client-rds";
import type { AwsClientStub } from "aws-sdk-client-mock";
import type { SideName } from "../../automation/drill/targets";

/** One RDS for PostgreSQL instance as DescribeDBInstances shows it. */
export interface FakeDbInstance {
  identifier: string;
  status: string;
  /** ReadReplicaSourceDBInstanceIdentifier: the source's ARN across regions. */
  source?: string;
  kmsKeyId?: string;
  instanceClass: string;
  multiAz: boolean;
  subnetGroup: string;
  securityGroups: string[];
  parameterGroup: string;
  parameterApplyStatus: "in-sync" | "applying" | "pending-reboot";
  maintenanceWindow: string;
  backupRetention: number;
  backupWindow?: string;
  deletionProtection: boolean;
  maxAllocatedStorage?: number;
  tags: { Key: string; Value: string }[];
  /** DescribeDBInstances calls in its region before the change in flight (`then`) completes. */
  settle: number;
  then?: () => void;
}

const account = "123456789012";
export const instanceArn = (region: string, id: string) => `arn:aws:rds:${region}:${account}:db:${id}`;
const fault = (name: string, message: string) => Object.assign(new Error(message), { name });

/** A PostgreSQL instance of the platform in `region`, as prod's (or prod-dr's) program declares it. */
export function platformInstance(identifier: string, region: string, source?: string): FakeDbInstance {
  return {
    identifier,
    status: "available",
    source,
    kmsKeyId: `arn:aws:kms:${region}:${account}:key/${region === "ap-northeast-2" ? "1111" : "2222"}-data`,
    instanceClass: "db.r6g.large",
    multiAz: true,
    subnetGroup: identifier,
    securityGroups: [region === "ap-northeast-2" ? "sg-0prod0db" : "sg-0dr0db"],
    parameterGroup: `${identifier}-postgres16`,
    parameterApplyStatus: "in-sync",
    maintenanceWindow: "sun:18:00-sun:19:00",
    backupRetention: source ? 0 : 14,
    backupWindow: source ? undefined : "17:00-17:30",
    deletionProtection: true,
    maxAllocatedStorage: 200,
    tags: [{ Key: "backup", Value: "daily" }],
    settle: 0,
  };
}

/**
 * RDS instances in the pair's two regions, behind the mocked SDK clients: what the drill reads and
 * promotes and what the re-seed renames and creates. A change in flight completes after `settle`
 * describes in its region; AWS's refusals are thrown by the names the SDK gives them.
 */
export class FakeRds {
  readonly instances: Record<SideName, Map<string, FakeDbInstance>> = { primary: new Map(), standby: new Map() };
  /** How many describes a rename, a creation, a modification or a reboot takes. */
  settle = 1;

  constructor(private readonly regions: Record<SideName, string>) {}

  add(side: SideName, instance: FakeDbInstance): FakeDbInstance {
    this.instances[side].set(instance.identifier, instance);
    return instance;
  }

  get(side: SideName, id: string): FakeDbInstance | undefined {
    return this.instances[side].get(id);
  }

  private sideOf(region: string): SideName {
    return region === this.regions.primary ? "primary" : "standby";
  }

  private byArn(arn: string): FakeDbInstance | undefined {
    const [, , , region, , , id] = arn.split(":");
    return this.instances[this.sideOf(region)].get(id);
  }

  private tick(side: SideName): void {
    for (const instance of [...this.instances[side].values()]) {
      if (instance.settle === 0) continue;
      instance.settle -= 1;
      if (instance.settle === 0) {
        const then = instance.then;
        instance.then = undefined;
        then?.();
      }
    }
  }

  private change(instance: FakeDbInstance, status: string, then: () => void): void {
    instance.status = status;
    instance.settle = this.settle;
    instance.then = () => {
      instance.status = "available";
      then();
    };
  }

  private describe(side: SideName, instance: FakeDbInstance) {
    const region = this.regions[side];
    return {
      DBInstanceIdentifier: instance.identifier,
      DBInstanceArn: instanceArn(region, instance.identifier),
      DBInstanceStatus: instance.status,
      Engine: "postgres",
      ReadReplicaSourceDBInstanceIdentifier: instance.source,
      StorageEncrypted: true,
      KmsKeyId: instance.kmsKeyId,
      DBInstanceClass: instance.instanceClass,
      MultiAZ: instance.multiAz,
      DBSubnetGroup: { DBSubnetGroupName: instance.subnetGroup },
      VpcSecurityGroups: instance.securityGroups.map((id) => ({ VpcSecurityGroupId: id, Status: "active" })),
      DBParameterGroups: [{ DBParameterGroupName: instance.parameterGroup, ParameterApplyStatus: instance.parameterApplyStatus }],
      PreferredMaintenanceWindow: instance.maintenanceWindow,
      BackupRetentionPeriod: instance.backupRetention,
      PreferredBackupWindow: instance.backupWindow,
      DeletionProtection: instance.deletionProtection,
      MaxAllocatedStorage: instance.maxAllocatedStorage,
      StorageType: "gp3",
      PubliclyAccessible: false,
      AutoMinorVersionUpgrade: true,
      CopyTagsToSnapshot: true,
      CACertificateIdentifier: "rds-ca-rsa2048-g1",
      EnabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      PerformanceInsightsEnabled: true,
      PerformanceInsightsKMSKeyId: instance.kmsKeyId,
      PerformanceInsightsRetentionPeriod: 7,
      TagList: instance.tags,
    };
  }

  /** Wires the RDS commands of `side`'s client; `act` traces each call and injects failures. */
  stub(stub: AwsClientStub<RDSClient>, side: SideName, act: <T>(command: string, detail: string, body: () => T) => T): void {
    const here = this.instances[side];
    const region = this.regions[side];
    const existing = (id: string | undefined): FakeDbInstance => {
      const instance = here.get(id ?? "");
      // DescribeDBInstances, ModifyDBInstance, PromoteReadReplica, RebootDBInstance (RDS API Reference, Errors): DBInstanceNotFound.
      if (!instance) throw fault("DBInstanceNotFoundFault", `DBInstance ${id} not found.`);
      return instance;
    };
    const available = (instance: FakeDbInstance, why: string): void => {
      // InvalidDBInstanceState: "The DB instance isn't in a valid state" (RDS API Reference, Errors of each action).
      if (instance.status !== "available") throw fault("InvalidDBInstanceStateFault", `DB instance ${instance.identifier} is ${instance.status}: ${why}`);
    };

    stub.on(DescribeDBInstancesCommand).callsFake((input) => act("DescribeDBInstances", input.DBInstanceIdentifier, () => {
      const instance = existing(input.DBInstanceIdentifier);
      const shown = this.describe(side, instance);
      this.tick(side);
      return { DBInstances: [shown] };
    }));

    stub.on(ModifyDBInstanceCommand).callsFake((input) => {
      const detail = [input.DBInstanceIdentifier, input.NewDBInstanceIdentifier ? `-> ${input.NewDBInstanceIdentifier}` : "", input.DBParameterGroupName ? `params=${input.DBParameterGroupName}` : "", input.PreferredMaintenanceWindow ? `window=${input.PreferredMaintenanceWindow}` : ""];
      return act("ModifyDBInstance", detail.filter(Boolean).join(" "), () => {
        const instance = existing(input.DBInstanceIdentifier);
        available(instance, "it cannot be modified now");
        const renameTo = input.NewDBInstanceIdentifier?.toLowerCase();
        if (renameTo) {
          // "You cannot use an existing DB instance name when renaming an instance" (RDS User Guide, "Renaming a DB instance"); ModifyDBInstance errors: DBInstanceAlreadyExists.
          if (here.has(renameTo)) throw fault("DBInstanceAlreadyExistsFault", `DB instance already exists: ${renameTo}`);
          // The instance keeps its old name until the rename completes; only then is that name free.
          this.change(instance, "renaming", () => {
            here.delete(instance.identifier);
            instance.identifier = renameTo;
            here.set(renameTo, instance);
          });
          return { DBInstance: { DBInstanceIdentifier: instance.identifier, DBInstanceStatus: "renaming" } };
        }
        const group = input.DBParameterGroupName;
        if (group) instance.parameterApplyStatus = "applying";
        this.change(instance, "modifying", () => {
          if (group) {
            instance.parameterGroup = group;
            // The platform's groups hold static parameters (shared_preload_libraries): applied at the next reboot.
            instance.parameterApplyStatus = "pending-reboot";
          }
          if (input.PreferredMaintenanceWindow) instance.maintenanceWindow = input.PreferredMaintenanceWindow;
        });
        return { DBInstance: { DBInstanceIdentifier: instance.identifier, DBInstanceStatus: "modifying" } };
      });
    });

    stub.on(RebootDBInstanceCommand).callsFake((input) => act("RebootDBInstance", input.DBInstanceIdentifier, () => {
      const instance = existing(input.DBInstanceIdentifier);
      available(instance, "it cannot be rebooted now");
      this.change(instance, "rebooting", () => (instance.parameterApplyStatus = "in-sync"));
      return { DBInstance: { DBInstanceIdentifier: instance.identifier, DBInstanceStatus: "rebooting" } };
    }));

    stub.on(CreateDBInstanceReadReplicaCommand).callsFake((input) => act("CreateDBInstanceReadReplica", `${input.DBInstanceIdentifier} source=${input.SourceDBInstanceIdentifier}`, () => {
      const id = input.DBInstanceIdentifier.toLowerCase();
      // CreateDBInstanceReadReplica errors (RDS API Reference): DBInstanceAlreadyExists, "the user already has a DB instance with the given identifier".
      if (here.has(id)) throw fault("DBInstanceAlreadyExistsFault", `DB instance already exists: ${id}`);
      const source = this.byArn(input.SourceDBInstanceIdentifier ?? "");
      if (!source) throw fault("DBInstanceNotFoundFault", `DBInstance ${input.SourceDBInstanceIdentifier} not found.`);
      // InvalidDBInstanceState: the source must be available to be copied.
      available(source, "the source of a read replica must be available");
      const crossRegion = !(input.SourceDBInstanceIdentifier ?? "").includes(`:${region}:`);
      // "If you create an encrypted read replica in a different AWS Region, then you must specify a KMS key identifier for the destination AWS Region" (CreateDBInstanceReadReplica, KmsKeyId).
      if (crossRegion && !input.KmsKeyId) throw fault("InvalidParameterCombination", "KmsKeyId is required to create an encrypted cross-region read replica");
      // "Specifying a parameter group for this operation is only supported for MySQL DB instances for cross-Region read replicas, ... Db2 ... and Oracle" (CreateDBInstanceReadReplica, DBParameterGroupName).
      if (crossRegion && input.DBParameterGroupName) throw fault("InvalidParameterCombination", "A parameter group can't be specified for a cross-Region PostgreSQL read replica");
      const replica: FakeDbInstance = {
        identifier: id,
        status: "creating",
        source: input.SourceDBInstanceIdentifier,
        kmsKeyId: input.KmsKeyId,
        instanceClass: input.DBInstanceClass ?? source.instanceClass,
        multiAz: input.MultiAZ ?? false,
        subnetGroup: input.DBSubnetGroupName ?? "default",
        securityGroups: input.VpcSecurityGroupIds ?? ["sg-default"],
        // "the default DBParameterGroup for the specified DB engine for a cross-Region read replica"
        parameterGroup: crossRegion ? "default.postgres16" : source.parameterGroup,
        parameterApplyStatus: "in-sync",
        maintenanceWindow: "wed:03:00-wed:03:30",
        // "RDS creates read replicas with backups disabled" (CreateDBInstanceReadReplica).
        backupRetention: 0,
        deletionProtection: input.DeletionProtection ?? false,
        maxAllocatedStorage: input.MaxAllocatedStorage,
        tags: ((input.Tags ?? []) as { Key?: string; Value?: string }[]).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
        settle: this.settle,
      };
      replica.then = () => (replica.status = "available");
      here.set(id, replica);
      return { DBInstance: { DBInstanceIdentifier: id, DBInstanceStatus: "creating" } };
    }));

    stub.on(PromoteReadReplicaCommand).callsFake((input) => act("PromoteReadReplica", input.DBInstanceIdentifier, () => {
      const instance = existing(input.DBInstanceIdentifier);
      // PromoteReadReplica errors: InvalidDBInstanceState, e.g. an instance that is not a read replica.
      if (!instance.source) throw fault("InvalidDBInstanceStateFault", `DB instance ${instance.identifier} is not a read replica.`);
      instance.source = undefined;
      if (input.BackupRetentionPeriod !== undefined) instance.backupRetention = input.BackupRetentionPeriod;
      if (input.PreferredBackupWindow) instance.backupWindow = input.PreferredBackupWindow;
      this.change(instance, "modifying", () => undefined);
      return { DBInstance: { DBInstanceIdentifier: instance.identifier, DBInstanceStatus: "modifying" } };
    }));
  }
}
