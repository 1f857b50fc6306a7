import { formatDuration } from "../../shared/clock";
import { fencedScaling, ServiceScaling, ServiceState, SuspendedState } from "../cloud";
import { fenceUnreachable, isUnreachable } from "../unreachable";
import { ecsOf } from "../targets";
import { stackOf } from "../validate";
import { cloudOf, DrillStep, names, StepContext, waitFor } from "./context";
import { eksFencePlan, fenceWorkloads, isEks } from "./fence-eks";
import { readAtFence } from "./rpo";

/**
 * The fence: the serving side's services held at 0 tasks until the failback. A desired count of 0
 * alone does not hold: Application Auto Scaling moves the count back inside the scalable target's
 * bounds whenever a scaling policy is invoked or RegisterScalableTarget is called (User Guide,
 * "Application Auto Scaling concepts"), and a scheduled action scales out to its minimum at its
 * time (PutScheduledAction, ScalableTargetAction): prod's minimum is 2, and its weekday 09:00 action
 * raises it to 4. So the fence first saves each scalable target (bounds and SuspendedState), then
 * registers bounds of 0 with scale-in, scale-out and scheduled scaling suspended (RegisterScalableTarget,
 * SuspendedState; "Suspend and resume scaling" in the Application Auto Scaling User Guide), and only
 * then sets the desired count to 0.
 */
export const fenceStep: DrillStep = {
  id: "fence",
  title: "fence writes on the serving side",
  kind: "change",
  plan: (setup) => {
    const { from, fromRegion } = names(setup);
    const unplanned =
      setup.mode === "unplanned"
        ? [`${fromRegion} does not answer (timeout, no connection): record "${fenceUnreachable}", take the RPO from the last lag the pre-check measured, and go on`]
        : [];
    if (isEks(setup, "from")) return [...eksFencePlan(setup), ...unplanned];
    return [
      `Application Auto Scaling DescribeScalableTargets (${fromRegion}): each service's min, max and suspended state, saved in the report before any change`,
      `Application Auto Scaling RegisterScalableTarget min 0, max 0, scale-in, scale-out and scheduled scaling suspended, for every service of ${from}`,
      `ECS UpdateService desiredCount=0 (${fromRegion}) for every service of ${from}; the previous counts are recorded`,
      setup.promote.database === "none" ? "no replicated database: no lag to record" : `record the replication lag at this moment: the measured RPO`,
      `wait until no task of ${from} runs; a service that wants tasks again means the fence did not hold: the drill stops`,
      ...unplanned,
    ];
  },
  run: async (ctx) => {
    const { cloud, targets } = cloudOf(ctx);
    const { from } = ctx.setup;
    const fromName = names(ctx.setup).from;
    // Unplanned: a serving region that does not answer at all is the outage being rehearsed;
    // writes there are impossible already, so the drill records it and goes on.
    const unreachable = async (error: unknown): Promise<"done"> => {
      if (ctx.setup.mode !== "unplanned" || !isUnreachable(error)) throw error;
      fenceUnreachableRegion(ctx, error);
      await readAtFence(ctx);
      return "done";
    };
    if (targets[from].eks) return fenceWorkloads(ctx, unreachable);
    let before: ServiceState[];
    try {
      before = await cloud.services(from);
      if (!ctx.record.fence) {
        const scaling = await cloud.scalableTargets(from);
        const { region } = targets[from];
        const ecs = ecsOf(targets[from]);
        ctx.record.fence = {
          at: ctx.clock.now(),
          region,
          cluster: ecs.clusterName,
          services: before.map((s) => ({ name: s.name, previousDesired: s.desired, ...(scaling.has(s.name) ? { scaling: scaling.get(s.name) } : {}) })),
        };
        // Saved before the first change: a drill whose process dies half-way resumes with the values
        // from before its first attempt, never with the fenced ones it would read again.
        ctx.save();
      }
    } catch (error) {
      return unreachable(error);
    }
    const fence = ctx.record.fence;
    const held = fence.services.filter((s) => s.scaling);
    const scaling = before.filter((s) => s.desired !== 0);
    try {
      // Bounds and suspension before the count: the other order lets the minimum start tasks again.
      for (const service of held) await cloud.setScaling(from, service.name, fencedScaling);
      for (const service of scaling) await cloud.scaleService(from, service.name, 0);
    } catch (error) {
      return unreachable(error);
    }
    // The RPO's readings at the fence; those CloudWatch has not published yet are read once the
    // standby serves (the verify step). A reading never stops a fence half-way.
    await readAtFence(ctx);
    if (held.length > 0) ctx.detail(`held ${held.map((s) => s.name).join(", ")} at min 0, max 0 with scale-in, scale-out and scheduled scaling suspended`);
    const lag = ctx.record.lagAtFenceSeconds === undefined ? "not published yet (read after the switch)" : ctx.record.lagAtFenceSeconds === null ? "n/a" : `${ctx.record.lagAtFenceSeconds} s`;
    ctx.detail(`scaled ${scaling.map((s) => `${s.name} ${s.desired}->0`).join(", ") || "nothing (already 0)"}; lag at fence ${lag}`);
    let drained: string;
    try {
      drained = await waitFor(ctx, `${from}'s tasks to stop`, ctx.timings.fenceMs, async () => {
        const now = await cloud.services(from);
        const back = now.filter((s) => s.desired > 0);
        if (back.length > 0) {
          throw new Error(
            `the fence did not hold: ${back.map((s) => `${s.name} wants ${s.desired} tasks`).join(", ")} on ${fromName} again (a pulumi up of ${fromName}, a scheduler or a person ` +
              "registered bounds or set the count); the drill stops before any data store moves",
          );
        }
        return { done: now.every((s) => s.running === 0), detail: now.map((s) => `${s.name} running ${s.running}`).join(", ") };
      });
    } catch (error) {
      return unreachable(error);
    }
    ctx.detail(drained);
    return "done";
  },
};

