import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";
import { boundedName, targetGroupName } from "../../model/edge/names";
import { PathRule } from "../../model/edge/routing";
import type { TlsPolicy } from "../../model/edge/settings";

export interface AlbArgs {
  /** `<project>-<env>`: the load balancer's and target groups' names start with it. */
  readonly namePrefix: string;
  /** The network tier's VPC, where the target groups live. */
  readonly vpcId: pulumi.Input<string>;
  /** The public subnets, one per zone. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The security tier's ALB group (80/443 from the internet or CloudFront, out to the app group). */
  readonly securityGroupId: pulumi.Input<string>;
  /** Seed 001: 3600 s when WebSockets pass through; ALB's default is 60 s. */
  readonly idleTimeoutSeconds: number;
  /** The ALB refuses deletion (protected environments, or edge.alb.deletionProtection). */
  readonly deletionProtection: boolean;
  /** Seed 001: ELBSecurityPolicy-TLS13-1-2-2021-06. */
  readonly sslPolicy: TlsPolicy;
  /** The validated certificate's ARN. */
  readonly certificateArn: pulumi.Input<string>;
  /** Access logs to this bucket under `prefix`; omitted = none. */
  readonly accessLogs?: {
    /** The log bucket's name, once its policy grants ELB its writes. */
    readonly bucketName: pulumi.Input<string>;
    /** Key prefix of the ALB's logs (`alb`). */
    readonly prefix: string;
  };
  /** The services behind the ALB: one target group each. */
  readonly targets: readonly AlbTarget[];
  /** Path rules of the HTTPS listener, in priority order (the routing plan's). */
  readonly rules: readonly PathRule[];
  /** Service behind the default action; without one the listener answers 404. */
  readonly defaultService?: string;
}

/** A service behind the ALB. */
export interface AlbTarget {
  /** The service's name: its target group's key. */
  readonly name: string;
  /** The container port the target group sends to (tasks are IP targets). */
  readonly port: number;
  /** HTTP path of the target group's health check. */
  readonly healthCheckPath: string;
  /** Long-lived connections: cookie stickiness on its target group (seed 001 backend). */
  readonly websocket: boolean;
  /**
   * ECS moves this service's traffic between two target groups (blue-green, canary, linear): it
   * gets an alternate target group and one production listener rule whose weights ECS owns. The
   * config allows it only with exactly one route (one path rule, or the default).
   */
  readonly shiftsTraffic: boolean;
}

/** What ECS needs to shift a service's traffic (the service's `loadBalancers[].advancedConfiguration`). */
export interface TrafficShift {
  /** The target group the new revision starts in; ECS swaps the two after each deployment. */
  readonly alternateTargetGroupArn: pulumi.Output<string>;
  /** `targetgroup/<name>/<id>`: the alarms watch both groups, since either may be production. */
  readonly alternateTargetGroupArnSuffix: pulumi.Output<string>;
  /** The primary group's ARN (the one the service names first). */
  readonly primaryTargetGroupArn: pulumi.Output<string>;
  /** The listener rule whose forward weights ECS changes. */
  readonly productionListenerRuleArn: pulumi.Output<string>;
}

/** ALB's highest rule priority (1-50000, ELB API Reference, CreateRule): the catch-all of a default service that shifts traffic. */
export const catchAllPriority = 50000;

/**
 * The internet-facing ALB: HTTPS on 443 with a TLS 1.3 policy, HTTP on 80 that only redirects,
 * a target group per service and a listener rule per path pattern.
 *
 * Rules are named by service and pattern, never by position, and their priorities come from the
 * routing plan (model/edge/routing.ts): adding a path changes priorities in place instead of
 * replacing the other rules. Target groups are IP targets, as Fargate tasks require.
 */
export class ApplicationLoadBalancer extends TierComponent {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly httpsListener: aws.lb.Listener;
  /**
   * Target group ARN per service, resolved only once the group is attached to a listener: ECS
   * refuses to create a service on a target group without a load balancer.
   */
  readonly targetGroupArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Per service that shifts traffic: its alternate target group and production rule. */
  readonly trafficShifts: Readonly<Record<string, TrafficShift>>;

