import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { capacityAtMax } from "../../model/compute/eks/capacity";
import { checkEksEndpoint } from "./compute-eks-endpoint";
import { chartSupportProblem, installedCharts } from "../../model/compute/eks/charts";
import { allocatable, instanceTypes, schedulable } from "../../model/compute/eks/instance-types";
import { millicores, mebibytes, ResourceKind } from "../../model/compute/eks/quantity";
import { eksVersionProblem } from "../../model/compute/eks/versions";
import { workloadRequests } from "../../model/compute/settings";
import type { ComputeConfig } from "./compute";
import type { EksConfig, EksWorkloadConfig } from "./compute-eks";

/** What the rest of the stack config provides that the EKS variant refers to. */
export interface EksCheckContext {
  readonly dataProtection: "protected" | "disposable";
  /** The repository root: dashboard paths are read from it. */
  readonly root: string;
}

type Path = (string | number)[];

/**
 * Cross-field rules of the EKS variant; every problem is reported with its config path. Rules on
 * the service list that hold for both variants (scaling bounds, routes, secret and storage
 * references) are compute-checks.ts's and storage-checks.ts's; the edge tier supplies the
 * certificate.
 */
export function checkEksCompute(compute: ComputeConfig & { eks?: EksConfig }, context: EksCheckContext, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["compute", ...path], message });
  const { eks } = compute;
  if (compute.engine !== "eks") {
    if (eks) issue(["eks"], `is only read when engine is eks (engine is ${compute.engine})`);
    return;
  }
  if (!eks) {
    issue(["eks"], "is required when engine is eks (version, nodeGroups, addons, monitoring, services)");
    return;
  }

  const versionProblem = eksVersionProblem(eks.version, eks.supportType);
  if (versionProblem) issue(["eks", "version"], versionProblem);
  // The charts the stack installs must support the cluster's version as their publishers state it.
  for (const pin of installedCharts(eks.monitoring.enabled, eks.autoscaler.enabled)) {
    const chartProblem = chartSupportProblem(pin, eks.version);
    if (chartProblem) issue(["eks", "version"], chartProblem);
  }
  const kubeProxyMinor = /^v(\d+\.\d+)\./.exec(eks.addons.kubeProxy)?.[1];
  if (kubeProxyMinor && kubeProxyMinor !== eks.version) {
    issue(["eks", "addons", "kubeProxy"], `is for Kubernetes ${kubeProxyMinor}; kube-proxy must match the cluster version ${eks.version}`);
  }

  checkEksEndpoint(eks.endpoint, context.dataProtection, issue);

  checkNodeGroups(eks, issue);
  checkServices(compute, eks, issue);
  checkCapacityAtMax(compute, eks, issue);
  checkAlerting(eks, issue);
  checkDashboards(eks, context.root, issue);
}

/** Every service at its HPA maximum must fit the node groups at their maxSize (model/compute/eks/capacity.ts). */
function checkCapacityAtMax(compute: ComputeConfig, eks: EksConfig, issue: (path: Path, message: string) => void): void {
  const services = [];
  for (const service of compute.services) {
    const workload = eks.services[service.name];
    if (!workload) return; // reported by checkServices
    try {
      services.push({ name: service.name, maxPods: service.scaling.max, requests: workloadRequests(workload, service) });
    } catch {
      return; // a malformed quantity was reported by the schema
    }
  }
  const groups = Object.entries(eks.nodeGroups);
  if (groups.length === 0) return; // reported by the schema
  if (groups.some(([, g]) => g.instanceTypes.some((t) => !instanceTypes[t]))) return; // reported by checkNodeGroups
  const fit = capacityAtMax(groups.map(([, g]) => g), services, { monitoring: eks.monitoring.enabled, autoscaler: eks.autoscaler.enabled });
  if (fit.fits) return;
  const [key, group] = groups[0];
  const demand = services.map((s) => `${s.name} ${s.maxPods} x ${s.requests.millicores}m/${Math.round(s.requests.mebibytes)}Mi`).join(", ");
  issue(
    ["eks", "nodeGroups", ...(groups.length === 1 ? [key, "maxSize"] : [])],
    `cannot hold the services at their HPA maxima: the node group${groups.length === 1 ? ` at maxSize ${group.maxSize} schedules` : "s at maxSize schedule"} ${fit.offered.millicores}m CPU and ${fit.offered.mebibytes}Mi ` +
      `after DaemonSets and the cluster's own pods (${fit.reserved.millicores}m, ${fit.reserved.mebibytes}Mi), but the services at their scaling.max need ` +
      `${fit.needed.millicores}m and ${fit.needed.mebibytes}Mi (${demand}): raise maxSize, use a larger instance type, or lower compute.services[].scaling.max`,
  );
}

