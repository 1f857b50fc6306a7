import type { WorkloadState } from "../cloud";
import type { FencedService } from "../record";
import { eksOf } from "../targets";
import { DrillSetup, stackOf } from "../validate";
import { cloudOf, names, StepContext, waitFor } from "./context";
import { readAtFence } from "./rpo";

/**
 * The fence, the scale-up's wait and the failback's restore on an EKS pair.
 *
 * The fence scales each Deployment of the serving side to 0 through its scale subresource and
 * leaves its HorizontalPodAutoscaler as it is: "If the target's desired replica count is set to 0,
 * and the HPA's minimum replica count is greater than 0, the HPA stops adjusting the target (and
 * sets the ScalingActive Condition on itself to false) until you reactivate it by manually adjusting
 * the target's desired replica count or HPA's minimum replica count" (Kubernetes documentation,
 * "Horizontal Pod Autoscaling", "Implicit maintenance-mode deactivation"). Every HPA of the program
 * has minReplicas >= 1 (components/compute/eks/workloads.ts, the services' scaling.min), so a
 * Deployment at 0 stays at 0; the program's Deployments declare no replicas (the HPA owns the
 * count), so a `pulumi up` that updates one in place does not set it back either.
 *
 * Nodes are not fenced: the Cluster Autoscaler removes the nodes the pods leave empty on its own
 * (after its scale-down delay), and a node without pods serves no writes.
 */

export const isEks = (setup: DrillSetup, side: "from" | "to"): boolean => stackOf(setup, setup[side]).config.compute?.engine === "eks";

export function eksFencePlan(setup: DrillSetup): string[] {
  const { from, fromRegion } = names(setup);
  return [
    `Kubernetes (${from}'s EKS cluster, ${fromRegion}): each Deployment's replicas (scale subresource) and its HorizontalPodAutoscaler's minReplicas and maxReplicas, saved in the report before any change`,
    `PATCH each Deployment's scale subresource to replicas 0; its HPA is left as it is (at replicas 0 with minReplicas > 0 it stops adjusting the Deployment: "Implicit maintenance-mode deactivation")`,
    setup.promote.database === "none" ? "no replicated database: no lag to record" : `record the replication lag at this moment: the measured RPO`,
    `wait until no pod of ${from}'s Deployments is left; a Deployment that wants pods again means the fence did not hold: the drill stops`,
    "nodes: the Cluster Autoscaler removes the emptied nodes on its own; nothing to fence there",
  ];
}

/** The EKS fence, once the serving side answered; `unreachable` handles an error as the ECS fence does. */
export async function fenceWorkloads(ctx: StepContext, unreachable: (error: unknown) => Promise<"done">): Promise<"done"> {
  const { cloud, targets } = cloudOf(ctx);
  const { from } = ctx.setup;
  const fromName = names(ctx.setup).from;
  let before: WorkloadState[];
  try {
    before = await cloud.workloads(from);
    if (!ctx.record.fence) {
      const eks = eksOf(targets[from]);
      ctx.record.fence = {
        at: ctx.clock.now(),
        region: targets[from].region,
        cluster: eks.clusterName,
        engine: "eks",
        namespace: eks.namespace,
        services: before.map((w) => ({ name: w.name, previousDesired: w.replicas, ...(w.hpa ? { hpa: w.hpa } : {}) })),
      };
      // Saved before the first change, as the ECS fence: a resumed drill restores these, never the 0s it would read again.
      ctx.save();
    }
  } catch (error) {
    return unreachable(error);
  }
  const scaling = before.filter((w) => w.replicas !== 0);
  try {
    for (const workload of scaling) await cloud.scaleWorkload(from, workload.name, 0);
  } catch (error) {
    return unreachable(error);
  }
  await readAtFence(ctx);
  const lag = ctx.record.lagAtFenceSeconds === undefined ? "not published yet (read after the switch)" : ctx.record.lagAtFenceSeconds === null ? "n/a" : `${ctx.record.lagAtFenceSeconds} s`;
  ctx.detail(`scaled ${scaling.map((w) => `${w.name} ${w.replicas}->0`).join(", ") || "nothing (already 0)"}; HPAs left as they are (inactive at 0 replicas); lag at fence ${lag}`);
  let drained: string;
  try {
    drained = await waitFor(ctx, `${from}'s pods to stop`, ctx.timings.fenceMs, async () => {
      const now = await cloud.workloads(from);
      const back = now.filter((w) => w.replicas > 0);
      if (back.length > 0) {
        throw new Error(
          `the fence did not hold: ${back.map((w) => `${w.name} wants ${w.replicas} pods`).join(", ")} on ${fromName} again (a pulumi up of ${fromName} that replaced a Deployment or changed an HPA's minimum, ` +
            "or a person's kubectl scale); the drill stops before any data store moves",
        );
      }
      return { done: now.every((w) => w.pods === 0), detail: now.map((w) => `${w.name} pods ${w.pods}`).join(", ") };
    });
  } catch (error) {
    return unreachable(error);
  }
  ctx.detail(drained);
  return "done";
}

