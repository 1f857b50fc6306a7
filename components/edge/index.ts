import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeSettings } from "../../model/edge/settings";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";
import { AlbArgs, ApplicationLoadBalancer } from "./alb";
export type { TrafficShift } from "./alb";
import { Cdn, CdnArgs } from "./cdn";
import { CertificateName, validatedCertificate } from "./certificate";
import { NetworkLoadBalancer, NlbArgs } from "./nlb";
import { WebFirewall, WebFirewallArgs } from "./waf";

export interface EdgeArgs {
  /** `<namePrefix>` starts every name of the tier (load balancers, distribution, web ACL). */
  readonly context: StackContext;
  /** `lookup` finds an existing public zone by name; `create` makes it (protected when `protectZone`). */
  readonly zone: EdgeSettings["zone"];
  /** A created zone: kept by Pulumi (`protect`) so its delegation survives a mistaken destroy. */
  readonly protectZone: boolean;
  /** What users open (seed 001: codemate.code1398.io). */
  readonly domainName: string;
  /** The ALB's own name when CloudFront fronts it; required with `cloudFront`. */
  readonly originDomainName?: string;
  /** The network tier's VPC, where the target groups live. */
  readonly vpcId: pulumi.Input<string>;
  /** The public subnets: the load balancers are placed there. */
  readonly publicSubnetIds: readonly pulumi.Input<string>[];
  /** This tier's ALB (the ECS variant's services); none when omitted. */
  readonly alb?: Omit<AlbArgs, "namePrefix" | "vpcId" | "subnetIds" | "certificateArn">;
  /**
   * The ALB is built outside this tier, by the AWS Load Balancer Controller from the EKS variant's
   * Ingress: the edge issues its certificate (and a regional web ACL), and the compute tier points
   * the ALB at them and owns its alias record.
   * @default false
   */
  readonly ingressAlb?: boolean;
  /** The NLB for `loadBalancer: nlb` services, and the name it answers (`domainName`); none when omitted. */
  readonly nlb?: Omit<NlbArgs, "namePrefix" | "vpcId" | "subnetIds" | "certificateArn"> & {
    /** The NLB's own name (`platform:edge.nlb.domainName`), on the regional certificate. */
    readonly domainName: string;
  };
  /** CloudFront in front of the ALB and the static bucket; none when omitted. */
  readonly cloudFront?: Omit<CdnArgs, "namePrefix" | "domainName" | "originDomainName" | "certificateArn" | "webAclArn">;
  /** A web ACL on the distribution (`cloudfront`) or on the ALB (`alb`); none when omitted. */
  readonly waf?: Omit<WebFirewallArgs, "namePrefix" | "scope" | "associateWith"> & {
    /** `cloudfront`: a CLOUDFRONT-scope ACL in us-east-1 on the distribution; `alb`: a regional ACL on the ALB. */
    readonly attachTo: NonNullable<EdgeSettings["waf"]>["attachTo"];
  };
  /**
   * A provider for us-east-1: CloudFront's certificate and a CLOUDFRONT-scope web ACL must live
   * there. Required with `cloudFront`.
   */
  readonly globalProvider?: pulumi.ProviderResource;
}

/**
 * The edge tier: DNS zone, certificates validated in it, the ALB and NLB, CloudFront and WAF, and
 * the alias records that point the names at them. Names: `domainName` goes to CloudFront when it
 * is on (with `originDomainName` on the ALB), else to the ALB; the NLB has its own name.
 */
export class Edge extends TierComponent {
  readonly zoneId: pulumi.Output<string>;
  /** Regional certificate (ALB, NLB), issued. */
  readonly certificateArn?: pulumi.Output<string>;
  readonly alb?: ApplicationLoadBalancer;
  readonly nlb?: NetworkLoadBalancer;
  readonly cdn?: Cdn;
  readonly firewall?: WebFirewall;
  /** Target group ARN per service, across both load balancers. */
  readonly targetGroupArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Public URLs: `app` (what users open), and one `wss://` URL per NLB service, by service name. */
  readonly urls: Readonly<Record<string, string>>;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("edge", "Edge", name, opts);
    const parent = { parent: this };
    const prefix = args.context.namePrefix;
    if (args.cloudFront && (!args.originDomainName || !args.globalProvider)) {
      throw new Error("Edge: cloudFront needs originDomainName and a us-east-1 globalProvider");
    }
    if (args.waf?.attachTo === "cloudfront" && !args.cloudFront) throw new Error("Edge: a cloudfront web ACL needs cloudFront");
    if (args.waf?.attachTo === "alb" && !args.alb && !args.ingressAlb) throw new Error("Edge: an alb web ACL needs an ALB");
    if (args.alb && args.ingressAlb) throw new Error("Edge: the ALB is either this tier's or the Ingress's, not both");

