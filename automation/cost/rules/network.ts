import { list, str } from "../graph";
import { CostLine, resourceLine, ResourceRule, usageLine, UsageRule } from "../model";

export const types = {
  natGateway: "aws:ec2/natGateway:NatGateway",
  eip: "aws:ec2/eip:Eip",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  albLoadBalancer: "aws:alb/loadBalancer:LoadBalancer",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
} as const;

const natGateway: ResourceRule = (nat, ctx) => [
  resourceLine(nat, ctx, { service: "NAT Gateway", item: "gateway", quantity: ctx.hours, price: ctx.prices.natGateway.hour }),
];

/** AWS charges every public IPv4 address; a NAT gateway's address is its Elastic IP. */
const eip: ResourceRule = (address, ctx) => [
  resourceLine(address, ctx, { service: "VPC", item: "public IPv4 address (Elastic IP)", quantity: ctx.hours, price: ctx.prices.ec2.publicIpv4Hour }),
];

const loadBalancer: ResourceRule = (lb, ctx) => {
  const kind = str(lb.inputs, "loadBalancerType") ?? "application";
  const elb = ctx.prices.elb;
  const lines: CostLine[] = [];
  if (kind === "application") {
    lines.push(
      resourceLine(lb, ctx, { service: "ELB", item: `${lb.name}: Application Load Balancer`, quantity: ctx.hours, price: elb.albHour }),
      { ...resourceLine(lb, ctx, { service: "ELB", item: `${lb.name}: LCUs (usage.albLcuPerHour)`, quantity: ctx.usage.albLcuPerHour * ctx.hours, price: elb.albLcuHour }), basis: "usage" },
    );
  } else if (kind === "network") {
    lines.push(
      resourceLine(lb, ctx, { service: "ELB", item: `${lb.name}: Network Load Balancer`, quantity: ctx.hours, price: elb.nlbHour }),
      { ...resourceLine(lb, ctx, { service: "ELB", item: `${lb.name}: NLCUs (usage.nlbNlcuPerHour)`, quantity: ctx.usage.nlbNlcuPerHour * ctx.hours, price: elb.nlbNlcuHour }), basis: "usage" },
    );
  } else {
    ctx.missing(`${kind} load balancer (${lb.name})`);
    return [];
  }
  // An internet-facing load balancer holds one public IPv4 address per zone it serves.
  if (lb.inputs.internal !== true) {
    const zones = Math.max(list(lb.inputs, "subnets").length, list(lb.inputs, "subnetMappings").length, 1);
    lines.push(resourceLine(lb, ctx, { service: "VPC", item: `${lb.name}: ${zones} public IPv4 addresses`, quantity: zones * ctx.hours, price: ctx.prices.ec2.publicIpv4Hour }));
  }
  return lines;
};

const vpcEndpoint: ResourceRule = (endpoint, ctx) => {
  const kind = str(endpoint.inputs, "vpcEndpointType") ?? "Gateway";
  if (kind === "Gateway") return []; // S3 and DynamoDB gateway endpoints are free.
  if (kind !== "Interface") {
    ctx.missing(`${kind} VPC endpoint (${endpoint.name})`);
    return [];
  }
  const zones = Math.max(list(endpoint.inputs, "subnetIds").length, 1);
  const service = (str(endpoint.inputs, "serviceName") ?? "").split(".").slice(3).join(".") || endpoint.name;
  return [
    resourceLine(endpoint, ctx, {
      service: "VPC endpoints",
      item: `${service}: interface endpoint x ${zones} AZ`,
      quantity: zones * ctx.hours,
      price: ctx.prices.vpcEndpoint.interfaceAzHour,
    }),
  ];
};

export const networkRules: Readonly<Record<string, ResourceRule>> = {
  [types.natGateway]: natGateway,
  [types.eip]: eip,
  [types.loadBalancer]: loadBalancer,
  [types.albLoadBalancer]: loadBalancer,
  [types.vpcEndpoint]: vpcEndpoint,
};

export const networkUsageRules: readonly UsageRule[] = [
  (ctx) => {
    const gateways = ctx.index.ofType(types.natGateway);
    if (gateways.length === 0 || ctx.usage.natProcessedGb === 0) return [];
    return [
      usageLine(ctx.tierOf(gateways[0]), gateways, {
        service: "NAT Gateway",
        item: "data processed (usage.natProcessedGb)",
        quantity: ctx.usage.natProcessedGb,
        price: ctx.prices.natGateway.processedGb,
      }),
    ];
  },
  (ctx) => {
    const endpoints = ctx.index.ofType(types.vpcEndpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
    if (endpoints.length === 0 || ctx.usage.interfaceEndpointProcessedGb === 0) return [];
    return [
      usageLine(ctx.tierOf(endpoints[0]), endpoints, {
        service: "VPC endpoints",
        item: "data processed (usage.interfaceEndpointProcessedGb)",
        quantity: ctx.usage.interfaceEndpointProcessedGb,
        price: ctx.prices.vpcEndpoint.processedGb,
      }),
    ];
  },
  (ctx) =>
    ctx.usage.internetEgressGb === 0
      ? []
      : [
          usageLine("network", [], {
            service: "Data transfer",
            item: "out to the internet (usage.internetEgressGb)",
            quantity: ctx.usage.internetEgressGb,
            price: ctx.prices.dataTransfer.internetOutGb,
          }),
        ],
];