/** Routes and the default name channels that exist. */
function checkAlerting(eks: EksConfig, issue: (path: Path, message: string) => void): void {
  const alerting = eks.monitoring.alerting;
  if (!alerting) return;
  const at = (...rest: Path): Path => ["eks", "monitoring", "alerting", "slack", ...rest];
  if (!eks.monitoring.enabled) issue(["eks", "monitoring", "alerting"], "needs monitoring.enabled: true (Alertmanager is part of the monitoring stack)");
  const keys = Object.keys(alerting.slack.channels);
  const known = `channels: ${keys.join(", ")}`;
  if (!keys.includes(alerting.slack.defaultChannel)) issue(at("defaultChannel"), `is not a channel key (${known})`);
  alerting.slack.routes.forEach((route, i) => {
    if (!keys.includes(route.channel)) issue(at("routes", i, "channel"), `is not a channel key (${known})`);
  });
}

/** Each dashboard file exists in the repository and is a Grafana dashboard model (JSON with a title). */
function checkDashboards(eks: EksConfig, root: string, issue: (path: Path, message: string) => void): void {
  eks.monitoring.dashboards.forEach((file, i) => {
    const at: Path = ["eks", "monitoring", "dashboards", i];
    if (!eks.monitoring.enabled) return issue(at, "needs monitoring.enabled: true (Grafana is part of the monitoring stack)");
    const full = path.resolve(root, file);
    if (!full.startsWith(path.resolve(root) + path.sep)) return issue(at, "must stay inside the repository");
    if (!fs.existsSync(full)) return issue(at, `does not exist in the repository (${file})`);
    try {
      const model = JSON.parse(fs.readFileSync(full, "utf8")) as { title?: unknown; panels?: unknown };
      if (typeof model.title !== "string" || !Array.isArray(model.panels)) issue(at, "is not a Grafana dashboard model (a JSON object with a title and panels)");
    } catch (error) {
      issue(at, `is not valid JSON (${(error as Error).message})`);
    }
  });
}

function checkNodeGroups(eks: EksConfig, issue: (path: Path, message: string) => void): void {
  const groups = Object.entries(eks.nodeGroups);
  for (const [key, group] of groups) {
    if (group.minSize > group.maxSize) issue(["eks", "nodeGroups", key, "minSize"], `is ${group.minSize}, above maxSize ${group.maxSize}`);
    else if (group.desiredSize < group.minSize || group.desiredSize > group.maxSize) {
      issue(["eks", "nodeGroups", key, "desiredSize"], `must be between minSize ${group.minSize} and maxSize ${group.maxSize}`);
    }
    const known = group.instanceTypes.filter((type, i) => {
      if (instanceTypes[type]) return true;
      issue(["eks", "nodeGroups", key, "instanceTypes", i], `is not in the node sizing table (known: ${Object.keys(instanceTypes).join(", ")})`);
      return false;
    });
    const architectures = new Set(known.map((type) => instanceTypes[type].architecture));
    if (architectures.size > 1) issue(["eks", "nodeGroups", key, "instanceTypes"], "mixes x86_64 and arm64 types; a node group runs one AMI architecture");
  }
  if (groups.length > 0 && groups.every(([, group]) => group.taints.length > 0)) {
    issue(["eks", "nodeGroups"], "needs one group without taints: CoreDNS, the EBS CSI controller and the platform's controllers do not tolerate custom taints");
  }
}

