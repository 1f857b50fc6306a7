import type { PlatformSettings } from "../../model/platform";
import { parseClockTime } from "../../model/schedule/expression";
import type { EcsCompute } from "../compute/ecs";
import type { EksCompute } from "../compute/eks";
import { OfficeHours } from "../jobs/office-hours";
import type { DataTier } from "./data";
import type { StackBase } from "./stack";

/**
 * Settings -> office hours (seed 004's dev cost control): the schedules that stop the services,
 * the node groups and the database in the evening and start them in the morning.
 */
export function buildOfficeHours(
  config: PlatformSettings,
  { context, opts }: StackBase,
  deps: { readonly ecs?: EcsCompute; readonly eks?: EksCompute; readonly data?: DataTier },
): OfficeHours | undefined {
  const hours = config.officeHours?.enabled ? config.officeHours : undefined;
  if (!hours) return undefined;
  const { ecs, eks, data } = deps;
  const compute = config.compute;
  const database = data && config.data ? { settings: config.data.database, tier: data.database } : undefined;
  return new OfficeHours(
    context.namePrefix,
    {
      context,
      timezone: hours.timezone,
      days: hours.days,
      start: clockTime(hours.start),
      stop: clockTime(hours.stop),
      ecsServices: ecs
        ? (compute?.services ?? []).map((service) => ({
            key: service.name,
            clusterName: ecs.clusterName,
            serviceName: ecs.services[service.name].serviceName,
            minTasks: service.scaling.min,
            maxTasks: service.scaling.max,
          }))
        : [],
      nodeGroups:
        eks && compute?.engine === "eks"
          ? Object.entries(compute.eks.nodeGroups).map(([key, group]) => ({
              key,
              clusterName: eks.clusterName,
              nodeGroupName: eks.nodeGroups[key].nodeGroupName,
              minNodes: group.minSize,
              desiredNodes: group.desiredSize,
              maxNodes: group.maxSize,
            }))
          : [],
      database: database
        ? { kind: database.settings.engine === "postgres" ? "instance" : "cluster", identifier: database.tier.clusterIdentifier ?? database.tier.identifier }
        : undefined,
    },
    opts,
  );
}

function clockTime(text: string): { hour: number; minute: number } {
  const time = parseClockTime(text);
  if (!time) throw new Error(`not a clock time: ${text}`);
  return time;
}
