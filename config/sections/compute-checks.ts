import { z } from "zod";
import { envRefProblem, envRefs } from "../../model/compute/env-refs";
import { planServiceRouting } from "../../model/edge/service-routing";
import { cronBodyProblem } from "../../model/schedule/expression";
import { dataSecretRefs, parseServiceSecretRef } from "../../model/security/settings";
import type { AppSecretsConfig } from "./app-secrets";
import type { ComputeConfig } from "./compute";

/** What the other tiers of the stack offer the services, by name. */
export interface ServiceDependencies {
  /** `platform:data` is configured: `database` and `cache` references resolve. */
  readonly data: boolean;
  /** Keys of `platform:storage.buckets`. */
  readonly buckets: readonly string[];
}

/**
 * References from the services' environment and secrets to other tiers: `${bucket.<key>}`, and
 * the data tier's secrets and endpoints where the stack has a data tier (a standby has none of
 * its own). Images and bucket grants are checked with the storage section (storage-checks.ts).
 */
export function checkServiceReferences(compute: ComputeConfig, deps: ServiceDependencies, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compute", "services", ...path], message });
  const noData = "needs platform:data, which this stack does not have (a standby's data stores are the DR tier's replicas)";
  const bucketList = deps.buckets.join(", ") || "none";
  compute.services.forEach((service, index) => {
    for (const [variable, value] of Object.entries(service.environment)) {
      for (const ref of envRefs(value)) {
        if (/^(database|cache)\./.test(ref) && !deps.data) issue([index, "environment", variable], `\${${ref}} ${noData}`);
        const bucket = /^bucket\.(.+)$/.exec(ref)?.[1];
        if (bucket !== undefined && !deps.buckets.includes(bucket)) issue([index, "environment", variable], `\${${ref}} names no bucket of storage.buckets (have: ${bucketList})`);
      }
    }
    for (const [variable, reference] of Object.entries(service.secrets)) {
      const { ref } = parseServiceSecretRef(reference);
      if ((dataSecretRefs as readonly string[]).includes(ref) && !deps.data) issue([index, "secrets", variable], `${ref} ${noData}`);
    }
  });
}

/**
 * Rules on the service list that hold for both compute variants: counts that make sense, ports
 * and routes that do not collide, schedules AWS accepts, secret references that resolve.
 */
export function checkServices(compute: ComputeConfig, appSecrets: AppSecretsConfig, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compute", "services", ...path], message });

  const firstByName = new Map<string, number>();
  const firstByPort = new Map<number, string>();
  compute.services.forEach((service, index) => {
    if (firstByName.has(service.name)) issue([index, "name"], `is used by service ${firstByName.get(service.name)} already`);
    else firstByName.set(service.name, index);

    const portOwner = firstByPort.get(service.port);
    if (portOwner !== undefined) {
      issue([index, "port"], `conflicts with service ${portOwner}: each service needs its own port (the app security group opens one port per service)`);
    } else {
      firstByPort.set(service.port, service.name);
    }

    checkScaling(service.scaling, (path, message) => issue([index, "scaling", ...path], message));

    for (const [variable, value] of Object.entries(service.environment)) {
      for (const ref of envRefs(value)) {
        const problem = envRefProblem(ref);
        if (problem) issue([index, "environment", variable], problem);
      }
    }
    for (const [variable, reference] of Object.entries(service.secrets)) {
      const problem = secretRefProblem(reference, appSecrets);
      if (problem) issue([index, "secrets", variable], problem);
      if (variable in service.environment) issue([index, "secrets", variable], "is also a plain environment variable: keep it in one place");
    }
  });

  const routing = planServiceRouting(compute.services);
  for (const problem of routing.problems) {
    const path: (string | number)[] = [problem.serviceIndex, "routing", problem.field];
    if (problem.pathIndex !== undefined) path.push(problem.pathIndex);
    issue(path, problem.message);
  }
  compute.services.forEach((service, index) => {
    if (service.websocket && service.routing.loadBalancer === "none") {
      issue([index, "websocket"], "needs a load balancer (alb for stickiness behind the ALB, nlb for raw TCP)");
    }
  });
}

type Scaling = ComputeConfig["services"][number]["scaling"];

function checkScaling(scaling: Scaling, issue: (path: (string | number)[], message: string) => void): void {
  if (scaling.min > scaling.max) issue(["min"], `${scaling.min} is above max ${scaling.max}`);
  if (scaling.desired < scaling.min || scaling.desired > scaling.max) {
    issue(["desired"], `${scaling.desired} is outside min-max (${scaling.min}-${scaling.max})`);
  }
  const seen = new Set<string>();
  scaling.schedules.forEach((schedule, index) => {
    if (seen.has(schedule.name)) issue(["schedules", index, "name"], "is listed twice");
    seen.add(schedule.name);
    const cronProblem = cronFieldsProblem(schedule.cron);
    if (cronProblem) issue(["schedules", index, "cron"], cronProblem);
    if (!isTimeZone(schedule.timezone)) issue(["schedules", index, "timezone"], "is not an IANA time zone (e.g. Asia/Seoul)");
    const max = schedule.maxCapacity ?? scaling.max;
    if (schedule.minCapacity > max) {
      issue(["schedules", index, "minCapacity"], `${schedule.minCapacity} is above the max of ${max}${schedule.maxCapacity === undefined ? " (the service's)" : ""}`);
    }
  });
}

/**
 * Application Auto Scaling's cron: the six fields of EventBridge's cron (minutes hours
 * day-of-month month day-of-week year), validated by the one validator the jobs' and the backup
 * plan's schedules use. Seed 003's office hours: `0 9 ? * MON-FRI *`.
 */
export function cronFieldsProblem(cron: string): string | undefined {
  return cronBodyProblem(cron);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a service's secret reference does not resolve, or undefined when it does. */
export function secretRefProblem(reference: string, appSecrets: AppSecretsConfig): string | undefined {
  const { ref, jsonKey } = parseServiceSecretRef(reference);
  if (jsonKey === "") return "has an empty JSON key after ':'";
  if ((dataSecretRefs as readonly string[]).includes(ref)) return undefined;
  const secret = appSecrets[ref];
  if (!secret) {
    const known = [...new Set([...dataSecretRefs, ...Object.keys(appSecrets)])];
    return `names no secret (allowed: ${known.join(", ")}; add application secrets under platform:appSecrets)`;
  }
  if (jsonKey !== undefined && secret.source === "generated") return `reads JSON key ${jsonKey} of ${ref}, but a generated secret is a plain string`;
  return undefined;
}