function checkServices(compute: ComputeConfig, eks: EksConfig, issue: (path: Path, message: string) => void): void {
  const names = compute.services.map((s) => s.name);
  for (const name of Object.keys(eks.services)) {
    if (!names.includes(name)) issue(["eks", "services", name], `is not a service of compute.services (services: ${names.join(", ")})`);
  }
  compute.services.forEach((service, index) => {
    const at = (...rest: Path): Path => ["services", index, ...rest];
    if (service.scaling.min < 1) issue(at("scaling", "min"), "must be at least 1 on EKS (a HorizontalPodAutoscaler cannot scale to zero)");
    if (service.scaling.schedules.length > 0) {
      issue(at("scaling", "schedules"), "is not supported on EKS: a HorizontalPodAutoscaler has no scheduled capacity (scale the node group instead)");
    }
    if (service.routing.loadBalancer === "nlb") issue(at("routing", "loadBalancer"), "nlb is not supported on EKS; use alb (the Ingress) or none");
    const workload = eks.services[service.name];
    if (!workload) {
      issue(["eks", "services"], `has no entry for service ${service.name} (cpuLimit, memoryLimit and optional requests)`);
      return;
    }
    checkWorkloadFits(service.name, workload, { cpuUnits: service.cpuUnits, memoryMb: service.memoryMb }, eks, issue);
  });
}

/** The pod's requests must fit what some node it may land on can schedule. */
function checkWorkloadFits(
  name: string,
  workload: EksWorkloadConfig,
  size: { cpuUnits: number; memoryMb: number },
  eks: EksConfig,
  issue: (path: Path, message: string) => void,
): void {
  const at = (field: string): Path => ["eks", "services", name, field];
  let requests: { millicores: number; mebibytes: number };
  try {
    requests = workloadRequests(workload, size);
  } catch {
    return; // a malformed request quantity was reported by the schema
  }
  let valid = true;
  const compare = (requestField: string, limitField: string, request: number, limitText: string, kind: ResourceKind) => {
    try {
      const limit = kind === "cpu" ? millicores(limitText) : mebibytes(limitText);
      if (request > limit) {
        issue(at(requestField), `must not exceed ${limitField} ${limitText} (Kubernetes rejects a request above its limit)`);
        valid = false;
      }
    } catch {
      valid = false; // the quantity itself was reported by the schema
    }
  };
  compare("cpuRequest", "cpuLimit", requests.millicores, workload.cpuLimit, "cpu");
  compare("memoryRequest", "memoryLimit", requests.mebibytes, workload.memoryLimit, "memory");
  if (!valid) return;

  if (workload.nodeGroup !== undefined && !eks.nodeGroups[workload.nodeGroup]) {
    issue(at("nodeGroup"), `is not a node group (groups: ${Object.keys(eks.nodeGroups).join(", ")})`);
    return;
  }
  const candidates = Object.entries(eks.nodeGroups).filter(([key, group]) =>
    workload.nodeGroup === undefined ? group.taints.length === 0 : key === workload.nodeGroup,
  );
  const fits = candidates.some(([, group]) => {
    const types = group.instanceTypes.filter((t) => instanceTypes[t]).map((t) => instanceTypes[t]);
    // Any node of the group may be the smallest of its types.
    return types.length > 0 && types.every((type) => {
      const room = schedulable(type, eks.monitoring.enabled);
      return requests.millicores <= room.millicores && requests.mebibytes <= room.mebibytes;
    });
  });
  if (!fits && candidates.length > 0) {
    const offers = candidates
      .flatMap(([key, group]) =>
        group.instanceTypes.filter((t) => instanceTypes[t]).map((t) => {
          const room = schedulable(instanceTypes[t], eks.monitoring.enabled);
          return `${key}/${t}: ${room.millicores}m CPU, ${room.mebibytes}Mi (of ${allocatable(instanceTypes[t]).mebibytes}Mi allocatable)`;
        }),
      )
      .join("; ");
    issue(["eks", "services", name],
      `requests ${requests.millicores}m CPU and ${Math.round(requests.mebibytes)}Mi, more than any node it may run on can schedule after DaemonSets (${offers})`);
  }
}
