import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";

export interface VpcEndpointsArgs {
  readonly context: StackContext;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly securityGroupId: pulumi.Input<string>;
  /** ECR api + dkr: image pulls without NAT. */
  readonly ecr: boolean;
  readonly logs: boolean;
  readonly secretsManager: boolean;
}

/** Interface endpoints with private DNS, in the app subnets, behind the endpoints group. */
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
