import { z } from "zod";
import { allocatable, instanceTypes, schedulable } from "../../model/compute/eks/instance-types";
import { millicores, mebibytes, parseQuantity, ResourceKind } from "../../model/compute/eks/quantity";
import { eksVersionProblem } from "../../model/compute/eks/versions";
import { workloadRequests } from "../../model/compute/settings";
import type { ComputeConfig } from "./compute";

/**
 * `platform:compute.eks`: the Kubernetes variant of the compute tier (seed 004). Read only when
 * `compute.engine` is `eks`; the service list itself is the shared `compute.services`.
 */

const ipv4Cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR such as 203.0.113.0/24");

/** A Kubernetes quantity, written as YAML text or a bare number (`1` core). */
const quantity = (kind: ResourceKind) =>
  z
    .union([z.string(), z.number()])
    .transform(String)
    .superRefine((text, ctx) => {
      try {
        parseQuantity(text, kind);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      }
    });

/** EKS add-on versions are published per cluster version, e.g. v1.20.4-eksbuild.1. */
const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "must be an EKS add-on version such as v1.20.4-eksbuild.1");

/** Kubernetes label/taint keys: an optional DNS prefix, then a name of up to 63 characters. */
const labelKey = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "must be a Kubernetes label key (prefix/name, name up to 63 characters)");
const labelValue = z.string().regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, "must be a Kubernetes label value (up to 63 characters)");

export const nodeGroupKey = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "must be 1-31 characters of a-z, 0-9 and '-'");

const nodeGroupSchema = z
  .object({
    /** EC2 types of the group's nodes, all of one architecture (seed 004: t3.medium). */
    instanceTypes: z.array(z.string()).min(1, "list at least one instance type"),
    /** ON_DEMAND or SPOT (several instance types make Spot capacity easier to find). */
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
    /** Seed 004: 2-4 nodes. */
    minSize: z.number().int().min(0),
    desiredSize: z.number().int().min(0),
    maxSize: z.number().int().min(1),
    /** Root volume (gp3, encrypted with the cluster key). */
    diskSizeGb: z.number().int().min(20, "must be at least 20 (the EKS AMI's own size)").max(16384).default(20),
    /** Extra node labels; `platform/node-group: <key>` is always added. */
    labels: z.record(labelKey, labelValue).default({}),
    /** Taints keep pods without a matching toleration off the group. */
    taints: z
      .array(z.object({ key: labelKey, value: labelValue.optional(), effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]) }).strict())
      .default([]),
  })
  .strict();

const workloadSchema = z
  .object({
    /** Requests reserve node capacity; default: the shared service's cpuUnits (1024 = 1 core) and memoryMb. */
    cpuRequest: quantity("cpu").optional(),
    memoryRequest: quantity("memory").optional(),
    /** Limits cap a pod's burst (seed 004: 1000m CPU, 2Gi memory). */
    cpuLimit: quantity("cpu"),
    memoryLimit: quantity("memory"),
    /** Pin the pods to one node group (they tolerate its taints); any untainted group otherwise. */
    nodeGroup: nodeGroupKey.optional(),
  })
  .strict();

export const eksSection = z
  .object({
    /** Kubernetes minor version, checked against the EKS release calendar (seed 004: 1.28). */
    version: z.string().regex(/^1\.\d{2}$/, "must be a Kubernetes minor version such as 1.34"),
    /** STANDARD: EKS upgrades the cluster when standard support ends. EXTENDED: stay longer at 6x the control-plane price. */
    supportType: z.enum(["STANDARD", "EXTENDED"]).default("STANDARD"),
    endpoint: z
      .object({
        /** The API endpoint is always reachable from inside the VPC; public access only from these ranges. */
        publicAccessCidrs: z.array(ipv4Cidr).default([]),
      })
      .strict()
      .default({}),
    /** IAM roles granted cluster-admin through EKS access entries (not the aws-auth ConfigMap). */
    adminRoleArns: z
      .array(z.string().regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@\-/]+$/, "must be an IAM role ARN"))
      .min(1, "needs at least one administrator role, or only the identity that created the cluster can operate it"),
    nodeGroups: z.record(nodeGroupKey, nodeGroupSchema).refine((groups) => Object.keys(groups).length > 0, "needs at least one node group"),
    /** Versions of the EKS-managed add-ons; kube-proxy follows the cluster's minor version. */
    addons: z
      .object({ vpcCni: addonVersion, coreDns: addonVersion, kubeProxy: addonVersion, ebsCsiDriver: addonVersion })
      .strict(),
    monitoring: z
      .object({
        /** Prometheus, Grafana, Alertmanager, Node Exporter, kube-state-metrics and Fluent Bit (seed 004). */
        enabled: z.boolean(),
        /** Seed 004: Prometheus keeps 30 days. */
        prometheusRetentionDays: z.number().int().min(1).max(365).default(30),
        /** Seed 004: a 100Gi volume. */
        prometheusStorageGi: z.number().int().min(10).max(16384).default(100),
      })
      .strict(),
    /** Kubernetes sizing per service of `compute.services`, by service name. */
    services: z.record(z.string(), workloadSchema),
  })
  .strict();

export type EksConfig = z.infer<typeof eksSection>;
export type EksNodeGroupConfig = z.infer<typeof nodeGroupSchema>;
export type EksWorkloadConfig = z.infer<typeof workloadSchema>;

/** What the rest of the stack config provides that the EKS variant refers to. */
export interface EksCheckContext {
  readonly dataProtection: "protected" | "disposable";
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
  const kubeProxyMinor = /^v(\d+\.\d+)\./.exec(eks.addons.kubeProxy)?.[1];
  if (kubeProxyMinor && kubeProxyMinor !== eks.version) {
    issue(["eks", "addons", "kubeProxy"], `is for Kubernetes ${kubeProxyMinor}; kube-proxy must match the cluster version ${eks.version}`);
  }

  eks.endpoint.publicAccessCidrs.forEach((cidr, i) => {
    if (/\/0$/.test(cidr)) issue(["eks", "endpoint", "publicAccessCidrs", i], "opens the Kubernetes API to the whole internet; list office or VPN ranges");
  });
  if (context.dataProtection === "protected" && eks.endpoint.publicAccessCidrs.length > 0) {
    issue(["eks", "endpoint", "publicAccessCidrs"], "must be empty when dataProtection is protected: the API endpoint stays private (reach it through the VPC)");
  }

  checkNodeGroups(eks, issue);
  checkServices(compute, eks, issue);
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
