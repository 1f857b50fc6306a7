import { drillOutputName, parseDrillTargets } from "../targets";
import { replicaRequest } from "./replica-request";
import { describeInstance, identifierStamp, instanceOf, ReseedStep, waitUntil } from "./context";
import type { ReseedSetup } from "./validate";

const regionOf = (setup: ReseedSetup, side: "from" | "to") => setup[side].config.region;

/**
 * The re-seed, in order. Every change reads RDS before it acts, so a step run again after a crash
 * (between a call and the save of the report) finds what the call did and goes on from there.
 * Nothing is deleted: the replaced instance is renamed and kept.
 */
export const reseedSteps: readonly ReseedStep[] = [
  {
    id: "targets",
    title: "read the instances of the pair",
    kind: "check",
    plan: (setup) => [`Pulumi: read ${setup.standby.name}'s '${drillOutputName}' output: the rds-replica database's instance on each side`],
    run: async (ctx) => {
      const { setup } = ctx;
      const targets = parseDrillTargets(await ctx.driver.outputs(setup.standby.name), setup.standby.name);
      if (targets.database.strategy !== "rds-replica") throw new Error(`the output's database is ${targets.database.strategy}, not rds-replica: roll ${setup.standby.name} out first`);
      if (targets.primary.stack !== setup.primary.name || targets.standby.stack !== setup.standby.name) throw new Error(`the output pairs ${targets.primary.stack} / ${targets.standby.stack}, not ${setup.primary.name} / ${setup.standby.name}`);
      const identifier = targets.database[setup.toSide].instanceIdentifier;
      const keptAs = ctx.record.instance?.keptAs ?? `${identifier}-before-reseed-${identifierStamp(ctx.record.startedAt)}`;
      // RDS identifiers: 1 to 63 letters, digits or hyphens (ModifyDBInstance, NewDBInstanceIdentifier).
      if (keptAs.length > 63) throw new Error(`the kept copy's name ${keptAs} is longer than RDS's 63 characters: rename ${identifier} by hand and run again`);
      ctx.targets = targets;
      ctx.cloud = ctx.makeCloud(targets);
      ctx.record.instance = { identifier, region: targets[setup.toSide].region, keptAs, sourceArn: ctx.record.instance?.sourceArn };
      ctx.detail(`${setup.to.name}: ${identifier} (${targets[setup.toSide].region}); ${setup.from.name}: ${targets.database[setup.fromSide].instanceIdentifier} (${targets[setup.fromSide].region})`);
      return "done";
    },
  },
  {
    id: "from-writer",
    title: "the serving instance is a standalone writer",
    kind: "check",
    plan: (setup) => [`RDS DescribeDBInstances (${regionOf(setup, "from")}): ${setup.from.name}'s instance is available, not a read replica (no ReadReplicaSourceDBInstanceIdentifier), with automated backups on`],
    run: async (ctx) => {
      const { cloud, fromId, fromRegion } = instanceOf(ctx);
      const source = await cloud.describe(fromRegion, fromId);
      ctx.detail(describeInstance(source, fromId));
      if (!source) throw new Error(`${ctx.setup.from.name}'s instance ${fromId} does not exist in ${fromRegion}`);
      if (source.ReadReplicaSourceDBInstanceIdentifier) {
        throw new Error(`${fromId} is a read replica of ${source.ReadReplicaSourceDBInstanceIdentifier}, not a writer: ${ctx.setup.from.name} does not take writes (a drill or failback that stopped half-way? see its report)`);
      }
      if (source.DBInstanceStatus !== "available") throw new Error(`${fromId} is ${source.DBInstanceStatus}, not available: run again once it is`);
      // "Your source DB instance or cluster must have backup retention enabled" (CreateDBInstanceReadReplica).
      if (!source.BackupRetentionPeriod) throw new Error(`${fromId} has automated backups off (BackupRetentionPeriod 0): RDS copies only a source with backup retention enabled; roll ${ctx.setup.from.name} out (its serving config turns them on)`);
      ctx.record.instance = { ...(ctx.record.instance as NonNullable<typeof ctx.record.instance>), sourceArn: source.DBInstanceArn };
      return "done";
    },
  },
  {
    id: "to-instance",
    title: "the instance to replace is there, and does not follow yet",
    kind: "check",
    plan: (setup) => [
      `RDS DescribeDBInstances (${regionOf(setup, "to")}): ${setup.to.name}'s instance exists; if it is a read replica of ${setup.from.name}'s already, the re-seed only waits for its lag`,
    ],
    run: async (ctx) => {
      const { cloud, id, region, keptAs, sourceArn } = instanceOf(ctx);
      const current = await cloud.describe(region, id);
      ctx.detail(describeInstance(current, id));
      if (current?.ReadReplicaSourceDBInstanceIdentifier === sourceArn) {
        // The record is saved after this check, before any change: an interrupted re-seed is
        // continued with --resume (a new one beside it is refused), which does not run it again.
        ctx.record.outcome = "already";
        ctx.detail(`${id} is a read replica of ${ctx.setup.from.name}'s instance already: nothing to replace`);
        return "done";
      }
      if (!current) {
        // After a crash mid-rename the instance is under its kept name: the re-seed goes on.
        const kept = await cloud.describe(region, keptAs);
        if (kept) {
          ctx.detail(`renamed already: ${describeInstance(kept, keptAs)}`);
          return "done";
        }
        throw new Error(`${ctx.setup.to.name}'s instance ${id} does not exist in ${region}: nothing to re-seed (is ${ctx.setup.to.name} deployed?); create the replica by rolling ${ctx.setup.to.name} out`);
      }
      if (current.ReadReplicaSourceDBInstanceIdentifier) {
        throw new Error(`${id} is a read replica of ${current.ReadReplicaSourceDBInstanceIdentifier}, not of ${ctx.setup.from.name}'s instance (${sourceArn}): look at the pair before re-seeding`);
      }
      return "done";
    },
  },
  {
    id: "keep-old",
    title: "keep the old copy under a new name",
    kind: "change",
    plan: (setup) => [
      `RDS ModifyDBInstance (${regionOf(setup, "to")}) of ${setup.to.name}'s instance: NewDBInstanceIdentifier <its name>-before-reseed-<UTC stamp>, ApplyImmediately (nothing is deleted)`,
      "wait until the renamed instance is available and the old name is free",
    ],
    run: async (ctx) => {
      if (ctx.record.outcome === "already") return "skipped";
      const { cloud, id, region, keptAs, sourceArn } = instanceOf(ctx);
      const [current, kept] = await Promise.all([cloud.describe(region, id), cloud.describe(region, keptAs)]);
      if (current?.ReadReplicaSourceDBInstanceIdentifier === sourceArn) {
        ctx.detail(`renamed and replaced already: ${describeInstance(current, id)}`);
        return "done";
      }
      if (!kept) {
        if (current?.DBInstanceStatus !== "renaming") await cloud.rename(region, id, keptAs);
        ctx.detail(`ModifyDBInstance ${id} -> ${keptAs}`);
      }
      ctx.detail(await waitUntil(ctx, `${id} to be renamed ${keptAs}`, ctx.timings.renameMs, async () => {
        const [renamed, old] = await Promise.all([cloud.describe(region, keptAs), cloud.describe(region, id)]);
        // RDS refuses a second instance under a name still taken: the old name must be free first.
        const free = !old || old.ReadReplicaSourceDBInstanceIdentifier === sourceArn;
        return { done: renamed?.DBInstanceStatus === "available" && free, detail: `${describeInstance(renamed, keptAs)}; ${describeInstance(old, id)}` };
      }));
      return "done";
    },
  },
  {
    id: "create-replica",
    title: "create the follower under the old name",
    kind: "change",
    plan: (setup) => [
      `RDS CreateDBInstanceReadReplica (${regionOf(setup, "to")}): ${setup.to.name}'s instance name, SourceDBInstanceIdentifier = ${setup.from.name}'s instance ARN (the SDK presigns the cross-region request), ` +
        "with the kept copy's subnet group, security groups, KMS key, Multi-AZ, instance class, storage, logs, insights and tags (its DescribeDBInstances); deletion protection on",
      "wait until it is available",
    ],
    run: async (ctx) => {
      if (ctx.record.outcome === "already") return "skipped";
      const { cloud, id, region, keptAs, sourceArn, fromRegion } = instanceOf(ctx);
      const current = await cloud.describe(region, id);
      if (current && current.ReadReplicaSourceDBInstanceIdentifier !== sourceArn) {
        throw new Error(`${id} exists and is not a replica of ${sourceArn} (${describeInstance(current, id)}): someone took the name; look before going on`);
      }
      if (!current) {
        const kept = await cloud.describe(region, keptAs);
        if (!kept) throw new Error(`the kept copy ${keptAs} is gone: the follower's settings are read from it; look before going on`);
        await cloud.createReplica(region, replicaRequest(kept, id, sourceArn, fromRegion !== region));
        ctx.detail(`CreateDBInstanceReadReplica ${id} from ${sourceArn}, settings of ${keptAs}`);
      } else ctx.detail(`created already: ${describeInstance(current, id)}`);
      ctx.detail(await waitUntil(ctx, `${id} to be created`, ctx.timings.createMs, async () => {
        const replica = await cloud.describe(region, id);
        return { done: replica?.DBInstanceStatus === "available", detail: describeInstance(replica, id) };
      }));
      return "done";
    },
  },
  {
    id: "settings",
    title: "give the follower the kept copy's parameter group and maintenance window",
    kind: "change",
    plan: (setup) => [
      `RDS ModifyDBInstance (${regionOf(setup, "to")}), ApplyImmediately: the kept copy's DB parameter group and maintenance window (a cross-region PostgreSQL replica is created with the engine's default group)`,
      "RDS RebootDBInstance when the group's static parameters wait for a reboot (ParameterApplyStatus pending-reboot); wait until available and in sync",
    ],
    run: async (ctx) => {
      if (ctx.record.outcome === "already") return "skipped";
      const { cloud, id, region, keptAs } = instanceOf(ctx);
      const [replica, kept] = await Promise.all([cloud.describe(region, id), cloud.describe(region, keptAs)]);
      if (!replica || !kept) throw new Error(`${replica ? keptAs : id} is gone: look before going on`);
      const group = kept.DBParameterGroups?.[0]?.DBParameterGroupName;
      const window = kept.PreferredMaintenanceWindow;
      const change = {
        parameterGroup: group !== replica.DBParameterGroups?.[0]?.DBParameterGroupName ? group : undefined,
        maintenanceWindow: window !== replica.PreferredMaintenanceWindow ? window : undefined,
      };
      if (change.parameterGroup || change.maintenanceWindow) {
        await cloud.setGroupAndWindow(region, id, change);
        ctx.detail(`ModifyDBInstance ${id}:${change.parameterGroup ? ` parameter group ${change.parameterGroup}` : ""}${change.maintenanceWindow ? ` maintenance window ${change.maintenanceWindow}` : ""}`);
      }
      let rebooted = false;
      ctx.detail(await waitUntil(ctx, `${id}'s parameter group to apply`, ctx.timings.settingsMs, async () => {
        const now = await cloud.describe(region, id);
        const status = now?.DBParameterGroups?.[0];
        const detail = `${describeInstance(now, id)}, parameter group ${status?.DBParameterGroupName} ${status?.ParameterApplyStatus}`;
        if (now?.DBInstanceStatus !== "available" || status?.DBParameterGroupName !== group) return { done: false, detail };
        if (status?.ParameterApplyStatus === "pending-reboot" && !rebooted) {
          // A replica takes no writes: rebooting it costs nothing but its replay for a minute.
          await cloud.reboot(region, id);
          rebooted = true;
          return { done: false, detail: `${detail}: RebootDBInstance` };
        }
        return { done: status?.ParameterApplyStatus === "in-sync", detail };
      }));
      return "done";
    },
  },
  {
    id: "catch-up",
    title: "the follower catches up",
    kind: "change",
    plan: (setup) => [`CloudWatch GetMetricData (${regionOf(setup, "to")}) AWS/RDS ReplicaLag of ${setup.to.name}'s instance: wait until it is available and its lag under the RPO (${setup.rpoMinutes} min)`],
    run: async (ctx) => {
      const { cloud, id, region } = instanceOf(ctx);
      const rpo = ctx.setup.rpoMinutes * 60;
      ctx.detail(await waitUntil(ctx, `${id}'s ReplicaLag under ${rpo} s`, ctx.timings.catchUpMs, async () => {
        const [replica, lag] = await Promise.all([cloud.describe(region, id), cloud.lagSeconds(ctx.setup.toSide)]);
        return { done: replica?.DBInstanceStatus === "available" && lag !== undefined && lag <= rpo, detail: `${describeInstance(replica, id)}; ReplicaLag ${lag ?? "no datapoint"} (RPO ${rpo} s)` };
      }));
      return "done";
    },
  },
];
