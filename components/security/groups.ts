import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataStore, dataStores, ServiceReach } from "../../model/security/reach";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";

/** One ECS service as its own group sees it. */
export interface ServiceGroupSpec {
  /** The service's name: its group is `<namePrefix>-ecs-<name>` (seed 003's SG-ECS-API, SG-ECS-WS). */
  readonly name: string;
  /** Its container port: what its load balancer and the services that declare it are let in on. */
  readonly port: number;
  /** Which load balancer's group reaches it on `port`; `none` for a service only other services call. */
  readonly loadBalancer: "alb" | "nlb" | "none";
  /** The stores and services it opens connections to: exactly these become rules. */
  readonly reaches: ServiceReach;
}

/** One Lambda job that runs in the VPC, as its own group sees it. */
export interface JobGroupSpec {
  /** The job's key: its group is `<namePrefix>-lambda-<name>` (seed 003's SG-Lambda). */
  readonly name: string;
  /** The stores it connects to (its `reaches`): exactly these become rules. */
  readonly stores: readonly DataStore[];
}

export interface SecurityGroupsArgs {
  /** Names every group's `Name` tag `<namePrefix>-<role>`. */
  readonly context: StackContext;
  /** The network tier's VPC. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The ECS services, each with a group of its own. Empty under EKS: pods carry the cluster
   * security group, which the EKS variant opens to the ALB and to the stores its services declare.
   */
  readonly services: readonly ServiceGroupSpec[];
  /** The jobs that run in the VPC, each with a group of its own. */
  readonly jobs: readonly JobGroupSpec[];
  /**
   * Adds the NLB's group (seed 003's SG-NLB) with these TLS listener ports open to the internet
   * (seed 003: 443); services with `loadBalancer: nlb` admit it on their ports. No NLB group when omitted.
   */
  readonly nlbListenerPorts?: readonly number[];
  /**
   * When CloudFront fronts the ALB: the id of CloudFront's origin-facing managed prefix list. The
   * ALB then admits HTTPS from CloudFront only, so nobody can bypass the CDN and its WAF by
   * calling the origin name. (The list counts ~55 entries against the group's rule quota of 60,
   * so port 80 is not opened to it: CloudFront redirects viewers to HTTPS itself.) When omitted,
   * the ALB admits 80 and 443 from the internet.
   */
  readonly albOnlyFromPrefixListId?: pulumi.Input<string>;
  /** Each store's port: the engine's for the database (5432 PostgreSQL, 3306 MySQL), 6379 for Redis. */
  readonly storePorts: Readonly<Record<DataStore, number>>;
  /** Adds the bastion group (Session Manager port forwarding; no inbound rules), which reaches both stores. */
  readonly bastion: boolean;
  /** Adds the NAT instance group (dev's cheap egress). */
  readonly natInstance: boolean;
}

type Group = aws.ec2.SecurityGroup;

/**
 * The security-group matrix: internet -> alb (or nlb) -> one group per service -> the stores it
 * declares, and nothing else. Every workload (each ECS service, each VPC job, the bastion) has a
 * group of its own, so a store admits exactly the workloads that declare it (seed 002: the web
 * tier cannot reach PostgreSQL; seed 003: SG-ECS-API and SG-ECS-WS). Every rule names a group,
 * except the load balancers' listeners from the internet (ALB 80/443, NLB TLS ports) and egress
 * to the internet on 443 (external APIs, and the image pulls, secrets and logs Fargate fetches
 * through the task's own interface). Data groups have no egress at all.
 *
 * Every rule is a resource of its own (never inline in its group), named by what it opens, so
 * adding a port, a service or a declaration adds rules without rewriting the groups, and a plan
 * shows exactly which path changes.
 */
