import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityRulesSpec {
  /** The EKS cluster security group: on the control plane, the managed nodes and so every pod. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  /** The security tier's groups this tier opens to the cluster. */
  readonly groups: {
    readonly alb: pulumi.Input<string>;
    readonly database: pulumi.Input<string>;
    readonly cache: pulumi.Input<string>;
    readonly endpoints: pulumi.Input<string>;
  };
  readonly databasePort: number;
  readonly cachePort: number;
  /** Container ports the ALB sends to (pods are IP targets). */
  readonly servicePorts: readonly number[];
}

/**
 * Joins the cluster into the platform's security-group matrix, group to group, never CIDRs:
 * the ALB reaches pods on their service ports; pods reach the database, the cache and the VPC
 * endpoints. The cluster group's egress is EKS's default (all outbound).
 */
export function createSecurityRules(name: string, spec: SecurityRulesSpec, parent: pulumi.Resource): void {
  const ingress = (key: string, target: pulumi.Input<string>, port: number, source: pulumi.Input<string>, description: string) =>
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-${key}`,
      { securityGroupId: target, referencedSecurityGroupId: source, ipProtocol: "tcp", fromPort: port, toPort: port, description },
      { parent },
    );
  ingress("database-in-eks", spec.groups.database, spec.databasePort, spec.clusterSecurityGroupId, "database from EKS pods");
  ingress("cache-in-eks", spec.groups.cache, spec.cachePort, spec.clusterSecurityGroupId, "cache from EKS pods");
  ingress("endpoints-in-eks", spec.groups.endpoints, 443, spec.clusterSecurityGroupId, "AWS APIs from EKS nodes and pods");
  for (const port of [...new Set(spec.servicePorts)].sort((a, b) => a - b)) {
    ingress(`eks-in-alb-${port}`, spec.clusterSecurityGroupId, port, spec.groups.alb, `pods from the load balancer on ${port}`);
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-alb-out-eks-${port}`,
      { securityGroupId: spec.groups.alb, referencedSecurityGroupId: spec.clusterSecurityGroupId, ipProtocol: "tcp", fromPort: port, toPort: port, description: `to EKS pods on ${port}` },
      { parent },
    );
  }
}
