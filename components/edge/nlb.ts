import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";
import { deregistrationDelaySeconds, targetGroupHealthCheck } from "./alb";
import { boundedName, targetGroupName } from "../../model/edge/names";
import type { TlsPolicy } from "../../model/edge/settings";

export interface NlbArgs {
  /** `<project>-<env>`: the load balancer's and target groups' names start with it. */
  readonly namePrefix: string;
  /** The network tier's VPC, where the target groups live. */
  readonly vpcId: pulumi.Input<string>;
  /** The public subnets, one per zone. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The NLB's own group: 443 from the internet, out to the app group on the service ports. */
  readonly securityGroupId: pulumi.Input<string>;
  /** The NLB refuses deletion (protected environments, or edge.nlb.deletionProtection). */
  readonly deletionProtection: boolean;
  /** TLS policy of the listeners: the ALB's (edge.alb.sslPolicy). */
  readonly sslPolicy: TlsPolicy;
  /** The regional certificate, which covers the NLB's name. */
  readonly certificateArn: pulumi.Input<string>;
  /** TLS access logs to this bucket under `prefix`; none when omitted. */
  readonly accessLogs?: {
    /** The log bucket's name, once its policy grants log delivery its writes. */
    readonly bucketName: pulumi.Input<string>;
    /** Key prefix of the NLB's logs (`nlb`). */
    readonly prefix: string;
  };
  /** One TLS listener and target group per service. */
  readonly listeners: readonly NlbListenerSpec[];
}

/** A service behind the NLB: TLS on `listenerPort`, plain TCP to the task's `port`. */
export interface NlbListenerSpec {
  /** The service's name: its target group's and listener's key. */
  readonly service: string;
  /** Seed 003: 443 (WSS). */
  readonly listenerPort: number;
  /** The container port the target group sends to (tasks are IP targets). */
  readonly port: number;
  /** HTTP path of the target group's health check. */
  readonly healthCheckPath: string;
}

/**
 * The Network Load Balancer for raw TCP / WebSocket services (seed 003's ws server): TLS ends
 * at the NLB, targets are the tasks' IPs, and source-IP stickiness keeps a client on one task.
 */
export class NetworkLoadBalancer extends TierComponent {
  readonly loadBalancer: aws.lb.LoadBalancer;
  /** Target group ARN per service, resolved once its listener exists (see ApplicationLoadBalancer). */
  readonly targetGroupArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: NlbArgs, opts?: pulumi.ComponentResourceOptions) {
    super("edge", "NetworkLoadBalancer", name, opts);
    const parent = { parent: this };

    this.loadBalancer = new aws.lb.LoadBalancer(
      name,
      {
        name: boundedName(`${args.namePrefix}-nlb`, 32),
        loadBalancerType: "network",
        internal: false,
        subnets: [...args.subnetIds],
        // An NLB takes security groups only at creation; without one its targets must admit the internet.
        securityGroups: [args.securityGroupId],
        enableCrossZoneLoadBalancing: true,
        enableDeletionProtection: args.deletionProtection,
        accessLogs: args.accessLogs ? { bucket: args.accessLogs.bucketName, prefix: args.accessLogs.prefix, enabled: true } : undefined,
      },
      parent,
    );

    const arns: Record<string, pulumi.Output<string>> = {};
    for (const spec of args.listeners) {
      const group = new aws.lb.TargetGroup(
        `${name}-tg-${spec.service}`,
        {
          name: targetGroupName(args.namePrefix, spec.service, `TCP:${spec.port}:ip`),
          vpcId: args.vpcId,
          targetType: "ip",
          protocol: "TCP",
          port: spec.port,
          // Tasks see the NLB's address, so the app group admits the NLB's group, not the internet.
          preserveClientIp: "false",
          deregistrationDelay: deregistrationDelaySeconds,
          healthCheck: targetGroupHealthCheck(spec.healthCheckPath),
          stickiness: { type: "source_ip", enabled: true },
        },
        parent,
      );
      const listener = new aws.lb.Listener(
        `${name}-tls-${spec.service}`,
        {
          loadBalancerArn: this.loadBalancer.arn,
          port: spec.listenerPort,
          protocol: "TLS",
          sslPolicy: args.sslPolicy,
          certificateArn: args.certificateArn,
          defaultActions: [{ type: "forward", targetGroupArn: group.arn }],
        },
        parent,
      );
      arns[spec.service] = pulumi.all([group.arn, listener.arn]).apply(([arn]) => arn);
    }
    this.targetGroupArns = arns;
    this.registerOutputs({ dnsName: this.loadBalancer.dnsName, arn: this.loadBalancer.arn });
  }
}
