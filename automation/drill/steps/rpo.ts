import { formatDuration } from "../../shared/clock";
import type { FilesAtFence } from "../record";
import { replicatesBack } from "../../../model/dr/settings";
import type { DrillSetup } from "../validate";
import { cloudOf, InterruptedError, names, StepContext, waitFor } from "./context";

/**
 * The RPO at the fence, store by store: the database's lag and each replicated bucket's S3
 * replication latency from the 1-minute CloudWatch datapoint that contains the fence (see
 * aws/metrics.ts; a failback reads the reverse rules, replica -> primary's bucket), and a
 * statement of what the cache loses. CloudWatch publishes a minute's
 * datapoint a minute or more after it: what is not there at the fence is read again once the
 * standby serves (the verify step), so waiting for it never lengthens the outage.
 */
export async function readAtFence(ctx: StepContext): Promise<void> {
  const { cloud, targets } = cloudOf(ctx);
  const fence = ctx.record.fence;
  if (!fence) return;
  ctx.record.cacheLoss ??= cacheLoss(ctx.setup);
  if (!ctx.record.filesAtFence) {
    // A failback moves traffic back to the primary: the files flow from each replica into the
    // primary's bucket by the reverse rule (replicateBack), whose metrics are read in the standby's
    // region. The pre-check refuses a failback without one; a report from before it says so.
    const back = ctx.setup.from === "standby";
    const off = replicateBackOff(ctx.setup);
    // A bucket whose config turns replicateBack off does not flow back: not a store of the failback.
    ctx.record.filesAtFence = targets.files.filter((f) => !back || !off.has(f.key)).map((f) => {
      if (!back) return { key: f.key, sourceBucket: f.sourceBucket, replicaBucket: f.replicaBucket };
      const flow = { key: f.key, sourceBucket: f.replicaBucket, replicaBucket: f.sourceBucket };
      return f.reverseRuleId ? flow : { ...flow, note: `no reverse replication: objects written in ${f.replicaBucket} while ${names(ctx.setup).from} served are not in ${f.sourceBucket}` };
    });
  }
  if (fence.unreachable) {
    for (const f of ctx.record.filesAtFence) f.note ??= `${fence.region} does not answer: S3 publishes a bucket's replication metrics in the source bucket's region`;
  }
  if (ctx.setup.promote.database === "none") ctx.record.lagAtFenceSeconds = null;
  else if (ctx.record.lagAtFenceSeconds === undefined && !fence.unreachable) {
    const point = await cloud.lagSince(ctx.setup.to, fence.at);
    if (point) {
      ctx.record.lagAtFenceSeconds = point.value;
      ctx.record.lagAtFenceDatapoint = { at: point.at, periodSeconds: point.periodSeconds };
    }
  }
  const open = ctx.record.filesAtFence.filter((f) => f.latencySeconds === undefined && !f.note);
  if (open.length > 0) {
    for (const reading of await cloud.filesSince(ctx.setup.from, fence.at)) {
      const f = open.find((o) => o.key === reading.key);
      if (!f || !reading.latency) continue;
      f.latencySeconds = reading.latency.value;
      f.pendingOperations = reading.pending?.value;
      f.datapoint = { at: reading.latency.at, periodSeconds: reading.latency.periodSeconds };
    }
  }
}

/** Whether a reading at the fence is still to come from CloudWatch. */
function awaited(ctx: StepContext): string[] {
  const waiting: string[] = [];
  if (ctx.record.lagAtFenceSeconds === undefined && !ctx.record.fence?.unreachable && ctx.setup.promote.database !== "none") waiting.push("database lag");
  for (const f of ctx.record.filesAtFence ?? []) if (f.latencySeconds === undefined && !f.note) waiting.push(`files ${f.key}`);
  return waiting;
}

/** Reads what was not published at the fence, polling up to timings.metricsMs; never stops the drill. */
export async function completeAtFence(ctx: StepContext): Promise<void> {
  if (awaited(ctx).length === 0) return;
  try {
    ctx.detail(
      await waitFor(ctx, "CloudWatch's datapoints at the fence", ctx.timings.metricsMs, async () => {
        await readAtFence(ctx);
        const waiting = awaited(ctx);
        return { done: waiting.length === 0, detail: waiting.length === 0 ? "RPO readings at the fence complete" : `no datapoint at the fence yet: ${waiting.join(", ")}` };
      }),
    );
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    ctx.detail(`the RPO is not measured: ${(error as Error).message}`);
  }
}

/** What the cache loses in a failover, by strategy (not a number CloudWatch gives). */
export function cacheLoss(setup: DrillSetup): string {
  const { from, to } = names(setup);
  switch (setup.promote.cache) {
    case "warm-empty":
      return `not replicated: everything in ${from}'s cache (sessions, queued jobs, cached pages) is lost; ${to}'s own cache starts from what it held when it was last warmed and fills again from the database`;
    case "global-datastore":
      return `the global datastore's replication lag at the fence (not read by the drill): writes to ${from}'s cache within it are lost`;
    case "none":
      return "no cache";
  }
}

/** One line per store for the report. */
export function describeFiles(f: FilesAtFence): string {
  if (f.note) return `${f.key} (${f.sourceBucket} -> ${f.replicaBucket}): not measured: ${f.note}`;
  if (f.latencySeconds === undefined) return `${f.key} (${f.sourceBucket} -> ${f.replicaBucket}): not measured (no ReplicationLatency datapoint at the fence)`;
  const at = f.datapoint ? `, datapoint ${new Date(f.datapoint.at).toISOString()} (${formatDuration(f.datapoint.periodSeconds * 1000)} period)` : "";
  return `${f.key} (${f.sourceBucket} -> ${f.replicaBucket}): ${f.latencySeconds} s behind, ${f.pendingOperations ?? "unknown"} operations pending${at}`;
}

/**
 * The standby's replicated buckets whose config turns the reverse rule off
 * (`platform:dr.replica.buckets[].replicateBack: false`, with its reason), by key: their files
 * stay in the standby's replica after a failback, as the config says.
 */
export function replicateBackOff(setup: DrillSetup): Map<string, string> {
  const buckets = setup.standby.config.dr?.replica?.buckets ?? [];
  return new Map(buckets.filter((b) => b.via === "replication" && !replicatesBack(b)).map((b) => [b.name, b.replicateBackOffReason ?? ""]));
}