    this.zoneId =
      args.zone.mode === "create"
        ? new aws.route53.Zone(
            `${name}-zone`,
            { name: args.zone.name, comment: `${prefix}: public names of the platform` },
            { parent: this, protect: args.protectZone },
          ).zoneId
        : aws.route53.getZoneOutput({ name: args.zone.name, privateZone: false }, parent).zoneId;

    // The regional certificate covers what the load balancers answer; CloudFront's covers the rest.
    const regionalNames: CertificateName[] = [];
    if (args.alb || args.ingressAlb) regionalNames.push({ key: args.cloudFront ? "origin" : "app", domainName: args.cloudFront ? args.originDomainName! : args.domainName });
    if (args.nlb) regionalNames.push({ key: "websocket", domainName: args.nlb.domainName });
    const regional = regionalNames.length > 0 ? validatedCertificate(`${name}-certificate`, { zoneId: this.zoneId, names: regionalNames }, parent) : undefined;
    this.certificateArn = regional?.arn;

    const global = { parent: this, provider: args.globalProvider };
    const wafScope = args.waf?.attachTo === "cloudfront" ? "CLOUDFRONT" : "REGIONAL";
    if (args.alb) {
      this.alb = new ApplicationLoadBalancer(
        `${name}-alb`,
        { ...args.alb, namePrefix: prefix, vpcId: args.vpcId, subnetIds: args.publicSubnetIds, certificateArn: regional!.arn },
        parent,
      );
    }
    if (args.nlb) {
      this.nlb = new NetworkLoadBalancer(
        `${name}-nlb`,
        { ...args.nlb, namePrefix: prefix, vpcId: args.vpcId, subnetIds: args.publicSubnetIds, certificateArn: regional!.arn },
        parent,
      );
    }
    if (args.waf) {
      this.firewall = new WebFirewall(
        `${name}-waf`,
        // An Ingress ALB is associated by the load balancer controller (the Ingress names the ACL).
        { ...args.waf, namePrefix: prefix, scope: wafScope, associateWith: wafScope === "REGIONAL" ? this.alb?.loadBalancer.arn : undefined },
        // A CLOUDFRONT-scope ACL exists only in us-east-1.
        wafScope === "CLOUDFRONT" ? { parent: this, providers: { aws: args.globalProvider! } } : parent,
      );
    }
    if (args.cloudFront) {
      const cloudFrontCertificate = validatedCertificate(
        `${name}-certificate-cloudfront`,
        { zoneId: this.zoneId, names: [{ key: "app", domainName: args.domainName }] },
        global,
      );
      this.cdn = new Cdn(
        `${name}-cdn`,
        {
          ...args.cloudFront,
          namePrefix: prefix,
          domainName: args.domainName,
          originDomainName: args.originDomainName!,
          certificateArn: cloudFrontCertificate.arn,
          webAclArn: wafScope === "CLOUDFRONT" ? this.firewall?.arn : undefined,
        },
        parent,
      );
    }

    const alias = (role: string, domainName: string, target: { dnsName: pulumi.Input<string>; zoneId: pulumi.Input<string> }, type: "A" | "AAAA") =>
      new aws.route53.Record(
        `${name}-record-${role}${type === "AAAA" ? "-ipv6" : ""}`,
        {
          zoneId: this.zoneId,
          name: domainName,
          type,
          aliases: [{ name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: true }],
        },
        parent,
      );
    if (this.cdn) {
      const distribution = { dnsName: this.cdn.distribution.domainName, zoneId: this.cdn.distribution.hostedZoneId };
      alias("app", args.domainName, distribution, "A");
      alias("app", args.domainName, distribution, "AAAA");
      if (this.alb) alias("origin", args.originDomainName!, loadBalancerTarget(this.alb.loadBalancer), "A");
    } else if (this.alb) {
      alias("app", args.domainName, loadBalancerTarget(this.alb.loadBalancer), "A");
    }
    if (this.nlb && args.nlb) alias("websocket", args.nlb.domainName, loadBalancerTarget(this.nlb.loadBalancer), "A");

    this.targetGroupArns = { ...(this.alb?.targetGroupArns ?? {}), ...(this.nlb?.targetGroupArns ?? {}) };
    const nlbDomain = args.nlb?.domainName;
    this.urls = {
      app: `https://${args.domainName}`,
      ...Object.fromEntries(
        (args.nlb?.listeners ?? []).map((l) => [l.service, `wss://${nlbDomain}${l.listenerPort === 443 ? "" : `:${l.listenerPort}`}`]),
      ),
    };
    this.registerOutputs({
      zoneId: this.zoneId,
      urls: this.urls,
      albDnsName: this.alb?.loadBalancer.dnsName,
      nlbDnsName: this.nlb?.loadBalancer.dnsName,
      distributionDomainName: this.cdn?.distribution.domainName,
    });
  }
}

function loadBalancerTarget(lb: aws.lb.LoadBalancer) {
  return { dnsName: lb.dnsName, zoneId: lb.zoneId };
}
