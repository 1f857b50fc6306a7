import { autoName, hex } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

/** Elastic Load Balancing v2; the aws.alb aliases answer the same. */
const loadBalancer: ResourceModel = (ctx) => {
  const name = (ctx.inputs.name ?? autoName(ctx.name, ctx.seed)).slice(0, 32);
  const kind = ctx.inputs.loadBalancerType === "network" ? "net" : "app";
  const suffix = `${kind}/${name}/${hex(ctx.seed, 16)}`;
  const arn = arnOf(ctx, "elasticloadbalancing", `loadbalancer/${suffix}`);
  const scheme = ctx.inputs.internal ? "internal-" : "";
  return {
    id: arn,
    state: {
      arn,
      arnSuffix: suffix,
      name,
      dnsName: `${scheme}${name}-${parseInt(hex(ctx.seed, 8), 16)}.${ctx.region}.elb.amazonaws.com`,
      zoneId: ctx.region === "ap-northeast-1" ? "Z14GRHDCWA56QT" : "ZWKZPGTI48KDX",
      vpcId: `vpc-${hex(`${ctx.seed}vpc`, 17)}`,
    },
  };
};

const listener: ResourceModel = (ctx) => {
  const lb = String(ctx.inputs.loadBalancerArn).split(":loadbalancer/").pop();
  const arn = arnOf(ctx, "elasticloadbalancing", `listener/${lb}/${hex(ctx.seed, 16)}`);
  return { id: arn, state: { arn } };
};

const targetGroup: ResourceModel = (ctx) => {
  const name = (ctx.inputs.name ?? autoName(ctx.name, ctx.seed)).slice(0, 32);
  const suffix = `targetgroup/${name}/${hex(ctx.seed, 16)}`;
  const arn = arnOf(ctx, "elasticloadbalancing", suffix);
  return { id: arn, state: { arn, arnSuffix: suffix, name } };
};

const listenerRule: ResourceModel = (ctx) => {
  const listenerPath = String(ctx.inputs.listenerArn).split(":listener/").pop();
  const arn = arnOf(ctx, "elasticloadbalancing", `listener-rule/${listenerPath}/${hex(ctx.seed, 16)}`);
  return { id: arn, state: { arn } };
};

export const lbResources: Record<string, ResourceModel> = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:lb/listener:Listener": listener,
  "aws:alb/listener:Listener": listener,
  "aws:lb/targetGroup:TargetGroup": targetGroup,
  "aws:alb/targetGroup:TargetGroup": targetGroup,
  "aws:lb/listenerRule:ListenerRule": listenerRule,
  "aws:alb/listenerRule:ListenerRule": listenerRule,
};
