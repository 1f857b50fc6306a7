import { withLockRetry } from "../../driver/retry";
import type { PromotionBackups } from "../cloud";
import type { DrillSetup } from "../validate";
import { stackOf } from "../validate";
import { cloudOf, DrillStep, names, setConfig, StepContext, stateKey, waitFor } from "./context";
import { fenceStep, restoreScaling, resumeScaling } from "./fence";
import { isEks, restoreWorkloads, resumeWorkloads, waitForWorkloads } from "./fence-eks";
import { completeAtFence } from "./rpo";

/** The changes, in order; each one safe to run again when a drill is resumed. */
export const changeSteps: readonly DrillStep[] = [
  fenceStep,
  {
    id: "promote-database",
    title: "promote the database",
    kind: "change",
    plan: (setup) => {
      const { to, toRegion } = names(setup);
      const wait = `wait until ${to}'s database is the writer and available`;
      switch (setup.promote.database) {
        case "aurora-global":
          return setup.mode === "planned"
            ? [`RDS SwitchoverGlobalCluster (${toRegion}) to ${to}'s cluster: no data loss`, wait]
            : [`RDS FailoverGlobalCluster (${toRegion}) to ${to}'s cluster with AllowDataLoss=true`, wait];
        case "rds-replica":
          if (setup.to === "primary") {
            const backups = primaryBackups(setup);
            return [
              "wait until ReplicaLag of its instance is 0 (writes stopped at the fence)",
              `RDS PromoteReadReplica (${toRegion}) of ${to}'s instance (the follower npm run reseed made of ${names(setup).from}'s), BackupRetentionPeriod ${backups.retentionDays}, PreferredBackupWindow ${backups.window} (platform:data.database)`,
              `wait until ${to}'s instance stands alone and is available`,
            ];
          }
          return setup.mode === "planned"
            ? [`wait until ReplicaLag is 0 (writes stopped at the fence)`, `RDS PromoteReadReplica (${toRegion}) of ${to}'s instance`, wait]
            : [`RDS PromoteReadReplica (${toRegion}) of ${to}'s instance right away (changes not yet replicated are lost)`, wait];
        case "none":
          return ["no replicated database: nothing to promote"];
      }
    },
    run: async (ctx) => {
      if (ctx.setup.promote.database === "none") return "skipped";
      if (ctx.setup.promote.database === "rds-replica" && ctx.setup.to === "primary") return promoteRdsBack(ctx);
      const { cloud } = cloudOf(ctx);
      const { to, mode } = ctx.setup;
      const now = await cloud.database();
      if (now.writer === to && now.available) {
        ctx.detail(`already promoted: ${now.detail}`);
        return "done";
      }
      if (ctx.setup.promote.database === "rds-replica" && mode === "planned") {
        ctx.detail(await waitFor(ctx, "the replica to catch up", ctx.timings.databaseMs, async () => {
          const lag = await cloud.replicationLagSeconds(to);
          return { done: lag === 0, detail: `ReplicaLag ${lag ?? "no datapoint"}` };
        }));
      }
      if (now.writer !== to) await cloud.promoteDatabase(to, mode);
      ctx.detail(await waitFor(ctx, `${to}'s database to take writes`, ctx.timings.databaseMs, async () => {
        const state = await cloud.database();
        return { done: state.writer === to && state.available, detail: state.detail };
      }));
      return "done";
    },
  },
  {
    id: "promote-cache",
    title: "promote the cache",
    kind: "change",
    plan: (setup) => {
      const { to, toRegion } = names(setup);
      switch (setup.promote.cache) {
        case "global-datastore":
          return setup.mode === "planned"
            ? [`ElastiCache FailoverGlobalReplicationGroup (${toRegion}): ${to}'s group becomes the primary`, "wait until it is primary and every member associated"]
            : [`ElastiCache DisassociateGlobalReplicationGroup (${toRegion}): ${to}'s group leaves the datastore and takes writes`, "wait until it is available"];
        case "warm-empty":
          return [`nothing to promote: ${to}'s own cache serves, starting empty and warming from the database`];
        case "none":
          return ["no cache"];
      }
    },
    run: async (ctx) => {
      if (ctx.setup.promote.cache !== "global-datastore") return "skipped";
      const { cloud } = cloudOf(ctx);
      const { to, mode } = ctx.setup;
      const now = await cloud.cache();
      if (now.writer !== to) await cloud.promoteCache(to, mode);
      ctx.detail(await waitFor(ctx, `${to}'s cache to take writes`, ctx.timings.cacheMs, async () => {
        const state = await cloud.cache();
        return { done: state.writer === to && state.available, detail: state.detail };
      }));
      return "done";
    },
  },
  {
    id: "scale",
    title: "scale the new side to full size",
    kind: "change",
    plan: (setup) => {
      const { to, toRegion } = names(setup);
      if (isEks(setup, "to")) {
        const restore =
          setup.kind === "failback"
            ? [`Kubernetes (${to}'s EKS cluster, ${toRegion}): each HPA's minReplicas and maxReplicas, then each Deployment's replicas (scale subresource), exactly as the drill's fence saved them (its report); without it, each Deployment at its HPA's minReplicas`]
            : [];
        return [`Pulumi: config set ${stateKey} serving on ${to}, then pulumi up ${to} (its HPAs at their serving bounds)`, ...restore, `wait until every Deployment of ${to} has its HPA's minReplicas ready`];
      }
      const restore =
        setup.kind === "failback"
          ? [`Application Auto Scaling RegisterScalableTarget (${names(setup).toRegion}): ${to}'s services' min, max and suspended state exactly as the drill's fence saved them (its report); without it, scaling resumed`]
          : [];
      return [`Pulumi: config set ${stateKey} serving on ${to}, then pulumi up ${to} (its services at full size)`, ...restore, `wait until every service of ${to} runs its desired count`];
    },
    run: async (ctx) => {
      const { cloud } = cloudOf(ctx);
      const stack = stackOf(ctx.setup, ctx.setup.to).name;
      await setConfig(ctx, stack, "serving");
      const up = await withLockRetry(stack, () => ctx.driver.up(stack), ctx.clock, ctx.lockWait);
      ctx.detail(`pulumi up ${stack}: ${JSON.stringify(up.changes)}`);
      if (ctx.targets?.[ctx.setup.to].eks) {
        if (ctx.setup.kind === "failback") await restoreWorkloads(ctx);
        ctx.detail(await waitForWorkloads(ctx));
        return "done";
      }
      if (ctx.setup.kind === "failback") await restoreScaling(ctx);
      ctx.detail(await waitFor(ctx, `${stack}'s services to run`, ctx.timings.scaleMs, async () => {
        const services = await cloud.services(ctx.setup.to);
        return { done: services.every((s) => s.desired > 0 && s.running >= s.desired), detail: services.map((s) => `${s.name} ${s.running}/${s.desired}`).join(", ") };
      }));
      return "done";
    },
  },
  {
    id: "dns",
    title: "switch DNS",
    kind: "change",
    plan: (setup) => {
      const { to } = names(setup);
      return [
        `Route 53 UpdateHealthCheck Inverted=${setup.to === "standby"} on the PRIMARY failover record's health check`,
        `wait until Route 53 TestDNSAnswer for the public record returns ${to}'s load balancer addresses`,
      ];
    },
    run: async (ctx) => {
      const { cloud, targets } = cloudOf(ctx);
      const to = ctx.setup.to;
      await cloud.setPrimaryHealthCheckInverted(to === "standby");
      ctx.detail(await waitFor(ctx, `DNS to answer ${to}`, ctx.timings.dnsMs, async () => {
        const [answer, addresses] = await Promise.all([cloud.dnsAnswer(), cloud.resolve(targets[to].loadBalancerDnsName)]);
        return { done: answer.some((a) => addresses.includes(a)), detail: `Route 53 answers ${answer.join(", ") || "nothing"}; ${to} is ${addresses.join(", ")}` };
      }));
      return "done";
    },
  },
  {
    id: "verify",
    title: "verify through the public name",
    kind: "change",
    plan: (setup) => [
      "HTTPS GET the public URL (through DNS) until a 2xx: that response ends the measured RTO",
      `CloudWatch GetMetricData: the RPO's 1-minute datapoints at the fence not yet published then (database lag${setup.kind === "drill" ? ", S3 ReplicationLatency and OperationsPendingReplication of each replicated bucket" : ""}), waited for at most a few minutes`,
    ],
    run: async (ctx) => {
      const { cloud, targets } = cloudOf(ctx);
      ctx.detail(await waitFor(ctx, `${targets.publicUrl} to answer`, ctx.timings.verifyMs, async () => {
        const result = await cloud.probe(targets.publicUrl, ctx.timings.probeTimeoutMs);
        if (result.ok) ctx.record.firstHealthyAt = ctx.clock.now();
        return { done: result.ok, detail: `${targets.publicUrl}: ${result.ok ? `HTTP ${result.status}` : result.error}` };
      }));
      await completeAtFence(ctx);
      return "done";
    },
  },
  {
    id: "reconcile",
    title: "reconcile Pulumi state and config",
    kind: "change",
    plan: (setup) => {
      const { from, to } = names(setup);
      const resume = isEks(setup, "from")
        ? `Kubernetes: ${from}'s Deployments from 0 to their HPA's minReplicas (the standby posture), which reactivates the HPAs`
        : `Application Auto Scaling RegisterScalableTarget: ${from}'s scaling resumed as the fence found it (bounds: the standby posture)`;
      const back = stackOf(setup, setup.from).config.role === "standby" ? [`pulumi up ${from}: back to its standby size`, resume] : [];
      return [`Pulumi: refresh ${from} and ${to} (the stores' roles changed outside Pulumi)`, `config set ${stateKey} standby on ${from}`, ...back];
    },
    run: async (ctx) => {
      const from = stackOf(ctx.setup, ctx.setup.from);
      const to = stackOf(ctx.setup, ctx.setup.to);
      for (const stack of [from.name, to.name]) {
        const refreshed = await withLockRetry(stack, () => ctx.driver.refresh(stack), ctx.clock, ctx.lockWait);
        ctx.detail(`pulumi refresh ${stack}: ${JSON.stringify(refreshed.changes)}`);
      }
      await setConfig(ctx, from.name, "standby");
      // Only the standby stack sizes its compute from the DR state (its dr tier does).
      if (from.config.role === "standby") {
        const up = await withLockRetry(from.name, () => ctx.driver.up(from.name), ctx.clock, ctx.lockWait);
        ctx.detail(`pulumi up ${from.name}: ${JSON.stringify(up.changes)}`);
        if (ctx.targets?.[ctx.setup.from].eks) await resumeWorkloads(ctx);
        else await resumeScaling(ctx);
      }
      return "done";
    },
  },
];

