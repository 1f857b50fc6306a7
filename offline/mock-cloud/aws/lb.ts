import { hex } from "../ids";
import { str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

/**
 * Elastic Load Balancing's canonical hosted zones (what alias records point at), per region and
 * load balancer type, from the ELB endpoints table.
 */
export const loadBalancerZones: Readonly<Record<string, { application: string; network: string }>> = {
  "ap-northeast-1": { application: "Z14GRHDCWA56QT", network: "Z31USIVHYNEOWT" },
  "ap-northeast-2": { application: "ZWKZPGTI48KDX", network: "ZIBE1TIR4HY56" },
  "ap-northeast-3": { application: "Z5LXEXXYW11ES", network: "Z1GWIQ4HH19I5X" },
  "us-east-1": { application: "Z35SXDOTRQ7X7K", network: "Z26RNL4JYFTOTI" },
  "us-west-2": { application: "Z1H1FL5HABSF5", network: "Z18D5FSROUN65G" },
};

const elbArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "elasticloadbalancing", resource);

/** `arn:...:loadbalancer/app/<name>/<id>` -> `app/<name>/<id>`. */
function loadBalancerPath(arn: string): string {
  const marker = ":loadbalancer/";
  const at = arn.indexOf(marker);
  if (at < 0) throw new Error(`not a load balancer ARN: ${arn}`);
  return arn.slice(at + marker.length);
}

function checkName(ctx: ModelContext, name: string): void {
  if (name.length > 32 || !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name)) {
    throw new Error(`${ctx.name}: ${name} is not a valid load balancer or target group name (32 characters of letters, digits and '-')`);
  }
}

export const lbResources: Record<string, ResourceModel> = {
  "aws:lb/loadBalancer:LoadBalancer": (ctx) => {
    const name = str(ctx.inputs, "name") ?? `${ctx.name.slice(0, 24)}-${hex(ctx.seed, 7)}`;
    checkName(ctx, name);
    const type: "application" | "network" = ctx.inputs.loadBalancerType === "network" ? "network" : "application";
    const id = hex(ctx.seed, 16);
    const arnSuffix = `${type === "network" ? "net" : "app"}/${name}/${id}`;
    const zones = loadBalancerZones[ctx.region];
    if (!zones) throw new Error(`no load balancer hosted zone known for ${ctx.region}`);
    const dnsName =
      type === "network"
        ? `${name}-${id}.elb.${ctx.region}.amazonaws.com`
        : `${name}-${parseInt(hex(ctx.seed, 8), 16)}.${ctx.region}.elb.amazonaws.com`;
    const arn = elbArn(ctx, `loadbalancer/${arnSuffix}`);
    return { id: arn, state: { arn, arnSuffix, dnsName, zoneId: zones[type], name, vpcId: `vpc-${hex(ctx.seed + "vpc", 17)}` } };
  },
  "aws:lb/targetGroup:TargetGroup": (ctx) => {
    const name = str(ctx.inputs, "name") ?? `${ctx.name.slice(0, 24)}-${hex(ctx.seed, 7)}`;
    checkName(ctx, name);
    const arnSuffix = `targetgroup/${name}/${hex(ctx.seed, 16)}`;
    const arn = elbArn(ctx, arnSuffix);
    return { id: arn, state: { arn, arnSuffix, name } };
  },
  "aws:lb/listener:Listener": (ctx) => {
    const path = loadBalancerPath(String(ctx.inputs.loadBalancerArn));
    const protocol = str(ctx.inputs, "protocol");
    if (protocol !== undefined && ["HTTPS", "TLS"].includes(protocol) && !ctx.inputs.certificateArn) throw new Error(`${ctx.name}: a ${protocol} listener needs a certificate`);
    const arn = elbArn(ctx, `listener/${path}/${hex(ctx.seed, 16)}`);
    return { id: arn, state: { arn } };
  },
  /** An extra certificate on a listener (SNI): the listener and the certificate must both be in its region. */
  "aws:lb/listenerCertificate:ListenerCertificate": (ctx) => {
    const listener = String(ctx.inputs.listenerArn);
    const certificate = String(ctx.inputs.certificateArn);
    if (!listener.startsWith(`arn:aws:elasticloadbalancing:${ctx.region}:`)) throw new Error(`${ctx.name}: listener ${listener} is not in ${ctx.region}`);
    if (!certificate.startsWith(`arn:aws:acm:${ctx.region}:`)) throw new Error(`${ctx.name}: a load balancer in ${ctx.region} takes ACM certificates of ${ctx.region} only, not ${certificate}`);
    return { id: `${listener}_${certificate}`, state: {} };
  },
  "aws:lb/listenerRule:ListenerRule": (ctx) => {
    const listenerPath = String(ctx.inputs.listenerArn).split(":listener/")[1];
    const arn = elbArn(ctx, `listener-rule/${listenerPath}/${hex(ctx.seed, 16)}`);
    return { id: arn, state: { arn } };
  },
};
