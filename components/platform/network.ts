import type { PlatformSettings } from "../../model/platform";
import { Network } from "../network";
import { VpcEndpoints } from "../network/endpoints";
import { NatInstance } from "../network/nat-instance";
import type { SecurityGroups } from "../security/groups";
import type { Keys } from "../security/keys";
import type { StackBase } from "./stack";

/** Settings -> the network tier: the VPC, its subnets and routes, NAT gateways and flow logs. */
export function buildNetwork(config: PlatformSettings, { context, opts }: StackBase, keys: Keys): Network {
  return new Network(
    context.namePrefix,
    {
      context,
      vpcCidr: config.network.vpcCidr,
      availabilityZones: config.network.availabilityZones,
      subnets: config.subnetPlan,
      nat: config.network.nat,
      flowLogs: { ...config.network.flowLogs, retentionDays: config.logs.retentionDays, kmsKeyArn: keys.logs.arn, protect: config.dataProtection === "protected" },
    },
    opts,
  );
}

/** The NAT instance (nat `instance`, seed 001's dev egress): after the security groups, whose NAT group it runs in. */
export function buildNatInstance(config: PlatformSettings, { context, opts }: StackBase, network: Network, securityGroups: SecurityGroups): NatInstance | undefined {
  if (config.network.nat !== "instance" || !securityGroups.natInstance) return undefined;
  return new NatInstance(
    `${context.namePrefix}-nat`,
    {
      context,
      instanceType: config.network.natInstanceType,
      subnetId: network.publicSubnetIds[0],
      securityGroupId: securityGroups.natInstance.id,
      routeTableIds: network.appRouteTableIds,
    },
    opts,
  );
}

/** Interface endpoints in the app subnets, behind the endpoints' security group; none when none is asked for. */
export function buildVpcEndpoints(config: PlatformSettings, { context, opts }: StackBase, network: Network, securityGroups: SecurityGroups): VpcEndpoints | undefined {
  const { ecr, logs, secretsManager } = config.network.endpoints;
  if (!ecr && !logs && !secretsManager) return undefined;
  return new VpcEndpoints(
    context.namePrefix,
    { context, vpcId: network.vpcId, subnetIds: network.appSubnetIds, securityGroupId: securityGroups.endpoints.id, ecr, logs, secretsManager },
    opts,
  );
}