/**
 * The fence of an unplanned drill when the serving region does not answer: the fence is recorded
 * as unreachable (its time starts the RTO), and the RPO is the last lag measured before it, by the
 * pre-check: once the region is gone, the follower's lag metric measures the outage, not the
 * writes that did not make it across.
 */
function fenceUnreachableRegion(ctx: StepContext, error: unknown): "done" {
  const { targets } = cloudOf(ctx);
  const side = targets[ctx.setup.from];
  const { region } = side;
  const cluster = side.eks ? side.eks.clusterName : ecsOf(side).clusterName;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (!ctx.record.fence) ctx.record.fence = { at: ctx.clock.now(), region, cluster, ...(side.eks ? { engine: "eks" as const, namespace: side.eks.namespace } : {}), services: [] };
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

const resumed: SuspendedState = { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false };

/** `min 2, max 5, suspended: none` as the report and the console show a scalable target. */
export function describeScaling(scaling: ServiceScaling): string {
  const s = scaling.suspendedState;
  const paused = [s.dynamicScalingInSuspended && "scale-in", s.dynamicScalingOutSuspended && "scale-out", s.scheduledScalingSuspended && "scheduled"].filter(Boolean);
  return `min ${scaling.minCapacity}, max ${scaling.maxCapacity}, suspended: ${paused.join(", ") || "none"}`;
}

/**
 * Failback, once the primary's `pulumi up` ran: its services' scalable targets exactly as the
 * drill's fence saved them. The `pulumi up` alone does not do it: the program's scalable targets
 * declare no suspendedState (components/compute/ecs/scaling.ts), so nothing in the stack resumes
 * the scaling the fence suspended, and bounds changed by hand before the drill are not the program's.
 * Without the drill's report, scaling is resumed and the bounds are left as the `pulumi up` set them.
 */
export async function restoreScaling(ctx: StepContext): Promise<void> {
  const { cloud } = cloudOf(ctx);
  const side = ctx.setup.to;
  const stack = stackOf(ctx.setup, side).name;
  const saved = ctx.record.drillFence;
  if (!saved) {
    const current = await cloud.scalableTargets(side);
    for (const service of current.keys()) await cloud.setScaling(side, service, { suspendedState: resumed });
    ctx.detail(
      `no saved drill fence (no report of the drill this failback returns from): scaling resumed on ${[...current.keys()].join(", ") || "no service"} of ${stack}; bounds as pulumi up set them`,
    );
    return;
  }
  const services = saved.fence.services.filter((s) => s.scaling);
  for (const service of services) await cloud.setScaling(side, service.name, service.scaling as ServiceScaling);
  ctx.detail(
    `restored ${stack}'s scalable targets as the drill of ${new Date(saved.startedAt).toISOString()} saved them: ${services.map((s) => `${s.name} ${describeScaling(s.scaling as ServiceScaling)}`).join("; ") || "none had one"}`,
  );
}

/**
 * A standby going back to standby after a failback: its `pulumi up` set the posture's bounds; the
 * suspension the failback's fence put on its scaling is lifted again to what the fence saved, so the
 * next failover's scale-out is not held by it.
 */
export async function resumeScaling(ctx: StepContext): Promise<void> {
  const { cloud } = cloudOf(ctx);
  const side = ctx.setup.from;
  const services = (ctx.record.fence?.services ?? []).filter((s) => s.scaling);
  for (const service of services) await cloud.setScaling(side, service.name, { suspendedState: (service.scaling as ServiceScaling).suspendedState });
  if (services.length > 0) ctx.detail(`scaling of ${services.map((s) => s.name).join(", ")} on ${stackOf(ctx.setup, side).name} as it was before the fence (bounds: the standby posture)`);
}
