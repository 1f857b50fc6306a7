import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { amazonLinux2023Arm64 } from "../shared/ami";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";

export interface NatInstanceArgs {
  /** Names the instance and its Elastic IP `<namePrefix>-nat`. */
  readonly context: StackContext;
  /** A small Graviton type (`platform:network.natInstanceType`, seed 001: t4g.nano). */
  readonly instanceType: string;
  /** A public subnet: the instance reaches the internet gateway directly. */
  readonly subnetId: pulumi.Input<string>;
  /** The security tier's NAT instance group: 80/443 from the workloads, out to the internet. */
  readonly securityGroupId: pulumi.Input<string>;
  /** App route tables, by zone key, whose default route goes through this instance. */
  readonly routeTableIds: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * A single t4g NAT instance for dev (seed 001's cost plan: about $3 a month instead of a $43
 * NAT gateway). Its public address is an Elastic IP, so the instance itself asks for none; it is
 * the only instance of the platform with a public address, and only for egress.
 */
export class NatInstance extends TierComponent {
  readonly instance: aws.ec2.Instance;

  constructor(name: string, args: NatInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("network", "NatInstance", name, opts);
    const parent = { parent: this };
    this.instance = new aws.ec2.Instance(
      name,
      {
        ami: amazonLinux2023Arm64("minimal", parent),
        instanceType: args.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [args.securityGroupId],
        associatePublicIpAddress: false,
        sourceDestCheck: false,
        userData: natUserData,
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
        rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 8 },
        tags: { Name: `${args.context.namePrefix}-nat` },
      },
      { parent: this, ignoreChanges: ["ami"] },
    );
    new aws.ec2.Eip(name, { domain: "vpc", instance: this.instance.id, tags: { Name: `${args.context.namePrefix}-nat` } }, parent);
    for (const [zone, routeTableId] of Object.entries(args.routeTableIds)) {
      new aws.ec2.Route(
        `${name}-route-${zone}`,
        { routeTableId, destinationCidrBlock: "0.0.0.0/0", networkInterfaceId: this.instance.primaryNetworkInterfaceId },
        parent,
      );
    }
    this.registerOutputs({ instanceId: this.instance.id });
  }
}

/** Forwards and masquerades traffic from the private subnets (Amazon Linux 2023, nftables). */
export const natUserData = `#!/bin/bash
set -euo pipefail
dnf install -y iptables-nft
sysctl -w net.ipv4.ip_forward=1
echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-nat.conf
iface=$(ip route show default | awk '{print $5}')
iptables -t nat -A POSTROUTING -o "$iface" -j MASQUERADE
`;
