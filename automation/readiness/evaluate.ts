import type { ReadinessCloud } from "./cloud";
import type { ReadinessSpec } from "./spec";

/** One finding: `ok`, or `missed` (a failover now would miss a target, or cannot be judged). */
export interface ReadinessCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReadinessReport {
  readonly standby: string;
  readonly primary: string;
  readonly region: string;
  readonly ready: boolean;
  readonly checks: readonly ReadinessCheck[];
}

/**
 * Whether a failover to the standby now would meet its targets, check by check: every store's
 * lag against its RPO, the services present and the Fargate quota the scale-up needs, the images
 * and secrets in the standby region, the failover records and their health check. Anything that
 * cannot be measured counts as missed: readiness is what is known, not what is hoped.
 */
export async function assessReadiness(spec: ReadinessSpec, cloud: ReadinessCloud, now: Date): Promise<ReadinessReport> {
  const checks: ReadinessCheck[] = [];
  const add = (check: string, ok: boolean, detail: string) => checks.push({ check, ok, detail });

  for (const store of spec.stores) {
    const lag = await cloud.storeLagSeconds(store.locator, now);
    const limit = store.targetMinutes * 60;
    if (lag === undefined) add(`RPO: ${store.store}`, false, `${store.mechanism}: nothing measured (no datapoint or no copy), against ${store.targetField} ${store.targetMinutes} min`);
    else add(`RPO: ${store.store}`, lag <= limit, `${store.mechanism}: ${formatSeconds(lag)} of data not in ${spec.region}, ${lag <= limit ? "within" : "above"} ${store.targetField} ${store.targetMinutes} min`);
  }

  // The way back: each replica's reverse rule into the primary's bucket, which a failback needs
  // (its pre-check refuses one missing or disabled). A bucket whose config turns it off says why.
  for (const store of spec.stores) {
    const locator = store.locator;
    if (locator.kind !== "s3-replication-rtc") continue;
    const check = `failback: ${store.store} replicates back`;
    if (!locator.reverseRuleId) {
      add(check, true, `off by config (platform:dr.replica.buckets[].replicateBack: ${locator.replicateBackOffReason}): files written in ${spec.region} stay there after a failback`);
      continue;
    }
    const rule = await cloud.replicationRule(locator.destinationBucket, locator.reverseRuleId);
    const into = rule.destinationBucket === locator.sourceBucket;
    const ok = rule.status === "Enabled" && into;
    const found = rule.status === "missing" ? "no such rule" : `${rule.status}, into ${rule.destinationBucket ?? "no bucket"}`;
    add(check, ok, `${locator.destinationBucket}: rule ${locator.reverseRuleId} into ${locator.sourceBucket}: ${ok ? "Enabled" : `${found}: roll ${spec.standby} out (replicateBack)`}`);
  }

  if (spec.services) {
    const { cluster, items } = spec.services;
    const active = await cloud.activeServices(cluster, items.map((i) => i.name));
    const absent = items.map((i) => i.name).filter((name) => !active.includes(name));
    add("capacity: services", absent.length === 0, absent.length === 0 ? `${items.length} service(s) ACTIVE in ${cluster}` : `not ACTIVE in ${cluster}: ${absent.join(", ")}`);
    const need = fargateNeed(spec.services);
    const [quotas, inUse] = await Promise.all([cloud.fargateVcpuQuotas(), cloud.fargateVcpuInUse()]);
    for (const kind of ["onDemand", "spot"] as const) {
      if (need[kind] === 0) continue;
      const free = quotas[kind] - inUse[kind];
      const label = kind === "onDemand" ? "Fargate on-demand vCPU (L-3032A538)" : "Fargate Spot vCPU (L-36FBB829)";
      add(`quota: ${label}`, need[kind] <= free, `the scale-up needs ${need[kind]} vCPU; quota ${quotas[kind]}, in use ${inUse[kind]}, free ${free}`);
    }
  }

  for (const image of spec.images) {
    const present = await cloud.imagePresent(image.repository, image.tag);
    add(`image: ${image.repository}:${image.tag}`, present, present ? `in ${spec.region}'s registry` : `not in ${spec.region}'s registry: check the registry's replication`);
  }

  for (const name of spec.secrets) {
    const state = await cloud.secretState(name);
    add(`secret: ${name}`, state === "present", state === "present" ? `present in ${spec.region}` : state === "no-value" ? `exists in ${spec.region} without a value: put it (aws secretsmanager put-secret-value)` : `missing in ${spec.region}`);
  }

  for (const name of spec.certificates) {
    const issued = await cloud.certificateIssued(name);
    add(`certificate: ${name}`, issued, issued ? `issued in ${spec.region}` : `no issued certificate for it in ${spec.region} (ACM certificates are regional)`);
  }

  if (spec.failover) {
    const { roles, healthCheckId, healthCheckHealthy } = await cloud.failoverRecords(spec.failover.zoneName, spec.failover.recordName);
    const both = roles.includes("PRIMARY") && roles.includes("SECONDARY");
    add("failover records", both, both ? `${spec.failover.recordName}: PRIMARY and SECONDARY` : `${spec.failover.recordName}: found ${roles.length === 0 ? "none" : roles.join(", ")}, want PRIMARY and SECONDARY`);
    add(
      "health check",
      healthCheckId !== undefined && healthCheckHealthy !== undefined,
      healthCheckId === undefined ? "the PRIMARY record has no health check: Route 53 would never answer SECONDARY" : `${healthCheckId}: ${healthCheckHealthy === undefined ? "no checker reports" : healthCheckHealthy ? "primary healthy" : "primary unhealthy (Route 53 answers SECONDARY)"}`,
    );
  }

  return { standby: spec.standby, primary: spec.primary, region: spec.region, ready: checks.every((c) => c.ok), checks };
}

/**
 * vCPU a scale-up to the serving minimum takes, per class, as the capacity provider strategy
 * splits tasks (model/compute/capacity-strategy.ts): the base on demand, the rest by weight. ECS
 * places whole tasks near the weights, so each class is counted at its worst case (rounded up):
 * the quota check must hold whichever way ECS rounds.
 */
export function fargateNeed(services: NonNullable<ReadinessSpec["services"]>): { onDemand: number; spot: number } {
  let onDemand = 0;
  let spot = 0;
  for (const item of services.items) {
    const base = Math.min(services.onDemandBaseTasks, item.tasks);
    const rest = item.tasks - base;
    spot += Math.ceil((rest * services.spotPercent) / 100) * item.vcpu;
    onDemand += (base + Math.ceil((rest * (100 - services.spotPercent)) / 100)) * item.vcpu;
  }
  return { onDemand, spot };
}

function formatSeconds(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

/** The report as text lines, one per check. */
export function formatReport(report: ReadinessReport): string[] {
  return [
    `${report.standby} (${report.region}) standing by for ${report.primary}: ${report.ready ? "READY: a failover now would meet its targets" : "NOT READY: a failover now would miss a target"}`,
    ...report.checks.map((c) => `  ${c.ok ? "ok    " : "MISSED"} ${c.check}: ${c.detail}`),
  ];
}