  constructor(name: string, args: AlbArgs, opts?: pulumi.ComponentResourceOptions) {
    super("edge", "ApplicationLoadBalancer", name, opts);
    const parent = { parent: this };

    this.loadBalancer = new aws.lb.LoadBalancer(
      name,
      {
        name: boundedName(`${args.namePrefix}-alb`, 32),
        loadBalancerType: "application",
        internal: false,
        subnets: [...args.subnetIds],
        securityGroups: [args.securityGroupId],
        idleTimeout: args.idleTimeoutSeconds,
        enableDeletionProtection: args.deletionProtection,
        // Requests with malformed headers are dropped instead of passed to the application.
        dropInvalidHeaderFields: true,
        enableHttp2: true,
        accessLogs: args.accessLogs ? { bucket: args.accessLogs.bucketName, prefix: args.accessLogs.prefix, enabled: true } : undefined,
      },
      parent,
    );

    const targetGroups: Record<string, aws.lb.TargetGroup> = {};
    for (const target of args.targets) {
      targetGroups[target.name] = new aws.lb.TargetGroup(
        `${name}-tg-${target.name}`,
        {
          name: targetGroupName(args.namePrefix, target.name, `HTTP:${target.port}:ip`),
          vpcId: args.vpcId,
          targetType: "ip",
          protocol: "HTTP",
          // WebSocket upgrades need HTTP/1.1 to the target.
          protocolVersion: "HTTP1",
          port: target.port,
          deregistrationDelay: deregistrationDelaySeconds,
          healthCheck: targetGroupHealthCheck(target.healthCheckPath),
          // Seed 001: session affinity for the WebSocket service, so reconnects land on the same task.
          stickiness: target.websocket ? { type: "lb_cookie", enabled: true, cookieDuration: 86400 } : { type: "lb_cookie", enabled: false },
        },
        parent,
      );
    }

    const shifting = new Set(args.targets.filter((t) => t.shiftsTraffic).map((t) => t.name));
    const alternates: Record<string, aws.lb.TargetGroup> = {};
    for (const target of args.targets.filter((t) => t.shiftsTraffic)) {
      // The same settings as the primary group: ECS moves the service between the two.
      alternates[target.name] = new aws.lb.TargetGroup(
        `${name}-tg-${target.name}-alternate`,
        {
          name: targetGroupName(args.namePrefix, `${target.name}-alt`, `HTTP:${target.port}:ip`),
          vpcId: args.vpcId,
          targetType: "ip",
          protocol: "HTTP",
          protocolVersion: "HTTP1",
          port: target.port,
          deregistrationDelay: deregistrationDelaySeconds,
          healthCheck: targetGroupHealthCheck(target.healthCheckPath),
          stickiness: target.websocket ? { type: "lb_cookie", enabled: true, cookieDuration: 86400 } : { type: "lb_cookie", enabled: false },
        },
        parent,
      );
    }
    const forward = (service: string) =>
      shifting.has(service)
        ? // Production on the primary group, none on the alternate: ECS moves the weights during a
          // deployment ("Application Load Balancer resources for blue/green, linear, and canary
          // deployments", ECS Developer Guide).
          { type: "forward", forward: { targetGroups: [{ arn: targetGroups[service].arn, weight: 100 }, { arn: alternates[service].arn, weight: 0 }] } }
        : { type: "forward", targetGroupArn: targetGroups[service].arn };
    // A default service that shifts traffic is served by a catch-all rule: ECS shifts a listener
    // rule, not a listener's default action; the default action then answers 404 (never reached).
    const defaultShifts = args.defaultService !== undefined && shifting.has(args.defaultService);
    this.httpsListener = new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: args.sslPolicy,
        certificateArn: args.certificateArn,
        defaultActions: [
          args.defaultService && !defaultShifts
            ? forward(args.defaultService)
            : { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" } },
        ],
      },
      parent,
    );
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      },
      parent,
    );

    const attached: Record<string, pulumi.Output<string>[]> = {};
    const productionRules: Record<string, aws.lb.ListenerRule> = {};
    const rules = [...args.rules];
    if (defaultShifts) rules.push({ service: args.defaultService, pathPattern: "/*", priority: catchAllPriority, key: "default" });
    for (const rule of rules) {
      const shifts = shifting.has(rule.service);
      const listenerRule = new aws.lb.ListenerRule(
        `${name}-rule-${rule.service}-${rule.key}`,
        {
          listenerArn: this.httpsListener.arn,
          priority: rule.priority,
          actions: [forward(rule.service)],
          conditions: [{ pathPattern: { values: [rule.pathPattern] } }],
        },
        // ECS owns the weights after the first deployment (and swaps the groups): an update must
        // not set them back.
        shifts ? { parent: this, ignoreChanges: ["actions"] } : parent,
      );
      (attached[rule.service] ??= []).push(listenerRule.arn);
      if (shifts) productionRules[rule.service] = listenerRule;
    }
    if (args.defaultService && !defaultShifts) (attached[args.defaultService] ??= []).push(this.httpsListener.arn);

    this.targetGroupArns = Object.fromEntries(
      Object.entries(targetGroups).map(([service, group]) => [
        service,
        pulumi.all([group.arn, ...(attached[service] ?? [])]).apply(([arn]) => arn),
      ]),
    );
    this.trafficShifts = Object.fromEntries(
      Object.entries(alternates).map(([service, alternate]) => {
        const rule = productionRules[service];
        if (!rule) throw new Error(`ApplicationLoadBalancer: ${service} shifts traffic but has no listener rule`);
        return [
          service,
          {
            alternateTargetGroupArn: alternate.arn,
            alternateTargetGroupArnSuffix: alternate.arnSuffix,
            primaryTargetGroupArn: targetGroups[service].arn,
            productionListenerRuleArn: rule.arn,
          },
        ];
      }),
    );
    this.registerOutputs({ dnsName: this.loadBalancer.dnsName, arn: this.loadBalancer.arn });
  }
}

/** Target-group health checks of seed 001: healthy after 2, unhealthy after 3, every 30 s. */
export const healthCheckSettings = { healthyThreshold: 2, unhealthyThreshold: 3, intervalSeconds: 30, timeoutSeconds: 5 } as const;
/** Seed 001's connection draining. */
export const deregistrationDelaySeconds = 300;

/** A target group's HTTP health check on the traffic port: any 2xx or 3xx answer of `path` is healthy. */
export function targetGroupHealthCheck(path: string): aws.types.input.lb.TargetGroupHealthCheck {
  return {
    enabled: true,
    protocol: "HTTP",
    port: "traffic-port",
    path,
    matcher: "200-399",
    healthyThreshold: healthCheckSettings.healthyThreshold,
    unhealthyThreshold: healthCheckSettings.unhealthyThreshold,
    interval: healthCheckSettings.intervalSeconds,
    timeout: healthCheckSettings.timeoutSeconds,
  };
}
