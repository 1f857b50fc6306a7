import { healthUrl } from "../../model/edge/service-routing";
import type { PlatformSettings } from "../../model/platform";
import { Acknowledgements } from "../shared/acknowledgements";
import { backupSelectionTag, buildBackup } from "./backup";
import { buildEcsCompute } from "./compute-ecs";
import { buildEksCompute } from "./compute-eks";
import { buildData } from "./data";
import { buildFailover, buildFailoverCertificate, buildReadinessCheck, buildStandby, drillOutput } from "./dr";
import { buildEdge } from "./edge";
import { buildJobs } from "./jobs";
import { buildMessaging } from "./messaging";
import { buildNatInstance, buildNetwork, buildVpcEndpoints } from "./network";
import { buildLogArchive } from "./log-archive";
import { buildObservability, drawDashboards } from "./observability";
import { buildOfficeHours } from "./office-hours";
import { referenceTargets } from "./references";
import { buildAppSecrets, buildAudit, buildBastion, buildKeys, buildSecurityGroups } from "./security";
import { globalProvider, stackBase } from "./stack";
import { buildStorage, logTrailAccess } from "./storage";
import type { Platform } from "./tiers";

export { platformOutputs } from "./outputs";
export type { Platform } from "./tiers";

/**
 * Composes the tiers from validated settings, in dependency order. Each `build<Tier>` (one module
 * per tier) is the only place that maps settings onto that tier's Args; decisions that change how
 * many resources exist are made there, from plain values.
 */
export function buildPlatform(config: PlatformSettings): Platform {
  // Every tier component takes the stack's options, so the acknowledgements reach every resource.
  const acknowledgements = new Acknowledgements(config.acknowledgedReplacements);
  const base = stackBase(config);
  const stack = { ...base, opts: { ...base.opts, transformations: [acknowledgements.transformation] } };
  const keys = buildKeys(config, stack);
  const network = buildNetwork(config, stack, keys);
  const securityGroups = buildSecurityGroups(config, stack, network);
  buildNatInstance(config, stack, network, securityGroups);
  buildBastion(config, stack, network, securityGroups);
  buildVpcEndpoints(config, stack, network, securityGroups);
  const audit = buildAudit(config, stack, keys);

  const backupTag = backupSelectionTag(config);
  const data = buildData(config, stack, { keys, network, securityGroups, backupTag });
  const storage = buildStorage(config, stack, keys, backupTag, audit);
  logTrailAccess(audit, storage);
  const appSecrets = buildAppSecrets(config, stack, keys);
  const standby = buildStandby(config, stack, { keys, network, securityGroups, storage });
  const targets = referenceTargets(config, { storage, data, appSecrets, standby });

  const edge = buildEdge(config, stack, { network, securityGroups, targets, globalProvider: globalProvider(config, stack) });
  const compute = { keys, network, securityGroups, targets, edge };
  const ecs = buildEcsCompute(config, stack, compute);
  const failoverCertificate = buildFailoverCertificate(config, stack, edge, standby);
  const eks = buildEksCompute(config, stack, { ...compute, failoverCertificateArn: failoverCertificate?.arn });

  const jobs = buildJobs(config, stack, { keys, network, securityGroups, storage, data, targets });
  const backup = buildBackup(config, stack, { keys, storage, data });
  const observability = buildObservability(config, stack, { keys, data, ecs, edge, jobs, backup, appSecrets });
  const logArchive = buildLogArchive(config, stack, { keys, storage, ecs, data });
  const messaging = buildMessaging(config, stack, { edge, observability });
  const officeHours = buildOfficeHours(config, stack, { ecs, eks, data });
  const failover = buildFailover(config, standby, { edge, eks }, stack.opts);
  const drill = drillOutput(config, { standby, failover, ecs, eks, edge });
  const readiness = buildReadinessCheck(config, stack, { keys, standby, failover, edge, observability });
  // After the last tier that alarms: every alarm of the stack is on its dashboards.
  drawDashboards(observability, { readiness });
  // Every protected resource is registered by now: none is created inside an apply.
  acknowledgements.check();

  const { context, provider } = stack;
  return { context, provider, keys, network, securityGroups, audit, data, storage, appSecrets, edge, ecs, eks, jobs, messaging, backup, observability, logArchive, officeHours, standby, failover, failoverCertificate, readiness, drill, healthUrl: healthUrl(config) };
}
