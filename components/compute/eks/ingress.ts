import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TlsPolicy } from "../../../model/edge/settings";

export interface IngressRoute {
  /** The backend Service's name. */
  readonly service: string;
  /** The backend Service's port. */
  readonly port: number;
  /** ALB path patterns, e.g. `/api/*` (seed 004). */
  readonly paths: readonly string[];
  /** Receives `/*`, after every other path (seed 004: frontend). */
  readonly default: boolean;
}

/** The load balancer settings the edge tier decides (platform:edge), applied to the Ingress's ALB. */
export interface IngressLoadBalancer {
  /**
   * The listener's certificates: the edge tier's regional one for the names below first (the
   * default), then the failover name's on a DR pair. The annotation takes a comma-separated list
   * (AWS Load Balancer Controller docs, "Ingress annotations", certificate-arn: the first is the
   * default certificate, the rest join the listener's certificate list for SNI).
   */
  readonly certificateArns: readonly pulumi.Input<string>[];
  /**
   * The region's ALB hosted zone (model/edge/alb-zones.ts, AWS's per-region table): the alias
   * records' zone id. Plain data, so the stack publishes it for a standby's failover record.
   */
  readonly albZoneId: string;
  /** A TLS 1.3 listener policy (edge.alb.sslPolicy). */
  readonly sslPolicy: TlsPolicy;
  /** The ALB's idle timeout: edge.alb.idleTimeoutSeconds, else 3600 with WebSocket services, else 60. */
  readonly idleTimeoutSeconds: number;
  /** The ALB refuses deletion (protected environments, or edge.alb.deletionProtection). */
  readonly deletionProtection: boolean;
  /** Access logs to the storage tier's log bucket under this prefix; none when omitted. */
  readonly accessLogs?: {
    /** The log bucket's name, once its policy grants ELB its writes. */
    readonly bucketName: pulumi.Input<string>;
    /** Key prefix of the ALB's logs (`alb`). */
    readonly prefix: string;
  };
  /** The edge tier's regional web ACL, associated by the controller; none when omitted. */
  readonly webAclArn?: pulumi.Input<string>;
  /** Alias records for the ALB: the app's name, or CloudFront's origin name. */
  readonly dns: {
    /** The edge tier's hosted zone. */
    readonly zoneId: pulumi.Input<string>;
    /** The names that alias the ALB. */
    readonly names: readonly string[];
  };
}

export interface IngressSpec {
  /** The environment's namespace. */
  readonly namespace: pulumi.Input<string>;
  /** The Ingress's name (`<namePrefix>`). */
  readonly name: string;
  /** What the edge tier decided for the ALB. */
  readonly loadBalancer: IngressLoadBalancer;
  /** The platform's load balancer group (HTTPS and HTTP from the internet, egress to pods). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The public subnets the ALB is placed in. */
  readonly publicSubnetIds: readonly pulumi.Input<string>[];
  /** The services behind the ALB, in config order. */
  readonly routes: readonly IngressRoute[];
  /** Tags for the ALB, which the controller creates outside the provider's default tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** The load balancer controller must run first (it builds the ALB). */
  readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * One internet-facing ALB for the environment, built by the AWS Load Balancer Controller from this
 * Ingress: HTTPS with the edge tier's certificate and TLS policy, HTTP redirected to HTTPS, pods as
 * IP targets, path rules in order (specific paths first, the default service's `/*` last), the
 * edge's web ACL and access logs; and the Route 53 alias records that name it.
 */
export function createIngress(name: string, spec: IngressSpec, parent: pulumi.Resource): k8s.networking.v1.Ingress {
  const lb = spec.loadBalancer;
  const ordered = [...spec.routes.filter((r) => !r.default), ...spec.routes.filter((r) => r.default)];
  const paths = ordered.flatMap((route) =>
    (route.default ? ["/*"] : route.paths).map((path) => ({
      path,
      // The controller passes ImplementationSpecific paths to the ALB as path patterns (wildcards).
      pathType: "ImplementationSpecific",
      backend: { service: { name: route.service, port: { number: route.port } } },
    })),
  );
  const attributes: pulumi.Input<string>[] = [
    `deletion_protection.enabled=${lb.deletionProtection}`,
    "routing.http.drop_invalid_header_fields.enabled=true",
    `idle_timeout.timeout_seconds=${lb.idleTimeoutSeconds}`,
    ...(lb.accessLogs
      ? ["access_logs.s3.enabled=true", pulumi.interpolate`access_logs.s3.bucket=${lb.accessLogs.bucketName}`, `access_logs.s3.prefix=${lb.accessLogs.prefix}`]
      : []),
  ];
  const ingress = new k8s.networking.v1.Ingress(
    name,
    {
      metadata: {
        name: spec.name,
        namespace: spec.namespace,
        annotations: {
          "alb.ingress.kubernetes.io/scheme": "internet-facing",
          "alb.ingress.kubernetes.io/target-type": "ip",
          "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
          "alb.ingress.kubernetes.io/ssl-redirect": "443",
          "alb.ingress.kubernetes.io/certificate-arn": pulumi.all([...lb.certificateArns]).apply((arns) => arns.join(",")),
          "alb.ingress.kubernetes.io/ssl-policy": lb.sslPolicy,
          "alb.ingress.kubernetes.io/subnets": pulumi.all([...spec.publicSubnetIds]).apply((ids) => ids.join(",")),
          // The platform's group, not one the controller invents; pod ingress rules are explicit (security-rules.ts).
          "alb.ingress.kubernetes.io/security-groups": spec.securityGroupId,
          "alb.ingress.kubernetes.io/manage-backend-security-group-rules": "false",
          "alb.ingress.kubernetes.io/load-balancer-attributes": pulumi.all(attributes).apply((a) => a.join(",")),
          ...(lb.webAclArn ? { "alb.ingress.kubernetes.io/wafv2-acl-arn": lb.webAclArn } : {}),
          "alb.ingress.kubernetes.io/tags": Object.entries(spec.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(","),
        },
      },
      spec: { ingressClassName: "alb", rules: [{ http: { paths } }] },
    },
    { parent, provider: spec.provider, dependsOn: [...spec.dependsOn] },
  );

  // The controller publishes the ALB's DNS name in the Ingress status, and the Kubernetes provider
  // waits for it: an Ingress is ready once status.loadBalancer.ingress has an entry (pulumi-kubernetes,
  // provider/pkg/await/ingress.go), so the name is known when the records are made, on the first
  // deploy too. Its zone is the region's ALB zone.
  for (const domainName of lb.dns.names) {
    new aws.route53.Record(
      `${name}-record-${domainName.replace(/\./g, "-")}`,
      {
        zoneId: lb.dns.zoneId,
        name: domainName,
        type: "A",
        aliases: [{ name: ingress.status.loadBalancer.ingress[0].hostname, zoneId: lb.albZoneId, evaluateTargetHealth: true }],
      },
      { parent },
    );
  }
  return ingress;
}
