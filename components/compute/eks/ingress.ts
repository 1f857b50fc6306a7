import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** ALB listener policy: TLS 1.3 with TLS 1.2 fallback (AWS's recommended policy). */
export const albSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface IngressRoute {
  readonly service: string;
  readonly port: number;
  /** ALB path patterns, e.g. `/api/*` (seed 004). */
  readonly paths: readonly string[];
  /** Receives `/*`, after every other path (seed 004: frontend). */
  readonly default: boolean;
  readonly websocket: boolean;
}

export interface IngressSpec {
  readonly namespace: pulumi.Input<string>;
  readonly name: string;
  readonly certificateArn: pulumi.Input<string>;
  /** The platform's load balancer group (HTTPS and HTTP from the internet, egress to pods). */
  readonly securityGroupId: pulumi.Input<string>;
  readonly publicSubnetIds: readonly pulumi.Input<string>[];
  readonly routes: readonly IngressRoute[];
  /** The ALB refuses deletion (protected environments). */
  readonly deletionProtection: boolean;
  /** Tags for the ALB, which the controller creates outside the provider's default tags. */
  readonly tags: Readonly<Record<string, string>>;
  readonly provider: k8s.Provider;
  readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * One internet-facing ALB for the environment, built by the AWS Load Balancer Controller from this
 * Ingress: HTTPS with the given certificate, HTTP redirected to HTTPS, pods as IP targets, and
 * path rules in order (specific paths first, the default service's `/*` last).
 */
export function createIngress(name: string, spec: IngressSpec, parent: pulumi.Resource): k8s.networking.v1.Ingress {
  const ordered = [...spec.routes.filter((r) => !r.default), ...spec.routes.filter((r) => r.default)];
  const paths = ordered.flatMap((route) =>
    (route.default ? ["/*"] : route.paths).map((path) => ({
      path,
      // The controller passes ImplementationSpecific paths to the ALB as path patterns (wildcards).
      pathType: "ImplementationSpecific",
      backend: { service: { name: route.service, port: { number: route.port } } },
    })),
  );
  const attributes = [
    `deletion_protection.enabled=${spec.deletionProtection}`,
    "routing.http.drop_invalid_header_fields.enabled=true",
    // WebSockets (seed 001/003) hold connections open; the default 60 s would cut them.
    ...(spec.routes.some((r) => r.websocket) ? ["idle_timeout.timeout_seconds=3600"] : []),
  ];
  return new k8s.networking.v1.Ingress(
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
          "alb.ingress.kubernetes.io/certificate-arn": spec.certificateArn,
          "alb.ingress.kubernetes.io/ssl-policy": albSslPolicy,
          "alb.ingress.kubernetes.io/subnets": pulumi.all([...spec.publicSubnetIds]).apply((ids) => ids.join(",")),
          // The platform's group, not one the controller invents; pod ingress rules are explicit (security-rules.ts).
          "alb.ingress.kubernetes.io/security-groups": spec.securityGroupId,
          "alb.ingress.kubernetes.io/manage-backend-security-group-rules": "false",
          "alb.ingress.kubernetes.io/load-balancer-attributes": attributes.join(","),
          "alb.ingress.kubernetes.io/tags": Object.entries(spec.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(","),
        },
      },
      spec: { ingressClassName: "alb", rules: [{ http: { paths } }] },
    },
    { parent, provider: spec.provider, dependsOn: [...spec.dependsOn] },
  );
}
