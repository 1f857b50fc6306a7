import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";

/** One side of the failover: the load balancer its record answers with. */
export interface FailoverSide {
  /** Stack name: the record's set identifier. */
  readonly stack: string;
  /** The load balancer's DNS name (alias target). */
  readonly albDnsName: pulumi.Input<string>;
  /** The load balancer's canonical hosted zone (alias target). */
  readonly albZoneId: pulumi.Input<string>;
}

/**
 * The HTTPS listeners of an ECS pair's own ALBs, which get a certificate for the failover name
 * from this component. An EKS pair has none here: the load balancer controller keeps each Ingress
 * ALB's certificates to its Ingress's list, so each side's Ingress lists the name's certificate
 * (failover-certificate.ts).
 */
export interface FailoverListeners {
  /** The primary's HTTPS listener (from its outputs). */
  readonly primary: pulumi.Input<string>;
  /** This stack's HTTPS listener. */
  readonly standby: pulumi.Input<string>;
  /** The primary's region, for the certificate on the primary's listener. */
  readonly primaryProvider: pulumi.ProviderResource;
}

export interface FailoverArgs {
  /** The hosted zone the edge tier uses. */
  readonly zoneId: pulumi.Input<string>;
  /** The name users and the drill reach; answered by the PRIMARY while it is healthy. */
  readonly domainName: string;
  /** The primary's own health URL (its load balancer's name, bypassing the failover record). */
  readonly primaryHealthUrl: pulumi.Input<string>;
  /** The primary's side (from its outputs): the PRIMARY record, health-checked. */
  readonly primary: FailoverSide;
  /** This stack's side: the SECONDARY record. */
  readonly standby: FailoverSide;
  /**
   * From `platform:dr.state`: while the standby serves, the PRIMARY's health check is inverted, so
   * Route 53 answers SECONDARY. The drill flips it through the API first; the config it records
   * makes the next `up` agree instead of flipping it back.
   */
  readonly inverted: boolean;
  /** An ECS pair's listeners, which get the name's certificates here; absent for an EKS pair (its Ingresses list them). */
  readonly listeners?: FailoverListeners;
}

/**
 * The failover name: a Route 53 failover record pair in the edge's zone (PRIMARY on the primary's
 * load balancer with a health check on it, SECONDARY on this stack's), and, for an ECS pair, a
 * certificate for the name on each load balancer's HTTPS listener.
 */
export class Failover extends TierComponent {
  readonly healthCheck: aws.route53.HealthCheck;
  readonly records: { readonly primary: aws.route53.Record; readonly secondary: aws.route53.Record };

  constructor(name: string, args: FailoverArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dr", "Failover", name, opts);
    const parent = { parent: this };
    const target = pulumi.output(args.primaryHealthUrl).apply((url) => new URL(url));

    this.healthCheck = new aws.route53.HealthCheck(
      `${name}-primary-health`,
      {
        type: "HTTPS",
        fqdn: target.hostname,
        port: 443,
        resourcePath: target.apply((url) => `${url.pathname}${url.search}`),
        enableSni: true,
        failureThreshold: healthCheckSettings.failureThreshold,
        requestInterval: healthCheckSettings.requestIntervalSeconds,
        invertHealthcheck: args.inverted,
        tags: { Name: `${args.primary.stack}: ${args.domainName} PRIMARY` },
      },
      parent,
    );

    if (args.listeners) this.attachCertificates(name, args.zoneId, args.domainName, args.listeners);

    const record = (role: "PRIMARY" | "SECONDARY", side: FailoverSide, healthCheckId?: pulumi.Input<string>) =>
      new aws.route53.Record(
        `${name}-record-${role.toLowerCase()}`,
        {
          zoneId: args.zoneId,
          name: args.domainName,
          type: "A",
          setIdentifier: side.stack,
          failoverRoutingPolicies: [{ type: role }],
          healthCheckId,
          // A load balancer without a healthy target (fenced, or in a region that is down) counts
          // as unhealthy too, whatever the health check says.
          aliases: [{ name: side.albDnsName, zoneId: side.albZoneId, evaluateTargetHealth: true }],
        },
        parent,
      );
    this.records = { primary: record("PRIMARY", args.primary, this.healthCheck.id), secondary: record("SECONDARY", args.standby) };
    this.registerOutputs({ healthCheckId: this.healthCheck.id, domainName: args.domainName });
  }

  /**
   * A certificate for the name on each load balancer's HTTPS listener (an ALB serves certificates
   * of its own region, so one per region; ACM validates a name with the same record in every
   * region, so one record).
   */
  private attachCertificates(name: string, zoneId: pulumi.Input<string>, domainName: string, listeners: FailoverListeners): void {
    const parent = { parent: this };
    const standbyCertificate = new aws.acm.Certificate(`${name}-certificate-standby`, { domainName, validationMethod: "DNS", keyAlgorithm: "RSA_2048" }, parent);
    const primaryCertificate = new aws.acm.Certificate(
      `${name}-certificate-primary`,
      { domainName, validationMethod: "DNS", keyAlgorithm: "RSA_2048" },
      { parent: this, provider: listeners.primaryProvider },
    );
    const option = standbyCertificate.domainValidationOptions.apply((options) => {
      const match = options.find((o) => o.domainName === domainName);
      if (!match) throw new Error(`ACM returned no validation record for ${domainName}`);
      return match;
    });
    const validationRecord = new aws.route53.Record(
      `${name}-certificate-validation`,
      { zoneId, name: option.resourceRecordName, type: option.resourceRecordType, records: [option.resourceRecordValue], ttl: 300 },
      parent,
    );
    const attach = (side: "standby" | "primary", certificate: aws.acm.Certificate, listenerArn: pulumi.Input<string>, opts: pulumi.CustomResourceOptions) => {
      const validation = new aws.acm.CertificateValidation(
        `${name}-certificate-${side}`,
        { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
        opts,
      );
      new aws.lb.ListenerCertificate(`${name}-listener-certificate-${side}`, { listenerArn, certificateArn: validation.certificateArn }, opts);
    };
    attach("standby", standbyCertificate, listeners.standby, parent);
    attach("primary", primaryCertificate, listeners.primary, { parent: this, provider: listeners.primaryProvider });
  }
}

/**
 * Route 53 health checks: 3 failures 30 s apart mark the primary unhealthy (the drill's DNS wait
 * and seed 003's 60 s TTL are sized to it).
 */
export const healthCheckSettings = { failureThreshold: 3, requestIntervalSeconds: 30 } as const;
