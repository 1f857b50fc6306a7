import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DataStore } from "../../../model/security/reach";

/** The security tier's groups the EKS variant joins the cluster into. */
export interface SecurityGroupIds {
  /** The load balancer group: reaches pods on their service ports. */
  readonly alb: pulumi.Input<string>;
  /** The database group: admits the pods. */
  readonly database: pulumi.Input<string>;
  /** The cache group: admits the pods. */
  readonly cache: pulumi.Input<string>;
  /** The VPC endpoints' group: admits nodes and pods on 443. */
  readonly endpoints: pulumi.Input<string>;
}

/** A data store the pods are let into, on its port. */
export interface StoreAccess {
  readonly store: DataStore;
  /** The engine's port for the database, 6379 for the cache. */
  readonly port: number;
}

export interface SecurityRulesSpec {
  /** The EKS cluster security group: on the control plane, the managed nodes and so every pod. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  /** The security tier's groups this tier opens to the cluster. */
  readonly groups: SecurityGroupIds;
  /** The stores opened to the cluster group, each on its port (those the services declare). */
  readonly stores: readonly StoreAccess[];
  /** Container ports the ALB sends to (pods are IP targets). */
  readonly servicePorts: readonly number[];
}

/**
 * Joins the cluster into the platform's security-group matrix, group to group, never CIDRs:
 * the ALB reaches pods on their service ports; pods reach the stores the services declare and
 * the VPC endpoints. The cluster group's egress is EKS's default (all outbound).
 */
export function createSecurityRules(name: string, spec: SecurityRulesSpec, parent: pulumi.Resource): void {
  const ingress = (key: string, target: pulumi.Input<string>, port: number, source: pulumi.Input<string>, description: string) =>
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-${key}`,
      { securityGroupId: target, referencedSecurityGroupId: source, ipProtocol: "tcp", fromPort: port, toPort: port, description },
      { parent },
    );
  for (const { store, port } of spec.stores) ingress(`${store}-in-eks`, spec.groups[store], port, spec.clusterSecurityGroupId, `${store} from EKS pods`);
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
