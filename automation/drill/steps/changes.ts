import { withLockRetry } from "../../driver/retry";
import { formatDuration } from "../../shared/clock";
import type { ServiceState } from "../cloud";
import { fenceUnreachable, isUnreachable } from "../unreachable";
import { stackOf } from "../validate";
import { cloudOf, DrillStep, names, setConfig, StepContext, stateKey, waitFor } from "./context";

/** The changes, in order; each one safe to run again when a drill is resumed. */
export const changeSteps: readonly DrillStep[] = [
  {
    id: "fence",
    title: "fence writes on the serving side",
    kind: "change",
    plan: (setup) => {
      const { from, fromRegion } = names(setup);
      return [
        `ECS UpdateService desiredCount=0 (${fromRegion}) for every service of ${from}; the previous counts are recorded`,
        setup.promote.database === "none" ? "no replicated database: no lag to record" : `record the replication lag at this moment: the measured RPO`,
        `wait until no task of ${from} runs`,
        ...(setup.mode === "unplanned"
          ? [`${fromRegion} does not answer (timeout, no connection): record "${fenceUnreachable}", take the RPO from the last lag the pre-check measured, and go on`]
          : []),
      ];
    },
    run: async (ctx) => {
      const { cloud, targets } = cloudOf(ctx);
      const { from, to } = ctx.setup;
      // Unplanned: a serving region that does not answer at all is the outage being rehearsed;
      // writes there are impossible already, so the drill records it and goes on.
      const unreachable = (error: unknown): never | "done" => {
        if (ctx.setup.mode !== "unplanned" || !isUnreachable(error)) throw error;
        return fenceUnreachableRegion(ctx, error);
      };
      let before: ServiceState[];
      try {
        before = await cloud.services(from);
      } catch (error) {
        return unreachable(error);
      }
      if (!ctx.record.fence) {
        // Recorded before the first UpdateService, so a fence that fails half-way can be undone;
        // a resumed drill keeps the counts from before its first attempt.
        const { region, ecs } = targets[from];
        ctx.record.fence = { at: ctx.clock.now(), region, cluster: ecs.clusterName, services: before.map((s) => ({ name: s.name, previousDesired: s.desired })) };
      }
      const scaling = before.filter((s) => s.desired !== 0);
      try {
        for (const service of scaling) await cloud.scaleService(from, service.name, 0);
      } catch (error) {
        return unreachable(error);
      }
      if (ctx.record.lagAtFenceSeconds === undefined) {
        const lag = ctx.setup.promote.database === "none" ? null : await cloud.replicationLagSeconds(to);
        // A missing datapoint leaves the RPO unmeasured (the drill cannot pass) but never stops a fence half-way.
        if (lag === undefined) ctx.detail("no replication lag datapoint at the fence: the RPO is not measured");
        else ctx.record.lagAtFenceSeconds = lag;
      }
      ctx.detail(`scaled ${scaling.map((s) => `${s.name} ${s.desired}->0`).join(", ") || "nothing (already 0)"}; lag at fence ${ctx.record.lagAtFenceSeconds ?? "n/a"} s`);
      let drained: string;
      try {
        drained = await waitFor(ctx, `${from}'s tasks to stop`, ctx.timings.fenceMs, async () => {
          const now = await cloud.services(from);
          return { done: now.every((s) => s.running === 0), detail: now.map((s) => `${s.name} running ${s.running}`).join(", ") };
        });
      } catch (error) {
        return unreachable(error);
      }
      ctx.detail(drained);
      return "done";
    },
  },
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
          return setup.mode === "planned"
            ? [`wait until ReplicaLag is 0 (writes stopped at the fence)`, `RDS PromoteReadReplica (${toRegion}) of ${to}'s instance`, wait]
            : [`RDS PromoteReadReplica (${toRegion}) of ${to}'s instance right away (changes not yet replicated are lost)`, wait];
        case "none":
          return ["no replicated database: nothing to promote"];
      }
    },
    run: async (ctx) => {
      if (ctx.setup.promote.database === "none") return "skipped";
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
      const { to } = names(setup);
      return [`Pulumi: config set ${stateKey} serving on ${to}, then pulumi up ${to} (its services at full size)`, `wait until every service of ${to} runs its desired count`];
    },
    run: async (ctx) => {
      const { cloud } = cloudOf(ctx);
      const stack = stackOf(ctx.setup, ctx.setup.to).name;
      await setConfig(ctx, stack, "serving");
      const up = await withLockRetry(stack, () => ctx.driver.up(stack), ctx.clock, ctx.lockWait);
      ctx.detail(`pulumi up ${stack}: ${JSON.stringify(up.changes)}`);
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
    plan: () => ["HTTPS GET the public URL (through DNS) until a 2xx: that response ends the measured RTO"],
    run: async (ctx) => {
      const { cloud, targets } = cloudOf(ctx);
      ctx.detail(await waitFor(ctx, `${targets.publicUrl} to answer`, ctx.timings.verifyMs, async () => {
        const result = await cloud.probe(targets.publicUrl, ctx.timings.probeTimeoutMs);
        if (result.ok) ctx.record.firstHealthyAt = ctx.clock.now();
        return { done: result.ok, detail: `${targets.publicUrl}: ${result.ok ? `HTTP ${result.status}` : result.error}` };
      }));
      return "done";
    },
  },
  {
    id: "reconcile",
    title: "reconcile Pulumi state and config",
    kind: "change",
    plan: (setup) => {
      const { from, to } = names(setup);
      const back = stackOf(setup, setup.from).config.role === "standby" ? [`pulumi up ${from}: back to its standby size`] : [];
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
      }
      return "done";
    },
  },
];

/**
 * The fence of an unplanned drill when the serving region does not answer: the fence is recorded
 * as unreachable (its time starts the RTO), and the RPO is the last lag measured before it, by the
 * pre-check: once the region is gone, the follower's lag metric measures the outage, not the
 * writes that did not make it across.
 */
function fenceUnreachableRegion(ctx: StepContext, error: unknown): "done" {
  const { targets } = cloudOf(ctx);
  const { region, ecs } = targets[ctx.setup.from];
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (!ctx.record.fence) ctx.record.fence = { at: ctx.clock.now(), region, cluster: ecs.clusterName, services: [] };
  ctx.record.fence.unreachable = reason;
  ctx.detail(`${fenceUnreachable}: ${region} did not answer (${reason}); its writes are presumed stopped`);
  if (ctx.record.lagAtFenceSeconds === undefined) {
    if (ctx.setup.promote.database === "none") ctx.record.lagAtFenceSeconds = null;
    else if (ctx.record.lastKnownLag) {
      ctx.record.lagAtFenceSeconds = ctx.record.lastKnownLag.seconds;
      ctx.detail(`RPO from the last known lag: ${ctx.record.lastKnownLag.seconds} s, measured ${formatDuration(ctx.record.fence.at - ctx.record.lastKnownLag.at)} before the fence`);
    } else {
      ctx.detail("no lag was measured before the fence: the RPO is not measured");
    }
  }
  return "done";
}