export class SecurityGroups extends TierComponent {
  readonly alb: Group;
  /** Each ECS service's own group, by service name. */
  readonly services: Readonly<Record<string, Group>>;
  /** Each VPC job's own group, by job key. */
  readonly jobs: Readonly<Record<string, Group>>;
  readonly database: Group;
  readonly cache: Group;
  readonly endpoints: Group;
  readonly bastion?: Group;
  readonly natInstance?: Group;
  readonly nlb?: Group;

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("security", "SecurityGroups", name, opts);
    const group = (role: string, description: string) =>
      new aws.ec2.SecurityGroup(
        `${name}-${role}`,
        { vpcId: args.vpcId, description, tags: { Name: `${args.context.namePrefix}-${role}` } },
        { parent: this },
      );
    const rule = (direction: "ingress" | "egress") => (key: string, group: Group, port: number, peer: Group | string, description: string) => {
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
    /** `from` may open connections to `to` on `port`: the egress on one side, the ingress on the other. */
    const connect = (from: [string, Group], to: [string, Group], port: number, describe: { out: string; in: string }) => {
      egress(`${from[0]}-out-${to[0]}`, from[1], port, to[1], describe.out);
      ingress(`${to[0]}-in-${from[0]}`, to[1], port, from[1], describe.in);
    };

    this.alb = group("alb", "Load balancer: HTTPS and redirecting HTTP from the internet");
    // A group's description forces its replacement (the provider marks it ForceNew), and the data
    // stores' groups carry live databases: these keep the wording they were deployed with.
    this.database = group("database", "Database: from app, jobs and bastion only");
    this.cache = group("cache", "Cache: from app, jobs and bastion only");
    this.endpoints = group("endpoints", "VPC interface endpoints: HTTPS from the VPC's workloads");
    this.bastion = args.bastion ? group("bastion", "Bastion reached through Session Manager: no inbound") : undefined;
    this.natInstance = args.natInstance ? group("nat-instance", "NAT instance: web egress for app and jobs") : undefined;
    this.nlb = args.nlbListenerPorts ? group("nlb", "Network load balancer: TLS (WebSocket) from the internet") : undefined;
    const services: Record<string, Group> = {};
    for (const service of args.services) {
      services[service.name] = group(`ecs-${service.name}`, `ECS service ${service.name}: from its load balancer and the services that declare it`);
    }
    this.services = services;
    const jobs: Record<string, Group> = {};
    for (const job of args.jobs) jobs[job.name] = group(`lambda-${job.name}`, `Lambda job ${job.name}: no inbound; out to the stores it declares`);
    this.jobs = jobs;

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
    // The only internet CIDR besides the ALB's 80/443: the NLB's TLS listeners (seed 003: 443).
    if (this.nlb) {
      for (const port of uniquePorts(args.nlbListenerPorts ?? [])) ingress(`nlb-in-tls-${port}`, this.nlb, port, anywhere, `TLS (WebSocket) from the internet on ${port}`);
    }

    const stores: Record<DataStore, Group> = { database: this.database, cache: this.cache };
    const workloads: [string, Group, readonly DataStore[]][] = [
      ...args.services.map((s): [string, Group, readonly DataStore[]] => [`ecs-${s.name}`, services[s.name], s.reaches.stores]),
      ...args.jobs.map((j): [string, Group, readonly DataStore[]] => [`lambda-${j.name}`, jobs[j.name], j.stores]),
      ...(this.bastion ? [["bastion", this.bastion, dataStores] as [string, Group, readonly DataStore[]]] : []),
    ];

    const byName = new Map(args.services.map((s) => [s.name, s]));
    for (const service of args.services) {
      const own: [string, Group] = [`ecs-${service.name}`, services[service.name]];
      const balancer = service.loadBalancer === "alb" ? this.alb : service.loadBalancer === "nlb" ? this.nlb : undefined;
      if (balancer) {
        const which = service.loadBalancer === "alb" ? "the load balancer" : "the network load balancer";
        connect([service.loadBalancer, balancer], own, service.port, { out: `to ${own[0]} port ${service.port}`, in: `from ${which} on ${service.port}` });
      }
      for (const target of service.reaches.services) {
        const called = byName.get(target);
        if (!called) throw new Error(`SecurityGroups: service ${service.name} reaches ${target}, which is not a service of this stack`);
        connect(own, [`ecs-${target}`, services[target]], called.port, { out: `to ecs-${target} port ${called.port}`, in: `from ${own[0]} on ${called.port}` });
      }
    }
    for (const [role, source, reached] of workloads) {
      for (const store of reached) connect([role, source], [store, stores[store]], args.storePorts[store], { out: `to the ${store}`, in: `${store} from ${role}` });
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
      serviceSecurityGroupIds: Object.fromEntries(Object.entries(services).map(([key, g]) => [key, g.id])),
      jobSecurityGroupIds: Object.fromEntries(Object.entries(jobs).map(([key, g]) => [key, g.id])),
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