/** The scale-up's wait: every Deployment of the new side has its serving minimum (its HPA's minReplicas) ready. */
export async function waitForWorkloads(ctx: StepContext): Promise<string> {
  const { cloud } = cloudOf(ctx);
  const stack = stackOf(ctx.setup, ctx.setup.to).name;
  return waitFor(ctx, `${stack}'s pods to be ready`, ctx.timings.scaleMs, async () => {
    const now = await cloud.workloads(ctx.setup.to);
    const wanted = (w: WorkloadState) => Math.max(1, w.hpa?.minReplicas ?? w.replicas);
    return {
      done: now.every((w) => w.found && w.readyReplicas >= wanted(w)),
      detail: now.map((w) => `${w.name} ready ${w.readyReplicas}/${wanted(w)}${w.hpa ? ` (HPA ${w.hpa.minReplicas}-${w.hpa.maxReplicas})` : ""}`).join(", "),
    };
  });
}

/**
 * Failback, once the primary's `pulumi up` ran: each HPA's bounds, then each Deployment's replicas,
 * exactly as the drill's fence saved them. The `pulumi up` alone does not do it: the program
 * declares no replicas, so the Deployments stay at 0 and their HPAs inactive. Bounds first, so the
 * HPA the replicas reactivate works within the saved ones. Without the drill's report, each
 * Deployment is set to its HPA's minReplicas as the `pulumi up` declared it.
 */
export async function restoreWorkloads(ctx: StepContext): Promise<void> {
  const { cloud } = cloudOf(ctx);
  const side = ctx.setup.to;
  const stack = stackOf(ctx.setup, side).name;
  const saved = ctx.record.drillFence;
  if (!saved || saved.fence.engine !== "eks") {
    const set = await scaleToHpaMinimum(ctx, side);
    ctx.detail(`no saved drill fence of this EKS pair (no report of the drill this failback returns from): ${set || "no Deployment"} on ${stack}, HPA bounds as pulumi up set them`);
    return;
  }
  const services: readonly FencedService[] = saved.fence.services;
  for (const service of services) if (service.hpa) await cloud.setHpaBounds(side, service.hpa);
  for (const service of services) await cloud.scaleWorkload(side, service.name, service.previousDesired);
  ctx.detail(
    `restored ${stack}'s workloads as the drill of ${new Date(saved.startedAt).toISOString()} saved them: ` +
      services.map((s) => `${s.name} replicas ${s.previousDesired}${s.hpa ? `, HPA ${s.hpa.minReplicas}-${s.hpa.maxReplicas}` : ""}`).join("; "),
  );
}

/**
 * A standby going back to standby after a failback: its `pulumi up` set the posture's HPA bounds,
 * and its Deployments, at 0 since the failback's fence, are set to their HPA's minReplicas, which
 * reactivates the HPAs (the next failover's scale-up needs them active).
 */
export async function resumeWorkloads(ctx: StepContext): Promise<void> {
  const set = await scaleToHpaMinimum(ctx, ctx.setup.from);
  if (set) ctx.detail(`${set} on ${stackOf(ctx.setup, ctx.setup.from).name} (the standby posture's HPA minimum): its HPAs active again`);
}

async function scaleToHpaMinimum(ctx: StepContext, side: "primary" | "standby"): Promise<string> {
  const { cloud } = cloudOf(ctx);
  const set: string[] = [];
  for (const workload of await cloud.workloads(side)) {
    if (!workload.found || !workload.hpa || workload.replicas !== 0) continue;
    await cloud.scaleWorkload(side, workload.name, workload.hpa.minReplicas);
    set.push(`${workload.name} replicas 0->${workload.hpa.minReplicas}`);
  }
  return set.join(", ");
}
