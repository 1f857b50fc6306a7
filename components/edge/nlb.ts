import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";
import { deregistrationDelaySeconds, healthCheckSettings } from "./alb";
import { boundedName, targetGroupName } from "../../model/edge/names";

/** A service behind the NLB: TLS on `listenerPort`, plain TCP to the task's `port`. */
export interface NlbListenerSpec {
  readonly service: string;
  /** Seed 003: 443 (WSS). */
  readonly listenerPort: number;
  readonly port: number;
  readonly healthCheckPath: string;
}

export interface NlbArgs {
  readonly namePrefix: string;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The NLB's own group: 443 from the internet, out to the app group on the service ports. */
  readonly securityGroupId: pulumi.Input<string>;
  readonly deletionProtection: boolean;
  readonly sslPolicy: string;
  readonly certificateArn: pulumi.Input<string>;
  /** TLS access logs to this bucket under `prefix`. */
  readonly accessLogs?: { readonly bucketName: pulumi.Input<string>; readonly prefix: string };
  readonly listeners: readonly NlbListenerSpec[];
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
          healthCheck: { enabled: true, protocol: "HTTP", port: "traffic-port", path: spec.healthCheckPath, matcher: "200-399", ...healthCheckSettings },
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