/**
 * The failback of an RDS pair: the primary's instance follows the standby's (npm run reseed made it
 * a read replica; the stores check refused otherwise). Writes stopped at the fence, so once its
 * ReplicaLag is 0 it holds everything, and PromoteReadReplica makes it the standalone writer, with
 * the backups the primary's program declares (a replica has none). The same identifier as before,
 * so the reconcile's refresh reads it into the same Pulumi resource.
 */
async function promoteRdsBack(ctx: StepContext): Promise<"done"> {
  const { cloud } = cloudOf(ctx);
  const { to } = names(ctx.setup);
  const now = await cloud.dbInstance("primary");
  if (now && !now.source && now.status === "available") {
    ctx.detail(`already promoted: ${now.identifier} standalone, available`);
    return "done";
  }
  if (now?.source) {
    ctx.detail(await waitFor(ctx, `${to}'s instance to catch up`, ctx.timings.databaseMs, async () => {
      const lag = await cloud.replicationLagSeconds("primary");
      return { done: lag === 0, detail: `ReplicaLag ${lag ?? "no datapoint"}` };
    }));
    await cloud.promoteDatabase("primary", "planned", primaryBackups(ctx.setup));
  }
  ctx.detail(await waitFor(ctx, `${to}'s instance to stand alone`, ctx.timings.databaseMs, async () => {
    const state = await cloud.dbInstance("primary");
    return { done: Boolean(state && !state.source && state.status === "available"), detail: state ? `${state.identifier} ${state.status}${state.source ? `, replica of ${state.source}` : ", standalone"}` : "no instance" };
  }));
  return "done";
}

/** The primary's backups as its stack config declares them (platform:data.database). */
function primaryBackups(setup: DrillSetup): PromotionBackups {
  const database = setup.primary.config.data?.database;
  if (!database) throw new Error(`${setup.primary.name} has no platform:data.database`);
  return { retentionDays: database.backupRetentionDays, window: database.backupWindow };
}
