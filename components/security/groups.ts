import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";

export interface SecurityGroupsArgs {
  /** Names every group's `Name` tag `<namePrefix>-<role>`. */
  readonly context: StackContext;
  /** The network tier's VPC. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * Container ports the ALB forwards to (one per service behind it). Empty under EKS: pods carry
   * the cluster security group, which the EKS variant opens to the ALB itself.
   */
  readonly appPorts: readonly number[];
  /**
   * Adds the NLB's group (seed 003's SG-NLB) for services behind the Network Load Balancer: its
   * TLS listener ports from the internet, and the services' container ports to the app group.
   * No NLB group when omitted.
   */
  readonly nlb?: {
    /** The NLB's TLS listener ports, opened to the internet (seed 003: 443). */
    readonly listenerPorts: readonly number[];
    /** The NLB services' container ports, opened from the NLB group to the app group. */
    readonly targetPorts: readonly number[];
  };
  /**
   * When CloudFront fronts the ALB: the id of CloudFront's origin-facing managed prefix list. The
   * ALB then admits HTTPS from CloudFront only, so nobody can bypass the CDN and its WAF by
   * calling the origin name. (The list counts ~55 entries against the group's rule quota of 60,
   * so port 80 is not opened to it: CloudFront redirects viewers to HTTPS itself.) When omitted,
   * the ALB admits 80 and 443 from the internet.
   */
  readonly albOnlyFromPrefixListId?: pulumi.Input<string>;
  /** 5432 for PostgreSQL, 3306 for MySQL. */
  readonly databasePort: number;
  /** The cache's port (Redis: 6379), opened from the workload groups to the cache group. */
  readonly cachePort: number;
  /** Adds the bastion group (Session Manager port forwarding; no inbound rules). */
  readonly bastion: boolean;
  /** Adds the NAT instance group (dev's cheap egress). */
  readonly natInstance: boolean;
}

/**
 * The security-group matrix: internet -> alb (or nlb) -> app -> data, and nothing else. Every rule
 * names a group, except the load balancers' listeners from the internet (ALB 80/443, NLB TLS
 * ports) and egress to the internet on 443 (external APIs and AWS endpoints through NAT). Data
 * groups have no egress at all.
 *
 * Every rule is a resource of its own (never inline in its group), named by what it opens, so
 * adding a port or a service adds rules without rewriting the groups, and a plan shows exactly
 * which path changes.
 */
export class SecurityGroups extends TierComponent {
  readonly alb: aws.ec2.SecurityGroup;
  readonly app: aws.ec2.SecurityGroup;
  readonly lambda: aws.ec2.SecurityGroup;
  readonly database: aws.ec2.SecurityGroup;
  readonly cache: aws.ec2.SecurityGroup;
  readonly endpoints: aws.ec2.SecurityGroup;
  readonly bastion?: aws.ec2.SecurityGroup;
  readonly natInstance?: aws.ec2.SecurityGroup;
  readonly nlb?: aws.ec2.SecurityGroup;

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("security", "SecurityGroups", name, opts);
    const group = (role: string, description: string) =>
      new aws.ec2.SecurityGroup(
        `${name}-${role}`,
        { vpcId: args.vpcId, description, tags: { Name: `${args.context.namePrefix}-${role}` } },
        { parent: this },
      );
    const rule = (direction: "ingress" | "egress") => (key: string, group: aws.ec2.SecurityGroup, port: number, peer: aws.ec2.SecurityGroup | string, description: string) => {
      const args = {
        securityGroupId: group.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description,
        ...(typeof peer === "string" ? { cidrIpv4: peer } : { referencedSecurityGroupId: peer.id }),
      };
      return direction === "ingress"
        ? new aws.vpc.SecurityGroupIngressRule(`${name}-${key}`, args, { parent: this })
        : new aws.vpc.SecurityGroupEgressRule(`${name}-${key}`, args, { parent: this });
    };
    const ingress = rule("ingress");
    const egress = rule("egress");

