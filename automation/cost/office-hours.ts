import { parseClockTime } from "../../model/schedule/expression";
import { databaseLagMinutes, databaseLeadMinutes, OfficeHoursSettings } from "../../model/schedule/office-hours";
import { num, PlannedResource, record, ResourceIndex, str } from "./graph";

/**
 * `platform:officeHours` in the estimate: the resources the schedule stops run only in office
 * hours, everything else (storage, NAT, load balancers, the cache, ...) the 730 h of a month.
 * What is stopped is read from the registrations (the schedules' stop calls), how long it runs
 * from the configured days and times.
 */

/** Weeks in an average month (52.14 weeks a year). */
export const weeksPerMonth = 52.14 / 12;

const weekDays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

/** Distinct days of a cron() day-of-week field: `MON-FRI` is 5, `MON,WED,FRI` 3, `FRI-MON` 4. */
export function daysPerWeek(days: string): number {
  const seen = new Set<number>();
  for (const part of days.split(",")) {
    const [from, to = from] = part.split("-");
    const first = weekDays.indexOf(from as (typeof weekDays)[number]);
    const last = weekDays.indexOf(to as (typeof weekDays)[number]);
    if (first < 0 || last < 0) throw new Error(`office hours: '${days}' is not a day-of-week list such as MON-FRI`);
    // A range runs forward through the week and wraps past SAT (cron's FRI-MON).
    for (let day = first; ; day = (day + 1) % 7) {
      seen.add(day);
      if (day === last) break;
    }
  }
  return seen.size;
}

export interface OfficeSchedule {
  readonly days: string;
  readonly start: string;
  readonly stop: string;
}

function minutesOf(text: string): number {
  const time = parseClockTime(text);
  if (!time) throw new Error(`office hours: '${text}' is not a 24-hour time such as 09:00`);
  return time.hour * 60 + time.minute;
}

/**
 * Running hours in a month: days a week x hours a day x 52.14 / 12. `extraMinutesPerDay` is the
 * database's lead and lag (it starts 30 minutes early and stops 15 minutes late).
 */
export function runningHoursPerMonth(schedule: OfficeSchedule, extraMinutesPerDay = 0): number {
  const minutesPerDay = minutesOf(schedule.stop) - minutesOf(schedule.start) + extraMinutesPerDay;
  return daysPerWeek(schedule.days) * (minutesPerDay / 60) * weeksPerMonth;
}

/** What a stop schedule stops: the ECS services' tasks and EKS nodes, or the database. */
export type StoppedKind = "services" | "database";

export interface RunningHours {
  readonly hours: number;
  /** Appended to the line's item, e.g. `office hours MON-FRI 09:00-18:00: 195.5 h`. */
  readonly note: string;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The hours each kind of stopped resource runs, with the note its lines carry. */
export function officeRunningHours(schedule: OfficeSchedule): Record<StoppedKind, RunningHours> {
  const services = runningHoursPerMonth(schedule);
  const database = runningHoursPerMonth(schedule, databaseLeadMinutes + databaseLagMinutes);
  const window = `${schedule.days} ${schedule.start}-${schedule.stop}`;
  const dbWindow = `${clock(minutesOf(schedule.start) - databaseLeadMinutes)}-${clock(minutesOf(schedule.stop) + databaseLagMinutes)}`;
  return {
    services: { hours: services, note: `office hours ${window}: ${services.toFixed(1)} h` },
    database: { hours: database, note: `office hours ${window} (database ${dbWindow}): ${database.toFixed(1)} h` },
  };
}

const scheduleType = "aws:scheduler/schedule:Schedule";
/** A universal target, in any partition: `arn:<partition>:scheduler:::aws-sdk:<service>:<apiAction>`. */
const sdkTarget = /^arn:aws[a-z-]*:scheduler:::aws-sdk:(.+)$/;

function targetInput(schedule: PlannedResource): { api: string; input: Record<string, unknown> } | undefined {
  const target = record(schedule.inputs.target);
  const api = sdkTarget.exec(str(target, "arn") ?? "")?.[1];
  if (api === undefined) return undefined;
  const text = target.input ?? "{}";
  if (typeof text !== "string") return undefined; // the target's input is JSON text
  try {
    return { api, input: record(JSON.parse(text)) };
  } catch {
    return undefined;
  }
}

/**
 * The registrations an office-hours stop schedule stops, by URN: ECS services whose scalable
 * target it pins to 0, EKS node groups it sizes to 0, the RDS instance or the Aurora cluster's
 * instances it stops (not the cluster: its volume is billed while stopped).
 */
export function stoppedResources(index: ResourceIndex): Map<string, StoppedKind> {
  const stopped = new Map<string, StoppedKind>();
  for (const schedule of index.ofType(scheduleType)) {
    const call = targetInput(schedule);
    if (!call) continue;
    const { api, input } = call;
    if (api === "applicationautoscaling:registerScalableTarget" && input.ServiceNamespace === "ecs" && num(input, "MaxCapacity") === 0) {
      const [, clusterName, serviceName] = (str(input, "ResourceId") ?? "").split("/");
      const cluster = index.find(clusterName, "aws:ecs/cluster:Cluster");
      for (const service of index.ofType("aws:ecs/service:Service")) {
        const sameCluster = cluster ? index.find(service.inputs.cluster, "aws:ecs/cluster:Cluster") === cluster : service.inputs.cluster === clusterName;
        if (str(service.inputs, "name") === serviceName && sameCluster) stopped.set(service.urn, "services");
      }
    } else if (api === "eks:updateNodegroupConfig" && num(record(input.ScalingConfig), "DesiredSize") === 0) {
      for (const group of index.ofType("aws:eks/nodeGroup:NodeGroup", "eks:index:ManagedNodeGroup")) {
        const name = str(group.inputs, "nodeGroupName") ?? str(group.state ?? {}, "nodeGroupName");
        const cluster = str(group.inputs, "clusterName") ?? str(group.state ?? {}, "clusterName");
        if (name === input.NodegroupName && (cluster === undefined || cluster === input.ClusterName)) stopped.set(group.urn, "services");
      }
    } else if (api === "rds:stopDBInstance") {
      const db = index.find(input.DbInstanceIdentifier, "aws:rds/instance:Instance");
      if (db) stopped.set(db.urn, "database");
    } else if (api === "rds:stopDBCluster") {
      const cluster = index.find(input.DbClusterIdentifier, "aws:rds/cluster:Cluster");
      for (const member of index.ofType("aws:rds/clusterInstance:ClusterInstance")) {
        if (cluster && index.find(member.inputs.clusterIdentifier, "aws:rds/cluster:Cluster") === cluster) stopped.set(member.urn, "database");
      }
    }
  }
  return stopped;
}

/** The running hours of each stopped registration; empty when office hours are off. */
export function officeHoursByResource(index: ResourceIndex, config: OfficeHoursSettings | undefined): Map<string, RunningHours> {
  if (!config?.enabled) return new Map();
  const hours = officeRunningHours(config);
  return new Map([...stoppedResources(index)].map(([urn, kind]) => [urn, hours[kind]]));
}
