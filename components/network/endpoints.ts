import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";

export interface VpcEndpointsArgs {
  /** The region names each endpoint's service (`com.amazonaws.<region>.<service>`); the prefix names its tag. */
  readonly context: StackContext;
  /** The VPC the endpoints are created in. */
  readonly vpcId: pulumi.Input<string>;
  /** The private app subnets: one endpoint network interface per zone, beside the workloads. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The security tier's endpoints group: HTTPS from the app, Lambda and bastion groups only. */
  readonly securityGroupId: pulumi.Input<string>;
  /** ECR api + dkr: image pulls without NAT. */
  readonly ecr: boolean;
  /** CloudWatch Logs: task and function logs without NAT. */
  readonly logs: boolean;
  /** Secrets Manager: secrets injected at task start without NAT. */
  readonly secretsManager: boolean;
}

/**
 * Interface endpoints with private DNS, in the app subnets, behind the endpoints group. Private
 * DNS makes the services' public names resolve to the endpoints, so workloads need no special
 * configuration, and their AWS calls (image pulls, logs, secrets) stay off the NAT, which costs
 * per gigabyte and which a NAT-less stack does not have at all.
 */
export class VpcEndpoints extends TierComponent {
  readonly endpointIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("network", "VpcEndpoints", name, opts);
    const services = [
      ...(args.ecr ? ["ecr.api", "ecr.dkr"] : []),
      ...(args.logs ? ["logs"] : []),
      ...(args.secretsManager ? ["secretsmanager"] : []),
    ];
    for (const service of services) {
      const key = service.replace(".", "-");
      const endpoint = new aws.ec2.VpcEndpoint(
        `${name}-${key}`,
        {
          vpcId: args.vpcId,
          serviceName: `com.amazonaws.${args.context.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: [...args.subnetIds],
          securityGroupIds: [args.securityGroupId],
          tags: { Name: `${args.context.namePrefix}-${key}` },
        },
        { parent: this },
      );
      this.endpointIds[key] = endpoint.id;
    }
    this.registerOutputs({ endpointIds: this.endpointIds });
  }
}
