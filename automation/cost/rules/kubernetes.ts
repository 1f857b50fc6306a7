import { PlannedResource, record, str } from "../graph";
import { CostLine, resourceLine, ResourceRule, RuleContext } from "../model";

/**
 * Kubernetes objects that make AWS create billable resources outside Pulumi's view: the AWS Load
 * Balancer Controller turns an ALB Ingress (or an ingress group) into an ALB and a LoadBalancer
 * Service into an NLB; the EBS CSI driver turns a claim into a gp3 volume.
 */
export const types = {
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  service: "kubernetes:core/v1:Service",
  claim: "kubernetes:core/v1:PersistentVolumeClaim",
  helmRelease: "kubernetes:helm.sh/v3:Release",
} as const;

const groupAnnotation = "alb.ingress.kubernetes.io/group.name";

function annotations(resource: PlannedResource): Readonly<Record<string, unknown>> {
  return record(record(resource.inputs.metadata).annotations);
}

/** Lines for a load balancer the controller creates: hours, capacity units, one public IPv4 per zone. */
function controllerLoadBalancer(resource: PlannedResource, ctx: RuleContext, kind: "alb" | "nlb", internetFacing: boolean): CostLine[] {
  const elb = ctx.prices.elb;
  const [hourly, unitPrice, units, label] =
    kind === "alb" ? [elb.albHour, elb.albLcuHour, ctx.usage.albLcuPerHour, "ALB"] : [elb.nlbHour, elb.nlbNlcuHour, ctx.usage.nlbNlcuPerHour, "NLB"];
  const lines: CostLine[] = [
    resourceLine(resource, ctx, { service: "ELB", item: `${resource.name}: ${label} from the load balancer controller`, quantity: ctx.hours, price: hourly }),
    { ...resourceLine(resource, ctx, { service: "ELB", item: `${resource.name}: ${label} capacity units (usage)`, quantity: units * ctx.hours, price: unitPrice }), basis: "usage" },
  ];
  if (internetFacing) {
    // The controller spreads the load balancer over the tagged public subnets: one address per zone.
    const zones = Math.max(ctx.index.ofType("aws:ec2/subnet:Subnet").filter((s) => record(s.inputs.tags).SubnetTier === "public").length, 2);
    lines.push(resourceLine(resource, ctx, { service: "VPC", item: `${resource.name}: ${zones} public IPv4 addresses`, quantity: zones * ctx.hours, price: ctx.prices.ec2.publicIpv4Hour }));
  }
  return lines;
}

const ingress: ResourceRule = (resource, ctx) => {
  const spec = record(resource.inputs.spec);
  const notes = annotations(resource);
  const isAlb = spec.ingressClassName === "alb" || notes["kubernetes.io/ingress.class"] === "alb";
  if (!isAlb) return [];
  // Ingresses of one group share one ALB: price it on the first of the group only.
  const group = str(notes, groupAnnotation);
  if (group) {
    const first = ctx.index.ofType(types.ingress).find((other) => str(annotations(other), groupAnnotation) === group);
    if (first && first.urn !== resource.urn) return [];
  }
  return controllerLoadBalancer(resource, ctx, "alb", notes["alb.ingress.kubernetes.io/scheme"] === "internet-facing");
};

const service: ResourceRule = (resource, ctx) => {
  const spec = record(resource.inputs.spec);
  if (spec.type !== "LoadBalancer") return [];
  const notes = annotations(resource);
  const internetFacing = notes["service.beta.kubernetes.io/aws-load-balancer-scheme"] === "internet-facing";
  return controllerLoadBalancer(resource, ctx, "nlb", internetFacing);
};

/** `100Gi` -> 107.37 GB; `20G` -> 20 GB. */
export function quantityGb(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(text.trim());
  if (!match) return undefined;
  const factors: Record<string, number> = { Ki: 1024 / 1e9, Mi: 1024 ** 2 / 1e9, Gi: 1024 ** 3 / 1e9, Ti: 1024 ** 4 / 1e9, K: 1e-6, M: 1e-3, G: 1, T: 1000 };
  return Number(match[1]) * (match[2] ? factors[match[2]] : 1e-9);
}

const claim: ResourceRule = (resource, ctx) => {
  const requested = str(record(record(record(resource.inputs.spec).resources).requests), "storage");
  const gb = requested ? quantityGb(requested) : undefined;
  if (gb === undefined) {
    ctx.warn(`${resource.name}: persistent volume claim without a readable storage request; not priced`);
    return [];
  }
  return [resourceLine(resource, ctx, { service: "EBS", item: `${resource.name}: ${requested} volume (gp3)`, quantity: gb, price: ctx.prices.ec2.ebsGbMonth.gp3 })];
};

/**
 * Volumes a chart claims through its values (kube-prometheus-stack's
 * `prometheus.prometheusSpec.storageSpec.volumeClaimTemplate`): the operator creates one claim per
 * replica, and the EBS CSI driver a gp3 volume for each, none of them a Pulumi registration. The
 * replicas are the `replicas` of the spec that holds the template (or its storageSpec), default 1.
 */
export function chartVolumeClaims(values: unknown, path: string[] = [], holders: unknown[] = []): { path: string; storage: string; replicas: number }[] {
  if (!values || typeof values !== "object" || Array.isArray(values)) return [];
  const node = values as Record<string, unknown>;
  return Object.entries(node).flatMap(([key, child]) => {
    if (key !== "volumeClaimTemplate") return chartVolumeClaims(child, [...path, key], [...holders, node]);
    const storage = str(record(record(record(record(child).spec).resources).requests), "storage");
    if (!storage) return [];
    const spec = path[path.length - 1] === "storageSpec" ? record(holders[holders.length - 1]) : node;
    const replicas = typeof spec.replicas === "number" && spec.replicas >= 0 ? spec.replicas : 1;
    return [{ path: [...path, key].join("."), storage, replicas }];
  });
}

const helmRelease: ResourceRule = (resource, ctx) =>
  chartVolumeClaims(resource.inputs.values).flatMap(({ path, storage, replicas }) => {
    const gb = quantityGb(storage);
    if (gb === undefined) {
      ctx.warn(`${resource.name}: ${path} asks for storage '${storage}', which is not a quantity; not priced`);
      return [];
    }
    const where = path.replace(/\.?storageSpec\.volumeClaimTemplate$|\.?volumeClaimTemplate$/, "") || "chart";
    return [
      resourceLine(resource, ctx, {
        service: "EBS",
        item: `${resource.name}: ${replicas} x ${storage} volume (gp3) for ${where}`,
        quantity: gb * replicas,
        price: ctx.prices.ec2.ebsGbMonth.gp3,
      }),
    ];
  });

export const kubernetesRules: Readonly<Record<string, ResourceRule>> = {
  [types.helmRelease]: helmRelease,
  [types.ingress]: ingress,
  [types.service]: service,
  [types.claim]: claim,
};
