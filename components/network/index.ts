import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";
import { SubnetPlan } from "../../model/network/cidr-plan";
import type { NatStrategy, NetworkSettings } from "../../model/network/settings";
import { FlowLogs } from "./flow-logs";

export interface NetworkArgs {
  /** Names and region of the stack: the VPC, subnets and routes are named `<namePrefix>-<role>`. */
  readonly context: StackContext;
  /** The VPC's address range (`platform:network.vpcCidr`), /16 to /24. */
  readonly vpcCidr: string;
  /** Zone names in order; the subnet plan has one CIDR per zone and tier. */
  readonly availabilityZones: readonly string[];
  /** Public, app and data CIDRs, one per zone in zone order: the configured ones or the planner's. */
  readonly subnets: SubnetPlan;
  /** NAT gateways per AZ, a single one, none; `instance` leaves the default route to NatInstance. */
  readonly nat: NatStrategy;
  /** VPC flow logs to CloudWatch Logs (seed 001's network checklist). */
  readonly flowLogs: {
    /** Off: no log group, role or flow log at all. */
    readonly enabled: boolean;
    /** Which traffic is logged (`platform:network.flowLogs.trafficType`). */
    readonly trafficType: NetworkSettings["flowLogs"]["trafficType"];
    /** The log group's retention: the stack's `platform:logs.retentionDays`. */
    readonly retentionDays: number;
    /** Encrypts the log group (the security tier's logs key). */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Pulumi `protect` on the log group (protected environments). */
    readonly protect: boolean;
  };
}

/**
 * VPC with three subnet tiers per AZ. Public subnets route to the internet gateway; app subnets
 * route out through NAT (or not at all); data subnets have only the local route.
 *
 * Plain @pulumi/aws rather than awsx.ec2.Vpc: awsx cannot express a NAT instance or flow logs,
 * and as a remote component its route tables are invisible to offline tests, which must prove
 * that data subnets have no route out.
 */
export class Network extends TierComponent {
  readonly vpc: aws.ec2.Vpc;
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly appSubnetIds: pulumi.Output<string>[];
  readonly dataSubnetIds: pulumi.Output<string>[];
  /** The app tier's route table per zone key (one per AZ, so NAT routes stay zonal). */
  readonly appRouteTableIds: Record<string, pulumi.Output<string>> = {};
  readonly natGateways: aws.ec2.NatGateway[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("network", "Network", name, opts);
    const parent = { parent: this };
    const prefix = args.context.namePrefix;
    const zones = args.availabilityZones.map((zone) => ({ zone, key: zoneKey(zone) }));
    const nameTag = (role: string) => ({ Name: `${prefix}-${role}` });

    this.vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: args.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: nameTag("vpc") },
      parent,
    );
    const vpcId = this.vpc.id;

    const subnet = (tier: keyof SubnetPlan, index: number) =>
      new aws.ec2.Subnet(
        `${name}-${tier}-${zones[index].key}`,
        {
          vpcId,
          cidrBlock: args.subnets[tier][index],
          availabilityZone: zones[index].zone,
          mapPublicIpOnLaunch: false,
          tags: {
            ...nameTag(`${tier}-${zones[index].key}`),
            SubnetTier: tier,
            // Where the AWS Load Balancer Controller may place load balancers.
            ...(tier === "public" ? { "kubernetes.io/role/elb": "1" } : tier === "app" ? { "kubernetes.io/role/internal-elb": "1" } : {}),
          },
        },
        parent,
      );
    const publicSubnets = zones.map((_, i) => subnet("public", i));
    const appSubnets = zones.map((_, i) => subnet("app", i));
    const dataSubnets = zones.map((_, i) => subnet("data", i));

    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId, tags: nameTag("igw") }, parent);
    const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, { vpcId, tags: nameTag("public") }, parent);
    new aws.ec2.Route(`${name}-public-internet`, { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, parent);
    publicSubnets.forEach((s, i) =>
      new aws.ec2.RouteTableAssociation(`${name}-public-${zones[i].key}`, { subnetId: s.id, routeTableId: publicRoutes.id }, parent),
    );

    const natZones = args.nat === "perAz" ? zones : args.nat === "single" ? zones.slice(0, 1) : [];
    this.natGateways = natZones.map(({ key }, i) => {
      const eip = new aws.ec2.Eip(`${name}-nat-${key}`, { domain: "vpc", tags: nameTag(`nat-${key}`) }, parent);
      return new aws.ec2.NatGateway(
        `${name}-nat-${key}`,
        { allocationId: eip.id, subnetId: publicSubnets[i].id, connectivityType: "public", tags: nameTag(`nat-${key}`) },
        { parent: this, dependsOn: [igw] },
      );
    });

    const appRouteTables = zones.map(({ key }, i) => {
      const table = new aws.ec2.RouteTable(`${name}-app-${key}`, { vpcId, tags: nameTag(`app-${key}`) }, parent);
      new aws.ec2.RouteTableAssociation(`${name}-app-${key}`, { subnetId: appSubnets[i].id, routeTableId: table.id }, parent);
      const nat = this.natGateways[args.nat === "perAz" ? i : 0];
      if (nat) {
        new aws.ec2.Route(`${name}-app-${key}-nat`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, parent);
      }
      return table;
    });

    // Data subnets keep only the implicit local route: nothing in them can reach the internet.
    const dataRoutes = new aws.ec2.RouteTable(`${name}-data`, { vpcId, tags: nameTag("data") }, parent);
    dataSubnets.forEach((s, i) =>
      new aws.ec2.RouteTableAssociation(`${name}-data-${zones[i].key}`, { subnetId: s.id, routeTableId: dataRoutes.id }, parent),
    );

    // The S3 gateway endpoint is free and keeps image layers and uploads off the NAT.
    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId,
        serviceName: `com.amazonaws.${args.context.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: appRouteTables.map((t) => t.id),
        tags: nameTag("s3"),
      },
      parent,
    );

    if (args.flowLogs.enabled) {
      new FlowLogs(
        `${name}-flow-logs`,
        {
          context: args.context,
          vpcId,
          trafficType: args.flowLogs.trafficType,
          retentionDays: args.flowLogs.retentionDays,
          kmsKeyArn: args.flowLogs.kmsKeyArn,
          protect: args.flowLogs.protect,
        },
        parent,
      );
    }

    zones.forEach(({ key }, i) => (this.appRouteTableIds[key] = appRouteTables[i].id));
    this.vpcId = vpcId;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.appSubnetIds = appSubnets.map((s) => s.id);
    this.dataSubnetIds = dataSubnets.map((s) => s.id);
    this.registerOutputs({
      vpcId: this.vpcId,
      publicSubnetIds: this.publicSubnetIds,
      appSubnetIds: this.appSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
    });
  }
}

/** `ap-northeast-2a` -> `a`: a stable, index-free key for per-zone children. */
export function zoneKey(zone: string): string {
  return zone.slice(-1);
}