    this.alb = group("alb", "Load balancer: HTTPS and redirecting HTTP from the internet");
    this.app = group("app", "Application tasks: from the load balancer only");
    this.lambda = group("lambda", "Lambda jobs that reach the data tier");
    this.database = group("database", "Database: from app, jobs and bastion only");
    this.cache = group("cache", "Cache: from app, jobs and bastion only");
    this.endpoints = group("endpoints", "VPC interface endpoints: HTTPS from the VPC's workloads");
    this.bastion = args.bastion ? group("bastion", "Bastion reached through Session Manager: no inbound") : undefined;
    this.natInstance = args.natInstance ? group("nat-instance", "NAT instance: web egress for app and jobs") : undefined;
    this.nlb = args.nlb ? group("nlb", "Network load balancer: TLS (WebSocket) from the internet") : undefined;

    if (args.albOnlyFromPrefixListId) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-alb-in-cloudfront`,
        { securityGroupId: this.alb.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: args.albOnlyFromPrefixListId, description: "HTTPS from CloudFront only" },
        { parent: this },
      );
    } else {
      ingress("alb-in-https", this.alb, 443, anywhere, "HTTPS from the internet");
      ingress("alb-in-http", this.alb, 80, anywhere, "HTTP from the internet, redirected to HTTPS");
    }
    for (const port of uniquePorts(args.appPorts)) {
      egress(`alb-out-app-${port}`, this.alb, port, this.app, `to app port ${port}`);
      ingress(`app-in-alb-${port}`, this.app, port, this.alb, `from the load balancer on ${port}`);
    }
    if (this.nlb && args.nlb) {
      // The only internet CIDR besides the ALB's 80/443: the NLB's TLS listeners (seed 003: 443).
      for (const port of uniquePorts(args.nlb.listenerPorts)) {
        ingress(`nlb-in-tls-${port}`, this.nlb, port, anywhere, `TLS (WebSocket) from the internet on ${port}`);
      }
      for (const port of uniquePorts(args.nlb.targetPorts)) {
        egress(`nlb-out-app-${port}`, this.nlb, port, this.app, `to app port ${port}`);
        ingress(`app-in-nlb-${port}`, this.app, port, this.nlb, `from the network load balancer on ${port}`);
      }
    }

    const workloads: [string, aws.ec2.SecurityGroup][] = [
      ["app", this.app],
      ["lambda", this.lambda],
      ...(this.bastion ? [["bastion", this.bastion] as [string, aws.ec2.SecurityGroup]] : []),
    ];
    for (const [role, source] of workloads) {
      ingress(`database-in-${role}`, this.database, args.databasePort, source, `database from ${role}`);
      egress(`${role}-out-database`, source, args.databasePort, this.database, "to the database");
      ingress(`cache-in-${role}`, this.cache, args.cachePort, source, `cache from ${role}`);
      egress(`${role}-out-cache`, source, args.cachePort, this.cache, "to the cache");
      ingress(`endpoints-in-${role}`, this.endpoints, 443, source, `AWS APIs from ${role}`);
      egress(`${role}-out-https`, source, 443, anywhere, "HTTPS to AWS APIs and external services");
    }
    if (this.natInstance) {
      for (const [role, source] of workloads) {
        for (const port of [80, 443]) {
          ingress(`nat-instance-in-${role}-${port}`, this.natInstance, port, source, `egress traffic from ${role}`);
        }
      }
      egress("nat-instance-out-http", this.natInstance, 80, anywhere, "package mirrors over HTTP");
      egress("nat-instance-out-https", this.natInstance, 443, anywhere, "HTTPS to the internet");
    }

    this.registerOutputs({
      albSecurityGroupId: this.alb.id,
      appSecurityGroupId: this.app.id,
      databaseSecurityGroupId: this.database.id,
      cacheSecurityGroupId: this.cache.id,
    });
  }
}

function uniquePorts(ports: readonly number[]): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** The internet, as a rule's CIDR. */
export const anywhere = "0.0.0.0/0";
